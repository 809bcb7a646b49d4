"""Headwear: whether something covers the top of the head (a cap, hat, scarf, turban).

Hair and a hat both sit above the brows; what tells them apart is how they look against
the face: hair is the brows' color (unless gray), finely textured and ends in a curved
hairline, while a cap or hat is one smooth color of its own with a straight lower edge, and
a scarf goes on down beside the cheeks. :func:`headwear_features` measures those few
things in the chip frame; a logistic model fitted on the labelled photos
(:mod:`.learned`, ``scripts/fit_measures.py``) weighs them, and :func:`decide_headwear`
names the kind: a ``headscarf`` where the covering reaches down beside the face (its
color, or a light one), else a ``hat``. A tiara, a thin headband or a skull cap leave the
hair showing and count as none.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass

import numpy as np
from numpy.typing import NDArray

from .chip import IOD, Chip
from .color import ColorMeasure, chroma, lab_measure, to_lab
from .hair import LIT_STRANDS, QUANTILES
from .parts import SURE

PERSON = 0.5
"""The person probability over which a pixel belongs to the head."""
_SAME = 15.0  # CIELAB distance within which a pixel beside the face matches the covering

SCARF_SIDES = 0.3
"""The share of the bands beside the cheeks colored like the covering, or lighter than the
skin, from which it is a ``headscarf`` (it goes on down beside the face) rather than a
``hat``. A round number, not fitted: the labelled photos name scarves and turbans
together."""


@dataclass(frozen=True)
class HeadwearFeatures:
    """What the headwear model reads. The *cover* is the person's pixels above the brows
    (from 0.25 to 1.6 IOD over them, within 0.9 IOD of the nose) that are not skin-colored.

    ``brow_distance``: CIELAB distance of the cover's median color from the brows'.
    ``chroma``: the cover's median C*. ``lightness``: its median L* less the skin's.
    ``spread``: the interquartile range of its L*. ``texture``: its median
    :attr:`.Chip.texture` (hair has strands; felt and cotton are smooth).
    ``cover``: the share of the crown's person pixels that are not skin.
    ``height``: how far the head's top is above the brows, and ``width``: how wide the head
    is 1 IOD above them (IOD; a hat is taller and a brim wider than hair).
    ``line``: how uneven the lower edge of the cover is across the forehead (IOD; a brim is
    straight). ``sides``: the share of the bands beside the cheeks that are colored like the
    cover (a scarf), ``side_brows`` how much of it is colored like the brows (hair), and
    ``side_light`` how much of it is the person's and over 10 L* lighter than the skin (a
    light scarf around a face whose front hair shows: few heads of hair are that light).
    ``parts_hair`` and ``parts_worn``: the shares of the crown's person pixels that the
    hair segmenter (:mod:`.parts`) calls hair, and clothes or accessories (0 without it).
    """

    brow_distance: float
    chroma: float
    lightness: float
    spread: float
    texture: float
    cover: float
    height: float
    width: float
    line: float
    sides: float
    side_brows: float
    side_light: float
    parts_hair: float = 0.0
    parts_worn: float = 0.0

    def vector(self) -> NDArray[np.float64]:
        """The features in field order, for the model."""
        return np.array(astuple(self), np.float64)


NONE = HeadwearFeatures(0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
"""The features of a photo whose crown shows nothing above the brows."""


def _near(lab: NDArray[np.float64], ref: NDArray[np.float64]) -> NDArray[np.bool_]:
    return np.linalg.norm(lab - ref, axis=-1) < _SAME


def _sides(chip: Chip) -> NDArray[np.bool_]:
    """The bands beside the cheeks, from the eyes down to the mouth, half an IOD wide."""
    p = chip.landmarks
    w = chip.valid.shape[1]
    sides = np.zeros(chip.valid.shape, bool)
    y0, y1 = int(p[36:48, 1].mean()), int(p[3, 1])
    for x0, x1 in ((p[1, 0] - 0.5 * IOD, p[1, 0] - 0.05 * IOD),
                   (p[15, 0] + 0.05 * IOD, p[15, 0] + 0.5 * IOD)):
        sides[y0:y1, int(max(0, x0)): int(min(w, x1))] = True
    return sides & chip.valid


def _crown(chip: Chip, person: NDArray[np.float32]) -> NDArray[np.bool_]:
    """The person's pixels from 0.25 to 1.6 IOD above the brows, within 0.9 IOD of the nose."""
    cx, brow = chip.midline, chip.brow_top
    crown = np.zeros(chip.valid.shape, bool)
    crown[int(max(0, brow - 1.6 * IOD)): int(max(0, brow - 0.25 * IOD)),
          int(max(0, cx - 0.9 * IOD)): int(max(0, cx + 0.9 * IOD))] = True
    return crown & (person > PERSON) & chip.valid


def hat(chip: Chip, kind: str, skin: ColorMeasure, skin_like: NDArray[np.bool_],
        person: NDArray[np.float32], gains: NDArray[np.floating], confidence: float
        ) -> tuple[NDArray[np.bool_], ColorMeasure]:
    """Where headwear of ``kind`` that :func:`decide_headwear` found is, and its color
    (with ``confidence``). A hat: the cover's (see :class:`HeadwearFeatures`) median
    color; a headscarf: that of the light pixels beside the cheeks where they are many
    (the scarf around a face whose front hair shows), else of those colored like the
    cover. The color is the photo's own, before the white balance ``gains`` the chip
    carries (a white cap came out pale blue), as the clothing's is. The pixels: those the
    color was taken from, and every pixel colored like it (a brim reaches past the crown)."""
    cover = _crown(chip, person) & ~skin_like
    pixels = cover
    if kind == "headscarf":
        sides = _sides(chip)
        beside = sides & (person > PERSON) & ~skin_like
        light = beside & (chip.lab[..., 0] > skin.lab[0] + 10)
        if light.sum() >= SCARF_SIDES * sides.sum():
            pixels = light
        elif cover.any():
            pixels = beside & _near(chip.lab, np.median(chip.lab[cover], axis=0))
    if not pixels.any():
        return pixels, lab_measure(chip.lab[pixels], 0.0)
    balanced = lab_measure(chip.lab[pixels], confidence)
    photo = to_lab(np.clip(chip.rgb[pixels] / np.asarray(gains, np.float32), 0, 1))
    return pixels | _near(chip.lab, np.asarray(balanced.lab)), lab_measure(photo, confidence)


def headwear_features(chip: Chip, skin: ColorMeasure, brows: ColorMeasure,
                      skin_like: NDArray[np.bool_], person: NDArray[np.float32],
                      hair_p: NDArray[np.float32] | None = None,
                      worn_p: NDArray[np.float32] | None = None) -> HeadwearFeatures:
    """Measure :class:`HeadwearFeatures`. ``skin_like`` marks the skin-colored pixels
    (:func:`.hair.skin_likeness`), ``person`` is the chip-frame person probability, and
    ``hair_p`` and ``worn_p`` the hair segmenter's probabilities of hair, and of clothes or
    accessories, there (:mod:`.parts`)."""
    cx, brow = chip.midline, chip.brow_top
    head = (person > PERSON) & chip.valid
    crown = _crown(chip, person)
    cover = crown & ~skin_like
    if cover.sum() < 30:
        return NONE
    lab = chip.lab[cover]
    median = np.median(lab, axis=0)

    column = head[:, int(cx - 0.3 * IOD): int(cx + 0.3 * IOD)].any(axis=1)
    top = float(np.argmax(column)) if column.any() else brow
    row = head[int(max(0, brow - IOD))]
    # the lower edge of the cover: per column, the lowest cover pixel above the brows
    cols = np.arange(int(cx - 0.5 * IOD), int(cx + 0.5 * IOD))
    below = cover[:, cols]
    has = below.any(axis=0)
    edge = (below.shape[0] - 1 - np.argmax(below[::-1], axis=0))[has]
    line = float(np.std(edge)) / IOD if len(edge) > 3 else 0.0

    sides = _sides(chip)
    side_lab = chip.lab[sides & head & ~skin_like]
    n_side = max(1, int(sides.sum()))
    return HeadwearFeatures(
        brow_distance=float(np.linalg.norm(median - np.asarray(brows.lab))),
        chroma=float(chroma(median[None])[0]),
        lightness=float(median[0] - skin.lab[0]),
        spread=float(np.subtract(*np.percentile(lab[:, 0], [75, 25]))),
        texture=float(np.median(chip.texture[cover])),
        cover=float(cover.sum() / crown.sum()),
        height=(brow - top) / IOD,
        width=float(row.sum()) / IOD,
        line=line,
        sides=float(_near(side_lab, median).sum()) / n_side,
        side_brows=float(_near(side_lab, np.asarray(brows.lab)).sum()) / n_side,
        side_light=float((side_lab[:, 0] > skin.lab[0] + 10).sum()) / n_side,
        parts_hair=float((hair_p[crown] > SURE).mean()) if hair_p is not None else 0.0,
        parts_worn=float((worn_p[crown] > SURE).mean()) if worn_p is not None else 0.0,
    )


def headwear_vector(f: HeadwearFeatures, hair: NDArray[np.float64]) -> NDArray[np.float64]:
    """The headwear model's input: :class:`HeadwearFeatures` and, from the hair-color
    features (:func:`.hair.hair_features`), the lightness quantiles and the lit-strand
    color of what was taken for hair (a cap's cloth is evenly lit; hair has highlights)."""
    return np.concatenate([f.vector(), hair[:len(QUANTILES)], hair[LIT_STRANDS]])


def decide_headwear(f: HeadwearFeatures, hair: NDArray[np.float64]) -> tuple[str, float]:
    """``none | hat | headscarf`` and a confidence: whether the head is covered by the
    learned model of :mod:`.learned` on :func:`headwear_vector` (``none`` at 0.5 before it
    is fitted), the kind by :data:`SCARF_SIDES`."""
    from .learned import model

    covered = model("headwear")
    if covered is None:
        return "none", 0.5
    found, sure = covered.predict(headwear_vector(f, hair))
    if found == "none":
        return "none", sure
    scarf = max(f.sides, f.side_light) >= SCARF_SIDES
    return ("headscarf" if scarf else "hat"), sure
