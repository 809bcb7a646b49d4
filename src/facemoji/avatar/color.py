"""``#rrggbb`` ↔ CIELAB (D65), shared by the styles' palettes and the matching code."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from skimage import color as skcolor  # its functions load on first use (SciPy: 0.2 s)

from .schema import hex_to_rgb, rgb_to_hex


@lru_cache(maxsize=4096)
def hex_to_lab(color: str) -> tuple[float, float, float]:
    """``'#rrggbb'`` → CIELAB ``(L, a, b)`` (cached: palettes ask for the same colors)."""
    rgb = np.array([hex_to_rgb(color)], dtype=float) / 255.0
    L, a, b = skcolor.rgb2lab(rgb)[0]
    return float(L), float(a), float(b)


def lab_to_hex(lab: Sequence[float]) -> str:
    """CIELAB ``(L, a, b)`` → ``'#rrggbb'`` (out-of-gamut colors are clipped)."""
    with warnings.catch_warnings():  # out-of-gamut colors are clipped on purpose
        warnings.simplefilter("ignore", UserWarning)
        rgb = skcolor.lab2rgb(np.asarray(lab, dtype=float)[None])[0]
    return rgb_to_hex(np.clip(rgb, 0, 1) * 255)
