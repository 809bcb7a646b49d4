"""Which pixels belong to the person (hair and clothes included), not the backdrop.

The model is MediaPipe's selfie segmentation (Apache License 2.0, Google), shipped with
facemoji as ONNX (``facemoji/data/person_segmenter.onnx``, converted by
``scripts/convert_person_segmenter.py``) and run on onnxruntime: about 3 ms per photo on one
core. It tells hair from a backdrop of the same color, which color rules cannot
(docs/benchmarks.md, "Hair"). It was trained on selfies, so it sees a head-and-shoulders
crop around the face (:func:`portrait_matrix`), whatever the photo's framing.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from .chip import eye_frame, shrink_for_warp
from .onnx import session

SIZE = 256
"""The model's square input, in pixels."""
CROP_IOD = 6.0
"""The crop's width in inter-ocular distances: head and shoulders, as in a selfie. The first
value tried; 4, 5 and 8 named fewer hair colors right (``benchmarks/attributes.py --fit``)."""
EYE_Y = 0.42
"""Where the eyes sit in the crop, as a fraction of its height from the top: room for tall
hair above, shoulders below."""


def portrait_matrix(landmarks: NDArray[np.floating], width: float = CROP_IOD,
                    eye_y: float = EYE_Y) -> NDArray[np.float64]:
    """The 2×3 affine map from photo pixels (``landmarks`` ``(68, 2)`` in them) to a ``SIZE`` ×
    ``SIZE`` head-and-shoulders crop: upright eyes, ``width`` inter-ocular distances wide,
    their midpoint ``eye_y`` of the height from the top."""
    return eye_frame(landmarks, SIZE / width, (SIZE / 2, eye_y * SIZE))


def portrait(image: NDArray[np.uint8], matrix: NDArray[np.float64]
             ) -> tuple[NDArray[np.uint8], NDArray[np.bool_]]:
    """The ``SIZE`` × ``SIZE`` crop that ``matrix`` maps ``image`` (RGB uint8) to, and where it
    shows the photo (outside, the photo's edge pixels are repeated)."""
    small, to_crop = shrink_for_warp(image, matrix, 2.0)
    crop = cv2.warpAffine(small, to_crop, (SIZE, SIZE), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)
    inside = cv2.warpAffine(np.full(small.shape[:2], 255, np.uint8), to_crop, (SIZE, SIZE),
                            flags=cv2.INTER_NEAREST) > 0
    return crop, inside


def segment(crop: NDArray[np.uint8]) -> NDArray[np.float32]:
    """The person probability of each pixel of a ``SIZE`` × ``SIZE`` :func:`portrait` crop."""
    batch = (crop.astype(np.float32) / 255.0)[None]
    return session("person_segmenter.onnx").run(None, {"input": batch})[0][0, ..., 0]


def to_frame(probability: NDArray[np.float32], matrix: NDArray[np.float64],
             frame: NDArray[np.float64], size: tuple[int, int]) -> NDArray[np.float32]:
    """Warp a crop's map (:func:`segment`'s, or the hair segmenter's; the crop made with the
    photo→crop ``matrix``) into another frame, ``frame`` being the photo→frame map and
    ``size`` its ``(width, height)``."""
    inverse = cv2.invertAffineTransform(np.asarray(matrix, np.float64))
    full = np.asarray(frame, np.float64) @ np.vstack([inverse, [0.0, 0.0, 1.0]])
    return cv2.warpAffine(probability, full, size, flags=cv2.INTER_LINEAR, borderValue=0.0)
