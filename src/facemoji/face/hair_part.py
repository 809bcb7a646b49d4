"""Where hair to the chin or longer is parted: in the ``center``, or off center on the image's
``left`` or ``right``.

In the hair segmenter's chip-frame hair probability, the hairline above the forehead is an
arch: parted in the middle it peaks over the nose and falls evenly to both temples;
parted on one side it peaks at the part and the hair swept over from it covers the
forehead's top on the other side (:func:`part_shape`). Labelled by eye on every photo of
the three sets with hair to the chin or longer, no bangs and a bare head
(``benchmarks/data/hair_part_labels.csv``); the thresholds of :func:`decide_part` were the
best on ``../shared`` and the faceset and are reported held out by person by
``benchmarks/attributes.py`` ("hair part").
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .chip import IOD, Chip
from .parts import SURE

ACROSS = 0.8
"""The columns read: within this many IOD either side of the nose bridge."""
HIGHEST = 2.5
"""How far above the brows (IOD) the hairline is looked for."""
SMOOTH = 0.15
"""The hairline's heights are averaged over this many IOD of columns (a strand's gap)."""
PEAK_OFF = 0.2
SLANT = 0.3
"""A part is off center where the hairline's peak is this many IOD or more from the nose
bridge, or where one half of the forehead is this many IOD higher than the other: the best
on the agreed labels of ``../shared`` and the faceset (75 of 104 right, center against
either side; 84 center against a side)."""
PARTS = ("center", "left", "right")
PART_CONFIDENCE = 0.7
"""How sure :func:`decide_part` is, as a trait's confidence: about its accuracy held out by
person at center against a side (59–81% on the three sets); where the labels and it both
see a side part, the side is right 61 times in 73."""


def part_shape(chip: Chip, hair_p: NDArray[np.float32] | None) -> NDArray[np.float64]:
    """``[peak, slant]``: where the hairline above the forehead is highest, in IOD from the
    nose bridge (+ to the image's right), and how much higher (IOD) its right half is than
    its left. The hairline's height in a column is how far above the brows its lowest
    hair pixel (probability over :data:`.parts.SURE`) starts. NaNs without the segmenter or
    where too few columns show a hairline."""
    if hair_p is None:
        return np.full(2, np.nan)
    p = chip.landmarks
    brow = int(chip.brow_top)
    middle = float(p[27:31, 0].mean())
    top = max(0, int(brow - HIGHEST * IOD))
    offsets, heights = [], []
    for column in range(int(middle - ACROSS * IOD), int(middle + ACROSS * IOD) + 1):
        if not 0 <= column < hair_p.shape[1]:
            continue
        hair = hair_p[top:brow, column] > SURE
        if not hair.any():
            continue
        lowest = top + len(hair) - 1 - int(np.argmax(hair[::-1]))
        offsets.append((column - middle) / IOD)
        heights.append((brow - lowest) / IOD)
    if len(heights) < ACROSS * IOD:  # under half the columns
        return np.full(2, np.nan)
    x, h = np.asarray(offsets), np.asarray(heights)
    width = max(1, int(SMOOTH * IOD))
    smooth = np.convolve(h, np.ones(width) / width, mode="same")
    right, left = h[x > 0.1], h[x < -0.1]
    slant = float(right.mean() - left.mean()) if right.size and left.size else np.nan
    return np.array([float(x[int(np.argmax(smooth))]), slant])


def decide_part(shape: NDArray[np.float64], peak_off: float = PEAK_OFF,
                slant: float = SLANT) -> str | None:
    """One of :data:`PARTS` for a :func:`part_shape`, ``None`` where it was not measured.
    Off center, the side is the peak's (the slant's where the peak is near the middle)."""
    peak, tilt = shape
    if not (np.isfinite(peak) and np.isfinite(tilt)):
        return None
    if abs(peak) >= peak_off:
        return "right" if peak > 0 else "left"
    if abs(tilt) >= slant:
        return "right" if tilt > 0 else "left"
    return "center"
