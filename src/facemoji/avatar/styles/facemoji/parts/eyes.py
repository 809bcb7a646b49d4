"""Eyes: white with a faint top shadow, iris with a radial gradient and a darker rim,
pupil, one large and one small highlight, a dark lash line along the upper lid, the lid
crease and optional lashes. Closed eyes (``happy``, the winking eye) are dark crescents
through the same anchors."""

from __future__ import annotations

import math

from ..context import Ctx
from ..geometry import Eye
from ..palette import mix, shift
from ..svgkit import (
    Point,
    ellipse,
    f,
    group,
    path,
    polyline,
    radial_gradient,
    sample_smooth,
    smooth,
)

IRIS = "eyes-iris"
WHITE = "#f8f6f3"
# eye option -> (crease: None / gap above the lid in × eye height, heavy lid fold)
CREASE: dict[str, tuple[float | None, bool]] = {
    "round": (0.30, False), "almond": (0.26, False), "narrow": (0.30, False),
    "hooded": (0.10, True), "monolid": (None, False), "downturned": (0.26, False),
    "upturned": (0.26, False), "wide": (0.34, False), "sleepy": (0.16, True),
    "happy": (None, False), "wink": (0.26, False),
}


def _lash_color(ctx: Ctx) -> str:
    return mix(shift(ctx.pal.brows, -20), "#17100d", 0.6)


def _upper_lid(eye: Eye) -> list[Point]:
    """Points along the upper lid from the inner to the outer corner."""
    return sample_smooth([eye.inner, eye.upper[1], eye.upper[0], eye.outer], closed=False,
                         steps=6, tension=0.9)


def _lash_line(eye: Eye, thick: float, wing: float) -> str:
    """A filled band along the upper lid, thin at the inner corner, thick at the outer one,
    ending in a small flick (``wing`` × eye width)."""
    lid = _upper_lid(eye)
    n = len(lid) - 1
    top = []
    for i, (x, y) in enumerate(lid):
        t = i / n
        top.append((x, y - eye.width * thick * (0.45 + 0.55 * t**1.4)))
    ox, oy = eye.outer
    flick = (ox + eye.side * eye.width * (0.06 + wing), oy - eye.width * (0.05 + wing * 0.7))
    return polyline([*lid, flick, *reversed(top)], closed=True)


def _lashes(eye: Eye, style: str) -> str:
    """Separate lashes at the outer half of the upper lid (path data)."""
    if style != "long":  # natural lashes are the lash line's thickness and flick alone
        return ""
    count, length = 3, 0.12
    lid = _upper_lid(eye)
    d = []
    for k in range(count):
        u = k / (count - 1)
        i = min(len(lid) - 2, int((0.62 + 0.36 * u) * (len(lid) - 1)))
        x, y = lid[i]
        # lashes curl up and out toward the temple, the outermost flattest
        ang = math.radians(-70 + 45 * u)
        ln = eye.width * length * (0.8 + 0.3 * u)
        ex, ey = x + eye.side * math.cos(ang) * ln, y + math.sin(ang) * ln
        d.append(f"M{f(x)} {f(y - eye.width * 0.03)}Q{f(x + eye.side * ln * 0.15)} {f(ey)} "
                 f"{f(ex + eye.side * ln * 0.25)} {f(ey)}")
    return "".join(d)


def _closed(ctx: Ctx, eye: Eye) -> str:
    """A closed, smiling eye: a dark crescent along the lid anchors, with two lashes."""
    upper = [eye.outer, eye.upper[0], eye.upper[1], eye.inner]
    lower = [eye.lower[0], eye.lower[1]]
    d = smooth([*upper, *lower], closed=True, tension=0.9)
    color = _lash_color(ctx)
    ox, oy = eye.outer
    lash = (f"M{f(ox)} {f(oy)}l{f(eye.side * eye.width * 0.12)} {f(eye.width * 0.06)}"
            f"M{f(ox - eye.side * eye.width * 0.1)} {f(oy - eye.width * 0.06)}"
            f"l{f(eye.side * eye.width * 0.1)} {f(-eye.width * 0.08)}")
    return group([
        path(d, color),
        path(lash, "none", stroke=color, stroke_width=eye.width * 0.05, stroke_linecap="round"),
    ])


def _open(ctx: Ctx, eye: Eye, idx: int) -> str:
    pal, option = ctx.pal, ctx.choice("eyes")
    outline = [eye.outer, eye.upper[0], eye.upper[1], eye.inner, eye.lower[0], eye.lower[1]]
    d = smooth(outline, closed=True, tension=0.9)
    clip = f"eyes-clip-{idx}"
    cx, cy = eye.center
    w, h = eye.width, eye.height
    r = w * 0.29
    ix, iy = cx + eye.side * w * 0.02, cy + h * 0.05
    lash = _lash_color(ctx)
    lid_shadow = smooth([eye.outer, eye.upper[0], eye.upper[1], eye.inner,
                         (cx, eye.upper[1][1] + h * 0.42)], closed=True)
    inside = group(
        [
            path(lid_shadow, pal.skin.deep, opacity=0.2),  # the lid's shadow on the eyeball
            ellipse(ix, iy, r, r, f"url(#{IRIS})"),
            ellipse(ix, iy, r, r, "none", stroke=pal.iris.deep, stroke_width=w * 0.03),
            ellipse(ix, iy, r * 0.46, r * 0.46, "#0d0a0b"),
            path(lid_shadow, pal.iris.deep, opacity=0.25),  # shades the iris top too
            ellipse(ix - r * 0.36, iy - r * 0.38, r * 0.28, r * 0.28, "#ffffff", opacity=0.95),
            ellipse(ix + r * 0.4, iy + r * 0.36, r * 0.12, r * 0.12, "#ffffff", opacity=0.85),
        ],
        clip_path=f"url(#{clip})",
    )
    crease_gap, heavy = CREASE[option]
    parts = [f'<defs><clipPath id="{clip}"><path d="{d}"/></clipPath></defs>', path(d, WHITE),
             inside]
    # lower lid: a faint line and the waterline's shadow
    parts.append(path(smooth([eye.inner, *eye.lower, eye.outer], closed=False), "none",
                      stroke=pal.skin.deep, stroke_width=w * 0.025, stroke_opacity=0.3,
                      stroke_linecap="round"))
    if crease_gap is not None:
        lid = _upper_lid(eye)
        lift = h * crease_gap + w * 0.06
        # the crease arcs highest over the lid's middle
        arc = [0.35 + 0.65 * math.sin(math.pi * i / (len(lid) - 1)) ** 0.6
               for i in range(len(lid))]
        crease = [(x + eye.side * w * 0.03, y - lift * k)
                  for (x, y), k in zip(lid[1:], arc[1:], strict=True)]
        if heavy:  # a fold of lid skin hangs over the crease toward the lash line
            fold = polyline([*crease, *reversed(lid[1:])], closed=True)
            parts.append(path(fold, pal.skin.shadow, opacity=0.75))
        parts.append(path(polyline(crease), "none", stroke=pal.skin.deep,
                          stroke_width=w * 0.035, stroke_opacity=0.55, stroke_linecap="round"))
    style = ctx.choice("lashes")
    thick = {"none": 0.06, "natural": 0.1, "long": 0.12}[style]
    wing = {"none": 0.0, "natural": 0.06, "long": 0.09}[style]
    parts.append(path(_lash_line(eye, thick, wing), lash))
    if style != "none":
        parts.append(path(_lashes(eye, style), "none", stroke=lash, stroke_width=w * 0.035,
                          stroke_linecap="round"))
    return group(parts)


def eyes(ctx: Ctx) -> str:
    """Both eyes in the chosen shape (``happy`` closes both, ``wink`` the image-right one)."""
    option = ctx.choice("eyes")
    iris = ctx.pal.iris
    out = [
        "<defs>"
        + radial_gradient(IRIS, [(0, iris.light, 1), (0.45, iris.base, 1),
                                 (0.8, iris.shadow, 1), (1, iris.deep, 1)],
                          cx=0.5, cy=0.5, r=0.5, fx=0.5, fy=0.68)
        + "</defs>"
    ]
    for idx, eye in enumerate(ctx.a.eyes):
        closed = option == "happy" or (option == "wink" and idx == 1)
        out.append(_closed(ctx, eye) if closed else _open(ctx, eye, idx))
    return group(out)
