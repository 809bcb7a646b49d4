"""Robust color statistics over image regions, in CIELAB (D65) and sRGB."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from skimage import color as skcolor  # its functions load on first use (SciPy: 0.2 s)


@dataclass(frozen=True)
class ColorMeasure:
    """A measured color: sRGB ``(r, g, b)`` uint8, CIELAB ``(L, a, b)`` and a confidence in 0..1."""

    rgb: tuple[int, int, int]
    lab: tuple[float, float, float]
    confidence: float

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: ``{"rgb": [r, g, b], "lab": [L, a, b], "confidence": c}``."""
        return {"rgb": list(self.rgb), "lab": [round(v, 1) for v in self.lab],
                "confidence": round(self.confidence, 2)}


UNKNOWN = ColorMeasure((128, 128, 128), (53.6, 0.0, 0.0), 0.0)
"""Returned where a region is hidden or empty (e.g. eyes behind sunglasses)."""


def to_lab(image: NDArray[np.floating]) -> NDArray[np.float64]:
    """RGB float image in 0..1 → CIELAB, same shape."""
    return skcolor.rgb2lab(np.clip(image, 0.0, 1.0))


def lab_measure(lab: NDArray[np.float64], confidence: float) -> ColorMeasure:
    """The median of ``lab`` pixels ``(N, 3)`` as a :class:`ColorMeasure` (UNKNOWN if empty)."""
    if len(lab) == 0:
        return UNKNOWN
    L, a, b = (float(v) for v in np.median(lab.reshape(-1, 3), axis=0))
    with warnings.catch_warnings():  # out-of-gamut colors are clipped on purpose
        warnings.simplefilter("ignore", UserWarning)
        rgb = np.clip(skcolor.lab2rgb(np.array([[L, a, b]])), 0, 1)[0]
    r, g, bl = (round(float(v) * 255) for v in rgb)
    return ColorMeasure((r, g, bl), (L, a, b), float(np.clip(confidence, 0.0, 1.0)))


def polygon_mask(shape: tuple[int, ...], points: NDArray[np.floating]) -> NDArray[np.bool_]:
    """Boolean ``(H, W)`` mask of the filled polygon ``points`` ``(N, 2)`` (x, y)."""
    mask = np.zeros(shape[:2], np.uint8)
    cv2.fillPoly(mask, [np.round(points).astype(np.int32)], 1)
    return mask.astype(bool)


def chroma(lab: NDArray[np.float64]) -> NDArray[np.float64]:
    """CIELAB chroma ``sqrt(a² + b²)`` of ``lab`` ``(..., 3)``."""
    return np.hypot(lab[..., 1], lab[..., 2])


def hue_deg(lab: NDArray[np.float64]) -> NDArray[np.float64]:
    """CIELAB hue angle in degrees (0 = red-magenta, 90 = yellow) of ``lab`` ``(..., 3)``."""
    return np.degrees(np.arctan2(lab[..., 2], lab[..., 1]))
