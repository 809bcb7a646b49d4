"""The avataaars face's landmarks: fixed geometry, measured once.

Every python-avatars option draws its eyes, brows, nose and mouth in the same place
(the parts are dropped into fixed slots of one template), so the 68 points are
constants. They were measured on the default avatar in the square 280 × 280 canvas
(python-avatars' 264 × 280 drawing shifted right by 8), from the template's numbers
and checked on a 1120 px render (dark pixels against the skin color):

- eyes: circles of radius 6 at (114, 112) and (166, 112) (``eyes/default.svg``);
- brows: mid-line of the default brow, sampled at five points from outer to inner end;
- nose: the default nose's lower curve from (128, 130) through (140, 138) to (152, 130);
- mouth: the default open mouth, straight top at y = 149 from x = 126 to 154 and a
  half-disc of radius 14 below (drawn as one dark shape: inner and outer lips coincide);
- jaw: the face side x = 84 from eye level down to y = 130, then the chin line (the
  neck shadow's arc, center (140, 130), radius 56) down to the chin at (140, 186).
"""

from __future__ import annotations

import numpy as np

from ....types import Landmarks
from .document import CANVAS

_CX = CANVAS / 2
_EYE_Y = 112.0
_EYE_R = 6.0
_LEFT_EYE_X = 114.0  # the eye on the image's left; the other mirrors it about _CX
_JAW_TOP = _EYE_Y
_JAW_CENTER_Y = 130.0
_JAW_R = 56.0
_MOUTH_Y = 149.0
_MOUTH_R = 14.0
# left brow, outer end → inner end
_LEFT_BROW = ((96.5, 98.0), (103.5, 93.0), (111.0, 90.5), (118.0, 90.0), (125.5, 91.0))


def _mirror(points: np.ndarray) -> np.ndarray:
    """Points mirrored about the vertical mid-line, in reverse order."""
    out = points[::-1].copy()
    out[:, 0] = 2 * _CX - out[:, 0]
    return out


def _jaw() -> np.ndarray:
    """Points 0-16: evenly spaced along the face side and chin line, left to right."""
    straight = _JAW_CENTER_Y - _JAW_TOP
    half = straight + np.pi / 2 * _JAW_R
    pts = []
    for s in np.linspace(0.0, half, 9):  # points 0..8; 8 is the chin
        if s <= straight:
            pts.append((_CX - _JAW_R, _JAW_TOP + s))
        else:
            a = np.pi - (s - straight) / _JAW_R  # from 180° (left) down to 90° (chin)
            pts.append((_CX + _JAW_R * np.cos(a), _JAW_CENTER_Y + _JAW_R * np.sin(a)))
    left = np.array(pts)
    return np.vstack([left, _mirror(left[:-1])])


def _eye(cx: float) -> np.ndarray:
    """Six points: left corner, two upper lid, right corner, two lower lid (dlib order)."""
    angles = np.radians([180, 240, 300, 0, 60, 120])  # y grows downward
    return np.stack([cx + _EYE_R * np.cos(angles), _EYE_Y + _EYE_R * np.sin(angles)], axis=1)


def _mouth() -> np.ndarray:
    """Points 48-67: outer lip then inner lip, both on the drawn opening."""
    top = [(_CX + dx, _MOUTH_Y) for dx in np.linspace(-_MOUTH_R, _MOUTH_R, 7)]  # 48..54
    arc = [(_CX + _MOUTH_R * np.cos(a), _MOUTH_Y + _MOUTH_R * np.sin(a))
           for a in np.radians([30, 60, 90, 120, 150])]  # 55..59, right to left
    inner_top = [top[0], top[2], top[3], top[4], top[6]]  # 60..64
    inner_bottom = [arc[1], arc[2], arc[3]]  # 65..67
    return np.array(top + arc + inner_top + inner_bottom)


def _points68() -> np.ndarray:
    brow = np.array(_LEFT_BROW)
    nose_bridge = [(_CX, y) for y in np.linspace(_EYE_Y, 130.0, 4)]  # 27..30
    nose_base = [(128.5, 132.0), (131.5, 135.7), (_CX, 138.0), (148.5, 135.7), (151.5, 132.0)]
    pts = np.vstack([
        _jaw(), brow, _mirror(brow), nose_bridge, nose_base,
        _eye(_LEFT_EYE_X), _eye(2 * _CX - _LEFT_EYE_X), _mouth(),
    ])
    pts.flags.writeable = False
    return pts


POINTS68: np.ndarray = _points68()
"""The 68 landmarks ``(68, 2)`` in canvas units (read-only)."""


def landmarks68(size: int) -> Landmarks:
    """The 68 landmarks in pixels of a ``size`` × ``size`` render (a new array)."""
    return np.asarray(POINTS68 * (size / CANVAS), dtype=np.float64)
