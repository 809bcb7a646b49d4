"""Mouths: lips drawn through the landmark anchors (upper lip in shadow, lower lip lit,
a dark line where they meet); open mouths show teeth, ``tongue`` and ``laugh`` a tongue."""

from __future__ import annotations

from ..context import Ctx
from ..palette import mix
from ..svgkit import Point, ellipse, f, group, linear_gradient, path, smooth

TEETH = "#f7f4ee"
TEETH_SHARE = 0.6
"""How far down the open mouth the upper teeth reach, at its sides."""


def _opening(ctx: Ctx, inner: tuple[Point, ...], option: str) -> list[str]:
    """The open mouth's dark inside, the upper teeth and, for some options, a tongue."""
    lips = ctx.pal.lips
    hole = smooth(list(inner), closed=True, tension=0.9)
    depth = inner[6][1] - inner[2][1]
    # upper teeth: the top part of the opening, with a faint shade at their edge
    teeth_pts = [inner[0], inner[1], inner[2], inner[3], inner[4],
                 (inner[5][0], inner[3][1] + (inner[5][1] - inner[3][1]) * TEETH_SHARE),
                 (inner[6][0], inner[2][1] + depth * (TEETH_SHARE + 0.06)),
                 (inner[7][0], inner[1][1] + (inner[7][1] - inner[1][1]) * TEETH_SHARE)]
    out = [
        f'<defs><clipPath id="mouth-clip"><path d="{hole}"/></clipPath></defs>',
        path(hole, mix(lips.deep, "#2b0d12", 0.75)),
    ]
    inside = [path(smooth(teeth_pts, closed=True, tension=0.9), TEETH),
              path(smooth([*teeth_pts[4:], inner[0]], closed=False), "none",
                   stroke="#c9c2b8", stroke_width=1.2)]
    if option in ("laugh", "tongue"):
        tongue = [(inner[7][0], inner[7][1] + 2), (inner[6][0], inner[2][1] + depth * 0.62),
                  (inner[5][0], inner[5][1] + 2), (inner[6][0], inner[6][1] + 6)]
        inside.append(path(smooth(tongue, closed=True), "#d65f6b"))
    out.append(group(inside, clip_path="url(#mouth-clip)"))
    return out


def _tongue_out(a_inner: tuple[Point, ...], outer: tuple[Point, ...], width: float) -> str:
    """A tongue sticking out over the lower lip, with its middle groove."""
    cx = outer[9][0]
    y0 = a_inner[6][1] - 2
    half = width * 0.2
    d = smooth([(cx - half, y0), (cx - half * 1.05, outer[9][1] + width * 0.1),
                (cx, outer[9][1] + width * 0.22), (cx + half * 1.05, outer[9][1] + width * 0.1),
                (cx + half, y0)], closed=True, tension=0.8)
    groove = f"M{f(cx)} {f(y0 + 2)}L{f(cx)} {f(outer[9][1] + width * 0.08)}"
    return group([path(d, "#de6b76"),
                  path(groove, "none", stroke="#b84a57", stroke_width=1.4, stroke_linecap="round")])


def mouth(ctx: Ctx) -> str:
    """The mouth in the chosen expression (the anchors carry its shape)."""
    a, lips, skin = ctx.a, ctx.pal.lips, ctx.pal.skin
    outer, inner = a.mouth_outer, a.mouth_inner
    option = ctx.choice("mouth")
    width = a.mouth_width
    out = [linear_gradient("mouth-lip", [(0, lips.light, 1), (0.6, lips.base, 1),
                                         (1, lips.shadow, 1)])]
    # the soft shadow under the lower lip (the chin's crease)
    low = outer[9]
    out.append(ellipse(low[0] + 2, low[1] + width * 0.07, width * 0.24, width * 0.06, skin.shadow,
                       opacity=0.4))
    upper = [outer[0], *outer[1:6], outer[6], inner[3], inner[2], inner[1]]
    lower = [outer[6], *outer[7:12], outer[0], inner[7], inner[6], inner[5]]
    opened = inner[6][1] - inner[2][1] > 3
    if opened:
        out += _opening(ctx, inner, option)
    out.append(path(smooth(lower, closed=True, tension=0.8), "url(#mouth-lip)"))
    out.append(path(smooth(upper, closed=True, tension=0.8), lips.shadow))
    line = smooth([outer[0], inner[1], inner[2], inner[3], outer[6]], closed=False)
    out.append(path(line, "none", stroke=mix(lips.deep, "#1c0b0b", 0.5), stroke_width=width * 0.04,
                    stroke_linecap="round", stroke_opacity=0.6 if opened else 1.0))
    # corners tuck in with small dark dimples
    for corner in (outer[0], outer[6]):
        out.append(ellipse(corner[0], corner[1], width * 0.025, width * 0.025, lips.deep,
                           opacity=0.7))
    # a highlight on the lower lip, toward the light
    lx, ly = low[0] - width * 0.05, (low[1] + inner[6][1]) / 2 + 1
    out.append(ellipse(lx, ly, width * 0.12, width * 0.03, lips.light, opacity=0.7))
    if option == "tongue":
        out.append(_tongue_out(inner, outer, width))
    return group(out)
