"""The face chip: the photo warped so the eyes are level at a fixed scale.

Every measurement works in this one frame: inter-ocular distance :data:`IOD` pixels, eye
centers at ``(CHIP_W / 2 ∓ IOD / 2, EYE_Y)``, room above for the hair and below for a beard.
Regions can then be written in IOD units, whatever the photo's size or the head's roll.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from .color import to_lab
from .geometry import eye_centers

CHIP_W, CHIP_H = 256, 352
IOD = 64.0
EYE_Y = 180.0


@dataclass(frozen=True)
class Chip:
    """A white-balanced, aligned face crop and its landmarks.

    ``rgb`` is float ``(CHIP_H, CHIP_W, 3)`` in 0..1, ``lab`` its CIELAB, ``valid`` marks
    pixels that come from inside the photo, ``landmarks`` are ``(68, 2)`` in chip pixels and
    ``matrix`` is the 2×3 affine map from photo to chip pixels.
    """

    rgb: NDArray[np.float32]
    lab: NDArray[np.float64]
    valid: NDArray[np.bool_]
    landmarks: NDArray[np.float64]
    matrix: NDArray[np.float64]

    @property
    def brow_top(self) -> float:
        """The row of the brows' highest landmark: where the forehead starts."""
        return float(self.landmarks[17:27, 1].min())

    @property
    def midline(self) -> float:
        """The column of the nose bridge's top landmark: the face's middle."""
        return float(self.landmarks[27, 0])

    def gray(self) -> NDArray[np.uint8]:
        """8-bit grayscale of the chip, for gradient features."""
        return cv2.cvtColor((self.rgb * 255).astype(np.uint8), cv2.COLOR_RGB2GRAY)

    @functools.cached_property
    def texture(self) -> NDArray[np.float32]:
        """Per pixel, the magnitude of the L* gradient over its median on the cheeks just
        under the eyes (below where glasses' rims sit): hairs and cloth weave make edges
        that smooth skin and soft shadow do not, whatever their color. A region's texture
        is the median of this over its pixels; smooth skin is about 1."""
        light = self.lab[..., 0].astype(np.float32)
        grad = cv2.magnitude(cv2.Sobel(light, cv2.CV_32F, 1, 0, ksize=3),
                             cv2.Sobel(light, cv2.CV_32F, 0, 1, ksize=3))
        p = self.landmarks
        rows = slice(int(p[36:48, 1].mean() + 0.45 * IOD), int(p[36:48, 1].mean() + 0.8 * IOD))
        cheeks = np.zeros(self.valid.shape, bool)
        for a, b in ((36, 39), (42, 45)):
            cheeks[rows, int(p[a, 0]): int(p[b, 0])] = True
        cheeks &= self.valid
        reference = float(np.median(grad[cheeks])) if cheeks.any() else 1.0
        return grad / max(reference, 1e-3)


def eye_frame(landmarks: NDArray[np.floating], iod: float, center: tuple[float, float]
              ) -> NDArray[np.float64]:
    """The 2×3 similarity map from photo pixels (``landmarks`` ``(68, 2)`` in them) to a frame
    where the eyes are level, ``iod`` pixels apart, with their midpoint at ``center``."""
    left, right = eye_centers(np.asarray(landmarks, np.float64))
    d = right - left
    c, s = d / np.hypot(*d) * (iod / float(np.hypot(*d)))  # rotation by -roll, times scale
    rot = np.array([[c, s], [-s, c]])
    shift = np.asarray(center, np.float64) - rot @ ((left + right) / 2)
    return np.hstack([rot, shift[:, None]])


def shrink_for_warp(image: NDArray[np.uint8], matrix: NDArray[np.float64], oversample: float
                    ) -> tuple[NDArray[np.uint8], NDArray[np.float64]]:
    """``image`` shrunk with area averaging where ``matrix`` (photo → frame) would shrink it
    below ``oversample`` times the frame's scale (warping alone would alias), and the map
    from the returned image to the frame."""
    m = np.asarray(matrix, np.float64)
    pre = oversample * float(np.sqrt(abs(np.linalg.det(m[:, :2]))))
    if pre >= 1.0:
        return image, m
    small = cv2.resize(image, None, fx=pre, fy=pre, interpolation=cv2.INTER_AREA)
    return small, m @ np.diag([1 / pre, 1 / pre, 1.0])


def make_chip(image: NDArray[np.uint8], landmarks: NDArray[np.floating],
              gains: NDArray[np.floating]) -> Chip:
    """Warp ``image`` into the chip frame and apply the per-channel white-balance ``gains``."""
    lm = np.asarray(landmarks, dtype=np.float64)
    m = eye_frame(lm, IOD, (CHIP_W / 2, EYE_Y))
    small, to_chip = shrink_for_warp(image, m, 1.5)
    rgb = cv2.warpAffine(small, to_chip, (CHIP_W, CHIP_H), flags=cv2.INTER_LINEAR)
    valid = cv2.warpAffine(np.full(small.shape[:2], 255, np.uint8), to_chip, (CHIP_W, CHIP_H),
                           flags=cv2.INTER_NEAREST) > 0
    balanced = np.clip(rgb.astype(np.float32) / 255.0 * np.asarray(gains, np.float32), 0, 1)
    chip_lm = lm @ m[:, :2].T + m[:, 2]
    return Chip(balanced, to_lab(balanced), valid, chip_lm, m)


def mask_to_image(chip: Chip, mask: NDArray[np.bool_], shape: tuple[int, ...]) -> NDArray[np.bool_]:
    """Map a chip-frame boolean ``mask`` back onto a photo of ``shape`` ``(H, W, ...)``."""
    back = cv2.warpAffine(mask.astype(np.uint8), chip.matrix, (shape[1], shape[0]),
                          flags=cv2.INTER_NEAREST | cv2.WARP_INVERSE_MAP)
    return back.astype(bool)
