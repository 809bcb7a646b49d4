"""A tall head-and-shoulders view of the photo that the hair-length and clothing measures
share: the photo warped so the eyes are level, :data:`WIDTH_IOD` inter-ocular distances
wide with the eyes :data:`EYE_Y` of the way down, reaching well below the shoulders, with
the person segmenter's mask (:mod:`.person`) and CIELAB colors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .color import to_lab
from .person import SIZE, portrait, portrait_matrix, segment

WIDTH_IOD = 7.0
"""The view's width in inter-ocular distances."""
EYE_Y = 0.30
"""Where the eyes sit, as a fraction of the height: 4.9 IOD below them, 2.1 above."""
UNIT = SIZE / WIDTH_IOD
"""Pixels per inter-ocular distance in the view."""


@dataclass(frozen=True)
class PortraitView:
    """The view: ``lab`` ``(SIZE, SIZE, 3)`` colors, ``inside`` where it shows the photo,
    ``person`` the segmenter's 0..1 probability, ``points`` the 68 landmarks in it."""

    lab: NDArray[np.float64]
    inside: NDArray[np.bool_]
    person: NDArray[np.float32]
    points: NDArray[np.float64]

    def below_eyes(self, iod: float) -> int:
        """The row ``iod`` inter-ocular distances below the eyes."""
        return int(EYE_Y * SIZE + iod * UNIT)

    def off_center(self) -> NDArray[np.float64]:
        """Each column's distance from the face's middle, in inter-ocular distances."""
        return np.abs(np.arange(SIZE) - SIZE / 2) / UNIT


def portrait_view(image: NDArray[np.uint8], landmarks: NDArray[np.floating]) -> PortraitView:
    """The :class:`PortraitView` of the face at ``landmarks`` (68, (x, y)) in ``image``."""
    matrix = portrait_matrix(landmarks, WIDTH_IOD, EYE_Y)
    crop, inside = portrait(image, matrix)
    points = np.asarray(landmarks, np.float64) @ matrix[:, :2].T + matrix[:, 2]
    return PortraitView(to_lab(crop.astype(np.float32) / 255.0), inside, segment(crop), points)
