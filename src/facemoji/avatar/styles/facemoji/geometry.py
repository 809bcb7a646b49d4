"""One source of truth for the native style's geometry.

A few anchors (face outline, eye corners and lids, brows, nose, mouth, ears) are
computed from the params' scalars and shape options. The same anchors draw the parts
and give ``landmarks()``, so landmarks can never drift from the drawing. Units are the
SVG canvas (viewBox 0 0 512 512), y down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from ....avatar.schema import Params
from .schema import OWN_HAIRLINE
from .svgkit import Point, sample_smooth

CANVAS = 512.0
CX = 256.0
EYE_Y = 246.0


@dataclass(frozen=True)
class EyeShape:
    """Per-option eye proportions: ``open`` height/width, lid peak offset (toward the
    nose < 0 < toward the temple), lower lid depth, extra tilt in degrees, width factor."""

    open: float
    peak: float
    lower: float
    tilt: float
    width: float = 1.0


EYE_SHAPES: dict[str, EyeShape] = {
    "round": EyeShape(0.78, 0.0, 0.50, 0.0, 0.94),
    "almond": EyeShape(0.60, 0.05, 0.40, 2.0),
    "narrow": EyeShape(0.44, 0.05, 0.35, 1.0, 1.04),
    "hooded": EyeShape(0.50, 0.18, 0.42, -1.0),
    "monolid": EyeShape(0.46, 0.10, 0.32, 4.0, 1.02),
    "downturned": EyeShape(0.58, -0.15, 0.40, -6.0),
    "upturned": EyeShape(0.58, 0.12, 0.36, 7.0),
    "wide": EyeShape(0.70, 0.0, 0.48, 0.0, 1.08),
    "sleepy": EyeShape(0.40, 0.10, 0.40, -2.0),
    "happy": EyeShape(0.36, 0.0, -0.26, 0.0),
    "wink": EyeShape(0.62, 0.05, 0.42, 2.0),
}


@dataclass(frozen=True)
class BrowShape:
    """Per-option brow: arch height (× eye width), arch position (0 inner .. 1 outer),
    thickness factor, inner-end lift, outer-end drop."""

    arch: float
    peak: float
    thick: float
    inner_lift: float = 0.0
    outer_drop: float = 0.10


BROW_SHAPES: dict[str, BrowShape] = {
    "natural": BrowShape(0.16, 0.62, 1.0),
    "straight": BrowShape(0.05, 0.5, 1.0, 0.0, 0.02),
    "arched": BrowShape(0.30, 0.65, 0.9, 0.0, 0.16),
    "soft_arch": BrowShape(0.22, 0.6, 0.95),
    "thin": BrowShape(0.18, 0.62, 0.55),
    "thick": BrowShape(0.12, 0.58, 1.45, 0.0, 0.06),
    "bushy": BrowShape(0.10, 0.55, 1.75, 0.0, 0.05),
    "angled": BrowShape(0.26, 0.72, 1.0, -0.04, 0.22),
    "rounded": BrowShape(0.26, 0.5, 1.0, 0.0, 0.2),
    "raised": BrowShape(0.30, 0.5, 1.0, 0.25, 0.1),
    "furrowed": BrowShape(0.06, 0.5, 1.05, -0.18, -0.02),
}


@dataclass(frozen=True)
class MouthShape:
    """Per-option mouth: corner lift (× width, up > 0), opening (× width), upper and
    lower lip thickness factors, width factor, asymmetry (right corner extra lift)."""

    lift: float
    opening: float
    upper: float
    lower: float
    width: float = 1.0
    asym: float = 0.0


SMILE_SQUINT = 0.6
"""A smile showing teeth lifts the cheeks: the lower lids rise to this share of their depth."""

NECK = 0.56
"""The neck's half width as a share of the jaw's (:attr:`Anchors.jaw_half`)."""
NECK_WITHOUT_LASHES = 0.68
"""The neck's share on a face drawn without lashes (a man's presentation). Under the
narrower neck every man looked like a boy; paired on 67 men, two fresh likeness reviewers
chose the wider neck 50–17 and 43–24, a looks reviewer 39–28 (docs/benchmarks.md, "A
man's neck")."""

MOUTH_SHIFT = 0.08
"""How far ``mouth_height`` at ±1 moves the mouth, as a share of the nose-to-chin height
(from 0.36)."""

MOUTH_SHAPES: dict[str, MouthShape] = {
    "neutral": MouthShape(0.0, 0.0, 1.0, 1.0),
    "soft_smile": MouthShape(0.07, 0.0, 0.95, 1.0, 1.02),
    "smile": MouthShape(0.13, 0.0, 0.9, 1.0, 1.06),
    "grin": MouthShape(0.16, 0.16, 0.75, 0.9, 1.28),
    "open_smile": MouthShape(0.17, 0.30, 0.75, 0.9, 1.3),
    "smirk": MouthShape(0.02, 0.0, 0.95, 1.0, 1.0, 0.10),
    "serious": MouthShape(-0.03, 0.0, 0.95, 1.05, 0.95),
    "pout": MouthShape(-0.02, 0.0, 1.3, 1.35, 0.82),
    "laugh": MouthShape(0.18, 0.42, 0.75, 0.9, 1.3),
    "tongue": MouthShape(0.10, 0.30, 0.85, 0.9, 1.0),
}


@dataclass(frozen=True)
class Eye:
    """One eye: corners, lid curves, center, width, height (canvas units)."""

    center: Point
    outer: Point
    inner: Point
    upper: tuple[Point, Point]  # upper lid points, outer to inner
    lower: tuple[Point, Point]  # lower lid points, inner to outer
    width: float
    height: float
    angle: float  # degrees, rotation of the eye axis (outer corner up > 0)
    side: int  # -1: the eye on the image's left, +1: on the right


@dataclass(frozen=True)
class Anchors:
    """Every computed anchor of one avatar's face."""

    cx: float
    top: float  # top of the skull
    hairline: float
    eye_y: float
    chin: Point
    jaw_y: float
    half_width: float  # cheekbone half width
    jaw_half: float
    outline: tuple[Point, ...]  # control points of the head outline, closed
    jaw_line: tuple[Point, ...]  # 17 points, landmarks 0-16
    eyes: tuple[Eye, Eye]  # image-left, image-right
    brows: tuple[tuple[Point, ...], tuple[Point, ...]]  # 5 points each, left to right
    brow_thickness: float
    nose_bridge: tuple[Point, ...]  # 4 points, landmarks 27-30
    nose_base: tuple[Point, ...]  # 5 points, landmarks 31-35
    nose_width: float
    mouth_outer: tuple[Point, ...]  # 12 points, landmarks 48-59
    mouth_inner: tuple[Point, ...]  # 8 points, landmarks 60-67
    mouth_width: float
    ears: tuple[tuple[Point, Point], tuple[Point, Point]]  # (top, bottom) attachment, per side
    ear_height: float
    neck_half: float
    shoulder_y: float

    @property
    def eye_distance(self) -> float:
        """Distance between the eye centers (the inter-ocular distance)."""
        (x0, y0), (x1, y1) = self.eyes[0].center, self.eyes[1].center
        return math.hypot(x1 - x0, y1 - y0)


def _rot(p: Point, c: Point, deg: float) -> Point:
    a = math.radians(deg)
    x, y = p[0] - c[0], p[1] - c[1]
    return (c[0] + x * math.cos(a) - y * math.sin(a), c[1] + x * math.sin(a) + y * math.cos(a))


def _arc_resample(points: list[Point], n: int) -> list[Point]:
    arr = np.asarray(points)
    seg = np.hypot(*np.diff(arr, axis=0).T)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    t = np.linspace(0.0, s[-1], n)
    return [(float(np.interp(v, s, arr[:, 0])), float(np.interp(v, s, arr[:, 1]))) for v in t]


def _eye(side: int, center: Point, width: float, shape: EyeShape, tilt: float) -> Eye:
    h = width * shape.open
    half = width / 2
    # side -1 is the image-left eye: its outer corner is on the left
    outer = (center[0] + side * half, center[1] + 0.04 * width)
    inner = (center[0] - side * half, center[1] + 0.06 * width)
    peak = shape.peak * half * side
    up_o = (center[0] + side * half * 0.45 + peak * 0.5, center[1] - h * 0.52)
    up_i = (center[0] - side * half * 0.42 + peak * 0.5, center[1] - h * 0.50)
    lo_i = (center[0] - side * half * 0.40, center[1] + h * shape.lower + 0.06 * width * 0.3)
    lo_o = (center[0] + side * half * 0.42, center[1] + h * shape.lower)
    angle = side * -(tilt + shape.tilt)  # outer corner up on both sides
    pts = [_rot(p, center, angle) for p in (outer, inner, up_o, up_i, lo_i, lo_o)]
    return Eye(center, pts[0], pts[1], (pts[2], pts[3]), (pts[4], pts[5]), width, h, -angle * side,
               side)


def _brow(side: int, eye: Eye, shape: BrowShape, thickness: float) -> tuple[Point, ...]:
    w = eye.width * 1.18
    base_y = eye.center[1] - eye.height * 0.5 - eye.width * 0.42
    inner_x = eye.center[0] - side * w * 0.46
    pts = []
    for i, t in enumerate(np.linspace(0.0, 1.0, 5)):
        x = inner_x + side * w * t
        # arch: a smooth bump peaking at shape.peak, plus the ends' lift and drop
        bump = math.exp(-((t - shape.peak) ** 2) / 0.09) * shape.arch * eye.width
        y = base_y - bump - shape.inner_lift * eye.width * (1 - t) ** 2
        y += shape.outer_drop * eye.width * t**3
        if i == 0:
            y += thickness * 0.1
        pts.append((float(x), float(y)))
    # landmarks run left to right across the image
    return tuple(pts if side == 1 else pts[::-1])


def _mouth(cx: float, y: float, width: float, lip: float, shape: MouthShape):
    half = width * shape.width / 2
    lift = shape.lift * width
    up = 0.13 * width * lip * shape.upper
    down = 0.17 * width * lip * shape.lower
    open_ = shape.opening * width
    lc = (cx - half, y - lift)
    rc = (cx + half, y - lift - shape.asym * width)
    mid_lift = lift * 0.25
    # outer lip, landmarks 48-59: left corner, upper lip to right corner, lower lip back
    outer = [
        lc,
        (cx - half * 0.62, y - up * 0.75 - mid_lift),
        (cx - half * 0.22, y - up * 1.05 - mid_lift),
        (cx, y - up * 0.85 - mid_lift),
        (cx + half * 0.22, y - up * 1.05 - mid_lift),
        (cx + half * 0.62, y - up * 0.75 - mid_lift - shape.asym * width * 0.5),
        rc,
        (cx + half * 0.58, y + down * 0.75 + open_ * 0.8 - lift * 0.3),
        (cx + half * 0.2, y + down + open_),
        (cx, y + down + open_),
        (cx - half * 0.2, y + down + open_),
        (cx - half * 0.58, y + down * 0.75 + open_ * 0.8 - lift * 0.3),
    ]
    # inner lip line, landmarks 60-67; an open mouth parts along it
    ic_l = (cx - half * 0.9, y - lift * 0.9)
    ic_r = (cx + half * 0.9, y - lift * 0.9 - shape.asym * width * 0.9)
    sag = lift * 0.55
    inner = [
        ic_l,
        (cx - half * 0.4, y - sag * 0.2 - open_ * 0.05),
        (cx, y + sag * 0.15 - open_ * 0.05),
        (cx + half * 0.4, y - sag * 0.2 - open_ * 0.05),
        ic_r,
        (cx + half * 0.4, y + sag * 0.3 + open_ * 0.85),
        (cx, y + sag * 0.4 + open_ * 0.95),
        (cx - half * 0.4, y + sag * 0.3 + open_ * 0.85),
    ]
    return tuple(outer), tuple(inner)


def _jaw_line(outline: list[Point], start_y: float) -> list[Point]:
    """17 points (landmarks 0-16) along the drawn outline, evenly spaced from where it
    crosses ``start_y`` on the image-left side, around the chin, up to the right side."""
    # the outline runs clockwise from the skull's top: reversed, it goes down the left
    # side, around the chin and up the right side, in landmark order
    curve = np.asarray(sample_smooth(outline, closed=True, steps=24)[::-1])
    below = np.flatnonzero(curve[:, 1] >= start_y)
    i, j = below[0], below[-1]

    def crossing(k: int, outside: int) -> Point:
        # where the segment between a point below start_y and one above it crosses it
        (x0, y0), (x1, y1) = curve[k], curve[outside]
        t = (start_y - y0) / (y1 - y0)
        return (float(x0 + (x1 - x0) * t), start_y)

    arc = [crossing(i, i - 1), *map(tuple, curve[i:j + 1]), crossing(j, j + 1)]
    return _arc_resample(arc, 17)


def compute(params: Params) -> Anchors:
    """The anchors of ``params`` (cached: params are immutable)."""
    return _compute(params)


@lru_cache(maxsize=512)
def _compute(params: Params) -> Anchors:
    s = params.scalar
    fl, fw, jw, chin_shape = s("face_length"), s("face_width"), s("jaw_width"), s("chin_shape")
    cx, eye_y = CX, EYE_Y
    top = eye_y - 150.0 * (1 + 0.06 * fl)
    # a slightly oval face (head 59 % of the canvas, eyes on its middle) reads as a face
    # to dlib's HOG detector far more often than a round one (benchmarks/style_detection.py)
    chin_y = eye_y + 156.0 * (1 + 0.11 * fl)
    W = 102.0 * (1 + 0.16 * fw)
    # the eyes (ART.md: 0.22 × an average face width), their spacing and the mouth widen
    # with the face only a little: a wide face reads as a full one
    features_w = 102.0 * (1 + 0.05 * fw)
    J = W * (0.80 + 0.12 * jw)
    C = W * (0.26 + 0.12 * chin_shape)
    cheek = 0.97 + 0.10 * s("cheek_fullness")
    jaw_y = eye_y + (chin_y - eye_y) * 0.62

    left = [
        (cx - W * 0.70, top + 16),
        (cx - W * 0.98, eye_y - 70),
        (cx - W * 1.00, eye_y + 4),
        (cx - W * cheek, eye_y + (jaw_y - eye_y) * 0.62),
        (cx - J, jaw_y),
        (cx - C - (J - C) * 0.42, chin_y - (chin_y - jaw_y) * 0.45),
        (cx - C, chin_y - 5 - 3 * chin_shape),
    ]
    # clockwise from the top of the skull: right side down, chin, left side up
    outline = [(cx, top), *[(2 * cx - x, y) for x, y in left], (cx, chin_y),
               *reversed(left)]
    jaw_line = _jaw_line(outline, eye_y + 8)

    eye_w = 2 * features_w * 0.215 * (1 + 0.16 * s("eye_size"))  # ART.md: ≈ 0.22 × face width
    spacing = features_w * (0.45 + 0.05 * s("eye_spacing"))
    tilt = 7.0 * s("eye_tilt")
    shape = EYE_SHAPES[params.choice("eyes")]
    mouth_shape = MOUTH_SHAPES[params.choice("mouth")]
    if mouth_shape.opening > 0 and shape.lower > 0:
        shape = replace(shape, lower=shape.lower * SMILE_SQUINT)
    eye_w *= shape.width
    # the winking eye (image-right) is closed: its anchors follow the closed lid
    right_shape = EYE_SHAPES["happy"] if params.choice("eyes") == "wink" else shape
    eyes = (
        _eye(-1, (cx - spacing, eye_y), eye_w, shape, tilt),
        _eye(1, (cx + spacing, eye_y), eye_w, right_shape, tilt),
    )
    brow_shape = BROW_SHAPES[params.choice("eyebrows")]
    brow_thickness = eye_w * 0.16 * brow_shape.thick * (1 + 0.35 * s("brow_thickness"))
    brows = (_brow(-1, eyes[0], brow_shape, brow_thickness),
             _brow(1, eyes[1], brow_shape, brow_thickness))

    nose_len = 58.0 * (1 + 0.16 * s("nose_length"))
    nose_w = eye_w * 0.40 * (1 + 0.22 * s("nose_width"))
    if params.choice("nose") in ("wide", "broad"):
        nose_w *= 1.2
    elif params.choice("nose") in ("narrow", "pointed"):
        nose_w *= 0.85
    tip_y = eye_y + nose_len
    bridge = tuple((cx, eye_y + nose_len * t) for t in (0.05, 0.35, 0.65, 0.92))
    base = (
        (cx - nose_w, tip_y - 4), (cx - nose_w * 0.5, tip_y + 2), (cx, tip_y + 4),
        (cx + nose_w * 0.5, tip_y + 2), (cx + nose_w, tip_y - 4),
    )
    # the mouth's place from the nose to the chin: a long or short upper lip
    mouth_y = tip_y + 4 + (chin_y - tip_y - 4) * (0.36 + MOUTH_SHIFT * s("mouth_height"))
    mouth_w = features_w * 0.58 * (1 + 0.16 * s("mouth_width"))
    lip = 1 + 0.3 * s("lip_fullness")
    mouth_outer, mouth_inner = _mouth(cx, mouth_y, mouth_w, lip, mouth_shape)

    # a high forehead lifts the hairline towards the crown, a low one brings it down
    forehead = 0.0 if params.choice("hair") in OWN_HAIRLINE else s("forehead")
    hairline = top + (eye_y - top) * (0.40 - 0.10 * forehead)
    ear_h = 66.0 * (1 + 0.2 * s("ear_size"))
    ear_top_y = eye_y - 12
    # full cheeks bulge past the usual ear line: the ears move out with them, or the lobes
    # would peek out under the cheeks
    ear_out = W * max(0.0, cheek - 0.97)
    ears = (
        ((cx - W * 0.99 - ear_out, ear_top_y), (cx - W * 0.93 - ear_out, ear_top_y + ear_h)),
        ((cx + W * 0.99 + ear_out, ear_top_y), (cx + W * 0.93 + ear_out, ear_top_y + ear_h)),
    )
    return Anchors(
        cx=cx, top=top, hairline=hairline, eye_y=eye_y, chin=(cx, chin_y),
        jaw_y=jaw_y, half_width=W, jaw_half=J, outline=tuple(outline),
        jaw_line=tuple(jaw_line), eyes=eyes, brows=brows, brow_thickness=brow_thickness,
        nose_bridge=bridge, nose_base=base, nose_width=nose_w, mouth_outer=mouth_outer,
        mouth_inner=mouth_inner, mouth_width=mouth_w, ears=ears, ear_height=ear_h,
        neck_half=J * (NECK if params.choice("lashes") != "none" else NECK_WITHOUT_LASHES),
        shoulder_y=chin_y + 50,
    )


def landmarks68(anchors: Anchors) -> np.ndarray:
    """The 68 iBUG/dlib landmarks ``(68, 2)`` in canvas units."""
    left, right = anchors.eyes
    pts: list[Point] = [
        *anchors.jaw_line,
        *anchors.brows[0],
        *anchors.brows[1],
        *anchors.nose_bridge,
        *anchors.nose_base,
        # left eye (36-41): outer, upper lid outer→inner, inner, lower lid inner→outer
        left.outer, left.upper[0], left.upper[1], left.inner, left.lower[0], left.lower[1],
        # right eye (42-47): inner, upper lid inner→outer, outer, lower lid outer→inner
        right.inner, right.upper[1], right.upper[0], right.outer, right.lower[1], right.lower[0],
        *anchors.mouth_outer,
        *anchors.mouth_inner,
    ]
    arr = np.asarray(pts, dtype=np.float64)
    assert arr.shape == (68, 2)
    return arr
