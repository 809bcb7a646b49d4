"""Facial hair: stubble, mustaches, goatees and beards, from the jaw and mouth anchors."""

from __future__ import annotations

from collections.abc import Callable

from ..context import Ctx
from ..svgkit import Point, group, path, smooth
from .head import FACE_CLIP


def _mustache(ctx: Ctx, droop: float = 0.0, thin: float = 1.0, curl: bool = False) -> str:
    a = ctx.a
    o = a.mouth_outer
    nose_y = a.nose_base[2][1]
    top_y = (nose_y + o[3][1]) / 2 - 3
    half = a.mouth_width * 0.58
    t = 10 * thin
    pts: list[Point] = [
        (a.cx, top_y + 2), (a.cx + half * 0.55, top_y - 1), (a.cx + half, o[6][1] + droop),
        (a.cx + half * 0.5, top_y + t), (a.cx, top_y + t * 0.8),
        (a.cx - half * 0.5, top_y + t), (a.cx - half, o[0][1] + droop),
        (a.cx - half * 0.55, top_y - 1),
    ]
    out = [path(smooth(pts, closed=True, tension=0.8), ctx.pal.facial_hair.base)]
    if curl:
        for s in (-1, 1):
            x = a.cx + s * half
            out.append(path(f"M{x:.1f} {o[0][1] + droop:.1f}q{s * 12} -2 {s * 10} -16", "none",
                            stroke=ctx.pal.facial_hair.base, stroke_width=5,
                            stroke_linecap="round"))
    return group(out)


def _chin_patch(ctx: Ctx, width: float, depth: float) -> str:
    a = ctx.a
    o = a.mouth_outer
    y = o[9][1] + 3
    half = a.mouth_width * width
    pts = [(a.cx - half, y), (a.cx + half, y), (a.cx + half * 0.9, a.chin[1] - 4 + depth),
           (a.cx, a.chin[1] + depth), (a.cx - half * 0.9, a.chin[1] - 4 + depth)]
    return path(smooth(pts, closed=True, tension=0.7), ctx.pal.facial_hair.base)


def _beard(ctx: Ctx, length: float, cheeks: float = 1.0, strap: bool = False,
           chops: bool = False) -> str:
    a = ctx.a
    jaw = a.jaw_line
    o = a.mouth_outer
    top_l, top_r = jaw[2], jaw[14]
    chin_y = a.chin[1] + length
    lower = [(x, y + (length * (1 - abs(x - a.cx) / a.half_width))) for x, y in jaw[3:14]]
    if strap:
        inner = [(x + (a.cx - x) * 0.08, y - 12) for x, y in jaw[13:2:-1]]
        pts = [top_l, *lower, top_r, *inner]
        return path(smooth(pts, closed=True, tension=0.7), ctx.pal.facial_hair.base)
    inner_top = [
        (a.cx + a.half_width * 0.62 * cheeks, a.nose_base[4][1] + 6),
        (o[6][0] + 8, o[6][1] + 4),
        (a.cx, o[9][1] + 6),
        (o[0][0] - 8, o[0][1] + 4),
        (a.cx - a.half_width * 0.62 * cheeks, a.nose_base[0][1] + 6),
    ]
    if chops:
        inner_top = [(a.cx + a.half_width * 0.62, a.nose_base[4][1]), (o[6][0] + 18, chin_y - 30),
                     (a.cx, chin_y - 40), (o[0][0] - 18, chin_y - 30),
                     (a.cx - a.half_width * 0.62, a.nose_base[0][1])]
    pts = [top_l, *lower[:5], (a.cx, chin_y), *lower[6:], top_r, *inner_top]
    mouth_hole = smooth([(o[0][0] - 4, o[0][1]), (a.cx, o[3][1] - 2), (o[6][0] + 4, o[6][1]),
                         (a.cx, o[9][1] + 4)], closed=True)
    return group([path(smooth(pts, closed=True, tension=0.75), ctx.pal.facial_hair.base),
                  path(smooth(pts, closed=True, tension=0.75), ctx.pal.facial_hair.shadow,
                       opacity=0.25),
                  path(mouth_hole, ctx.pal.facial_hair.base)])


def _stubble(ctx: Ctx) -> str:
    a = ctx.a
    jaw = a.jaw_line
    pts = [jaw[2], *jaw[3:14], jaw[14], (a.cx + a.half_width * 0.55, a.nose_base[4][1] + 4),
           (a.cx, a.nose_base[2][1] + 6), (a.cx - a.half_width * 0.55, a.nose_base[0][1] + 4)]
    return path(smooth(pts, closed=True, tension=0.8), ctx.pal.facial_hair.base, opacity=0.22)


STYLES: dict[str, Callable[[Ctx], str]] = {
    "none": lambda ctx: "",
    "stubble": _stubble,
    "mustache": _mustache,
    "pencil_mustache": lambda ctx: _mustache(ctx, thin=0.45),
    "handlebar": lambda ctx: _mustache(ctx, curl=True),
    "chevron": lambda ctx: _mustache(ctx, droop=6, thin=1.3),
    "goatee": lambda ctx: group([_chin_patch(ctx, 0.42, 6)]),
    "circle_beard": lambda ctx: group([_mustache(ctx, droop=12), _chin_patch(ctx, 0.5, 6)]),
    "soul_patch": lambda ctx: _chin_patch(ctx, 0.12, -16),
    "chin_strap": lambda ctx: _beard(ctx, 4, strap=True),
    "short_beard": lambda ctx: group([_stubble(ctx), _beard(ctx, 8), _mustache(ctx)]),
    "full_beard": lambda ctx: group([_beard(ctx, 26, 1.05), _mustache(ctx, droop=4)]),
    "mutton_chops": lambda ctx: _beard(ctx, 0, chops=True),
    "long_beard": lambda ctx: group([_beard(ctx, 70, 1.05), _mustache(ctx, droop=6)]),
}


def facial_hair(ctx: Ctx) -> str:
    """The chosen facial hair in the facial-hair color."""
    drawn = STYLES[ctx.choice("facial_hair")](ctx)
    if not drawn:
        return ""
    # stubble and beards that would spill past the face stay on it
    clip = ctx.choice("facial_hair") in ("stubble",)
    return group([drawn], clip_path=f"url(#{FACE_CLIP})") if clip else drawn
