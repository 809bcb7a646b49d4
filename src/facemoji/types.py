"""The one image and geometry convention used at every boundary of facemoji.

- Images are numpy arrays, RGB, ``uint8``, shape ``(height, width, 3)`` (HWC).
  RGBA images, where used, are ``(height, width, 4)`` with straight (not
  premultiplied) alpha.
- Boxes are ``(x0, y0, x1, y1)`` in pixels, ``x1``/``y1`` exclusive.
- Landmarks are float arrays of shape ``(N, 2)`` holding ``(x, y)`` pixel
  coordinates. 68-point landmarks follow the iBUG 300-W / dlib order; points a
  source cannot provide are ``nan``.
- Colors are ``#rrggbb`` strings (sRGB) or ``(r, g, b)`` uint8 triples.

PIL, dlib and OpenCV (BGR) conversions happen only inside the module that needs them.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

RGBImage: TypeAlias = NDArray[np.uint8]
"""RGB ``uint8`` image, shape ``(H, W, 3)``."""

RGBAImage: TypeAlias = NDArray[np.uint8]
"""RGBA ``uint8`` image with straight alpha, shape ``(H, W, 4)``."""

Box: TypeAlias = tuple[int, int, int, int]
"""``(x0, y0, x1, y1)`` in pixels."""

Landmarks: TypeAlias = NDArray[np.float64]
"""``(N, 2)`` float array of ``(x, y)`` points."""

# dlib's 5-point model, expressed as indices into the 68-point layout: the outer
# and inner corners of the eye on the image's right, the outer and inner corners
# of the eye on the image's left, then the bottom of the nose.
FIVE_FROM_68: tuple[int, ...] = (45, 42, 36, 39, 33)


def five_point(landmarks68: Landmarks) -> Landmarks:
    """Return dlib's 5-point landmarks ``(5, 2)`` taken from 68-point landmarks."""
    return np.asarray(landmarks68, dtype=np.float64)[list(FIVE_FROM_68)]
