"""The head: ears, the face with its shading, and skin details (blush, freckles, age lines).

Light comes from the upper left: the face is a flat base fill (so the cheeks show the
skin parameter's own color) with a soft core shadow toward the lower right, highlights
on forehead and cheekbones, and shadowed eye sockets and temples for depth.
"""

from __future__ import annotations

import math

import numpy as np

from ..context import Ctx
from ..palette import lightness, shift
from ..svgkit import ellipse, f, group, path, radial_gradient, smooth

FACE_CLIP = "face-clip"
HIGHLIGHT = "head-hl"  # radial fade of the skin highlight, shared by face parts
SHADE = "head-shade"  # radial fade of the skin shadow, shared by face parts
# extra highlight lightness per L* unit below 50: dark skin shows a stronger sheen
HL_BOOST = 0.9

# ear option -> (width × ear height, height factor, lobe drop, flare)
EARS: dict[str, tuple[float, float, float, float]] = {
    "round": (0.44, 0.92, 0.22, 0.95),
    "oval": (0.37, 1.0, 0.34, 0.95),
    "small": (0.38, 0.78, 0.18, 0.9),
    "protruding": (0.58, 0.96, 0.22, 1.15),
}
# px the ear's outer parts are set back into the head, so that ears sit tucked to it
TUCK = 3.0


def face_path(ctx: Ctx) -> str:
    """Path data of the head outline (also used to clip shading and details)."""
    return smooth(ctx.a.outline, closed=True)


def ears(ctx: Ctx) -> str:
    """Both ears, drawn behind the face; the option sets the outline."""
    a, skin = ctx.a, ctx.pal.skin
    width_f, height_f, lobe, flare = EARS[ctx.choice("ears")]
    h = a.ear_height * height_f
    width = width_f * a.ear_height
    out = []
    for side, (top, _bottom) in zip((-1, 1), a.ears, strict=True):
        x0, y0 = top

        def x(k: float, x0: float = x0, side: int = side) -> float:
            return x0 + side * (width * k - TUCK)  # k × ear width outward from the head

        outline = [
            (x0 + side * 4, y0 - 4),
            (x(0.72 * flare), y0 - h * 0.06),
            (x(flare), y0 + h * 0.28),
            (x(0.80 * flare), y0 + h * 0.62),
            (x(0.42), y0 + h * (0.90 + lobe * 0.25)),
            (x0 - side * 2, y0 + h * 0.86),
        ]
        d = smooth(outline, closed=True)
        # the helix rim and the bowl inside it, shaded away from the light
        bowl = [(x(0.28), y0 + h * 0.14), (x(0.66), y0 + h * 0.12), (x(0.74), y0 + h * 0.42),
                (x(0.50), y0 + h * 0.66), (x(0.26), y0 + h * 0.56)]
        fold = [(x(0.30), y0 + h * 0.50), (x(0.52), y0 + h * 0.42), (x(0.40), y0 + h * 0.70)]
        out += [
            path(d, skin.base if side < 0 else skin.shadow),
            path(d, "none", stroke=ctx.pal.line, stroke_width=1.4, stroke_opacity=0.45),
            path(smooth(bowl, closed=True), skin.shadow if side < 0 else skin.deep,
                 opacity=0.8),
            path(smooth(fold, closed=True), skin.deep, opacity=0.5),
        ]
    return group(out)


def highlight(ctx: Ctx) -> str:
    """The skin's highlight color. Dark skin gets a stronger sheen (as in photos), which
    also keeps the face's shape readable to face detectors."""
    skin = ctx.pal.skin
    L = lightness(skin.base)
    return skin.light if L > 50 else shift(skin.base, 6 + (50 - L) * HL_BOOST, chroma=0.9)


def _defs(ctx: Ctx, d: str) -> str:
    skin = ctx.pal.skin
    light = highlight(ctx)
    return (
        "<defs>"
        f'<clipPath id="{FACE_CLIP}"><path d="{d}"/></clipPath>'
        # the core shadow: clear over the lit upper left, darkening toward the lower right
        + radial_gradient("head-core", [(0, skin.deep, 0), (0.62, skin.deep, 0),
                                        (0.86, skin.shadow, 0.55), (1, skin.deep, 0.75)],
                          cx=0.40, cy=0.36, r=0.78)
        + radial_gradient(HIGHLIGHT, [(0, light, 0.9), (0.5, light, 0.45), (1, light, 0)])
        + radial_gradient(SHADE, [(0, skin.deep, 0.55), (0.6, skin.shadow, 0.3),
                                  (1, skin.shadow, 0)])
        + "</defs>"
    )


def face(ctx: Ctx) -> str:
    """The face: base fill, core shadow, highlights and the clip path other parts use."""
    a = ctx.a
    d = face_path(ctx)
    W = a.half_width
    left, right = a.eyes
    ew = left.width
    hl, shade = f"url(#{HIGHLIGHT})", f"url(#{SHADE})"
    cheek_y = a.eye_y + ew * 0.78
    shading = [
        path(d, "url(#head-core)"),
        # temples and the side of the jaw away from the light
        ellipse(a.cx + W * 0.98, a.eye_y - 20, W * 0.22, W * 0.55, shade, opacity=0.8),
        ellipse(a.cx - W * 1.0, a.eye_y - 10, W * 0.14, W * 0.45, shade, opacity=0.45),
        # eye sockets: a soft darker band between brow and lid gives the face depth
        *(ellipse(e.center[0] + e.side * ew * 0.05, e.center[1] - e.height * 0.35,
                  ew * 0.78, e.height * 0.5 + ew * 0.3, shade, opacity=0.9 if e.side > 0 else 0.7)
          for e in a.eyes),
        # highlights: forehead, the cheekbones (the lit one brighter), the chin
        ellipse(a.cx - W * 0.16, a.hairline + (a.eye_y - a.hairline) * 0.35, W * 0.62,
                (a.eye_y - a.hairline) * 0.42, hl),
        ellipse(left.center[0] - ew * 0.05, cheek_y, ew * 0.55, ew * 0.3, hl, opacity=0.8),
        ellipse(right.center[0] + ew * 0.05, cheek_y, ew * 0.45, ew * 0.24, hl, opacity=0.4),
        ellipse(a.cx - 4, a.chin[1] - 16, a.mouth_width * 0.24, 7, hl, opacity=0.3),
    ]
    return _defs(ctx, d) + path(d, ctx.pal.skin.base) + group(
        shading, clip_path=f"url(#{FACE_CLIP})")


def _freckles(ctx: Ctx, amount: str, cheek_y: float) -> str:
    a, pal = ctx.a, ctx.pal
    rng = np.random.default_rng(7)  # fixed pattern: same params, same SVG
    count = 18 if amount == "light" else 40
    spots = []
    for eye in a.eyes:
        for _ in range(count // 2):
            u, v = rng.normal(0, 1, 2)
            x = eye.center[0] - eye.side * eye.width * 0.1 + u * eye.width * 0.34
            y = cheek_y - eye.width * 0.1 + v * eye.width * 0.15
            r = 1.1 + abs(rng.normal(0, 0.45))
            spots.append(f'<circle cx="{f(x)}" cy="{f(y)}" r="{f(r)}"/>')
    for _ in range(count // 5):  # a few across the nose bridge
        u, v = rng.normal(0, 1, 2)
        spots.append(f'<circle cx="{f(a.cx + u * 8)}" cy="{f(a.eye_y + 26 + v * 5)}" r="1.1"/>')
    dot = shift(pal.skin.base, -20, da=7, db=9, chroma=1.2)
    # fill-opacity, not a group opacity: the spots barely overlap and it rasterizes faster
    return group(spots, fill=dot, fill_opacity=0.5 if amount == "light" else 0.7)


def _age_lines(ctx: Ctx, depth: str) -> str:
    a, pal = ctx.a, ctx.pal
    w = 1.5 if depth == "light" else 2.1
    strokes = []
    # nasolabial folds from beside the nose wings toward the mouth corners
    for side, wing, corner in ((-1, a.nose_base[0], a.mouth_outer[0]),
                               (1, a.nose_base[4], a.mouth_outer[6])):
        start = (wing[0] + side * 7, wing[1] - 4)
        mid = (corner[0] + side * 9, (wing[1] + corner[1]) / 2 + 2)
        end = (corner[0] + side * 5, corner[1] + 12)
        strokes.append(smooth([start, mid, end], closed=False))
    # crow's feet at the outer eye corners
    for eye in a.eyes:
        ox, oy = eye.outer
        for k in (-1, 0, 1):
            ang = math.radians(k * 24)
            x1, y1 = ox + eye.side * 6, oy + k * 3
            strokes.append(f"M{f(x1)} {f(y1)}l{f(eye.side * 8 * math.cos(ang))} "
                           f"{f(8 * math.sin(ang))}")
    # under-eye creases
    for eye in a.eyes:
        lo_i, lo_o = eye.lower
        strokes.append(smooth([(lo_i[0], lo_i[1] + 6), ((lo_i[0] + lo_o[0]) / 2, lo_o[1] + 9),
                               (lo_o[0] + eye.side * 3, lo_o[1] + 6)], closed=False))
    if depth == "deep":
        for k in range(3):  # forehead lines
            y = a.hairline + 16 + k * 9
            half = a.half_width * (0.44 - k * 0.06)
            strokes.append(smooth([(a.cx - half, y + 2), (a.cx, y - 2), (a.cx + half, y + 2)],
                                  closed=False))
    return path("".join(strokes), "none", stroke=pal.skin.deep, stroke_width=w,
                stroke_linecap="round", opacity=0.45 if depth == "light" else 0.7)


def skin_details(ctx: Ctx) -> str:
    """Blush, freckles and age lines, clipped to the face."""
    a, pal = ctx.a, ctx.pal
    out = [radial_gradient("head-blush", [(0, pal.blush, 0.45), (1, pal.blush, 0)])]
    cheek_y = a.eye_y + a.eyes[0].width * 0.95
    for eye in a.eyes:
        out.append(ellipse(eye.center[0] + eye.side * eye.width * 0.2, cheek_y,
                           eye.width * 0.58, eye.width * 0.32, "url(#head-blush)"))
    if ctx.choice("freckles") != "none":
        out.append(_freckles(ctx, ctx.choice("freckles"), cheek_y))
    if ctx.choice("age_lines") != "none":
        out.append(_age_lines(ctx, ctx.choice("age_lines")))
    return group(out, clip_path=f"url(#{FACE_CLIP})")
