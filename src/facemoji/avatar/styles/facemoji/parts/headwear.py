"""Headwear: caps, beanies, hats, headbands, headscarves and turbans.

Everything sits on the skull anchors (``a.top``, ``a.hairline``, ``a.half_width``).
Hats are drawn in front of the hair (their crown covers its top, hair shows below);
the headscarf and the turban hide the hair entirely (``covers_hair``). The color is
``headwear_color`` where it is set (a hat measured in the photos); where it follows the
clothing (the default), ``clothing_color`` turned in CIELAB (hue, chroma, lightness per
option) so that headwear matches the outfit without merging into it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ....color import hex_to_lab
from ..context import Ctx
from ..palette import Tones, from_lab
from ..schema import HEADWEAR
from ..svgkit import Point, ellipse, group, linear_gradient, path, smooth
from .head import FACE_CLIP

FILL = "url(#headwear-g)"
CLIP = "headwear-clip"
COVERING = frozenset(o.id for o in HEADWEAR if "covers" in o.tags)

# option -> (hue turn in degrees, chroma factor, lightness step away from the clothing)
COLOR_TURN: dict[str, tuple[float, float, float]] = {
    "cap": (0.0, 1.0, 8.0),
    "beanie": (40.0, 1.0, 10.0),
    "fedora": (0.0, 0.35, 14.0),
    "headband": (-50.0, 1.2, 12.0),
    "headscarf": (25.0, 0.9, 10.0),
    "turban": (-30.0, 1.1, 8.0),
    "bucket_hat": (70.0, 0.8, 12.0),
}
SKIN_CONTRAST = 24.0  # least CIELAB distance between headwear and skin


def _tones(ctx: Ctx) -> Tones:
    """The headwear's tones: its own color where ``headwear_color`` has one (a measured
    hat), else the clothing color turned per option."""
    if ctx.params["headwear_color"] is not None:
        return Tones.of(ctx.params.color("headwear_color"), shadow=11, light=9)
    turn, chroma, step = COLOR_TURN[ctx.choice("headwear")]
    L, a, b = hex_to_lab(ctx.pal.clothing.base)
    t = math.radians(turn)
    a2 = (a * math.cos(t) - b * math.sin(t)) * chroma
    b2 = (a * math.sin(t) + b * math.cos(t)) * chroma
    # step away from the clothing's lightness so the two never merge
    L2 = L + step if L < 55 else L - step
    # and away from the skin's, so that a scarf never blends into the face around it
    Ls, a_s, b_s = hex_to_lab(ctx.pal.skin.base)
    if math.dist((L2, a2, b2), (Ls, a_s, b_s)) < SKIN_CONTRAST:
        L2 = Ls + SKIN_CONTRAST if Ls < 50 else Ls - SKIN_CONTRAST
    return Tones.of(from_lab(round(L2, 1), round(a2, 1), round(b2, 1)), shadow=11, light=9)


def _defs(t: Tones, clip: str = "") -> str:
    grad = linear_gradient("headwear-g", [(0, t.light, 1), (0.5, t.base, 1), (1, t.shadow, 1)],
                           x1=0.15, y1=0, x2=0.85, y2=1)
    clip_el = f'<clipPath id="{CLIP}"><path d="{clip}"/></clipPath>' if clip else ""
    return f"<defs>{grad}{clip_el}</defs>"


def _edge(t: Tones) -> str:
    """Seam and fold color: darker, or lighter on near-black fabric where dark can't show."""
    return t.deep if hex_to_lab(t.base)[0] > 22 else t.light


def _forehead_shadow(ctx: Ctx, y: float, depth: float, width: float = 1.1) -> str:
    """The soft shadow a brim or edge casts on the forehead, clipped to the face."""
    a, W = ctx.a, ctx.a.half_width
    d = smooth([(a.cx - W * width, y - 4), (a.cx, y - 6), (a.cx + W * width, y - 4),
                (a.cx + W * width * 0.9, y + depth * 0.7), (a.cx, y + depth),
                (a.cx - W * width * 0.9, y + depth * 0.7)], closed=True, tension=0.8)
    return path(d, ctx.pal.skin.deep, opacity=0.28, clip_path=f"url(#{FACE_CLIP})")


def _dome(ctx: Ctx, base_y: float, top_y: float, half: float, shoulder: float = 0.62
          ) -> list[Point]:
    """A crown from the left base corner over the top to the right base corner."""
    cx = ctx.a.cx
    h = base_y - top_y
    return [(cx - half, base_y), (cx - half * 0.99, base_y - h * shoulder),
            (cx - half * 0.66, top_y + h * 0.06), (cx, top_y),
            (cx + half * 0.66, top_y + h * 0.06), (cx + half * 0.99, base_y - h * shoulder),
            (cx + half, base_y)]


def _cap(ctx: Ctx) -> str:
    """A baseball cap seen from the front: a tall six-panel dome and a curved bill,
    narrower than the head, that dips over the forehead and shades it."""
    a, W, t = ctx.a, ctx.a.half_width, _tones(ctx)
    y = a.hairline - 8  # where the bill meets the crown at the temples; the bill clears the brows
    top = a.top - 38
    half = W * 1.04
    crown = smooth([(a.cx - half, y + 2), (a.cx - half * 0.98, y - (y - top) * 0.5),
                    (a.cx - half * 0.68, top + 12), (a.cx, top), (a.cx + half * 0.68, top + 12),
                    (a.cx + half * 0.98, y - (y - top) * 0.5), (a.cx + half, y + 2),
                    (a.cx, y + 14)], closed=True, tension=0.9)
    edge = _edge(t)
    seams = "".join(
        smooth([(a.cx + s * W * 0.12, top + 2), (a.cx + s * W * 0.5, top + 30),
                (a.cx + s * W * 0.7, y + 4)], closed=False) for s in (-1, 1))
    seams += f"M{a.cx:.1f} {top + 2:.1f}L{a.cx:.1f} {y + 2:.1f}"
    # the bill, from the front: its top surface between where it leaves the crown and its
    # curved front edge, deepest in the middle, and the darker underside just inside that edge
    back_edge = [(a.cx - W * 0.98, y + 2), (a.cx - W * 0.55, y + 9), (a.cx, y + 11),
                 (a.cx + W * 0.55, y + 9), (a.cx + W * 0.98, y + 2)]
    front_edge = [(a.cx + W * 0.96, y + 8), (a.cx + W * 0.55, y + 38), (a.cx, y + 46),
                  (a.cx - W * 0.55, y + 38), (a.cx - W * 0.96, y + 8)]
    under = [(a.cx + W * 0.9, y + 12), (a.cx + W * 0.5, y + 37), (a.cx, y + 44),
             (a.cx - W * 0.5, y + 37), (a.cx - W * 0.9, y + 12)]
    bill = smooth([*back_edge, *front_edge], closed=True, tension=0.8)
    return group([
        _defs(t),
        _forehead_shadow(ctx, y + 44, 14, 0.8),
        path(crown, FILL),
        ellipse(a.cx - W * 0.4, top + 34, W * 0.3, 20, t.light, opacity=0.45),
        path(seams, "none", stroke=edge, stroke_width=2.2, opacity=0.45, stroke_linecap="round"),
        path(bill, t.base),
        path(smooth(back_edge, closed=False), "none", stroke=t.deep, stroke_width=4, opacity=0.5,
             transform="translate(0 2)"),
        path(smooth(under, closed=False), "none", stroke=t.shadow, stroke_width=6,
             stroke_linecap="round", opacity=0.9),
        path(smooth(front_edge[1:4], closed=False), "none", stroke=t.light, stroke_width=2.5,
             opacity=0.6, transform="translate(0 -8)", stroke_linecap="round"),
        ellipse(a.cx, top + 3, 9, 5, t.shadow),
    ])


def _pompom(cx: float, cy: float, r: float) -> str:
    """Path data of a fluffy ball: a circle with a scalloped edge."""
    pts = [(cx + (r if k % 2 == 0 else r * 0.9) * math.cos(2 * math.pi * k / 22),
            cy + (r if k % 2 == 0 else r * 0.9) * math.sin(2 * math.pi * k / 22))
           for k in range(22)]
    return smooth(pts, closed=True, tension=0.9)


def _beanie(ctx: Ctx) -> str:
    a, W, t = ctx.a, ctx.a.half_width, _tones(ctx)
    y = a.hairline + 16  # the cuff's lower edge, above the brows
    cuff_h = 36
    top = a.top - 26
    crown = smooth(_dome(ctx, y - cuff_h + 6, top, W * 1.1, 0.5), closed=True, tension=0.85)
    cuff = smooth([(a.cx - W * 1.16, y - cuff_h), (a.cx, y - cuff_h - 4),
                   (a.cx + W * 1.16, y - cuff_h), (a.cx + W * 1.14, y), (a.cx, y + 6),
                   (a.cx - W * 1.14, y)], closed=True, tension=0.6)
    edge = _edge(t)
    # knit ribs: on the cuff every few units, on the crown converging to the top
    cuff_ribs = "".join(f"M{a.cx + k * 11:.1f} {y - cuff_h + 2 - abs(k) * 0.1:.1f}"
                        f"l{k * 0.15:.1f} {cuff_h + 2 - abs(k) * 0.25:.1f}" for k in range(-11, 12))
    crown_ribs = "".join(
        smooth([(a.cx + k * 15, y - cuff_h + 2), (a.cx + k * 11, (y + top) / 2 - 8),
                (a.cx + k * 3, top + 10)], closed=False) for k in range(-6, 7) if k)
    return group([
        _defs(t, cuff),
        _forehead_shadow(ctx, y + 4, 12),
        path(crown, FILL),
        path(crown_ribs, "none", stroke=edge, stroke_width=2, opacity=0.25),
        ellipse(a.cx - W * 0.4, (y + top) / 2 - 14, W * 0.34, 20, t.light, opacity=0.35),
        path(_pompom(a.cx, top - 2, 20), t.light),
        path(_pompom(a.cx + 3, top + 2, 14), t.base, opacity=0.5),
        path(cuff, t.base),
        path(cuff, t.shadow, opacity=0.35, transform="translate(0 3)"),
        group([path(cuff_ribs, "none", stroke=edge, stroke_width=3.4, opacity=0.5)],
              clip_path=f"url(#{CLIP})"),
        path(smooth([(a.cx - W * 1.1, y - cuff_h + 3), (a.cx, y - cuff_h - 1),
                     (a.cx + W * 1.1, y - cuff_h + 3)], closed=False), "none", stroke=t.light,
             stroke_width=3, opacity=0.6),
    ])


def _hatband_color(t: Tones) -> str:
    return t.deep if hex_to_lab(t.base)[0] > 30 else t.light


def _fedora(ctx: Ctx) -> str:
    a, W, t = ctx.a, ctx.a.half_width, _tones(ctx)
    y = a.hairline + 8  # where the crown meets the brim
    h = y - a.top + 46
    half = W * 0.94
    crown = smooth([(a.cx - half, y), (a.cx - half * 0.9, y - h * 0.6),
                    (a.cx - half * 0.7, y - h * 0.96), (a.cx - half * 0.3, y - h),
                    (a.cx, y - h * 0.9),  # the crease along the top
                    (a.cx + half * 0.3, y - h), (a.cx + half * 0.7, y - h * 0.96),
                    (a.cx + half * 0.9, y - h * 0.6), (a.cx + half, y)],
                   closed=True, tension=0.8)
    brim_w = W * 1.62
    brim = smooth([(a.cx - brim_w, y - 14), (a.cx - W * 1.1, y - 12), (a.cx, y - 16),
                   (a.cx + W * 1.1, y - 12), (a.cx + brim_w, y - 14), (a.cx + W * 1.3, y + 8),
                   (a.cx, y + 18), (a.cx - W * 1.3, y + 8)], closed=True, tension=0.75)
    brim_edge = smooth([(a.cx - brim_w, y - 14), (a.cx - W * 1.3, y + 8), (a.cx, y + 18),
                        (a.cx + W * 1.3, y + 8), (a.cx + brim_w, y - 14)], closed=False)
    band = smooth([(a.cx - half * 1.01, y - 24), (a.cx, y - 27), (a.cx + half * 1.01, y - 24),
                   (a.cx + half * 1.02, y - 2), (a.cx, y - 4), (a.cx - half * 1.02, y - 2)],
                  closed=True, tension=0.5)
    crease = smooth([(a.cx - half * 0.22, y - h * 0.95), (a.cx, y - h * 0.86),
                     (a.cx + half * 0.22, y - h * 0.95), (a.cx + half * 0.1, y - h * 0.6),
                     (a.cx, y - h * 0.5), (a.cx - half * 0.1, y - h * 0.6)], closed=True)
    return group([
        _defs(t),
        _forehead_shadow(ctx, y + 16, 14, 1.2),
        path(brim, t.shadow),
        path(brim_edge, "none", stroke=t.light, stroke_width=3, opacity=0.5,
             stroke_linecap="round"),
        path(crown, FILL),
        path(crease, t.deep, opacity=0.35),
        ellipse(a.cx - half * 0.55, y - h * 0.55, half * 0.22, h * 0.22, t.light, opacity=0.4),
        path(band, _hatband_color(t)),
    ])


def _bucket_hat(ctx: Ctx) -> str:
    a, W, t = ctx.a, ctx.a.half_width, _tones(ctx)
    y = a.hairline - 10  # where the crown meets the brim; the brim clears the brows
    top = a.top - 20
    crown = smooth(_dome(ctx, y + 4, top, W * 1.04, 0.7), closed=True, tension=0.7)
    brim = smooth([(a.cx - W * 1.08, y - 6), (a.cx, y - 10), (a.cx + W * 1.08, y - 6),
                   (a.cx + W * 1.42, y + 24), (a.cx + W * 0.8, y + 36), (a.cx, y + 39),
                   (a.cx - W * 0.8, y + 36), (a.cx - W * 1.42, y + 24)], closed=True, tension=0.6)
    stitch = "".join(
        smooth([(a.cx - W * (1.16 + k * 0.12), y + 4 + k * 9), (a.cx - W * 0.6, y + 14 + k * 11),
                (a.cx, y + 16 + k * 11), (a.cx + W * 0.6, y + 14 + k * 11),
                (a.cx + W * (1.16 + k * 0.12), y + 4 + k * 9)], closed=False) for k in range(2))
    edge = _edge(t)
    return group([
        _defs(t),
        _forehead_shadow(ctx, y + 36, 12, 1.2),
        path(crown, FILL),
        ellipse(a.cx - W * 0.4, top + 30, W * 0.34, 16, t.light, opacity=0.4),
        path(smooth([(a.cx - W * 1.02, y - 14), (a.cx, y - 20), (a.cx + W * 1.02, y - 14)],
                    closed=False), "none", stroke=edge, stroke_width=2, opacity=0.4),
        path(brim, t.base),
        path(brim, t.shadow, opacity=0.5, transform="translate(0 5)"),
        path(stitch, "none", stroke=edge, stroke_width=1.8, opacity=0.55,
             stroke_dasharray="5 4"),
    ])


def _headband(ctx: Ctx) -> str:
    a, W, t = ctx.a, ctx.a.half_width, _tones(ctx)
    end_y = a.eye_y - 40
    outer = [(a.cx - W * 0.92, a.hairline - 22), (a.cx, a.top + 10),
             (a.cx + W * 0.92, a.hairline - 22)]
    inner = [(a.cx + W * 0.86, a.hairline - 8), (a.cx, a.top + 28),
             (a.cx - W * 0.86, a.hairline - 8)]
    band = smooth([(a.cx - W * 1.02, end_y), *outer, (a.cx + W * 1.02, end_y), *inner],
                  closed=True, tension=0.8)
    return group([
        _defs(t),
        path(band, ctx.pal.hair.deep, opacity=0.4, transform="translate(1 5)"),
        path(band, FILL),
        path(smooth(inner, closed=False), "none", stroke=t.deep, stroke_width=2.5, opacity=0.6),
        path(smooth(outer, closed=False), "none", stroke=t.light, stroke_width=3, opacity=0.7,
             transform="translate(0 4)", stroke_linecap="round"),
    ])


def _scarf_shapes(ctx: Ctx) -> tuple[str, str]:
    """Path data of the headscarf's outer silhouette and of its face opening."""
    a, W = ctx.a, ctx.a.half_width
    cx, chin = a.cx, a.chin[1]
    right = [(cx + W * 0.76, a.top - 6), (cx + W * 1.22, a.top + 50), (cx + W * 1.3, a.eye_y),
             (cx + W * 1.22, a.jaw_y + 14), (cx + W * 1.34, chin + 30),
             (cx + W * 1.6, chin + 72), (cx + W * 1.68, 530)]
    outer = [(cx, a.top - 24), *right, *[(2 * cx - x, y) for x, y in reversed(right)]]
    # the opening follows the face below the brows and crosses the forehead at the hairline
    face_pts = [(cx + (x - cx) * 0.95, y) for x, y in a.outline if x > cx and y > a.eye_y - 30]
    opening = [(cx, a.hairline - 8), (cx + W * 0.62, a.hairline + 4),
               (cx + W * 0.88, a.eye_y - 50), *face_pts, (cx, chin + 3),
               *[(2 * cx - x, y) for x, y in reversed(face_pts)],
               (cx - W * 0.88, a.eye_y - 50), (cx - W * 0.62, a.hairline + 4)]
    return smooth(outer, closed=True, tension=0.85), smooth(opening, closed=True, tension=0.9)


def _headscarf(ctx: Ctx) -> str:
    a, W, t = ctx.a, ctx.a.half_width, _tones(ctx)
    outer, opening = _scarf_shapes(ctx)
    cx, chin = a.cx, a.chin[1]
    edge = _edge(t)
    folds = "".join(
        smooth([(cx + s * W * 0.3, chin + 12 + k * 6), (cx + s * W * (0.9 + 0.2 * k), chin + 40
                + k * 22), (cx + s * W * (1.3 + 0.15 * k), chin + 110 + k * 10)], closed=False)
        for s in (-1, 1) for k in range(2))
    folds += "".join(smooth([(cx + s * W * 1.12, a.eye_y - 30), (cx + s * W * 1.16, a.eye_y + 10),
                             (cx + s * W * 1.08, a.jaw_y)], closed=False) for s in (-1, 1))
    return group([
        _defs(t, outer),
        path(outer + opening, FILL, fill_rule="evenodd"),
        group([
            path(opening, "none", stroke=ctx.pal.skin.deep, stroke_width=9, opacity=0.22,
                 transform="translate(1 2)", clip_path=f"url(#{FACE_CLIP})"),
            path(folds, "none", stroke=edge, stroke_width=4, opacity=0.22, stroke_linecap="round"),
            path(smooth([(cx - W * 0.95, a.top + 40), (cx - W * 0.4, a.top - 6),
                         (cx + W * 0.2, a.top - 10)], closed=False), "none", stroke=t.light,
                 stroke_width=10, opacity=0.45, stroke_linecap="round"),
            path(opening, "none", stroke=t.light, stroke_width=2.5, opacity=0.35,
                 transform="translate(0 -2)"),
        ], clip_path=f"url(#{CLIP})"),
    ])


def _turban(ctx: Ctx) -> str:
    a, W, t = ctx.a, ctx.a.half_width, _tones(ctx)
    cx = a.cx
    side_y = a.eye_y - 34
    top = a.top - 62
    peak_y = a.hairline + 2  # the wraps cross at a point over the forehead
    shape = smooth([(cx - W * 1.08, side_y), (cx - W * 1.2, a.hairline - 24),
                    (cx - W * 1.16, top + 50), (cx - W * 0.6, top + 4), (cx, top),
                    (cx + W * 0.6, top + 4), (cx + W * 1.16, top + 50),
                    (cx + W * 1.2, a.hairline - 24), (cx + W * 1.08, side_y),
                    (cx + W * 0.5, a.hairline + 20), (cx, peak_y),
                    (cx - W * 0.5, a.hairline + 20)], closed=True, tension=0.8)
    edge = _edge(t)
    folds = []
    # wraps run diagonally up from each temple and cross at the front in chevrons
    for k in range(4):
        y0 = side_y - 10 - k * 32
        y1 = peak_y - 22 - k * 30
        for s in (-1, 1):
            folds.append(smooth([(cx + s * W * 1.3, y0), (cx + s * W * 0.55, y1 + (y0 - y1) * 0.3),
                                 (cx - s * W * 0.1, y1 - 3)], closed=False, tension=0.5))
    fold_d = "".join(folds)
    return group([
        _defs(t, shape),
        _forehead_shadow(ctx, peak_y + 12, 12),
        path(shape, FILL),
        group([
            path(fold_d, "none", stroke=edge, stroke_width=6, opacity=0.4, stroke_linecap="round"),
            path(fold_d, "none", stroke=t.light, stroke_width=4, opacity=0.6,
                 stroke_linecap="round", transform="translate(0 -6)"),
            ellipse(cx - W * 0.5, top + 40, W * 0.36, 22, t.light, opacity=0.35),
        ], clip_path=f"url(#{CLIP})"),
    ])


FRONT: dict[str, Callable[[Ctx], str]] = {
    "cap": _cap,
    "beanie": _beanie,
    "fedora": _fedora,
    "bucket_hat": _bucket_hat,
    "headband": _headband,
    "headscarf": _headscarf,
    "turban": _turban,
}


def covers_hair(ctx: Ctx) -> bool:
    """Whether the headwear hides the hair entirely (headscarf, turban)."""
    return ctx.choice("headwear") in COVERING


def front(ctx: Ctx) -> str:
    """The headwear, in front of everything else."""
    option = ctx.choice("headwear")
    return "" if option == "none" else FRONT[option](ctx)
