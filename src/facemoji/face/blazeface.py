"""MediaPipe's BlazeFace (short range): a face detector that sees a whole photo in 3 ms.

The model is MediaPipe Face Landmarker v2's face detector (Apache License 2.0, Google),
shipped as ``facemoji/data/face_detector.onnx`` (converted by
``scripts/convert_face_detector.py``) and run on onnxruntime. It sees the photo
letterboxed into 128 × 128 pixels, so it finds faces from about a seventh of the photo's
longer side up, turned or tilted. facemoji uses it to spare a photo without a face dlib's
CNN detector (about 0.7 s; see :func:`facemoji.face.detect.detect_faces`); boxes and
landmarks still come from dlib.

The anchors and the decoding follow MediaPipe's ``face_detection_short_range`` graph:
896 anchors on 16 × 16 and 8 × 8 grids, each regressing a box centre and size and six key
points (eyes, nose tip, mouth, ears) in input pixels, with a logit for "face". Its score
alone does not tell a face from a round object well (the 12 MP photo of a coffee cup
that ``benchmarks/memory.py`` makes scores 0.51), so
:func:`face_found` also asks the face mesh network, as MediaPipe's face landmarker does.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from ..types import RGBImage
from .onnx import session

SIZE = 128
"""The model's input side in pixels."""
MODEL = "face_detector.onnx"
ROI_SCALE = 1.5
"""MediaPipe's face landmarker crops a detection's box scaled by this, made square."""


@dataclass(frozen=True, eq=False)
class Candidate:
    """One face BlazeFace finds: ``box`` ``(x0, y0, x1, y1)`` and ``keypoints`` ``(6, 2)``
    (the person's right eye, left eye, nose tip, mouth, right and left ear) in photo
    pixels, and ``score``, the face probability (MediaPipe keeps detections from 0.5)."""

    box: tuple[float, float, float, float]
    keypoints: NDArray[np.float64]
    score: float

    def crop_matrix(self) -> NDArray[np.float64]:
        """The face mesh's crop for this face (photo → 256 px crop): MediaPipe's
        detection-to-landmarks rule, the box scaled by :data:`ROI_SCALE`, made square
        and turned so the eyes are level."""
        from .mesh import square_matrix

        x0, y0, x1, y1 = self.box
        dx, dy = self.keypoints[1] - self.keypoints[0]
        return square_matrix(np.array([(x0 + x1) / 2, (y0 + y1) / 2]),
                             ROI_SCALE * max(x1 - x0, y1 - y0), float(np.arctan2(dy, dx)))


@functools.cache
def anchors() -> NDArray[np.float64]:
    """The ``(896, 2)`` anchor centres ``(x, y)`` in input fractions, in the model's order:
    two per cell of the 16 × 16 grid (stride 8), then six per cell of the 8 × 8 grid (three
    layers of stride 16, two anchors each), row by row."""
    centres = []
    for grid, per_cell in ((16, 2), (8, 6)):
        y, x = np.mgrid[:grid, :grid]
        cells = np.stack([(x.ravel() + 0.5) / grid, (y.ravel() + 0.5) / grid], axis=1)
        centres.append(np.repeat(cells, per_cell, axis=0))
    return np.concatenate(centres)


def model_input(image: RGBImage
                ) -> tuple[NDArray[np.float32], NDArray[np.float64], NDArray[np.float64]]:
    """``image`` (uint8: RGB, RGBA or gray) letterboxed into the model's input:
    ``(1, 128, 128, 3)`` float32 in [-1, 1] with black bars, and the ``(x, y)`` scales and
    offsets that map the model's coordinates (0 at the input's left edge) to the photo's
    pixels, centres at integers: ``photo = (input - offset) / scale - 0.5``."""
    image = np.asarray(image)
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    image = np.ascontiguousarray(image[..., :3])
    height, width = image.shape[:2]
    fit = SIZE / max(height, width)
    new_w, new_h = max(1, round(width * fit)), max(1, round(height * fit))
    resized = cv2.resize(image, (new_w, new_h), interpolation=cv2.INTER_AREA)
    left, top = (SIZE - new_w) // 2, (SIZE - new_h) // 2
    canvas = np.zeros((SIZE, SIZE, 3), np.uint8)
    canvas[top:top + new_h, left:left + new_w] = resized.reshape(new_h, new_w, 3)
    scale = np.array([new_w / width, new_h / height])
    return (canvas.astype(np.float32) / 127.5 - 1.0)[None], scale, np.array([left, top],
                                                                              np.float64)


def candidates(image: RGBImage, min_score: float = 0.5, overlap: float = 0.3,
               limit: int | None = None) -> list[Candidate]:
    """The faces BlazeFace finds in ``image`` (RGB uint8) with at least ``min_score``, best
    first, at most ``limit``; a box overlapping a better one by more than ``overlap``
    (intersection over union) is dropped."""
    tensor, scale, offset = model_input(image)
    regressions, logits = session(MODEL).run(None, {"input": tensor})
    scores = _sigmoid(logits[0, :, 0])
    anchored = anchors() * SIZE

    def to_photo(points: NDArray[np.float64]) -> NDArray[np.float64]:
        return (points - offset) / scale - 0.5

    found: list[Candidate] = []
    for index in np.argsort(-scores):
        if scores[index] < min_score or (limit is not None and len(found) >= limit):
            break
        raw = regressions[0, index].astype(np.float64)
        centre, half = anchored[index] + raw[:2], raw[2:4] / 2
        box = to_photo(np.stack([centre - half, centre + half])).ravel()
        if min(box[2] - box[0], box[3] - box[1]) < 1:  # a degenerate regression, no face
            continue
        if all(_iou(box, other.box) <= overlap for other in found):
            points = to_photo(raw[4:16].reshape(6, 2) + anchored[index])
            found.append(Candidate(tuple(float(v) for v in box), points, float(scores[index])))
    return found


def face_found(image: RGBImage, min_score: float, min_presence: float,
               limit: int = 3) -> bool:
    """Whether one of BlazeFace's best ``limit`` candidates scoring at least ``min_score``
    is also a face to the face mesh network (presence at least ``min_presence``)."""
    from .mesh import presence_at

    return any(presence_at(image, c.crop_matrix()) >= min_presence
               for c in candidates(image, min_score, limit=limit))


def _sigmoid(logits: NDArray[np.floating]) -> NDArray[np.float64]:
    return 1.0 / (1.0 + np.exp(-np.clip(np.asarray(logits, np.float64), -100.0, 100.0)))


def _iou(a: NDArray[np.float64], b: tuple[float, float, float, float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    inter = width * height
    return float(inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter))
