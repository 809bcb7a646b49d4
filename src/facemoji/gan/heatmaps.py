"""Landmark heatmaps: the 68 face points drawn as Gaussian blobs, one channel per region.

They are the optional extra generator input (``TrainConfig.landmarks``) that tells
the generator where the face's parts are, so the cartoon keeps the photo's layout.
Regions pool left and right together (both eyes in one channel), so a horizontally
flipped image only needs its heatmaps flipped too. Numpy only: the ONNX translator
uses this module without torch.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..types import Landmarks

REGIONS: tuple[tuple[str, range], ...] = (
    ("jaw", range(0, 17)),
    ("brows", range(17, 27)),
    ("nose", range(27, 36)),
    ("eyes", range(36, 48)),
    ("outer_lips", range(48, 60)),
    ("inner_lips", range(60, 68)),
)
"""Channel order of the heatmaps: name and 68-point indices of each region."""

N_CHANNELS = len(REGIONS)


def landmark_heatmaps(landmarks: Landmarks, size: int, sigma: float = 2.0) -> NDArray[np.float32]:
    """Heatmaps ``(N_CHANNELS, size, size)`` in ``[-1, 1]`` (-1 far from every point).

    ``landmarks`` are 68 ``(x, y)`` pixel points in a ``size`` × ``size`` image; ``nan``
    points (parts a style does not draw) are left out. ``sigma`` is in pixels.
    The value range matches the images' so both feed the network alike.
    """
    pts = np.asarray(landmarks, dtype=np.float64)
    if pts.shape != (68, 2):
        raise ValueError(f"expected 68 landmarks of shape (68, 2), got {pts.shape}")
    grid = np.arange(size, dtype=np.float32)
    out = np.zeros((N_CHANNELS, size, size), dtype=np.float32)
    for channel, (_, indices) in enumerate(REGIONS):
        region = pts[list(indices)]
        region = region[~np.isnan(region).any(axis=1)]
        for x, y in region:
            # separable Gaussian: outer product of a column and a row profile
            gy = np.exp(-((grid - y) ** 2) / (2 * sigma**2))
            gx = np.exp(-((grid - x) ** 2) / (2 * sigma**2))
            np.maximum(out[channel], np.outer(gy, gx), out=out[channel])
    return out * 2.0 - 1.0
