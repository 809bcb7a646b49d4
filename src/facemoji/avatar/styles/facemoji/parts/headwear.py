"""Headwear: caps, beanies, hats, headbands, headscarves and turbans (back and front)."""

from __future__ import annotations

from collections.abc import Callable

from ..context import Ctx
from ..palette import shift
from ..svgkit import ellipse, group, linear_gradient, path, smooth

# headwear takes the clothing color, a shade apart so the two don't merge
COLOR_SHIFT = {"cap": 0, "beanie": -6, "fedora": -14, "headband": 10, "headscarf": 4,
               "turban": 6, "bucket_hat": 8}


def _color(ctx: Ctx) -> str:
    return shift(ctx.pal.clothing.base, COLOR_SHIFT.get(ctx.choice("headwear"), 0))


def _grad(ctx: Ctx) -> str:
    c = _color(ctx)
    return linear_gradient("hat-g", [(0, shift(c, 8), 1), (0.6, c, 1), (1, shift(c, -10), 1)],
                           x1=0.1, y1=0, x2=0.9, y2=1)


def _dome(ctx: Ctx, brim_y: float, height: float, widen: float = 1.0) -> list[tuple[float, float]]:
    a = ctx.a
    W = a.half_width * widen
    return [(a.cx - W * 1.1, brim_y), (a.cx - W * 1.04, brim_y - height * 0.6),
            (a.cx - W * 0.6, brim_y - height * 0.97), (a.cx, brim_y - height),
            (a.cx + W * 0.6, brim_y - height * 0.97), (a.cx + W * 1.04, brim_y - height * 0.6),
            (a.cx + W * 1.1, brim_y)]


def _cap(ctx: Ctx) -> str:
    a = ctx.a
    y = a.hairline + 16
    crown = _dome(ctx, y, y - a.top + 22)
    bill = smooth([(a.cx - a.half_width * 0.95, y - 4), (a.cx + a.half_width * 0.2, y - 10),
                   (a.cx + a.half_width * 1.05, y + 4), (a.cx + a.half_width * 0.1, y + 26),
                   (a.cx - a.half_width * 0.9, y + 12)], closed=True)
    c = _color(ctx)
    return group([path(smooth(crown, closed=True, tension=0.8), "url(#hat-g)"),
                  path(bill, shift(c, -12)),
                  ellipse(a.cx, a.top - 14, 7, 5, shift(c, -8))])


def _beanie(ctx: Ctx) -> str:
    a = ctx.a
    y = a.hairline + 14
    crown = _dome(ctx, y, y - a.top + 30, 1.04)
    c = _color(ctx)
    cuff = smooth([(a.cx - a.half_width * 1.14, y - 30), (a.cx + a.half_width * 1.14, y - 30),
                   (a.cx + a.half_width * 1.12, y + 6), (a.cx - a.half_width * 1.12, y + 6)],
                  closed=True, tension=0.3)
    ribs = "".join(f"M{a.cx + k * 16:.1f} {y - 26:.1f}v28" for k in range(-7, 8))
    return group([path(smooth(crown, closed=True, tension=0.8), "url(#hat-g)"),
                  path(cuff, shift(c, -6)),
                  path(ribs, "none", stroke=shift(c, -16), stroke_width=2, opacity=0.6)])


def _hat(ctx: Ctx, bucket: bool = False) -> str:
    a = ctx.a
    y = a.hairline + 6
    W = a.half_width
    brim_w = W * (1.5 if not bucket else 1.35)
    c = _color(ctx)
    brim = smooth([(a.cx - brim_w, y + (4 if not bucket else 14)), (a.cx, y - 14),
                   (a.cx + brim_w, y + (4 if not bucket else 14)), (a.cx, y + 16)], closed=True)
    crown = _dome(ctx, y, y - a.top + (40 if not bucket else 26), 0.98)
    band = smooth([(a.cx - W * 1.06, y - 18), (a.cx + W * 1.06, y - 18), (a.cx + W * 1.08, y - 2),
                   (a.cx - W * 1.08, y - 2)], closed=True, tension=0.3)
    return group([path(brim, shift(c, -8)), path(smooth(crown, closed=True, tension=0.8),
                                                 "url(#hat-g)"),
                  path(band, shift(c, -25) if not bucket else shift(c, -5))])


def _headband(ctx: Ctx) -> str:
    a = ctx.a
    y = a.hairline - 6
    W = a.half_width
    band = smooth([(a.cx - W * 1.06, y + 10), (a.cx, y - 12), (a.cx + W * 1.06, y + 10),
                   (a.cx + W * 1.02, y + 24), (a.cx, y + 4), (a.cx - W * 1.02, y + 24)],
                  closed=True)
    return path(band, "url(#hat-g)")


def _scarf_outline(ctx: Ctx) -> list[tuple[float, float]]:
    a = ctx.a
    W = a.half_width
    return [(a.cx, a.top - 22), (a.cx + W * 1.22, a.top + 30), (a.cx + W * 1.3, a.eye_y + 30),
            (a.cx + W * 1.25, a.chin[1] + 10), (a.cx + W * 1.7, a.chin[1] + 90),
            (a.cx - W * 1.7, a.chin[1] + 90), (a.cx - W * 1.25, a.chin[1] + 10),
            (a.cx - W * 1.3, a.eye_y + 30), (a.cx - W * 1.22, a.top + 30)]


def _headscarf_back(ctx: Ctx) -> str:
    return path(smooth(_scarf_outline(ctx), closed=True, tension=0.8), "url(#hat-g)")


def _headscarf_front(ctx: Ctx) -> str:
    a = ctx.a
    W = a.half_width
    c = _color(ctx)
    # the scarf frames the face: an opening around it, drawn as a band over forehead and cheeks
    band = smooth([(a.cx - W * 1.22, a.eye_y + 10), (a.cx - W * 1.1, a.top + 20), (a.cx, a.top - 22),
                   (a.cx + W * 1.1, a.top + 20), (a.cx + W * 1.22, a.eye_y + 10),
                   (a.cx + W * 1.08, a.jaw_y + 20), (a.cx + W * 0.96, a.eye_y - 10),
                   (a.cx + W * 0.7, a.hairline - 4), (a.cx, a.hairline - 14),
                   (a.cx - W * 0.7, a.hairline - 4), (a.cx - W * 0.96, a.eye_y - 10),
                   (a.cx - W * 1.08, a.jaw_y + 20)], closed=True, tension=0.8)
    under = smooth([(a.cx - W * 1.15, a.jaw_y), (a.cx - W * 0.7, a.chin[1] + 10), (a.cx, a.chin[1] + 22),
                    (a.cx + W * 0.7, a.chin[1] + 10), (a.cx + W * 1.15, a.jaw_y),
                    (a.cx + W * 1.3, a.chin[1] + 60), (a.cx - W * 1.3, a.chin[1] + 60)], closed=True)
    return group([path(under, shift(c, -4)), path(band, "url(#hat-g)"),
                  path(smooth([(a.cx - W * 0.9, a.top + 30), (a.cx, a.top + 2),
                               (a.cx + W * 0.9, a.top + 30)], closed=False), "none",
                       stroke=shift(c, -14), stroke_width=3, opacity=0.5)])


def _turban(ctx: Ctx) -> str:
    a = ctx.a
    W = a.half_width
    y = a.hairline + 12
    crown = _dome(ctx, y, y - a.top + 44, 1.12)
    c = _color(ctx)
    folds = [path(smooth([(a.cx - W * 1.1, y - 18 - k * 22), (a.cx, y - 40 - k * 26),
                          (a.cx + W * 1.1, y - 10 - k * 24)], closed=False), "none",
                  stroke=shift(c, -14), stroke_width=3.5, opacity=0.6) for k in range(3)]
    return group([path(smooth(crown, closed=True, tension=0.8), "url(#hat-g)"), *folds])


FRONT: dict[str, Callable[[Ctx], str]] = {
    "none": lambda ctx: "",
    "cap": _cap,
    "beanie": _beanie,
    "fedora": _hat,
    "bucket_hat": lambda ctx: _hat(ctx, bucket=True),
    "headband": _headband,
    "headscarf": _headscarf_front,
    "turban": _turban,
}

BACK: dict[str, Callable[[Ctx], str]] = {"headscarf": _headscarf_back}


def covers_hair(ctx: Ctx) -> bool:
    """Whether the headwear hides the hair entirely."""
    return ctx.choice("headwear") in ("headscarf", "turban")


def back(ctx: Ctx) -> str:
    """The part of the headwear behind the head."""
    option = ctx.choice("headwear")
    if option == "none":
        return ""
    return f"<defs>{_grad(ctx)}</defs>" + BACK.get(option, lambda c: "")(ctx)


def front(ctx: Ctx) -> str:
    """The part of the headwear in front of everything."""
    return FRONT[ctx.choice("headwear")](ctx)
