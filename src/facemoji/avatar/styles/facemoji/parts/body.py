"""Neck, shoulders and clothing.

The torso is one outline whose top edge is the garment's neckline (round, V, scoop,
straight); collars, hoods, lapels and seams are drawn over it. Shading follows the
light at the upper left: a lit left shoulder, a darker right side, the head's shadow
on the chest. Seams use a darker tone, or a lighter one on near-black fabric, so every
clothing color from white to black keeps its details.
"""

from __future__ import annotations

from collections.abc import Callable

from ..context import Ctx
from ..palette import Tones, lightness, shift
from ..svgkit import Point, ellipse, group, linear_gradient, path, polyline, smooth

BOTTOM = 530.0  # below the canvas, so the torso's lower edge never shows
FABRIC = "url(#body-cloth)"


def _collar_y(ctx: Ctx) -> float:
    """Where the garment meets the base of the neck."""
    return ctx.a.chin[1] + 30


def _shoulder(ctx: Ctx) -> float:
    """Half the shoulder width."""
    return ctx.a.half_width * 1.95


def _edge(t: Tones) -> str:
    """Seam color: darker, or lighter on near-black fabric where dark can't show."""
    return t.deep if lightness(t.base) > 22 else shift(t.light, 4)


def _continue(points: list[Point]) -> str:
    """Path data that continues the current path smoothly through ``points`` (the first
    point is where the path already is)."""
    d = smooth(points, closed=False, tension=0.8)
    return d[d.index("C"):]


def _neckline_points(ctx: Ctx, depth: float, sharp: bool, open_: float) -> list[Point]:
    """The neckline, left end to right end, dipping ``depth`` below the collar line."""
    a, n, y0 = ctx.a, ctx.a.neck_half, _collar_y(ctx)
    if sharp:
        return [(a.cx - n * open_, y0), (a.cx, y0 + depth), (a.cx + n * open_, y0)]
    return [(a.cx - n * open_, y0), (a.cx - n * open_ * 0.6, y0 + depth * 0.8),
            (a.cx, y0 + depth), (a.cx + n * open_ * 0.6, y0 + depth * 0.8),
            (a.cx + n * open_, y0)]


def _neckline(ctx: Ctx, depth: float, sharp: bool, open_: float) -> str:
    """Path data of the neckline (a V when ``sharp``)."""
    pts = _neckline_points(ctx, depth, sharp, open_)
    return polyline(pts) if sharp else smooth(pts, closed=False, tension=0.9)


def _torso(ctx: Ctx, depth: float = 16.0, sharp: bool = False, open_: float = 1.5) -> str:
    """Path data of the torso; its top edge is the neckline between ``± open_`` neck
    half-widths."""
    a = ctx.a
    n, y0, S = a.neck_half, _collar_y(ctx), _shoulder(ctx)
    right = [(a.cx + n * open_, y0), (a.cx + S * 0.6, y0 + 12), (a.cx + S * 0.86, y0 + 32),
             (a.cx + S * 0.99, y0 + 72), (a.cx + S, BOTTOM)]
    left = [(2 * a.cx - x, y) for x, y in reversed(right)]
    neck_line = _neckline(ctx, depth, sharp, open_)
    return (smooth(left, closed=False, tension=0.8) + "L" + neck_line[1:]
            + _continue(right) + "Z")


def _fabric(ctx: Ctx) -> str:
    t = ctx.pal.clothing
    return ("<defs>" + linear_gradient("body-cloth", [(0, t.light, 1), (0.4, t.base, 1),
                                                       (1, t.shadow, 1)], x1=0, y1=0, x2=1, y2=0.5)
            + "</defs>")


def _chest_shadow(ctx: Ctx, depth: float, sharp: bool = False, open_: float = 1.5) -> str:
    """The head's soft shadow on the chest, hugging the neckline."""
    d = _neckline(ctx, depth, sharp, open_)
    return path(d, "none", stroke=ctx.pal.clothing.deep, stroke_width=22, opacity=0.1,
                transform="translate(3 9)", stroke_linecap="round", stroke_linejoin="round")


def _sleeve_seams(ctx: Ctx) -> str:
    a, S, y0 = ctx.a, _shoulder(ctx), _collar_y(ctx)
    d = "".join(smooth([(a.cx + s * S * 0.74, y0 + 20), (a.cx + s * S * 0.78, y0 + 60),
                        (a.cx + s * S * 0.76, BOTTOM)], closed=False) for s in (-1, 1))
    return path(d, "none", stroke=_edge(ctx.pal.clothing), stroke_width=2.2, opacity=0.35)


def _filled(d: str, fill: str, tones: Tones) -> str:
    """A shape with a thin darker edge of its own hue, so light fabric and skin still
    stand out from a white background."""
    return path(d, fill, stroke=tones.shadow, stroke_width=2, stroke_opacity=0.5)


def _base(ctx: Ctx, depth: float = 16.0, sharp: bool = False, open_: float = 1.5) -> list[str]:
    """The shaded torso with the given neckline, plus the chest shadow."""
    return [_fabric(ctx), _filled(_torso(ctx, depth, sharp, open_), FABRIC, ctx.pal.clothing),
            _chest_shadow(ctx, depth, sharp, open_)]


def neck(ctx: Ctx) -> str:
    """The neck and upper chest, shaded as a cylinder, with the chin's shadow on it."""
    a, skin = ctx.a, ctx.pal.skin
    n, y0 = a.neck_half, _collar_y(ctx)
    bottom = y0 + 90
    d = smooth([(a.cx - n, a.jaw_y), (a.cx - n * 0.97, y0 - 16), (a.cx - n * 1.7, y0 + 14),
                (a.cx - n * 2.4, bottom), (a.cx + n * 2.4, bottom), (a.cx + n * 1.7, y0 + 14),
                (a.cx + n * 0.97, y0 - 16), (a.cx + n, a.jaw_y)], closed=True, tension=0.6)
    grad = linear_gradient("body-neck", [(0, skin.shadow, 1), (0.3, skin.base, 1),
                                         (0.7, skin.base, 1), (1, skin.shadow, 1)], x2=1, y2=0)
    clip = f'<clipPath id="body-neck-clip"><path d="{d}"/></clipPath>'
    chin_shadow = ellipse(a.cx + 4, a.chin[1] + 8, a.jaw_half * 0.8, 36, skin.deep,
                          opacity=0.6, clip_path="url(#body-neck-clip)")
    # where the neck meets the chest: a faint shadow at the notch and along the collarbones
    notch = smooth([(a.cx - n * 1.6, y0 + 22), (a.cx - n * 0.4, y0 + 14), (a.cx, y0 + 20),
                    (a.cx + n * 0.4, y0 + 14), (a.cx + n * 1.6, y0 + 22)], closed=False)
    return group([
        f"<defs>{grad}{clip}</defs>",
        path(d, "url(#body-neck)"),
        chin_shadow,
        path(notch, "none", stroke=skin.shadow, stroke_width=3, opacity=0.5,
             stroke_linecap="round"),
    ])


def _rib(ctx: Ctx, depth: float, sharp: bool, open_: float, width: float) -> str:
    """A ribbed band along the neckline."""
    t = ctx.pal.clothing
    d = _neckline(ctx, depth, sharp, open_)
    return group([path(d, "none", stroke=t.shadow, stroke_width=width, stroke_linejoin="round"),
                  path(d, "none", stroke=t.light, stroke_width=1.6, opacity=0.6,
                       transform=f"translate(0 {width * 0.35:.1f})")])


def _crew_tee(ctx: Ctx) -> str:
    return group([*_base(ctx, 18), _rib(ctx, 18, False, 1.5, 6), _sleeve_seams(ctx)])


def _v_neck(ctx: Ctx) -> str:
    return group([*_base(ctx, 58, True, 1.45), _rib(ctx, 58, True, 1.45, 6),
                  _sleeve_seams(ctx)])


def _tank_top(ctx: Ctx) -> str:
    a, skin, t = ctx.a, ctx.pal.skin, ctx.pal.clothing
    n, y0, S = a.neck_half, _collar_y(ctx), _shoulder(ctx)
    shoulders = smooth([(a.cx - S, BOTTOM), (a.cx - S * 0.99, y0 + 72), (a.cx - S * 0.86, y0 + 32),
                        (a.cx - S * 0.6, y0 + 12), (a.cx, y0 + 6), (a.cx + S * 0.6, y0 + 12),
                        (a.cx + S * 0.86, y0 + 32), (a.cx + S * 0.99, y0 + 72),
                        (a.cx + S, BOTTOM)], closed=True, tension=0.8)
    grad = linear_gradient("body-skin", [(0, skin.base, 1), (0.6, skin.base, 1),
                                         (1, skin.shadow, 1)], x2=1, y2=0.3)
    # the top: straps over the shoulders, a scoop neck, armholes curving out and down
    inner, outer = n * 1.75, n * 2.55
    body = (f"M{a.cx - outer:.1f} {y0 + 6:.1f}L{a.cx - inner:.1f} {y0 + 6:.1f}"
            + _continue([(a.cx - inner, y0 + 6), (a.cx - n * 1.1, y0 + 44), (a.cx, y0 + 56),
                         (a.cx + n * 1.1, y0 + 44), (a.cx + inner, y0 + 6)])
            + f"L{a.cx + outer:.1f} {y0 + 6:.1f}"
            + _continue([(a.cx + outer, y0 + 6), (a.cx + n * 2.9, y0 + 70),
                         (a.cx + S * 0.78, BOTTOM)])
            + f"L{a.cx - S * 0.78:.1f} {BOTTOM:.1f}"
            + _continue([(a.cx - S * 0.78, BOTTOM), (a.cx - n * 2.9, y0 + 70),
                         (a.cx - outer, y0 + 6)])
            + "Z")
    collarbones = "".join(smooth([(a.cx + s * n * 0.5, y0 + 20), (a.cx + s * n * 1.4, y0 + 16),
                                  (a.cx + s * n * 2.3, y0 + 22)], closed=False) for s in (-1, 1))
    return group([
        f"<defs>{grad}</defs>", _filled(shoulders, "url(#body-skin)", skin),
        path(collarbones, "none", stroke=skin.shadow, stroke_width=3, opacity=0.6,
             stroke_linecap="round"),
        _fabric(ctx), path(body, FABRIC),
        path(body, "none", stroke=_edge(t), stroke_width=2.5, opacity=0.45),
    ])


def _hoodie(ctx: Ctx) -> str:
    a, t = ctx.a, ctx.pal.clothing
    n, y0 = a.neck_half, _collar_y(ctx)
    edge = _edge(t)
    out = _base(ctx, 22, False, 1.4)
    # the hood lies bunched around the neck: a lobe on each side, crossing in front
    for s in (-1, 1):
        lobe = smooth([(a.cx + s * n * 0.9, y0 - 10), (a.cx + s * n * 1.9, y0 - 26),
                       (a.cx + s * n * 2.7, y0 + 6), (a.cx + s * n * 2.3, y0 + 44),
                       (a.cx - s * n * 0.2, y0 + 52), (a.cx + s * n * 0.9, y0 + 20)],
                      closed=True, tension=0.8)
        out.append(path(lobe, t.base))
        out.append(path(lobe, t.shadow if s > 0 else t.light, opacity=0.55,
                        transform=f"translate({s * 3} 3)"))
        inner = smooth([(a.cx + s * n * 0.95, y0 - 6), (a.cx + s * n * 1.5, y0 + 20),
                        (a.cx - s * n * 0.1, y0 + 46)], closed=False)
        out.append(path(inner, "none", stroke=edge, stroke_width=3, opacity=0.5,
                        stroke_linecap="round"))
    # drawstrings with metal tips
    tip = shift(t.base, 30 if lightness(t.base) < 60 else -30, chroma=0.3)
    strings = "".join(f"M{a.cx + s * n * 0.42:.1f} {y0 + 40:.1f}q{s * 3} 30 {s * 1} 62"
                      for s in (-1, 1))
    out.append(path(strings, "none", stroke=tip, stroke_width=3.5, stroke_linecap="round"))
    for s in (-1, 1):
        out.append(ellipse(a.cx + s * n * 0.42 + s, y0 + 104, 3.2, 6, shift(tip, -15)))
    return group(out)


def _tie(ctx: Ctx, end: float) -> list[str]:
    """A necktie in the tie color (where ``tie`` is chosen): a knot at the collar and a
    blade widening down to ``end``, drawn before the collar's leaves so that they frame
    the knot."""
    if ctx.choice("tie") != "tie":
        return []
    a, t, y0 = ctx.a, ctx.pal.tie, _collar_y(ctx)
    cx = a.cx
    knot = smooth([(cx - 10, y0 - 2), (cx + 10, y0 - 2), (cx + 6.5, y0 + 18), (cx - 6.5, y0 + 18)],
                  closed=True, tension=0.2)
    blade = polyline([(cx - 6.5, y0 + 15), (cx + 6.5, y0 + 15), (cx + 19, end - 20),
                      (cx, end), (cx - 19, end - 20)], closed=True)
    fold = f"M{cx + 2:.1f} {y0 + 18:.1f}L{cx + 8:.1f} {end - 18:.1f}"
    return [
        path(blade, t.shadow, opacity=0.5, transform="translate(2 3)"),
        path(blade, t.base),
        path(fold, "none", stroke=t.shadow, stroke_width=3, opacity=0.6,
             stroke_linecap="round"),
        path(knot, t.shadow),
        path(knot, t.base, opacity=0.85, transform="translate(-0.5 -1.5)"),
    ]


def _shirt_collar(ctx: Ctx, color: str, spread: float = 1.0) -> list[str]:
    """A shirt collar: the stand around the neck and two pointed leaves."""
    a, n, y0 = ctx.a, ctx.a.neck_half, _collar_y(ctx)
    shade = shift(color, -10 if lightness(color) > 25 else 8)
    out = []
    for s in (-1, 1):
        stand = polyline([(a.cx + s * n * 0.96, y0 - 22), (a.cx + s * n * 1.2, y0 - 24),
                          (a.cx + s * n * 1.55, y0 + 2), (a.cx + s * n * 1.0, y0 + 4)], closed=True)
        out.append(path(stand, shade))
        leaf = smooth([(a.cx + s * n * 1.02, y0 - 16), (a.cx + s * n * 1.9 * spread, y0 - 2),
                       (a.cx + s * n * 1.3 * spread, y0 + 46), (a.cx + s * 3, y0 + 32)],
                      closed=True, tension=0.3)
        out.append(path(leaf, shade, opacity=0.6, transform=f"translate({s * 2} 3)"))
        out.append(path(leaf, color))
    return out


def _collared_shirt(ctx: Ctx) -> str:
    a, t = ctx.a, ctx.pal.clothing
    y0 = _collar_y(ctx)
    out = _base(ctx, 34, True, 1.2)
    edge = _edge(t)
    out.append(path(f"M{a.cx:.1f} {y0 + 30:.1f}V{BOTTOM:.0f}", "none", stroke=edge,
                    stroke_width=2, opacity=0.45))
    button = shift(t.base, 12 if lightness(t.base) < 70 else -14, chroma=0.6)
    for k in range(3):
        out.append(ellipse(a.cx + 5, y0 + 50 + k * 36, 3.6, 3.6, button))
    out.extend(_tie(ctx, y0 + 170))
    out.extend(_shirt_collar(ctx, t.base))
    out.append(_sleeve_seams(ctx))
    return group(out)


def _blazer(ctx: Ctx) -> str:
    a, t = ctx.a, ctx.pal.clothing
    n, y0 = a.neck_half, _collar_y(ctx)
    shirt = ctx.params.color("shirt_color")
    v_bottom = y0 + 118
    out = [_fabric(ctx), _filled(_torso(ctx, 0, True, 1.4), FABRIC, t)]
    out.append(path(polyline([(a.cx - n * 1.3, y0), (a.cx, v_bottom), (a.cx + n * 1.3, y0)],
                             closed=True), shirt))
    out.append(path(f"M{a.cx:.1f} {y0 + 36:.1f}V{v_bottom:.1f}", "none",
                    stroke=shift(shirt, -12), stroke_width=2))
    out.extend(_tie(ctx, v_bottom + 30))
    out.extend(_shirt_collar(ctx, shirt, 0.9))
    edge = _edge(t)
    for s in (-1, 1):
        # a notched lapel folding back from the neck to the buttoning point
        lapel = [(a.cx + s * n * 1.35, y0 - 4), (a.cx + s * n * 1.55, y0 + 24),
                 (a.cx + s * n * 2.25, y0 + 30), (a.cx + s * n * 2.0, y0 + 56),
                 (a.cx + s * 10, v_bottom + 8), (a.cx + s * 2, v_bottom),
                 (a.cx + s * n * 1.1, y0 + 20)]
        d = polyline(lapel, closed=True)
        out.append(path(d, t.shadow, opacity=0.8, transform=f"translate({s * 3} 4)"))
        out.append(path(d, t.light if s < 0 else t.base, stroke=edge, stroke_width=1.5,
                        stroke_opacity=0.4, stroke_linejoin="round"))
    out.append(path(f"M{a.cx - 2:.1f} {v_bottom:.1f}V{BOTTOM:.0f}", "none", stroke=edge,
                    stroke_width=2.2, opacity=0.6))
    out.append(_sleeve_seams(ctx))
    return group(out)


def _turtleneck(ctx: Ctx) -> str:
    a, t = ctx.a, ctx.pal.clothing
    n, y0 = a.neck_half, _collar_y(ctx)
    top = a.chin[1] - 12
    edge = _edge(t)
    roll = smooth([(a.cx - n * 1.02, top), (a.cx, top + 4), (a.cx + n * 1.02, top),
                   (a.cx + n * 1.12, y0 - 8), (a.cx + n * 1.6, y0 + 14), (a.cx, y0 + 20),
                   (a.cx - n * 1.6, y0 + 14), (a.cx - n * 1.12, y0 - 8)], closed=True,
                  tension=0.7)
    ribs = "".join(f"M{a.cx + k * n * 0.16:.1f} {top + 6:.1f}L{a.cx + k * n * 0.2:.1f} "
                   f"{y0 + 14:.1f}" for k in range(-6, 7))
    fold = smooth([(a.cx - n * 1.12, y0 - 12), (a.cx, y0 - 4), (a.cx + n * 1.12, y0 - 12)],
                  closed=False)
    return group([
        *_base(ctx, 8, False, 1.5),
        path(roll, FABRIC),
        path(ribs, "none", stroke=edge, stroke_width=2.2, opacity=0.3),
        path(fold, "none", stroke=edge, stroke_width=3.5, opacity=0.55, stroke_linecap="round"),
        path(fold, "none", stroke=t.light, stroke_width=2, opacity=0.6,
             transform="translate(0 5)", stroke_linecap="round"),
        _sleeve_seams(ctx),
    ])


def _sweater(ctx: Ctx) -> str:
    a, t = ctx.a, ctx.pal.clothing
    n, y0, S = a.neck_half, _collar_y(ctx), _shoulder(ctx)
    edge = _edge(t)
    depth = 20
    band = _neckline_points(ctx, depth, False, 1.55)
    # short rib marks across the thick neckband
    marks = "".join(
        f"M{x:.1f} {y - 5:.1f}l0 12"
        for x, y in (_neckline_sample(band, k / 16) for k in range(1, 16)))
    raglan = "".join(smooth([(a.cx + s * n * 1.5, y0 + 2), (a.cx + s * S * 0.5, y0 + 40),
                             (a.cx + s * S * 0.66, BOTTOM)], closed=False) for s in (-1, 1))
    # two cable-knit columns down the front
    knit = "".join(
        smooth([(a.cx + x + (6 if k % 2 else -6), y0 + 34 + k * 14) for k in range(8)],
               closed=False) for x in (-n * 0.9, n * 0.9))
    return group([
        *_base(ctx, depth, False, 1.55),
        path(knit, "none", stroke=edge, stroke_width=4, opacity=0.22, stroke_linecap="round"),
        path(raglan, "none", stroke=edge, stroke_width=2.4, opacity=0.4),
        _rib(ctx, depth, False, 1.55, 12),
        path(marks, "none", stroke=edge, stroke_width=1.8, opacity=0.45),
    ])


def _neckline_sample(points: list[Point], t: float) -> Point:
    """A point a fraction ``t`` along a neckline's control polygon."""
    seg = t * (len(points) - 1)
    i = min(int(seg), len(points) - 2)
    u = seg - i
    (x0, y0), (x1, y1) = points[i], points[i + 1]
    return (x0 + (x1 - x0) * u, y0 + (y1 - y0) * u)


CLOTHES: dict[str, Callable[[Ctx], str]] = {
    "crew_tee": _crew_tee,
    "v_neck": _v_neck,
    "tank_top": _tank_top,
    "hoodie": _hoodie,
    "collared_shirt": _collared_shirt,
    "blazer": _blazer,
    "turtleneck": _turtleneck,
    "sweater": _sweater,
}


def clothing(ctx: Ctx) -> str:
    """The chosen clothing in the clothing color."""
    return CLOTHES[ctx.choice("clothing")](ctx)
