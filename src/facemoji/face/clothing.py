"""What the person wears below the chin: its main color, and whether it is a jacket over a
light shirt.

In the tall portrait view (:mod:`.portrait`), clothing is the person's pixels from
:data:`TOP` inter-ocular distances below the eyes (below the chin and neck) down to the
view's bottom that are neither skin nor hair colored. The main color is the median of the
outer part (the shoulders, where a jacket shows); the middle column under the chin is
checked for a light shirt and a much darker outer layer: a jacket. Long hair falls over the
shoulders, so for long hair the hair's color is kept out as well.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .color import ColorMeasure, lab_measure
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


@dataclass(frozen=True)
class Clothing:
    """The main clothing ``color`` (confidence 0 where too little shows) and ``jacket``:
    a light shirt under a darker outer layer."""

    color: ColorMeasure
    jacket: bool


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
    if main.sum() < 20:
        return Clothing(lab_measure(np.empty((0, 3)), 0.0), False)
    color = lab_measure(view.lab[main], confidence)
    jacket = False
    if middle.sum() >= 20 and outer.sum() >= 40:
        shirt = float(np.percentile(view.lab[middle][:, 0], 75))  # a tie covers part
        jacket = shirt >= SHIRT_L and shirt - color.lab[0] >= JACKET_DL
    return Clothing(color, jacket)
