"""A picture of what the attribute measurement saw, for people to check it."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

from .attributes import Attributes
from .color import ColorMeasure
from .mesh import FACE_OVAL, FEATURES, Mesh, face_mesh

_PANEL_W = 260
_MIN_H = 480
_FONT = cv2.FONT_HERSHEY_SIMPLEX
OVAL_RGB = (255, 220, 0)
"""The face mesh's outline in the debug image; its eyes, irises, brows and lips are cyan."""
FEATURE_RGB = (0, 220, 255)


def _swatch(panel: np.ndarray, y: int, color: ColorMeasure, label: str) -> int:
    cv2.rectangle(panel, (10, y), (50, y + 30), tuple(int(c) for c in color.rgb), -1)
    cv2.rectangle(panel, (10, y), (50, y + 30), (90, 90, 90), 1)
    cv2.putText(panel, label, (60, y + 14), _FONT, 0.45, (20, 20, 20), 1, cv2.LINE_AA)
    L, a, b = color.lab
    detail = f"L{L:.0f} a{a:.0f} b{b:.0f} c{color.confidence:.2f}"
    cv2.putText(panel, detail, (60, y + 28), _FONT, 0.36, (90, 90, 90), 1, cv2.LINE_AA)
    return y + 40


def _text(panel: np.ndarray, y: int, text: str) -> int:
    cv2.putText(panel, text, (10, y + 14), _FONT, 0.45, (20, 20, 20), 1, cv2.LINE_AA)
    return y + 22


def _panel(attrs: Attributes, mesh: Mesh, height: int) -> np.ndarray:
    panel = np.full((height, _PANEL_W, 3), 245, np.uint8)
    y = 10
    y = _swatch(panel, y, attrs.skin, f"skin  Monk {attrs.monk}")
    hair = attrs.hair_name + (" (receding)" if attrs.receding else "")
    y = _swatch(panel, y, attrs.hair, f"hair  {hair}")
    y = _swatch(panel, y, attrs.eyes, "eyes (iris)")
    y = _swatch(panel, y, attrs.brows, f"brows  thickness {attrs.brow_thickness:.2f}")
    frame = ", " + " ".join(v for v in (attrs.glasses_frame, attrs.glasses_color) if v)
    y = _text(panel, y, f"glasses: {attrs.glasses} ({attrs.glasses_confidence:.2f})"
                        + (frame if attrs.glasses != "none" else ""))
    y = _text(panel, y, f"facial hair: {attrs.facial_hair} ({attrs.facial_hair_confidence:.2f})")
    y = _text(panel, y, f"headwear: {attrs.headwear} ({attrs.headwear_confidence:.2f})")
    b = mesh.blendshapes
    y = _text(panel, y, f"smile L {b['mouthSmileLeft']:.2f} R {b['mouthSmileRight']:.2f}"
                        f"  jaw {b['jawOpen']:.2f}")
    for key in ("face_width", "jaw_width", "eye_size", "nose_width", "mouth_width"):
        if y > height - 24:
            break
        y = _text(panel, y, f"{key}: z {attrs.geometry_z.get(key, 0.0):+.1f}")
    return panel


def draw_debug(image: np.ndarray, analysis: Any) -> np.ndarray:
    """Draw what was measured on a copy of ``image`` (RGB uint8 ``(H, W, 3)``).

    ``analysis`` needs ``.detection`` (``box``, ``landmarks``) and ``.attributes``
    (:class:`~facemoji.face.attributes.Attributes`), like ``FaceAnalysis``. Draws the face
    box, the 68 landmarks, the skin pixels used (green tint), the hair mask's outline
    (magenta), the face mesh's outlines (:data:`OVAL_RGB`, :data:`FEATURE_RGB`) and, in a
    panel on the right, the measured colors as labelled swatches and the smile blendshapes.
    Returns an RGB uint8 image, upscaled so the panel stays readable on small photos.
    """
    det, attrs = analysis.detection, analysis.attributes
    out = np.ascontiguousarray(image[..., :3]).copy()
    if attrs.skin_mask is not None:
        tint = out[attrs.skin_mask].astype(np.float32) * 0.5 + np.array([0, 255, 0]) * 0.5
        out[attrs.skin_mask] = tint.astype(np.uint8)
    scale = max(1.0, _MIN_H / out.shape[0])
    if scale > 1.0:
        out = cv2.resize(out, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
    thick = max(1, round(out.shape[0] / 400))
    if attrs.hair_mask is not None and attrs.hair_mask.any():
        mask = cv2.resize(attrs.hair_mask.astype(np.uint8), (out.shape[1], out.shape[0]),
                          interpolation=cv2.INTER_NEAREST)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        cv2.drawContours(out, contours, -1, (255, 0, 255), thick, cv2.LINE_AA)
    x0, y0, x1, y1 = (round(v * scale) for v in det.box)
    cv2.rectangle(out, (x0, y0), (x1, y1), (255, 200, 0), thick)
    mesh = face_mesh(np.ascontiguousarray(image[..., :3]), det.landmarks)
    points = np.round(mesh.points[:, :2] * scale).astype(np.int32)
    for loop, color in ((FACE_OVAL, OVAL_RGB), *((f, FEATURE_RGB) for f in FEATURES)):
        cv2.polylines(out, [points[list(loop)]], True, color, thick, cv2.LINE_AA)
    for x, y in np.asarray(det.landmarks) * scale:
        cv2.circle(out, (round(x), round(y)), thick + 1, (255, 60, 60), -1, cv2.LINE_AA)
    return np.hstack([out, _panel(attrs, mesh, out.shape[0])])
