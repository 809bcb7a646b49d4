"""Hair pulled back or up: ponytail, buns, top knot, space buns and pigtails."""

from __future__ import annotations

from ...context import Ctx
from ...svgkit import Point, ellipse
from .kit import FILL, Geo, cap, closed, fill, front_mass, leaf
from .long import middle_part
from .short import crown, shaved, short_back


def sleek(g: Geo, line: list[Point] | None = None, toward: float = 0.0) -> str:
    """A close cap combed back; strand groups converge toward the skull at ``toward``°."""
    h = g.ctx.pal.hair
    line = line or g.hairline_pts(drop=-2, sideburn=0.8)
    outline = cap(g, lambda p: 4 + 7 * crown(p), line)
    goal = g.skull(toward, 2)
    details = [fill(leaf((g.x(u), g.hairline + 6 - 10 * abs(u)), goal, 6, -u * 10),
                    h.shadow if k % 2 else h.light, 0.4)
               for k, u in enumerate((-0.7, -0.35, 0.0, 0.35, 0.7))]
    return front_mass(g, outline, details)


def _bun(g: Geo, center: Point, rx: float, ry: float) -> str:
    """A round bun with a swirl of strands and a highlight."""
    h = g.ctx.pal.hair
    x, y = center
    return (ellipse(x, y, rx, ry, FILL)
            + fill(leaf((x - rx * 0.8, y + ry * 0.1), (x + rx * 0.6, y - ry * 0.55), ry * 0.35,
                        ry * 0.3), h.shadow, 0.5)
            + fill(leaf((x - rx * 0.5, y + ry * 0.6), (x + rx * 0.8, y + ry * 0.15), ry * 0.25,
                        -ry * 0.1), h.shadow, 0.4)
            + fill(leaf((x - rx * 0.7, y - ry * 0.3), (x - rx * 0.05, y - ry * 0.8), ry * 0.22,
                        ry * 0.15), h.light, 0.55))


def ponytail(ctx: Ctx) -> tuple[str, str]:
    """A ponytail: hair combed back, the tail swinging out from the crown and hanging
    beside the neck to a point."""
    g, h = Geo(ctx), ctx.pal.hair
    ey, cy = g.eye_y, g.chin_y
    tail = [g.skull(24, 12), (g.x(1.12), g.top + 14), (g.x(1.52), ey - 50), (g.x(1.7), ey + 20),
            (g.x(1.62), cy - 10), (g.x(1.42), cy + 56), (g.x(1.24), cy + 92),
            (g.x(1.18), cy + 30), (g.x(1.1), ey + 40), (g.x(1.04), ey - 30), g.skull(62, -14)]
    tie = ellipse(*g.skull(30, 8), 12, 8, h.deep)
    strands = (fill(leaf((g.x(1.2), ey - 56), (g.x(1.36), cy + 60), 10, -14), h.shadow, 0.5)
               + fill(leaf((g.x(1.36), ey - 40), (g.x(1.52), cy), 8, -10), h.shadow, 0.35)
               + fill(leaf((g.x(1.24), g.top + 36), (g.x(1.56), ey + 10), 7, -8), h.light, 0.4))
    back = short_back(g, 3, 40) + fill(closed(tail), FILL) + strands + tie
    return back, sleek(g, toward=30)


def high_bun(ctx: Ctx) -> tuple[str, str]:
    """A high bun on top of a combed-back cap."""
    g = Geo(ctx)
    bun = _bun(g, (g.cx, g.top - g.W * 0.2), g.W * 0.44, g.W * 0.36) if g.lift == 1 else ""
    return short_back(g, 3, 40) + bun, sleek(g)


def top_knot(ctx: Ctx) -> tuple[str, str]:
    """A small top knot with short sides."""
    g, h = Geo(ctx), ctx.pal.hair
    knot = _bun(g, (g.cx, g.top - g.W * 0.2), g.W * 0.28, g.W * 0.24) if g.lift == 1 else ""
    tie = ellipse(g.cx, g.top - 6, g.W * 0.2, 4, h.deep, opacity=0.6)
    hl = g.hairline
    # the top gathered up into the knot, the sides cut short
    top = [*g.shell((-62, -40, -18, 0, 18, 40, 62), lambda p: 4 + 6 * crown(p)),
           g.skull(64, -16), (g.x(0.5), hl + 8), (g.cx, hl - 2), (g.x(-0.5), hl + 8),
           g.skull(-64, -16)]
    details = [fill(leaf((g.x(u), hl + 4), (g.cx + u * 10, g.top + 6), 5, -u * 6), h.shadow, 0.45)
               for u in (-0.4, 0.0, 0.4)]
    front = shaved(g, 0.45) + front_mass(g, top, details, crown=False) + tie
    return knot, front


def space_buns(ctx: Ctx) -> tuple[str, str]:
    """Two buns on top of the head with a middle part."""
    g = Geo(ctx)
    r = g.W * 0.3
    buns = "".join(_bun(g, g.skull(s * 40, r * 0.55), r * 1.05, r) for s in (-1, 1)
                   if g.lift == 1)
    return short_back(g, 3, 40) + buns, sleek(g, middle_part(g, 14))


def pigtails(ctx: Ctx) -> tuple[str, str]:
    """Pigtails tied at both sides, hanging past the chin."""
    g, h = Geo(ctx), ctx.pal.hair
    ey = g.eye_y
    tails = []
    for s in (-1, 1):
        tie = (g.x(s * 1.1), ey - 46)
        pts = [tie, (g.x(s * 1.46), ey - 34), (g.x(s * 1.7), ey + 30),
               (g.x(s * 1.6), g.chin_y + 10), (g.x(s * 1.36), g.chin_y + 76),
               (g.x(s * 1.22), g.chin_y + 10), (g.x(s * 1.12), ey + 30)]
        tails.append(fill(closed(pts), FILL))
        tails.append(fill(leaf((g.x(s * 1.3), ey - 20), (g.x(s * 1.4), g.chin_y + 50), 10,
                               s * 10), h.shadow, 0.5))
        tails.append(fill(leaf((g.x(s * 1.4), ey - 10), (g.x(s * 1.56), g.chin_y), 6,
                               s * 6), h.light, 0.35))
        tails.append(ellipse(*tie, 8, 10, h.deep))
    return short_back(g, 3, 40) + "".join(tails), sleek(g, middle_part(g, 14))


STYLES = {
    "ponytail": ponytail,
    "high_bun": high_bun,
    "top_knot": top_knot,
    "space_buns": space_buns,
    "pigtails": pigtails,
}
