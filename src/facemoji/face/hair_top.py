"""How full short hair is on top: ``close`` (a buzz or close crop), ``medium`` or ``full``
(lifted, spiky or thick hair that rises well above the skull).

In the hair segmenter's chip-frame hair probability, each column near the face's middle
has a run of hair from the top of the head down to the hairline; how tall that run is,
in inter-ocular distances, is how much hair stands on the skull (:func:`top_thickness`).
A head tipped forward shows more of the crown, so the run's top alone says little; its
length, from the hairline up, moves less with the pose. Labelled by eye on every short
haired man's photo of the three sets (``benchmarks/data/hair_top_labels.csv``); the two
thresholds of :func:`decide_top` were the best on ``../shared`` and the faceset (137 of
201 agreed labels) and are reported held out by person by ``benchmarks/attributes.py``
("hair top"; docs/benchmarks.md, "How full short hair is on top").
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .chip import IOD, Chip
from .parts import SURE

MIDDLE = 0.5
"""The columns read: within this many IOD either side of the nose bridge."""
CLOSE_BELOW = 0.35
FULL_ABOVE = 0.9
"""A run of hair (:func:`top_thickness`, IOD) under the first is a close crop, over the
second full hair; between them, medium."""
TOPS = ("close", "medium", "full")
TOP_CONFIDENCE = 0.6
"""How sure :func:`decide_top` is, as a trait's confidence: a little under its accuracy held
out by person (67–71% on the three sets), as it finds few of the close crops."""


def top_thickness(chip: Chip, hair_p: NDArray[np.float32] | None) -> NDArray[np.float64]:
    """``[thickness, cut]``: the median, over the columns within :data:`MIDDLE` IOD of the
    nose bridge, of the height in IOD of the hair (probability over :data:`.parts.SURE`)
    from its top to its lowest pixel above the brows; and the share of those columns whose
    hair reaches the chip's top or the photo's edge, where the hair may rise further.
    NaNs without the segmenter or where no column shows hair."""
    if hair_p is None:
        return np.full(2, np.nan)
    p = chip.landmarks
    brow = int(chip.brow_top)
    middle = float(p[27:31, 0].mean())
    runs, cut = [], 0
    for column in range(int(middle - MIDDLE * IOD), int(middle + MIDDLE * IOD)):
        hair = hair_p[:brow, column] > SURE
        if not hair.any():
            continue
        top = int(np.argmax(hair))
        bottom = brow - 1 - int(np.argmax(hair[::-1]))
        runs.append((bottom - top) / IOD)
        cut += top == 0 or not chip.valid[top - 1, column]
    if not runs:
        return np.full(2, np.nan)
    return np.array([float(np.median(runs)), cut / len(runs)])


def decide_top(thickness: NDArray[np.float64], close_below: float = CLOSE_BELOW,
               full_above: float = FULL_ABOVE) -> str | None:
    """One of :data:`TOPS` for a :func:`top_thickness`, ``None`` where it was not
    measured, or where the hair runs out of the picture before it reads as full."""
    run, cut = thickness
    if not np.isfinite(run):
        return None
    if run > full_above:
        return "full"
    if cut > 0.5:
        return None
    return "close" if run < close_below else "medium"
