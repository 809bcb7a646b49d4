"""Hair: every style comes in two parts, ``back`` (behind the head and body) and
``front`` (over the forehead), so that ears, glasses and headwear sit correctly.

Styles are described by a small spec (length, volume, texture, fringe) and drawn by a
few shared builders: a skull cap with a hairline, a back mass that falls to the chin or
the shoulders, clustered lobes for curly and coily textures, strand groups for volume.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ..context import Ctx
from ..svgkit import Point, ellipse, group, linear_gradient, path, radial_gradient, smooth

HAIR_FILL = "url(#hair-g)"


@dataclass(frozen=True)
class HairSpec:
    """``length``: 0 cropped, 1 ear, 2 chin, 3 shoulder, 4 long; ``volume`` in head
    widths; ``texture``: straight, wavy, curly, coily; ``fringe``: how the front meets
    the forehead (none, side, full, middle, swept, receding, buzz)."""

    length: int
    volume: float
    texture: str
    fringe: str
    extra: str = ""  # an accessory shape: bun, ponytail, top_knot, space_buns, ...


SPECS: dict[str, HairSpec] = {
    "short_straight": HairSpec(1, 0.08, "straight", "side"),
    "short_wavy": HairSpec(1, 0.12, "wavy", "side"),
    "short_curly": HairSpec(1, 0.16, "curly", "full"),
    "crew_cut": HairSpec(0, 0.04, "straight", "swept"),
    "buzz": HairSpec(0, 0.0, "straight", "buzz"),
    "side_part": HairSpec(1, 0.1, "straight", "side"),
    "quiff": HairSpec(0, 0.1, "straight", "quiff"),
    "pompadour": HairSpec(0, 0.14, "straight", "quiff"),
    "slicked_back": HairSpec(0, 0.05, "straight", "swept"),
    "undercut": HairSpec(0, 0.1, "straight", "side"),
    "mohawk": HairSpec(0, 0.0, "straight", "mohawk"),
    "curtains": HairSpec(1, 0.1, "straight", "middle"),
    "messy": HairSpec(1, 0.16, "wavy", "full"),
    "short_coily": HairSpec(0, 0.1, "coily", "swept"),
    "afro": HairSpec(1, 0.55, "coily", "swept"),
    "pixie": HairSpec(1, 0.08, "straight", "side"),
    "bob": HairSpec(2, 0.14, "straight", "full"),
    "lob_wavy": HairSpec(3, 0.16, "wavy", "middle"),
    "curly_medium": HairSpec(2, 0.3, "curly", "middle"),
    "shag": HairSpec(3, 0.18, "wavy", "full"),
    "long_straight": HairSpec(4, 0.1, "straight", "middle"),
    "long_wavy": HairSpec(4, 0.16, "wavy", "side"),
    "long_curly": HairSpec(4, 0.3, "curly", "middle"),
    "long_bangs": HairSpec(4, 0.1, "straight", "full"),
    "ponytail": HairSpec(0, 0.06, "straight", "swept", "ponytail"),
    "high_bun": HairSpec(0, 0.06, "straight", "swept", "bun"),
    "top_knot": HairSpec(0, 0.05, "straight", "swept", "top_knot"),
    "space_buns": HairSpec(0, 0.06, "straight", "middle", "space_buns"),
    "pigtails": HairSpec(0, 0.06, "straight", "middle", "pigtails"),
    "box_braids": HairSpec(4, 0.14, "braids", "middle"),
    "cornrows": HairSpec(0, 0.02, "rows", "swept"),
    "locs": HairSpec(4, 0.2, "locs", "middle"),
    "afro_puff": HairSpec(0, 0.05, "coily", "swept", "puff"),
    "receding": HairSpec(0, 0.03, "straight", "receding"),
    "bald": HairSpec(0, 0.0, "none", "none"),
}


def defs(ctx: Ctx) -> str:
    """Gradients every hair part fills with (emitted once per document)."""
    h = ctx.pal.hair
    return (
        linear_gradient("hair-g", [(0, h.light, 1), (0.45, h.base, 1), (1, h.shadow, 1)],
                        x1=0.2, y1=0, x2=0.8, y2=1)
        + radial_gradient("hair-sheen", [(0, h.light, 0.55), (1, h.light, 0)])
    )


def _cap_points(ctx: Ctx, volume: float) -> list[Point]:
    """The skull cap outline (left temple, over the top, right temple)."""
    a = ctx.a
    W = a.half_width
    v = volume * W
    return [
        (a.cx - W * 1.03 - v * 0.6, a.eye_y - 18),
        (a.cx - W * 1.06 - v, a.top + (a.eye_y - a.top) * 0.35),
        (a.cx - W * 0.72 - v * 0.8, a.top + 8 - v * 0.5),
        (a.cx, a.top - 10 - v),
        (a.cx + W * 0.72 + v * 0.8, a.top + 8 - v * 0.5),
        (a.cx + W * 1.06 + v, a.top + (a.eye_y - a.top) * 0.35),
        (a.cx + W * 1.03 + v * 0.6, a.eye_y - 18),
    ]


def _hairline(ctx: Ctx, fringe: str) -> list[Point]:
    """Where the hair meets the forehead, right temple to left temple."""
    a = ctx.a
    W = a.half_width
    y = a.hairline
    if fringe == "full":
        return [(a.cx + W * 0.98, a.eye_y - 30), (a.cx + W * 0.6, y + 42), (a.cx, y + 48),
                (a.cx - W * 0.6, y + 44), (a.cx - W * 0.98, a.eye_y - 30)]
    if fringe == "side":
        return [(a.cx + W * 0.98, a.eye_y - 36), (a.cx + W * 0.55, y + 26), (a.cx, y + 18),
                (a.cx - W * 0.35, y + 4), (a.cx - W * 0.62, y - 2), (a.cx - W * 0.98, a.eye_y - 44)]
    if fringe == "middle":
        return [(a.cx + W * 0.98, a.eye_y - 26), (a.cx + W * 0.55, y + 12), (a.cx + 6, y - 4),
                (a.cx - 6, y - 4), (a.cx - W * 0.55, y + 12), (a.cx - W * 0.98, a.eye_y - 26)]
    if fringe == "receding":
        return [(a.cx + W * 0.98, a.eye_y - 40), (a.cx + W * 0.62, y - 6), (a.cx + W * 0.3, y - 30),
                (a.cx, y - 26), (a.cx - W * 0.3, y - 30), (a.cx - W * 0.62, y - 6),
                (a.cx - W * 0.98, a.eye_y - 40)]
    if fringe == "quiff":
        return [(a.cx + W * 0.98, a.eye_y - 44), (a.cx + W * 0.55, y + 2), (a.cx, y - 4),
                (a.cx - W * 0.55, y + 2), (a.cx - W * 0.98, a.eye_y - 44)]
    # swept back, buzz: a natural hairline
    return [(a.cx + W * 0.98, a.eye_y - 40), (a.cx + W * 0.6, y + 4), (a.cx, y),
            (a.cx - W * 0.6, y + 4), (a.cx - W * 0.98, a.eye_y - 40)]


def _lobed(points: list[Point], radius: float) -> str:
    """A closed outline with scalloped lobes along it (curly and coily hair)."""
    d = smooth(points, closed=True)
    dots = []
    n = len(points)
    for i in range(n):
        x0, y0 = points[i]
        x1, y1 = points[(i + 1) % n]
        seg = math.hypot(x1 - x0, y1 - y0)
        k = max(1, int(seg / (radius * 1.3)))
        for j in range(k):
            t = j / k
            dots.append(f'<circle cx="{x0 + (x1 - x0) * t:.1f}" cy="{y0 + (y1 - y0) * t:.1f}" '
                        f'r="{radius:.1f}"/>')
    return path(d, HAIR_FILL) + group(dots, fill=HAIR_FILL)


def _back_mass(ctx: Ctx, spec: HairSpec) -> str:
    a = ctx.a
    W = a.half_width
    v = spec.volume * W
    bottom = {1: a.eye_y + 20, 2: a.chin[1] - 10, 3: a.chin[1] + 40, 4: a.chin[1] + 110}[
        spec.length]
    spread = {1: 1.08, 2: 1.16, 3: 1.26, 4: 1.32}[spec.length]
    pts = [
        (a.cx, a.top - 10 - v),
        (a.cx + W * 0.85 + v, a.top + 10),
        (a.cx + W * 1.12 + v, a.eye_y - 10),
        (a.cx + W * spread + v * 0.6, (a.eye_y + bottom) / 2 + 10),
        (a.cx + W * (spread - 0.08) + v * 0.4, bottom),
        (a.cx, bottom - 10),
        (a.cx - W * (spread - 0.08) - v * 0.4, bottom),
        (a.cx - W * spread - v * 0.6, (a.eye_y + bottom) / 2 + 10),
        (a.cx - W * 1.12 - v, a.eye_y - 10),
        (a.cx - W * 0.85 - v, a.top + 10),
    ]
    if spec.texture in ("curly", "coily"):
        return _lobed(pts, 13 if spec.texture == "curly" else 9)
    out = [path(smooth(pts, closed=True), HAIR_FILL)]
    if spec.texture in ("braids", "locs"):
        strand = ctx.pal.hair.shadow
        lines = []
        for k in range(-5, 6):
            x = a.cx + k * W * 0.22
            lines.append(f"M{x:.1f} {a.eye_y:.1f}L{x + k * 2:.1f} {bottom - 6:.1f}")
        out.append(path("".join(lines), "none", stroke=strand, stroke_width=3 if
                        spec.texture == "braids" else 5, stroke_dasharray="7 4" if
                        spec.texture == "braids" else "none", stroke_linecap="round"))
    return group(out)


def _extra_back(ctx: Ctx, spec: HairSpec) -> str:
    a = ctx.a
    W = a.half_width
    h = ctx.pal.hair
    if spec.extra == "ponytail":
        pts = [(a.cx + W * 0.7, a.top + 40), (a.cx + W * 1.35, a.top + 70),
               (a.cx + W * 1.4, a.eye_y + 90), (a.cx + W * 1.1, a.chin[1] + 40),
               (a.cx + W * 1.0, a.eye_y + 40), (a.cx + W * 0.9, a.top + 70)]
        return path(smooth(pts, closed=True), HAIR_FILL)
    if spec.extra == "pigtails":
        out = []
        for s in (-1, 1):
            pts = [(a.cx + s * W * 0.95, a.eye_y - 40), (a.cx + s * W * 1.45, a.eye_y - 10),
                   (a.cx + s * W * 1.5, a.chin[1] + 30), (a.cx + s * W * 1.25, a.chin[1] + 60),
                   (a.cx + s * W * 1.12, a.eye_y + 20)]
            out.append(path(smooth(pts, closed=True), HAIR_FILL))
        return group(out)
    if spec.extra in ("bun", "top_knot", "puff"):
        r = {"bun": 40, "top_knot": 26, "puff": 58}[spec.extra]
        y = a.top - r * (0.55 if spec.extra != "puff" else 0.45)
        if spec.extra == "puff":
            return _lobed([(a.cx + r * math.cos(t), y + r * math.sin(t))
                           for t in [i * math.pi / 6 for i in range(12)]], 10)
        return group([ellipse(a.cx, y, r * 1.1, r, HAIR_FILL),
                      path(f"M{a.cx - r * 0.7:.1f} {y:.1f}q{r * 0.7:.1f} {-r * 0.5:.1f} "
                           f"{r * 1.4:.1f} 0", "none", stroke=h.shadow, stroke_width=3)])
    if spec.extra == "space_buns":
        return group([ellipse(a.cx + s * W * 0.72, a.top + 4, 34, 32, HAIR_FILL) for s in (-1, 1)])
    return ""


def back(ctx: Ctx) -> str:
    """The part of the hair behind the head."""
    spec = SPECS[ctx.choice("hair")]
    if spec.texture == "none":
        return ""
    out = []
    if spec.length >= 1 or spec.texture == "coily" and spec.volume > 0.3:
        out.append(_back_mass(ctx, spec))
    out.append(_extra_back(ctx, spec))
    return group(out)


def front(ctx: Ctx) -> str:
    """The part of the hair in front of the face: the cap and the fringe."""
    spec = SPECS[ctx.choice("hair")]
    a, h = ctx.a, ctx.pal.hair
    if spec.texture == "none":
        # bald: a soft sheen on the scalp
        return ellipse(a.cx - a.half_width * 0.25, a.top + 34, a.half_width * 0.4, 18,
                       ctx.pal.skin.light, opacity=0.55)
    if spec.fringe == "mohawk":
        W = a.half_width
        strip = [(a.cx - 16, a.hairline + 6), (a.cx - 22, a.top - 30), (a.cx, a.top - 52),
                 (a.cx + 22, a.top - 30), (a.cx + 16, a.hairline + 6)]
        shaved = smooth(_cap_points(ctx, 0.0)[:] + _hairline(ctx, "swept"), closed=True)
        return group([path(shaved, h.base, opacity=0.25), path(smooth(strip), HAIR_FILL),
                      ellipse(a.cx - W * 0.05, a.top - 16, 8, 20, "url(#hair-sheen)")])
    cap = _cap_points(ctx, spec.volume if spec.length < 2 else spec.volume * 0.6)
    outline = cap + _hairline(ctx, spec.fringe)
    if spec.fringe == "buzz":
        return path(smooth(outline, closed=True), h.base, opacity=0.55)
    out = []
    if spec.texture in ("curly", "coily"):
        out.append(_lobed(outline, 11 if spec.texture == "curly" else 8))
    else:
        out.append(path(smooth(outline, closed=True), HAIR_FILL))
    if spec.texture == "rows":
        rows = "".join(f"M{a.cx + k * 18:.1f} {a.hairline + 6:.1f}Q{a.cx + k * 22:.1f} "
                       f"{a.top + 10:.1f} {a.cx + k * 26:.1f} {a.top + 60:.1f}"
                       for k in range(-4, 5))
        out.append(path(rows, "none", stroke=h.shadow, stroke_width=3, stroke_dasharray="6 3"))
    # strand groups and a sheen for volume
    W = a.half_width
    strands = "".join(
        f"M{a.cx + k * W * 0.25:.1f} {a.top + 4:.1f}Q{a.cx + k * W * 0.3 - 10:.1f} "
        f"{a.top + 40:.1f} {a.cx + k * W * 0.34 - 4:.1f} {a.hairline + 10:.1f}"
        for k in (-2, -1, 1, 2)
    )
    if spec.texture not in ("curly", "coily", "rows"):
        out.append(path(strands, "none", stroke=h.shadow, stroke_width=2.4, opacity=0.5,
                        stroke_linecap="round"))
    out.append(ellipse(a.cx - W * 0.35, a.top + 28, W * 0.32, 12, "url(#hair-sheen)"))
    return group(out)


PARTS: dict[str, tuple[Callable[[Ctx], str], Callable[[Ctx], str]]] = {
    name: (back, front) for name in SPECS
}
