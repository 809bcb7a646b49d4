"""What the person wears below the chin: its main color, whether it is a jacket over a
shirt or top, the color of what shows under the jacket, and a tie.

In the tall portrait view (:mod:`.portrait`), clothing is the person's pixels from
:data:`TOP` inter-ocular distances below the eyes (below the chin and neck) down to the
view's bottom that are neither skin nor hair colored. The main color is the median of the
outer part (the shoulders, where a jacket shows). Long hair falls over the shoulders, so
for long hair the hair's color is kept out as well. Whether it is a jacket is a learned
model (:mod:`.learned`, ``scripts/fit_measures.py``, fitted on the labels of
``benchmarks/data/jacket_labels.csv``) over the lightness and color of three column bands
and the shirt front's (:func:`jacket_vector`); until it is fitted, a light shirt in the
middle column under a much darker outer layer is a jacket.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from .color import UNKNOWN, ColorMeasure, chroma, lab_measure
from .hair import shaded_skin
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


TIE_BAND = 0.12
"""Inter-ocular distances either side of the face's middle where a tie's blade hangs."""
SHIRT_BAND = (0.2, 0.45)
"""The columns beside it (IOD from the middle), where the shirt shows around a tie."""
TIE_ROWS = (2.0, 3.6)
"""The rows a tie is looked for in, IOD below the eyes: from the collar (the knot) down."""
TIE_DE = 15.0
"""The pixels of the middle column at least this far (ΔE*ab) from the sides' median count
as the blade (the tie model's color inputs)."""
FRONT = 0.35
"""Inter-ocular distances either side of the middle where the tie's color is looked for: a
tie hangs off the face's middle when the head turns or tilts."""
SHIRT_PIXELS = 60
"""The fewest pixels of the front, neither skin, jacket- nor tie-colored, that give a shirt
color: on a contact sheet of 36 photos in jackets, the two shirts measured in the color of
the chest above an open neckline had fewer."""
SHIRT_CHROMA = 20.0
"""The most chroma (C*ab) a measured top under a jacket may have: shirts and tops worn under
jackets are white, pale blue or pink, gray or black; a vivid color there is a tie the tie
model missed (a red one painted the shirt red on a contact sheet of such photos)."""
SAME_TOP = 0.8
"""The share of the front's clothing in the jacket's color from which the top under the
jacket is taken to be of that color: a jacket leaves the shirt front open, and where next
to nothing else shows, a top of its color fills the opening."""
TIE_COLOR_DE = 20.0
"""The tie's color is the median of the front's pixels at least this far (ΔE*ab) from both
the jacket's color and the shirt's (the lightest fifth of the front): a red tie on a light
blue shirt under a navy jacket came out light blue, or a muddy mix, from the middle column
alone."""


@dataclass(frozen=True)
class Clothing:
    """The main clothing ``color`` (confidence 0 where too little shows), ``jacket``
    (a jacket, blazer or coat over a shirt or top), ``features``, the jacket model's input
    (:func:`clothing_vector`), ``tie`` (a necktie), ``tie_color`` (UNKNOWN without one),
    ``tie_features``, the tie model's input (:func:`tie_vector`), and ``shirt`` the color of
    what shows under a jacket (:func:`shirt_paint`; UNKNOWN without a jacket, or where
    nothing else shows)."""

    color: ColorMeasure
    jacket: bool
    features: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    tie: bool = False
    tie_color: ColorMeasure = UNKNOWN
    tie_features: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    shirt: ColorMeasure = UNKNOWN


def measure_clothing(view: PortraitView, skin: ColorMeasure, chest: NDArray[np.float64],
                     hair: ColorMeasure | None = None, grayscale: bool = False) -> Clothing:
    """The :class:`Clothing` of the person in ``view``, given their ``skin`` color, what the
    hair segmenter sees on their ``chest`` (:func:`.parts.chest_features`) and, when their
    hair falls over the shoulders, its ``hair`` color (kept out too); a ``grayscale``
    photo's tie and jacket are decided by the models fitted on black-and-white copies
    (:func:`.learned.model`)."""
    weight = np.array([0.5, 1.0, 1.0])
    not_skin = np.linalg.norm((view.lab - np.asarray(skin.lab)) * weight, axis=2) > SKIN_DE
    wearing = (view.person > 0.5) & view.inside & not_skin
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
    front = shirt_front(view, not_skin)
    tie_f, blade = tie_vector(view, front)
    tie_model = model("tie", grayscale)
    tie = tie_model is not None and blade.any() and tie_model.predict(tie_f)[0] == "tie"
    if main.sum() < 20:
        tie_color = lab_measure(view.lab[blade], 1.0) if tie else UNKNOWN
        return Clothing(lab_measure(np.empty((0, 3)), 0.0), False, features, tie, tie_color,
                        tie_f)
    color = lab_measure(view.lab[main], confidence)
    tie_color = tie_paint(view, front, color, blade) if tie else UNKNOWN
    learned = model("jacket", grayscale)
    if learned is not None:
        jacket = learned.predict(jacket_vector(features, tie_f, chest))[0] == "jacket"
    else:
        jacket = False
        if middle.sum() >= 20 and outer.sum() >= 40:
            shirt_l = float(np.percentile(view.lab[middle][:, 0], 75))  # a tie covers part
            jacket = shirt_l >= SHIRT_L and shirt_l - color.lab[0] >= JACKET_DL
    shirt = (shirt_paint(view, front, skin, color, tie_color if tie else None) if jacket
             else UNKNOWN)
    return Clothing(color, jacket, features, tie, tie_color, tie_f, shirt)


def shirt_paint(view: PortraitView, front: NDArray[np.bool_], skin: ColorMeasure,
                jacket: ColorMeasure, tie: ColorMeasure | None) -> ColorMeasure:
    """The color of what shows under a jacket: within :data:`FRONT` of the middle of the
    :func:`shirt_front`, the median of the pixels that are not the skin in light or shade
    (:func:`.hair.shaded_skin`: an open neckline shows the chest) nor within
    :data:`TIE_COLOR_DE` of the ``jacket``'s color or of the ``tie``'s (where one was
    found). UNKNOWN where fewer than :data:`SHIRT_PIXELS` are left (a jacket closed to the
    collar) or the color is more vivid than :data:`SHIRT_CHROMA`. Where :data:`SAME_TOP`
    of the clothing there has the jacket's color, the top under it is taken to have it
    too (a black turtleneck under a black jacket), at confidence 0.5. A white shirt was
    drawn under every jacket before, under black T-shirts and turtlenecks too."""
    lab = _front_middle(view, front)
    cloth = ~shaded_skin(lab, skin)
    if tie is not None:
        cloth &= np.linalg.norm(lab - np.asarray(tie.lab), axis=1) > TIE_COLOR_DE
    keep = cloth & (np.linalg.norm(lab - np.asarray(jacket.lab), axis=1) > TIE_COLOR_DE)
    if keep.sum() >= SHIRT_PIXELS:
        shirt = lab_measure(lab[keep], min(1.0, keep.sum() / (4 * SHIRT_PIXELS)))
        return shirt if chroma(np.asarray(shirt.lab)) <= SHIRT_CHROMA else UNKNOWN
    if cloth.sum() >= SHIRT_PIXELS and keep.sum() <= (1 - SAME_TOP) * cloth.sum():
        return dataclasses.replace(jacket, confidence=0.5)  # a top of the jacket's color
    return UNKNOWN


def _tie_rows(view: PortraitView) -> NDArray[np.bool_]:
    """The view's rows of :data:`TIE_ROWS`, as a mask."""
    rows = np.zeros(view.inside.shape, bool)
    rows[view.below_eyes(TIE_ROWS[0]):view.below_eyes(TIE_ROWS[1])] = True
    return rows


def shirt_front(view: PortraitView, not_skin: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The person's pixels in the rows of :data:`TIE_ROWS` that show the photo and are not
    skin: where a tie and the shirt around it are looked for."""
    return _tie_rows(view) & (view.person > 0.5) & view.inside & not_skin


def _front_middle(view: PortraitView, front: NDArray[np.bool_]) -> NDArray[np.float64]:
    """The CIELAB pixels ``(N, 3)`` of ``front`` within :data:`FRONT` of the middle: where
    the tie's and the shirt's colors are read."""
    return view.lab[front & (view.off_center()[None, :] < FRONT)]


def tie_paint(view: PortraitView, front: NDArray[np.bool_], jacket: ColorMeasure,
              blade: NDArray[np.bool_]) -> ColorMeasure:
    """The color of a tie that was found: within :data:`FRONT` of the middle of the
    :func:`shirt_front`, the median of the pixels not within :data:`TIE_COLOR_DE` of the
    ``jacket``'s color or of the shirt's; the ``blade`` pixels' median where fewer than 10
    are left."""
    lab = _front_middle(view, front)
    if len(lab) >= 10:
        shirt = np.median(lab[lab[:, 0] >= np.percentile(lab[:, 0], 80)], axis=0)
        tie = lab[(np.linalg.norm(lab - np.asarray(jacket.lab), axis=1) > TIE_COLOR_DE)
                  & (np.linalg.norm(lab - shirt, axis=1) > TIE_COLOR_DE)]
        if len(tie) >= 10:
            return lab_measure(tie, 1.0)
    return lab_measure(view.lab[blade], 1.0)


def tie_vector(view: PortraitView, front: NDArray[np.bool_]
               ) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """The tie model's input and the pixels that show the tie's color: of the
    :func:`shirt_front`, the middle column (:data:`TIE_BAND`, the blade) and the columns
    beside it (:data:`SHIRT_BAND`, the shirt). The numbers: the share of the middle column
    that is shirt front, the medians' L*, a*, b* of the middle and of the sides, their
    distance (ΔE*ab), the middle's chroma and the spread of its L* (patterns, a knot's
    shading); zeros where the middle shows too little. The pixels: the middle's that
    stand out from the sides by :data:`TIE_DE` (all the middle's where none do)."""
    off = view.off_center()[None, :]
    middle = front & (off < TIE_BAND)
    sides = front & (off >= SHIRT_BAND[0]) & (off < SHIRT_BAND[1])
    band = _tie_rows(view) & (off < TIE_BAND) & view.inside
    if middle.sum() < 10 or sides.sum() < 10:
        return np.zeros(11), np.zeros_like(middle)
    mid, side = np.median(view.lab[middle], axis=0), np.median(view.lab[sides], axis=0)
    spread = np.subtract(*np.percentile(view.lab[middle][:, 0], [75, 25]))
    blade = middle & (np.linalg.norm(view.lab - side, axis=2) >= TIE_DE)
    return np.array([middle.sum() / max(band.sum(), 1), *mid, *side,
                     float(np.linalg.norm(mid - side)), float(np.hypot(mid[1], mid[2])),
                     float(spread), float(sides.sum() / max(middle.sum(), 1))],
                    np.float64), (blade if blade.sum() >= 5 else middle)


def jacket_vector(clothing: NDArray[np.float64], tie: NDArray[np.float64],
                  chest: NDArray[np.float64]) -> NDArray[np.float64]:
    """The jacket model's input: :func:`clothing_vector` and :func:`tie_vector`'s numbers (a
    shirt front with a tie, or a light shirt between darker lapels, is a jacket's opening),
    and what the hair segmenter sees on the chest (:func:`.parts.chest_features`). The
    tie's numbers took the model from 72.7% to 74.9% on the faceset and from 73.7% to
    76.8% on ``../shared``, held out by person; the segmenter's from 73.8% to 79.6% and
    from 76.8% to 79.8% (docs/benchmarks.md, "The segmenter sees a jacket")."""
    return np.concatenate([clothing, tie, chest])


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
