"""What the person wears below the chin: its main color, and whether it is a jacket over a
shirt or top.

In the tall portrait view (:mod:`.portrait`), clothing is the person's pixels from
:data:`TOP` inter-ocular distances below the eyes (below the chin and neck) down to the
view's bottom that are neither skin nor hair colored. The main color is the median of the
outer part (the shoulders, where a jacket shows). Long hair falls over the shoulders, so
for long hair the hair's color is kept out as well. Whether it is a jacket is a learned
model (:mod:`.learned`, ``scripts/fit_measures.py``, fitted on the labels of
``benchmarks/data/jacket_labels.csv``) over the lightness and color of three column bands
(:func:`clothing_vector`); until it is fitted, a light shirt in the middle column under a
much darker outer layer is a jacket.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from .color import ColorMeasure, lab_measure
from .learned import model
from .portrait import PortraitView

TOP = 2.6
"""Inter-ocular distances below the eyes where clothing starts to be looked for: below the
chin and the collar (at 3.0, a press photo's frame often ended before any clothing)."""
SKIN_DE = 14.0
"""Pixels closer than this (ΔE*ab, L* halved) to the skin color are skin, not clothing."""
SHIRT_L = 65.0
"""A middle column lighter than this over a much darker outer part is a shirt under a
jacket."""
JACKET_DL = 25.0
"""How much darker (L*) the outer part must be than a light shirt to be a jacket."""


BANDS = ((0.0, 0.3), (0.3, 0.7), (0.8, np.inf))
"""The column bands :func:`clothing_vector` describes, in inter-ocular distances from the
face's middle: under the chin (shirt, tie, a jacket's opening), beside it (lapels), the
shoulders."""


@dataclass(frozen=True)
class Clothing:
    """The main clothing ``color`` (confidence 0 where too little shows), ``jacket``
    (a jacket, blazer or coat over a shirt or top) and ``features``, the jacket model's
    input (:func:`clothing_vector`)."""

    color: ColorMeasure
    jacket: bool
    features: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))


def measure_clothing(view: PortraitView, skin: ColorMeasure, hair: ColorMeasure | None = None
                     ) -> Clothing:
    """The :class:`Clothing` of the person in ``view``, given their ``skin`` color and,
    when their hair falls over the shoulders, its ``hair`` color (kept out too)."""
    weight = np.array([0.5, 1.0, 1.0])
    to_skin = np.linalg.norm((view.lab - np.asarray(skin.lab)) * weight, axis=2)
    wearing = (view.person > 0.5) & view.inside & (to_skin > SKIN_DE)
    if hair is not None:
        wearing &= np.linalg.norm((view.lab - np.asarray(hair.lab)) * weight, axis=2) > SKIN_DE
    wearing[: view.below_eyes(TOP)] = False
    off = view.off_center()[None, :]
    outer = wearing & (off > 0.8)
    middle = wearing & (off < 0.5)
    area = wearing.sum() / (view.lab.shape[0] * view.lab.shape[1])
    confidence = float(min(1.0, area / 0.08))
    main = outer if outer.sum() >= 40 else wearing
    features = clothing_vector(view, wearing)
    if main.sum() < 20:
        return Clothing(lab_measure(np.empty((0, 3)), 0.0), False, features)
    color = lab_measure(view.lab[main], confidence)
    learned = model("jacket")
    if learned is not None:
        return Clothing(color, learned.predict(features)[0] == "jacket", features)
    jacket = False
    if middle.sum() >= 20 and outer.sum() >= 40:
        shirt = float(np.percentile(view.lab[middle][:, 0], 75))  # a tie covers part
        jacket = shirt >= SHIRT_L and shirt - color.lab[0] >= JACKET_DL
    return Clothing(color, jacket, features)


def clothing_vector(view: PortraitView, wearing: NDArray[np.bool_]) -> NDArray[np.float64]:
    """The jacket model's input (:mod:`.learned`): per column band of :data:`BANDS`, the
    share of its rows' pixels that are clothing, the 25th, 50th and 75th percentiles of
    their L*, their median chroma and the share lighter than L* 70 (a shirt); zeros for a
    band with next to no clothing. (Adding each band's median a* and b*, its mean lightness
    gradient and the middle band's color difference from the shoulders did no better held
    out by person: docs/benchmarks.md.)"""
    off = view.off_center()[None, :]
    rows = np.zeros(wearing.shape, bool)
    rows[view.below_eyes(TOP):] = True
    out = []
    for lo, hi in BANDS:
        band = rows & (off >= lo) & (off < hi)
        mask = wearing & band
        if mask.sum() < 10:
            out += [0.0] * 6
            continue
        lab = view.lab[mask]
        out += [float(mask.sum() / max(band.sum(), 1)),
                *np.percentile(lab[:, 0], [25, 50, 75]),
                float(np.median(np.hypot(lab[:, 1], lab[:, 2]))), float((lab[:, 0] > 70).mean())]
    return np.array(out, np.float64)
