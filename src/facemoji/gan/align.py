"""Aligned face chips for both domains, framed alike.

Photos go through :mod:`facemoji.face` (detect, then the face-alignment transform);
avatars are warped with the same transform computed from their style's own landmarks,
so photos and cartoons show faces at the same scale and position. Torch-free.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from ..types import Landmarks, RGBImage


def align_matrix(landmarks: Landmarks, size: int, padding: float) -> NDArray[np.float64]:
    """The 2×3 affine map from image pixels to a ``size`` × ``size`` aligned chip."""
    from ..face.detect import align_transform

    return np.asarray(align_transform(landmarks, size, padding), dtype=np.float64)


def warp_chip(image: RGBImage, landmarks: Landmarks, size: int,
              padding: float) -> tuple[RGBImage, Landmarks]:
    """Warp ``image`` to its aligned chip; returns the chip and the landmarks in it."""
    matrix = align_matrix(landmarks, size, padding)
    scale = float(np.sqrt(abs(np.linalg.det(matrix[:, :2]))))
    if scale < 0.5:  # a big face: shrink first with area averaging, warping alone aliases
        image = cv2.resize(image, None, fx=2 * scale, fy=2 * scale, interpolation=cv2.INTER_AREA)
        matrix = matrix @ np.diag([1 / (2 * scale), 1 / (2 * scale), 1.0])
        landmarks = np.asarray(landmarks, dtype=np.float64) * (2 * scale)
    chip = cv2.warpAffine(image, matrix, (size, size), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)
    pts = np.asarray(landmarks, dtype=np.float64)
    return chip, pts @ matrix[:, :2].T + matrix[:, 2]


def photo_chip(image: RGBImage, size: int, padding: float) -> tuple[RGBImage, Landmarks]:
    """Detect the main face of a photo and return its aligned chip and landmarks.

    Raises :class:`~facemoji.errors.NoFaceFound` when there is no face.
    """
    from ..face.detect import detect_face

    detection, _ = detect_face(image)
    return warp_chip(image, detection.landmarks, size, padding)
