"""Eyebrows: a tapered shape along the five brow anchors, full at the inner end and
pointed at the outer one, with a few hair strokes for texture."""

from __future__ import annotations

import math

from ....color import hex_to_lab
from ..context import Ctx
from ..palette import lightness, shift
from ..svgkit import Point, f, group, path, smooth

# the brows stay at least this much darker (CIELAB L*) than light skin, so that they read
MIN_CONTRAST = 28.0
DARK_BROW = "#3f2a1f"
"""The hue light colored brows take as they are darkened: the dark brown of the natural
hair scale. Darkened in their own hue, platinum and blonde brows turned olive green."""
HUE_BY = 40.0
"""Darkened by this much L* or more, a brow takes :data:`DARK_BROW`'s hue entirely."""
COLORED = 12.0
"""From this chroma (C*) a brow's hue moves fully toward :data:`DARK_BROW`'s; grayer
brows (gray and white hair's) move less and darken gray."""


def brow_color(ctx: Ctx) -> str:
    """The brow color: the brow parameter, darkened where it would vanish into the skin
    (light brows on dark skin already stand out, and stay light), a colored one's hue
    moving toward :data:`DARK_BROW`'s the more it is darkened."""
    color = ctx.pal.brows
    skin_l, brow_l = lightness(ctx.pal.skin.base), lightness(color)
    if skin_l <= 45 and brow_l >= skin_l + MIN_CONTRAST:
        return color
    target = skin_l - MIN_CONTRAST if skin_l > 45 else skin_l * 0.4
    if brow_l <= target:
        return color
    _, a, b = hex_to_lab(color)
    t = min(1.0, (brow_l - target) / HUE_BY) * min(1.0, math.hypot(a, b) / COLORED)
    _, warm_a, warm_b = hex_to_lab(DARK_BROW)
    return shift(color, target - brow_l, da=t * (warm_a - a), db=t * (warm_b - b))


def _edges(points: tuple[Point, ...], thickness: float) -> tuple[list[Point], list[Point]]:
    """Top and bottom edges of a brow along ``points`` (inner → outer)."""
    top: list[Point] = []
    bottom: list[Point] = []
    n = len(points)
    for i, (x, y) in enumerate(points):
        t = i / (n - 1)
        half = thickness * (0.56 - 0.40 * t**1.5)
        j0, j1 = max(0, i - 1), min(n - 1, i + 1)
        dx, dy = points[j1][0] - points[j0][0], points[j1][1] - points[j0][1]
        norm = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / norm, dx / norm
        if ny > 0:  # make the normal point up
            nx, ny = -nx, -ny
        top.append((x + nx * half, y + ny * half))
        bottom.append((x - nx * half * 0.85, y - ny * half * 0.85))
    return top, bottom


def _hairs(points: tuple[Point, ...], thickness: float, side: int, count: int,
           rise: float, length: float) -> str:
    """Short strokes along the brow (inner → outer), leaning toward the temple: steep
    (``rise`` degrees) at the inner end, lying flat toward the tail."""
    d = []
    for k in range(count):
        t = (k + 0.5) / count
        i = min(len(points) - 2, int(t * (len(points) - 1)))
        u = t * (len(points) - 1) - i
        (x0, y0), (x1, y1) = points[i], points[i + 1]
        x, y = x0 + (x1 - x0) * u, y0 + (y1 - y0) * u + thickness * 0.2
        ang = math.radians(-rise * (1 - 0.8 * t))
        ln = thickness * length * (1 - 0.4 * t) * (0.75 + 0.25 * math.sin(k * 2.3) ** 2)
        d.append(f"M{f(x)} {f(y)}l{f(side * math.cos(ang) * ln)} {f(math.sin(ang) * ln)}")
    return "".join(d)


def brows(ctx: Ctx) -> str:
    """Both eyebrows; the option's arch and thickness come from the anchors."""
    a = ctx.a
    color = brow_color(ctx)
    bushy = ctx.choice("eyebrows") == "bushy"
    out = []
    for side, pts in zip((-1, 1), a.brows, strict=True):
        inner_first = pts if side == 1 else pts[::-1]  # landmarks run left to right
        top, bottom = _edges(inner_first, a.brow_thickness)
        outline = smooth(top + bottom[::-1], closed=True, tension=0.8)
        out.append(path(outline, color))
        # texture: lighter hairs inside, darker ones breaking the top edge
        out.append(path(_hairs(inner_first, a.brow_thickness, side, 6, 75, 0.7), "none",
                        stroke=shift(color, 14), stroke_width=max(1.0, a.brow_thickness * 0.12),
                        stroke_linecap="round", stroke_opacity=0.5))
        if bushy:
            # stray hairs breaking the top edge
            shifted = tuple((x, y - a.brow_thickness * 0.45) for x, y in inner_first)
            out.append(path(_hairs(shifted, a.brow_thickness, side, 11, 40, 0.55), "none",
                            stroke=color,
                            stroke_width=max(1.0, a.brow_thickness * 0.14),
                            stroke_linecap="round"))
    return group(out)
