"""Neck, shoulders and clothing."""

from __future__ import annotations

from collections.abc import Callable

from ..context import Ctx
from ..palette import shift
from ..svgkit import Point, group, linear_gradient, path, smooth
from .head import FACE_CLIP  # noqa: F401  (documented: the body is drawn before the face)

BOTTOM = 520.0


def _torso(ctx: Ctx, neck_open: float = 1.0) -> tuple[list[Point], float, float]:
    """Shoulder outline control points (left to right across the top), the neck's half
    width and the y where the collar sits."""
    a = ctx.a
    n = a.neck_half
    y0 = a.chin[1] + 34
    shoulder = a.half_width * 1.95
    pts = [
        (a.cx - shoulder, BOTTOM),
        (a.cx - shoulder * 0.97, y0 + 78),
        (a.cx - shoulder * 0.78, y0 + 28),
        (a.cx - n * 1.6, y0 + 4),
        (a.cx + n * 1.6, y0 + 4),
        (a.cx + shoulder * 0.78, y0 + 28),
        (a.cx + shoulder * 0.97, y0 + 78),
        (a.cx + shoulder, BOTTOM),
    ]
    return pts, n * neck_open, y0


def neck(ctx: Ctx) -> str:
    """The neck, with the chin's shadow on it."""
    a, skin = ctx.a, ctx.pal.skin
    n = a.neck_half
    top = a.jaw_y
    bottom = a.chin[1] + 80
    d = smooth([(a.cx - n, top), (a.cx - n * 0.96, bottom - 30), (a.cx - n * 1.25, bottom),
                (a.cx + n * 1.25, bottom), (a.cx + n * 0.96, bottom - 30), (a.cx + n, top)],
               closed=True, tension=0.6)
    shadow = smooth([(a.cx - n * 1.1, a.chin[1] - 20), (a.cx, a.chin[1] + 30),
                     (a.cx + n * 1.1, a.chin[1] - 20)], closed=True)
    return group([path(d, skin.base), path(d, skin.shadow, opacity=0.25),
                  path(shadow, skin.deep, opacity=0.45)])


def _fabric(ctx: Ctx, gid: str) -> str:
    c = ctx.pal.clothing
    return linear_gradient(gid, [(0, c.light, 1), (0.45, c.base, 1), (1, c.shadow, 1)],
                           x1=0, y1=0, x2=1, y2=0.4)


def _crew(ctx: Ctx, collar: str = "crew") -> str:
    a, c = ctx.a, ctx.pal.clothing
    pts, n, y0 = _torso(ctx)
    body = smooth(pts, closed=True, tension=0.7)
    out = [_fabric(ctx, "cloth-g"), path(body, "url(#cloth-g)")]
    if collar == "crew":
        rim = smooth([(a.cx - n * 1.5, y0 + 2), (a.cx, y0 + 26), (a.cx + n * 1.5, y0 + 2),
                      (a.cx, y0 + 17)], closed=True)
        out.append(path(rim, c.shadow))
    elif collar == "v":
        v = smooth([(a.cx - n * 1.45, y0 + 1), (a.cx, y0 + 58), (a.cx + n * 1.45, y0 + 1)],
                   closed=True, tension=0.4)
        out.append(path(v, ctx.pal.skin.base))
        out.append(path(v, "none", stroke=c.shadow, stroke_width=5, stroke_linejoin="round"))
    elif collar == "tank":
        skin_top = smooth([(a.cx - a.half_width * 1.9, y0 + 40), (a.cx - n * 1.4, y0 + 2),
                           (a.cx + n * 1.4, y0 + 2), (a.cx + a.half_width * 1.9, y0 + 40),
                           (a.cx + a.half_width * 1.2, y0 + 70), (a.cx, y0 + 44),
                           (a.cx - a.half_width * 1.2, y0 + 70)], closed=True, tension=0.6)
        out.append(path(skin_top, ctx.pal.skin.base))
    return group(out)


def _hoodie(ctx: Ctx) -> str:
    a, c = ctx.a, ctx.pal.clothing
    pts, n, y0 = _torso(ctx)
    hood = smooth([(a.cx - n * 2.4, y0 + 40), (a.cx - n * 2.2, y0 - 16), (a.cx, y0 + 30),
                   (a.cx + n * 2.2, y0 - 16), (a.cx + n * 2.4, y0 + 40), (a.cx, y0 + 60)],
                  closed=True)
    strings = "".join(f"M{a.cx + s * 14:.1f} {y0 + 40:.1f}l{s * 2} 44" for s in (-1, 1))
    return group([_crew(ctx, "none"), path(hood, c.shadow),
                  path(strings, "none", stroke=shift(c.base, 25), stroke_width=3,
                       stroke_linecap="round")])


def _collared(ctx: Ctx, blazer: bool = False) -> str:
    a, c = ctx.a, ctx.pal.clothing
    pts, n, y0 = _torso(ctx)
    shirt = "#f4f4f2" if blazer else c.base
    out = [_crew(ctx, "none")]
    if blazer:
        inner = smooth([(a.cx - n * 1.7, y0), (a.cx, y0 + 120), (a.cx + n * 1.7, y0)], closed=True,
                       tension=0.3)
        out.append(path(inner, shirt))
        for s in (-1, 1):
            lapel = [(a.cx + s * n * 1.7, y0 - 2), (a.cx + s * n * 2.6, y0 + 60),
                     (a.cx + s * 6, y0 + 122)]
            out.append(path(smooth(lapel + [(a.cx + s * n * 1.0, y0 + 40)], closed=True,
                                   tension=0.3), c.shadow))
    for s in (-1, 1):
        collar = [(a.cx + s * n * 1.15, y0 - 12), (a.cx + s * n * 2.0, y0 + 10),
                  (a.cx + s * 4, y0 + 34)]
        out.append(path(smooth(collar, closed=True, tension=0.3), shift(shirt, -6)))
    return group(out)


def _turtleneck(ctx: Ctx) -> str:
    a, c = ctx.a, ctx.pal.clothing
    _, n, y0 = _torso(ctx)
    roll = smooth([(a.cx - n * 1.25, y0 - 36), (a.cx + n * 1.25, y0 - 36),
                   (a.cx + n * 1.5, y0 + 14), (a.cx - n * 1.5, y0 + 14)], closed=True, tension=0.4)
    folds = "".join(f"M{a.cx - n * 1.3:.1f} {y0 - 20 + k * 11:.1f}q{n * 1.3:.1f} 6 "
                    f"{n * 2.6:.1f} 0" for k in range(3))
    return group([_crew(ctx, "none"), path(roll, c.base),
                  path(folds, "none", stroke=c.shadow, stroke_width=2.5)])


def _sweater(ctx: Ctx) -> str:
    a, c = ctx.a, ctx.pal.clothing
    _, n, y0 = _torso(ctx)
    rib = smooth([(a.cx - n * 1.6, y0 - 2), (a.cx, y0 + 30), (a.cx + n * 1.6, y0 - 2),
                  (a.cx, y0 + 16)], closed=True)
    knit = "".join(f"M{a.cx + x:.1f} {y0 + 60:.1f}v60" for x in range(-120, 121, 24))
    return group([_crew(ctx, "none"), path(knit, "none", stroke=c.shadow, stroke_width=2,
                                           opacity=0.35), path(rib, c.shadow)])


CLOTHES: dict[str, Callable[[Ctx], str]] = {
    "crew_tee": lambda ctx: _crew(ctx, "crew"),
    "v_neck": lambda ctx: _crew(ctx, "v"),
    "tank_top": lambda ctx: _crew(ctx, "tank"),
    "hoodie": _hoodie,
    "collared_shirt": _collared,
    "blazer": lambda ctx: _collared(ctx, blazer=True),
    "turtleneck": _turtleneck,
    "sweater": _sweater,
}


def clothing(ctx: Ctx) -> str:
    """The chosen clothing in the clothing color."""
    return CLOTHES[ctx.choice("clothing")](ctx)
