"""Eyebrow color and thickness (the irises' color: :mod:`.iris`)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .chip import IOD, Chip
from .color import UNKNOWN, ColorMeasure, lab_measure, polygon_mask


def brow_mask(chip: Chip, skin: ColorMeasure) -> NDArray[np.bool_]:
    """Chip mask of brow pixels: darker than the skin, in a band around the brow landmarks."""
    p = chip.landmarks
    band = np.zeros(chip.valid.shape, bool)
    for idx in (slice(17, 22), slice(22, 27)):
        pts = p[idx]
        shift = np.array([0.0, IOD])
        upper, lower = pts - 0.12 * shift, pts + 0.2 * shift
        poly = np.concatenate([upper, lower[::-1]])
        band |= polygon_mask(band.shape, poly)
    band &= chip.valid
    return band & (chip.lab[..., 0] < skin.lab[0] - 8.0)


def measure_brows(chip: Chip, skin: ColorMeasure) -> tuple[ColorMeasure, float]:
    """Brow color and thickness (mean brow height over its columns / IOD)."""
    mask = brow_mask(chip, skin)
    if mask.sum() < 20:
        return UNKNOWN, 0.0
    columns = mask.sum(axis=0)
    thickness = float(columns[columns > 0].mean()) / IOD
    return lab_measure(chip.lab[mask], min(1.0, mask.sum() / 300.0)), thickness
