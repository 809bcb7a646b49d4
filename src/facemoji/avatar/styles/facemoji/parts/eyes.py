"""Eyes: white with a faint top shadow, iris with a radial gradient and darker rim,
pupil, two specular highlights, the lash line and optional lashes."""

from __future__ import annotations

import math

from ..context import Ctx
from ..geometry import Eye
from ..palette import shift
from ..svgkit import Point, ellipse, f, group, path, radial_gradient, smooth


def _outline(eye: Eye) -> list[Point]:
    # closed loop: outer corner, upper lid (outer → inner), inner corner, lower lid (inner → outer)
    return [eye.outer, eye.upper[0], eye.upper[1], eye.inner, eye.lower[0], eye.lower[1]]


def _happy(ctx: Ctx, eye: Eye) -> str:
    """Closed, smiling eye: an upward arc."""
    d = smooth([eye.outer, (eye.center[0], eye.center[1] - eye.width * 0.28), eye.inner],
               closed=False)
    return path(d, "none", stroke=ctx.pal.line, stroke_width=eye.width * 0.09,
                stroke_linecap="round")


def _lashes(ctx: Ctx, eye: Eye, style: str) -> str:
    if style == "none":
        return ""
    count = 3 if style == "natural" else 4
    length = eye.width * (0.12 if style == "natural" else 0.2)
    color = shift(ctx.pal.brows, -8)
    strokes = []
    ox, oy = eye.outer
    ux, uy = eye.upper[0]
    for k in range(count):
        t = k / max(1, count - 1) * 0.55
        x = ox + (ux - ox) * t
        y = oy + (uy - oy) * t
        ang = math.radians(-150 + 35 * t) if eye.side < 0 else math.radians(-30 - 35 * t)
        x2 = x + math.cos(ang) * length
        y2 = y + math.sin(ang) * length
        strokes.append(f"M{f(x)} {f(y)}Q{f((x + x2) / 2 + eye.side * 1.5)} {f(y2 + 2)} "
                       f"{f(x2)} {f(y2)}")
    return path("".join(strokes), "none", stroke=color, stroke_width=eye.width * 0.045,
                stroke_linecap="round")


def _open_eye(ctx: Ctx, eye: Eye, idx: int) -> str:
    pal = ctx.pal
    outline = _outline(eye)
    d = smooth(outline, closed=True, tension=0.9)
    clip = f"eye-clip-{idx}"
    cx, cy = eye.center
    r_iris = eye.width * 0.25
    iy = cy + eye.height * 0.06
    white = "#fbfbfd"
    defs = (
        f'<defs><clipPath id="{clip}"><path d="{d}"/></clipPath>'
        + (radial_gradient("eye-iris", [(0, pal.iris.light, 1), (0.55, pal.iris.base, 1),
                                        (0.88, pal.iris.shadow, 1), (1, pal.iris.deep, 1)],
                           cx=0.5, cy=0.55, r=0.5, fx=0.45, fy=0.62) if idx == 0 else "")
        + "</defs>"
    )
    inside = group(
        [
            ellipse(cx + eye.side * 1.5, iy, r_iris, r_iris, "url(#eye-iris)"),
            ellipse(cx + eye.side * 1.5, iy, r_iris * 0.45, r_iris * 0.45, "#141012"),
            # the lid's shadow on the eyeball
            path(smooth([eye.outer, eye.upper[0], eye.upper[1], eye.inner,
                         (cx, cy - eye.height * 0.18)], closed=True), shift(ctx.pal.skin.deep, -6),
                 opacity=0.28),
            ellipse(cx + eye.side * 1.5 - r_iris * 0.38, iy - r_iris * 0.42, r_iris * 0.3,
                    r_iris * 0.3, "#ffffff", opacity=0.95),
            ellipse(cx + eye.side * 1.5 + r_iris * 0.38, iy + r_iris * 0.4, r_iris * 0.13,
                    r_iris * 0.13, "#ffffff", opacity=0.85),
        ],
        clip_path=f"url(#{clip})",
    )
    # the lash line along the upper lid, thicker toward the outer corner
    lid = smooth([eye.inner, eye.upper[1], eye.upper[0], eye.outer], closed=False, tension=0.9)
    lash_color = shift(pal.brows, -14) if ctx.choice("lashes") != "none" else shift(
        pal.skin.deep, -30)
    lash_line = path(lid, "none", stroke=lash_color, stroke_width=eye.width * 0.07,
                     stroke_linecap="round", stroke_linejoin="round")
    crease = smooth(
        [
            (eye.inner[0] + eye.side * eye.width * 0.1, eye.upper[1][1] - eye.height * 0.12),
            (eye.center[0], eye.upper[1][1] - eye.height * 0.38),
            (eye.outer[0] - eye.side * eye.width * 0.06, eye.upper[0][1] - eye.height * 0.1),
        ],
        closed=False,
    )
    lid_fold = path(crease, "none", stroke=pal.skin.deep, stroke_width=1.6, opacity=0.35,
                    stroke_linecap="round")
    return defs + path(d, white) + inside + lid_fold + lash_line + _lashes(
        ctx, eye, ctx.choice("lashes"))


def eyes(ctx: Ctx) -> str:
    """Both eyes in the chosen shape (``happy`` draws closed arcs, ``wink`` one of them)."""
    option = ctx.choice("eyes")
    out = []
    for idx, eye in enumerate(ctx.a.eyes):
        if option == "happy" or (option == "wink" and idx == 1):
            out.append(_happy(ctx, eye))
        else:
            out.append(_open_eye(ctx, eye, idx))
    return group(out)
