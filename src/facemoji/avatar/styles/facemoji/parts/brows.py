"""Eyebrows: a tapered shape along the five brow anchors, thicker at the inner end."""

from __future__ import annotations

import math

from ..context import Ctx
from ..svgkit import Point, group, path, smooth


def _brow_shape(points: tuple[Point, ...], thickness: float, inner_first: bool) -> str:
    pts = list(points) if inner_first else list(points)[::-1]  # inner → outer
    top: list[Point] = []
    bottom: list[Point] = []
    n = len(pts)
    for i, (x, y) in enumerate(pts):
        # the brow tapers from full thickness at the inner end to a point at the outer end
        t = i / (n - 1)
        half = thickness * (0.55 - 0.42 * t**1.6)
        j0, j1 = max(0, i - 1), min(n - 1, i + 1)
        dx, dy = pts[j1][0] - pts[j0][0], pts[j1][1] - pts[j0][1]
        norm = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / norm, dx / norm
        if ny > 0:  # make the normal point up
            nx, ny = -nx, -ny
        top.append((x + nx * half, y + ny * half))
        bottom.append((x - nx * half * 0.9, y - ny * half * 0.9))
    outline = top + bottom[::-1]
    return smooth(outline, closed=True, tension=0.8)


def brows(ctx: Ctx) -> str:
    """Both eyebrows in the brow color; the option's arch comes from the anchors."""
    a = ctx.a
    color = ctx.pal.brows
    out = []
    # landmarks run left to right: the left brow's inner end is its last point
    out.append(path(_brow_shape(a.brows[0], a.brow_thickness, inner_first=False), color))
    out.append(path(_brow_shape(a.brows[1], a.brow_thickness, inner_first=True), color))
    if ctx.choice("eyebrows") == "bushy":
        # a few loose hairs above the brow for texture
        for pts in a.brows:
            hairs = "".join(
                f"M{x:.1f} {y - a.brow_thickness * 0.35:.1f}l{(i - 2) * 0.8:.1f} "
                f"{-a.brow_thickness * 0.35:.1f}"
                for i, (x, y) in enumerate(pts[1:4], start=1)
            )
            out.append(path(hairs, "none", stroke=color, stroke_width=2, stroke_linecap="round"))
    return group(out, opacity=0.96)
