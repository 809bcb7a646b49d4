"""The head: ears, the face with its shading, and skin details (blush, freckles, age lines)."""

from __future__ import annotations

import math

import numpy as np

from ..context import Ctx
from ..palette import shift
from ..svgkit import ellipse, f, group, path, radial_gradient, smooth

FACE_CLIP = "face-clip"


def face_path(ctx: Ctx) -> str:
    """Path data of the head outline (also used to clip shading and details)."""
    return smooth(ctx.a.outline, closed=True)


def ears(ctx: Ctx) -> str:
    """Both ears, drawn behind the face; the option sets the outline."""
    a, skin = ctx.a, ctx.pal.skin
    option = ctx.choice("ears")
    h = a.ear_height
    width = {"round": 0.52, "oval": 0.44, "small": 0.42, "protruding": 0.62}[option] * h
    if option == "small":
        h *= 0.82
    out = [radial_gradient("ear-g", [(0, skin.base, 1), (0.7, skin.base, 1), (1, skin.shadow, 1)],
                           cx=0.55, cy=0.45, r=0.6)]
    for side, (top, _bottom) in zip((-1, 1), a.ears, strict=True):
        x0, y0 = top
        flare = 1.15 if option == "protruding" else 1.0
        lobe = 0.30 if option == "oval" else 0.22
        pts = [
            (x0 + side * 6, y0 - 2),
            (x0 + side * width * 0.75 * flare, y0 - h * 0.04),
            (x0 + side * width * flare, y0 + h * 0.30),
            (x0 + side * width * 0.78, y0 + h * 0.68),
            (x0 + side * width * 0.40, y0 + h * (0.92 + lobe * 0.2)),
            (x0 + side * 4, y0 + h * 0.88),
        ]
        d = smooth(pts, closed=True)
        inner = [
            (x0 + side * width * 0.30, y0 + h * 0.16),
            (x0 + side * width * 0.62, y0 + h * 0.16),
            (x0 + side * width * 0.70, y0 + h * 0.45),
            (x0 + side * width * 0.48, y0 + h * 0.66),
            (x0 + side * width * 0.30, y0 + h * 0.55),
        ]
        out.append(path(d, "url(#ear-g)"))
        out.append(path(smooth(inner, closed=True), skin.shadow, opacity=0.75))
        out.append(path(d, "none", stroke=ctx.pal.line, stroke_width=1.2, stroke_opacity=0.35))
    return group(out)


def face(ctx: Ctx) -> str:
    """The face with a radial gradient, a soft shadow on the side away from the light
    (upper left), highlights on forehead and cheeks, and the clip path other parts use."""
    a, skin = ctx.a, ctx.pal.skin
    d = face_path(ctx)
    W = a.half_width
    defs = (
        "<defs>"
        f'<clipPath id="{FACE_CLIP}"><path d="{d}"/></clipPath>'
        + radial_gradient("face-g", [(0, skin.light, 1), (0.5, skin.base, 1),
                                     (0.86, skin.base, 1), (1, skin.shadow, 1)],
                          cx=0.46, cy=0.42, r=0.62, fx=0.4, fy=0.34)
        + radial_gradient("face-shadow", [(0, skin.shadow, 0), (0.55, skin.shadow, 0),
                                          (1, skin.deep, 0.55)], cx=0.3, cy=0.4, r=0.8)
        + radial_gradient("face-hl", [(0, skin.light, 0.75), (1, skin.light, 0)])
        + "</defs>"
    )
    shading = group(
        [
            # soft core shadow along the right and lower edge
            path(d, "url(#face-shadow)"),
            ellipse(a.cx - W * 0.28, a.eye_y - 78, W * 0.55, 42, "url(#face-hl)"),
            ellipse(a.eyes[0].center[0] - 6, a.eye_y + 50, W * 0.3, 20, "url(#face-hl)",
                    opacity=0.6),
            ellipse(a.eyes[1].center[0] + 4, a.eye_y + 50, W * 0.26, 17, "url(#face-hl)",
                    opacity=0.4),
            # jaw shadow under the chin's curve
            ellipse(a.cx, a.chin[1] + 8, a.jaw_half * 0.9, 26, skin.shadow, opacity=0.35),
        ],
        clip_path=f"url(#{FACE_CLIP})",
    )
    return defs + path(d, "url(#face-g)") + shading


def skin_details(ctx: Ctx) -> str:
    """Blush, freckles and age lines, clipped to the face."""
    a, pal = ctx.a, ctx.pal
    out = [radial_gradient("blush-g", [(0, pal.blush, 0.55), (1, pal.blush, 0)])]
    left, right = a.eyes
    cheek_y = a.eye_y + left.width * 0.95
    for eye in (left, right):
        out.append(ellipse(eye.center[0] + eye.side * eye.width * 0.22, cheek_y,
                           eye.width * 0.62, eye.width * 0.36, "url(#blush-g)"))
    freckles = ctx.choice("freckles")
    if freckles != "none":
        rng = np.random.default_rng(7)  # fixed pattern: same params, same SVG
        count = 16 if freckles == "light" else 34
        dot = shift(pal.skin.base, -18, da=6, db=8, chroma=1.2)
        spots = []
        for eye in (left, right):
            for _ in range(count // 2):
                u, v = rng.normal(0, 1, 2)
                x = eye.center[0] - eye.side * eye.width * 0.05 + u * eye.width * 0.38
                y = cheek_y - eye.width * 0.12 + v * eye.width * 0.18
                r = 1.3 + abs(rng.normal(0, 0.5))
                spots.append(f'<circle cx="{f(x)}" cy="{f(y)}" r="{f(r)}"/>')
        # a few across the nose bridge
        for _ in range(count // 6):
            u, v = rng.normal(0, 1, 2)
            spots.append(f'<circle cx="{f(a.cx + u * 9)}" cy="{f(a.eye_y + 24 + v * 5)}" r="1.2"/>')
        out.append(group(spots, fill=dot, opacity=0.55 if freckles == "light" else 0.7))
    lines = ctx.choice("age_lines")
    if lines != "none":
        strength = 0.35 if lines == "light" else 0.6
        line = pal.skin.deep
        w = 1.6 if lines == "light" else 2.2
        strokes = []
        # nasolabial folds from beside the nose toward the mouth corners
        base = a.nose_base
        mouth_l, mouth_r = a.mouth_outer[0], a.mouth_outer[6]
        for side, nose_pt, corner in ((-1, base[0], mouth_l), (1, base[4], mouth_r)):
            start = (nose_pt[0] + side * 8, nose_pt[1] - 6)
            mid = (corner[0] + side * 10, (nose_pt[1] + corner[1]) / 2 + 4)
            end = (corner[0] + side * 5, corner[1] + 10)
            strokes.append(path(smooth([start, mid, end], closed=False), "none", stroke=line,
                                stroke_width=w, stroke_linecap="round"))
        # crow's feet at the outer eye corners
        for eye in (left, right):
            ox, oy = eye.outer
            for k in (-1, 0, 1):
                ang = math.radians(k * 22)
                x1, y1 = ox + eye.side * 7, oy + k * 3
                x2 = x1 + eye.side * 9 * math.cos(ang)
                y2 = y1 + 9 * math.sin(ang)
                strokes.append(path(f"M{f(x1)} {f(y1)}L{f(x2)} {f(y2)}", "none", stroke=line,
                                    stroke_width=w * 0.7, stroke_linecap="round"))
        if lines == "deep":
            # forehead lines
            for k in range(3):
                y = a.hairline + 18 + k * 9
                half = a.half_width * (0.42 - k * 0.05)
                strokes.append(path(smooth([(a.cx - half, y + 2), (a.cx, y - 2),
                                            (a.cx + half, y + 2)], closed=False), "none",
                                    stroke=line, stroke_width=1.6, stroke_linecap="round"))
        out.append(group(strokes, opacity=strength))
    return group(out, clip_path=f"url(#{FACE_CLIP})")
