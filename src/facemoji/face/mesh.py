"""MediaPipe's dense face mesh (478 points, irises included) and its 52 expression blendshapes.

The models are MediaPipe Face Landmarker v2's (Apache License 2.0, Google): the face
landmark network and the blendshape network of ``face_landmarker.task``, shipped with
facemoji as ONNX (``facemoji/data/face_mesh.onnx`` and ``face_blendshapes.onnx``,
converted by ``scripts/convert_face_mesh.py``) and run on onnxruntime, one thread.

The landmark network sees a 256 × 256 crop of the face, upright. MediaPipe makes that crop
from the previous video frame's mesh (``face_landmark_landmarks_to_roi.pbtxt``; the same
rule in ``FaceLandmarksDetectorGraph``): the mesh's bounding box (photo axes), scaled 1.5×,
made square on its longer side, turned so the line from point 33 to point 263 (the outer
eye corners) is level. :func:`crop_matrix` applies that rule to the box the mesh would
have, predicted from dlib's 68 landmarks: as wide as theirs and 21% taller (the mesh
reaches up the forehead, dlib stops at the brows). On the 103 one-face photos of
``../shared`` (``benchmarks/mesh.py``) that crop is within 3.5% in size and 1.8% in
position of the one MediaPipe's rule settles on for 90% of them, and the mesh moves by
0.6% of the inter-ocular distance (median) when it settles, so one pass is enough; the
blendshapes move more (median 0.07 for the most-moved one), which is their noise level.
:func:`mesh_at` with :func:`mesh_matrix` runs another pass where wanted.

Points are in photo pixels: ``x``, ``y`` as dlib's landmarks (pixel centres at integers),
and ``z`` MediaPipe's relative depth in the same pixel scale (negative = nearer the camera
than the head's centre; the nose tip is the nearest). "Left" and "right" in the index
groups and the blendshapes are the person's own, as in MediaPipe: ``RIGHT_EYE`` is the eye
on the left of a frontal, unmirrored photo, and ``mouthSmileLeft`` the smile of the mouth
corner on its right.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from .chip import shrink_for_warp
from .onnx import session

SIZE = 256
"""The landmark network's square input, in pixels."""
ROI_SCALE = 1.5
"""MediaPipe's crop: the mesh's bounding box times this, squared on its longer side."""
FOREHEAD = 0.21
"""How much taller than dlib's 68-point box the mesh's box is (median over ``../shared``:
its bottom is dlib's chin, its top is above the brows)."""

# --- index groups (MediaPipe's canonical face mesh; closed loops are in drawing order) ---
FACE_OVAL = (10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378,
             400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54,
             103, 67, 109)
"""The face's outline, a loop from the top of the forehead (10) past the chin (152)."""
LIPS_OUTER = (61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37,
              39, 40, 185)
"""The lips' outer edge, a loop: lower lip from mouth corner 61 to 291, upper lip back."""
LIPS_INNER = (78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 415, 310, 311, 312, 13, 82,
              81, 80, 191)
"""The lips' inner edge (the mouth opening), a loop: lower then upper."""
RIGHT_EYE = (33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246)
"""The person's right eye's lid edge, a loop from the outer corner 33 (lower lid first)."""
LEFT_EYE = (263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466)
"""The person's left eye's lid edge, a loop from the outer corner 263 (lower lid first)."""
RIGHT_IRIS = (468, 469, 470, 471, 472)
"""The person's right iris: its centre, then four points on its rim."""
LEFT_IRIS = (473, 474, 475, 476, 477)
"""The person's left iris: its centre, then four points on its rim."""
RIGHT_BROW = (70, 63, 105, 66, 107, 55, 65, 52, 53, 46)
"""The person's right eyebrow, a loop: upper edge outer to inner, lower edge back."""
LEFT_BROW = (300, 293, 334, 296, 336, 285, 295, 282, 283, 276)
"""The person's left eyebrow, a loop: upper edge outer to inner, lower edge back."""
NOSE_BRIDGE = (168, 6, 197, 195, 5, 4)
"""The nose's midline from between the eyes (168) down to just above the tip."""
NOSE_TIP = 1
"""The tip of the nose."""
FEATURES = (LIPS_OUTER, LIPS_INNER, RIGHT_EYE, LEFT_EYE, RIGHT_IRIS[1:], LEFT_IRIS[1:],
            RIGHT_BROW, LEFT_BROW)
"""The closed outlines of the eyes, irises (their rims), brows and lips."""
DLIB68 = {36: 33, 39: 133, 42: 362, 45: 263, 30: 4, 48: 61, 54: 291, 8: 152}
"""Mesh points at dlib's 68 landmarks of the same name: eye corners, nose tip (dlib's tip
sits lower than the mesh's 1), mouth corners, chin."""

# The blendshape network's input: these 146 of the 478 points, x and y (MediaPipe's
# kLandmarksSubsetIdxs in tasks/cc/vision/face_landmarker/face_blendshapes_graph.cc).
BLENDSHAPE_POINTS = (
    0, 1, 4, 5, 6, 7, 8, 10, 13, 14, 17, 21, 33, 37, 39, 40, 46, 52, 53, 54, 55, 58, 61, 63,
    65, 66, 67, 70, 78, 80, 81, 82, 84, 87, 88, 91, 93, 95, 103, 105, 107, 109, 127, 132, 133,
    136, 144, 145, 146, 148, 149, 150, 152, 153, 154, 155, 157, 158, 159, 160, 161, 162, 163,
    168, 172, 173, 176, 178, 181, 185, 191, 195, 197, 234, 246, 249, 251, 263, 267, 269, 270,
    276, 282, 283, 284, 285, 288, 291, 293, 295, 296, 297, 300, 308, 310, 311, 312, 314, 317,
    318, 321, 323, 324, 332, 334, 336, 338, 356, 361, 362, 365, 373, 374, 375, 377, 378, 379,
    380, 381, 382, 384, 385, 386, 387, 388, 389, 390, 397, 398, 400, 402, 405, 409, 415, 454,
    466, 468, 469, 470, 471, 472, 473, 474, 475, 476, 477)
BLENDSHAPES = (
    "_neutral", "browDownLeft", "browDownRight", "browInnerUp", "browOuterUpLeft",
    "browOuterUpRight", "cheekPuff", "cheekSquintLeft", "cheekSquintRight", "eyeBlinkLeft",
    "eyeBlinkRight", "eyeLookDownLeft", "eyeLookDownRight", "eyeLookInLeft", "eyeLookInRight",
    "eyeLookOutLeft", "eyeLookOutRight", "eyeLookUpLeft", "eyeLookUpRight", "eyeSquintLeft",
    "eyeSquintRight", "eyeWideLeft", "eyeWideRight", "jawForward", "jawLeft", "jawOpen",
    "jawRight", "mouthClose", "mouthDimpleLeft", "mouthDimpleRight", "mouthFrownLeft",
    "mouthFrownRight", "mouthFunnel", "mouthLeft", "mouthLowerDownLeft", "mouthLowerDownRight",
    "mouthPressLeft", "mouthPressRight", "mouthPucker", "mouthRight", "mouthRollLower",
    "mouthRollUpper", "mouthShrugLower", "mouthShrugUpper", "mouthSmileLeft", "mouthSmileRight",
    "mouthStretchLeft", "mouthStretchRight", "mouthUpperUpLeft", "mouthUpperUpRight",
    "noseSneerLeft", "noseSneerRight")
"""The blendshape network's outputs, in order (MediaPipe's kBlendshapeNames; ARKit's 52
names, ``_neutral`` first, which MediaPipe says to ignore)."""


@dataclass(frozen=True)
class Mesh:
    """One face's mesh.

    ``points`` ``(478, 3)`` float64: x, y in photo pixels and z, relative depth, in the
    same pixels (see the module's docstring; index with the groups above). ``presence`` is
    the network's 0..1 confidence that the crop shows a face (MediaPipe drops meshes below
    0.5), ``tongue_out`` its 0..1 score for a stuck-out tongue, ``blendshapes`` the 52
    expression coefficients in 0..1 by ARKit name (e.g. ``mouthSmileLeft``, ``jawOpen``,
    ``eyeBlinkLeft``) and ``matrix`` the 2×3 map from photo pixels to the crop the network
    saw (:func:`crop_matrix`).
    """

    points: NDArray[np.float64]
    presence: float
    tongue_out: float
    blendshapes: dict[str, float]
    matrix: NDArray[np.float64]


def crop_matrix(landmarks: NDArray[np.floating]) -> NDArray[np.float64]:
    """The 2×3 affine map from photo pixels (``landmarks`` ``(68, 2)``, dlib's, in them) to
    the ``SIZE`` × ``SIZE`` crop MediaPipe's rule makes around the face (module docstring)."""
    p = np.asarray(landmarks, np.float64)
    (x0, y0), (x1, y1) = p.min(axis=0), p.max(axis=0)
    top = y1 - (1 + FOREHEAD) * (y1 - y0)
    side = ROI_SCALE * max(x1 - x0, y1 - top)
    dx, dy = p[45] - p[36]  # outer eye corners, MediaPipe's points 33 and 263
    return square_matrix(np.array([(x0 + x1) / 2, (top + y1) / 2]), side, np.arctan2(dy, dx))


def mesh_matrix(points: NDArray[np.floating]) -> NDArray[np.float64]:
    """MediaPipe's own crop for a face whose mesh ``points`` ``(478, 2+)`` are known, as it
    tracks a face from one video frame to the next: what :func:`crop_matrix` predicts."""
    p = np.asarray(points, np.float64)[:, :2]
    (x0, y0), (x1, y1) = p.min(axis=0), p.max(axis=0)
    dx, dy = p[263] - p[33]
    return square_matrix(np.array([(x0 + x1) / 2, (y0 + y1) / 2]),
                         ROI_SCALE * max(x1 - x0, y1 - y0), np.arctan2(dy, dx))


def square_matrix(center: NDArray[np.float64], side: float, angle: float
                  ) -> NDArray[np.float64]:
    """Photo → crop map of a ``side``-pixel square at ``center``, turned by ``angle``
    radians; pixel centres at integers on both sides, as in OpenCV."""
    c, s = np.cos(angle), np.sin(angle)
    rotate = np.array([[c, s], [-s, c]]) * (SIZE / side)
    return np.hstack([rotate, ((SIZE - 1) / 2 - rotate @ center)[:, None]])


def crop_input(image: NDArray[np.uint8], matrix: NDArray[np.float64]) -> NDArray[np.float32]:
    """The landmark network's input: ``image`` (RGB uint8) warped by ``matrix`` (photo →
    crop), edge pixels repeated past the photo's border, as ``(1, SIZE, SIZE, 3)`` in 0..1."""
    small, to_crop = shrink_for_warp(image, matrix, 2.0)
    crop = cv2.warpAffine(small, to_crop, (SIZE, SIZE), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)
    return (crop.astype(np.float32) / 255.0)[None]


def face_mesh(image: NDArray[np.uint8], landmarks: NDArray[np.floating]) -> Mesh:
    """The mesh and blendshapes of the face whose dlib 68 landmarks (photo pixels) are
    ``landmarks``, in ``image`` (RGB uint8)."""
    return mesh_at(image, crop_matrix(landmarks))


def mesh_at(image: NDArray[np.uint8], matrix: NDArray[np.float64]) -> Mesh:
    """The mesh and blendshapes of what the crop ``matrix`` (photo → crop, e.g. from
    :func:`crop_matrix` or :func:`mesh_matrix`) makes of ``image`` (RGB uint8)."""
    raw, presence, tongue = session("face_mesh.onnx").run(
        None, {"input": crop_input(image, matrix)})
    points = _to_photo(raw.reshape(478, 3).astype(np.float64), matrix)
    return Mesh(points, _sigmoid(float(presence.item())), float(tongue.item()),
                blendshapes(points), matrix)


def presence_at(image: NDArray[np.uint8], matrix: NDArray[np.float64]) -> float:
    """The landmark network's 0..1 confidence that the crop ``matrix`` makes of ``image``
    shows a face (MediaPipe drops a face below 0.5); about 10 ms, no blendshapes."""
    presence = session("face_mesh.onnx").run(
        ["presence_logit"], {"input": crop_input(image, matrix)})[0]
    return _sigmoid(float(presence.item()))


def _to_photo(crop_points: NDArray[np.float64], matrix: NDArray[np.float64]
              ) -> NDArray[np.float64]:
    """The network's points (crop pixels, 0 at the crop's left edge) in photo pixels."""
    inverse = cv2.invertAffineTransform(matrix)
    xy = (crop_points[:, :2] - 0.5) @ inverse[:, :2].T + inverse[:, 2]
    scale = float(np.sqrt(abs(np.linalg.det(inverse[:, :2]))))
    return np.column_stack([xy, crop_points[:, 2] * scale])


def blendshapes(points: NDArray[np.floating]) -> dict[str, float]:
    """The 52 blendshape coefficients (0..1, by name) of a mesh's ``points`` ``(478, 2+)``.

    The network centres and scales its input itself, so any pixel frame will do (x and y in
    the same unit)."""
    subset = np.asarray(points, np.float32)[list(BLENDSHAPE_POINTS), :2][None]
    (scores,) = session("face_blendshapes.onnx").run(None, {"points": subset})
    return dict(zip(BLENDSHAPES, (float(v) for v in scores), strict=True))


def _sigmoid(x: float) -> float:
    return float(1.0 / (1.0 + np.exp(-x)))
