"""Bangs: whether hair covers the forehead.

The hairline (:func:`.hair.hairline`) finds where the forehead's skin ends; a fringe
brings it down to the brows. But bangs are often thin, light or parted, and that scan
stops at the first skin it sees: the rule on its height alone (:data:`.hair.BANGS_FOREHEAD`)
found 12 of the 107 labelled photos with bangs. So a learned model (:mod:`.learned`,
``scripts/fit_measures.py``) reads the forehead band just above the brows as well: how
much of it looks like the skin, and how much like the hair's own color, how dark and how
textured it is, with the hairline's height and the face's presentation (bangs are mostly
women's), and how much of the forehead the hair segmenter sees as hair and as skin, band by
band up to the hairline (:func:`forehead_bands`): a short fringe that stops halfway up the
forehead leaves the band just above the brows bare. Until it is fitted, the rule decides.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .chip import IOD, Chip
from .color import ColorMeasure
from .learned import model
from .parts import SURE

BAND = (0.15, 0.6)
"""The forehead band read, in IOD above the brows' top (between the brows' inner thirds)."""
FOREHEAD_BANDS = ((0.15, 0.4), (0.4, 0.7), (0.7, 1.0), (1.0, 1.3), (1.3, 1.6))
"""The bands of :func:`forehead_bands`, in IOD above the brows' top: from the brows to
past an ordinary hairline (about 1.2 IOD up)."""
_HAIR_LIKE_WEIGHT = np.array([0.5, 1.0, 1.0])
"""CIELAB weights of the hair-or-skin likeness: lightness counts half (shading moves it)."""


def _above_brows(chip: Chip, low: float, high: float) -> slice:
    """The chip rows from ``high`` to ``low`` IOD above the brows' top."""
    brow = chip.brow_top
    return slice(int(max(0.0, brow - high * IOD)), int(max(0.0, brow - low * IOD)))


def _between_brows(chip: Chip, inner: int, outer: int) -> slice:
    """The chip columns from brow landmark ``inner`` of the image-left brow to its mirror
    (19, 24: the brows' inner thirds; 18, 25: their middles)."""
    p = chip.landmarks
    return slice(int(p[inner, 0]), int(p[outer, 0]))


def forehead_bands(chip: Chip, hair_p: NDArray[np.float32] | None,
                   skin_p: NDArray[np.float32] | None) -> NDArray[np.float64]:
    """Per band of :data:`FOREHEAD_BANDS`, what the hair segmenter sees there (its chip-frame
    probabilities of hair, ``hair_p``, and of bare skin, ``skin_p``, :mod:`.parts`): the
    share of hair over :data:`.parts.SURE` between the brows' inner thirds, the mean hair
    probability between their middles (a parted fringe shows beside the part) and the mean
    skin probability between the inner thirds; zeros without the segmenter or where a band
    leaves the chip. Held out by person they found 23 of the faceset's 42 photos with bangs
    where the model without them found 18, 32 of the portraits' 60 where it found 24
    (docs/benchmarks.md, "Bangs up to the hairline")."""
    out = np.zeros(3 * len(FOREHEAD_BANDS))
    if hair_p is None or skin_p is None:
        return out
    inner, wide = _between_brows(chip, 19, 24), _between_brows(chip, 18, 25)
    for k, (low, high) in enumerate(FOREHEAD_BANDS):
        rows = _above_brows(chip, low, high)
        if hair_p[rows, inner].size and hair_p[rows, wide].size:
            out[3 * k: 3 * k + 3] = ((hair_p[rows, inner] > SURE).mean(),
                                     hair_p[rows, wide].mean(), skin_p[rows, inner].mean())
    return out


FRINGE_BAND = (0.1, 1.0)
"""The rows :func:`fringe_shape` reads, in IOD above the brows' top."""
BLUNT_ASYMMETRY = 0.12
BLUNT_COVER = 0.65
"""A fringe is blunt (cut straight across) where :func:`fringe_shape` finds its two sides
covered alike (asymmetry under the first) and the forehead mostly under hair (cover over
the second); otherwise it is swept to one side. Chosen on the fringes of ``../shared``
and the faceset labelled blunt or swept (``benchmarks/data/fringe_labels.csv``): the
best there (14 of 17), in the middle of the asymmetries that tie. Held out by person
(``benchmarks/attributes.py``, "fringe shape") it names 48.7 of the 56 labelled
fringes (the mean over settings that tie), 35.6 of the portraits' 39, a set that chose
nothing; calling every fringe swept names 42."""
FRINGE_CONFIDENCE = 0.8
"""How sure :func:`decide_fringe` is: about its held-out accuracy on the labelled
fringes."""


def fringe_shape(chip: Chip, hair_p: NDArray[np.float32] | None) -> NDArray[np.float64]:
    """The shape of a fringe in the hair segmenter's chip-frame hair probability
    ``hair_p``, over the :data:`FRINGE_BAND`: how unevenly it covers the forehead above
    the two brows (``|left − right| / (left + right)``, 0 for an even cover), its mean
    hair probability from the outer end of one brow to the other, and the side it covers
    more (+1 the image right, −1 the left); NaNs without the segmenter or where the band
    leaves the chip. A blunt fringe covers the forehead evenly and thickly, a swept one
    falls to the brow on one side and leaves skin on the other."""
    if hair_p is None:
        return np.full(3, np.nan)
    rows = _above_brows(chip, *FRINGE_BAND)
    left, right = (hair_p[rows, _between_brows(chip, a, b)] for a, b in ((17, 21), (22, 26)))
    across = hair_p[rows, _between_brows(chip, 17, 26)]
    if not (left.size and right.size):
        return np.full(3, np.nan)
    on_left, on_right = float(left.mean()), float(right.mean())
    return np.array([abs(on_left - on_right) / max(on_left + on_right, 1e-3),
                     float(across.mean()), float(np.sign(on_right - on_left))])


def decide_fringe(shape: NDArray[np.float64], asymmetry: float = BLUNT_ASYMMETRY,
                  cover: float = BLUNT_COVER) -> str:
    """``blunt`` or ``swept`` for a :func:`fringe_shape`, by the thresholds
    (:data:`BLUNT_ASYMMETRY`, :data:`BLUNT_COVER`); ``swept``, the commoner, where it was
    not measured."""
    return "blunt" if shape[0] < asymmetry and shape[1] > cover else "swept"


def fringe_side(shape: NDArray[np.float64]) -> str | None:
    """The side of the image a swept fringe falls to (the side :func:`fringe_shape` finds
    more hair on): ``left`` or ``right``, ``None`` where it was not measured. A mirrored
    selfie shows it on the other side."""
    side = shape[2] if len(shape) > 2 else np.nan
    return None if not np.isfinite(side) or side == 0 else "right" if side > 0 else "left"


def bangs_vector(chip: Chip, hair: ColorMeasure, skin: ColorMeasure,
                 skin_like: NDArray[np.bool_], person: NDArray[np.float32], forehead: float,
                 female: float, hair_p: NDArray[np.float32] | None = None,
                 skin_p: NDArray[np.float32] | None = None) -> NDArray[np.float64]:
    """What the bangs model reads: the hairline's height ``forehead`` (IOD), and over the
    :data:`BAND`: the share of ``skin_like`` pixels, the share nearer the ``hair``'s color
    than the ``skin``'s, the median and 25th-percentile L* less the skin's, the share over
    15 L* darker than the skin, the median texture, the person's share; ``female``; the
    band's share that the hair segmenter calls hair (``hair_p``, its chip-frame hair
    probability, :mod:`.parts`; 0 without it); then :func:`forehead_bands` (``skin_p``:
    the segmenter's bare-skin probability)."""
    bands = forehead_bands(chip, hair_p, skin_p)
    rows, cols = _above_brows(chip, *BAND), _between_brows(chip, 19, 24)
    lab = chip.lab[rows, cols].reshape(-1, 3)
    if len(lab) == 0:
        return np.array([forehead, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, female, 0.0, *bands])
    ref = np.asarray(skin.lab, np.float64)
    # where no hair was seen, compare with a hair 30 L* darker than the skin
    color = np.asarray(hair.lab, np.float64) if hair.confidence > 0 else ref - [30.0, 0, 0]
    to_hair = np.linalg.norm((lab - color) * _HAIR_LIKE_WEIGHT, axis=1)
    to_skin = np.linalg.norm((lab - ref) * _HAIR_LIKE_WEIGHT, axis=1)
    light = lab[:, 0] - ref[0]
    return np.array([
        forehead, float(skin_like[rows, cols].mean()), float((to_hair < to_skin).mean()),
        float(np.median(light)), float(np.percentile(light, 25)), float((light < -15.0).mean()),
        float(np.median(chip.texture[rows, cols])), float((person[rows, cols] > 0.5).mean()),
        female, float((hair_p[rows, cols] > SURE).mean()) if hair_p is not None else 0.0,
        *bands,
    ])


def decide_bangs(vector: NDArray[np.float64], by_rule: bool) -> tuple[bool, float]:
    """Whether the forehead is under bangs, and how sure: the learned model on
    :func:`bangs_vector`, or ``by_rule`` (sure 0.5) where no model is fitted."""
    learned = model("bangs")
    if learned is None:
        return by_rule, 0.5
    name, sure = learned.predict(vector)
    return name == "bangs", sure
