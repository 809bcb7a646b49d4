"""Braided and twisted styles: box braids, cornrows and locs, drawn as strands."""

from __future__ import annotations

from ...context import Ctx
from ...svgkit import Point, path
from .kit import BACK, FILL, Geo, closed, fill, strokes
from .long import back_mass, middle_part, side_lock
from .short import shaved, short_back
from .updos import sleek


def _ropes(lines: list[list[Point]], width: float, tone: str, dash: str) -> str:
    """Strands along ``lines``: a rope in the hair gradient with a pattern of ``tone``
    dashes across it (plaits for braids, segments for locs)."""
    d = strokes(lines)
    return (path(d, "none", stroke=FILL, stroke_width=width, stroke_linecap="round")
            + path(d, "none", stroke=tone, stroke_width=width, stroke_dasharray=dash,
                   opacity=0.55))


def _hanging(g: Geo, bottom: float, xs: list[float], front: bool) -> list[list[Point]]:
    """Strand center lines hanging from the head at head-width offsets ``xs``; front
    strands start at the temples and fall in front of the ears."""
    lines = []
    for u in xs:
        s = 1 if u > 0 else -1
        if front:
            start = (g.x(u * 0.9), g.eye_y - 72)
            lines.append([start, (g.x(u + s * 0.04), g.eye_y + 20), (g.x(u + s * 0.14), bottom)])
        else:
            start = g.skull(s * 72, 2)
            lines.append([start, (g.x(u), g.eye_y + 30), (g.x(u + s * 0.06), bottom)])
    return lines


def _long_strands(ctx: Ctx, width: float, dash: str, tone: str, count: int) -> tuple[str, str]:
    g = Geo(ctx)
    bottom = g.chin_y + 130
    back = fill(closed(back_mass(g, bottom, 1.5, out=10)), BACK)
    back_xs = [s * (1.08 + 0.1 * k) for s in (-1, 1) for k in range(count)]
    back += _ropes(_hanging(g, bottom, back_xs, False), width, tone, dash)
    front_xs = [s * (0.94 + 0.11 * k) for s in (-1, 1) for k in range(3)]
    # a dark lock under the front strands so that no skin or ear shows between them
    under = "".join(fill(closed(side_lock(g, s, bottom - 30, 0.92, 0.3), 0.9), BACK)
                    for s in (-1, 1))
    front = (sleek(g, middle_part(g, 8)) + under
             + _ropes(_hanging(g, bottom - 20, front_xs, True), width, tone, dash))
    return back, front


def box_braids(ctx: Ctx) -> tuple[str, str]:
    """Long box braids: plaited strands behind the shoulders and in front of the ears."""
    return _long_strands(ctx, 10.0, "3 3", ctx.pal.hair.shadow, 4)


def locs(ctx: Ctx) -> tuple[str, str]:
    """Long locs: thick segmented ropes behind the shoulders and framing the face."""
    return _long_strands(ctx, 13.0, "16 3", ctx.pal.hair.shadow, 3)


def cornrows(ctx: Ctx) -> tuple[str, str]:
    """Cornrows: plaited rows from the hairline back over a thin layer of hair."""
    g = Geo(ctx)
    hl = g.hairline
    rows = []
    for u in (-0.62, -0.36, -0.12, 0.12, 0.36, 0.62):
        start = (g.x(u), hl + 4 + 8 * abs(u) ** 2)
        rows.append([start, (g.x(u * 0.95), (hl + g.top) / 2), g.skull(u * 30, -3)])
    for s in (-1, 1):
        rows.append([(g.x(s * 0.86), g.eye_y - 40), g.skull(s * 70, -4), g.skull(s * 52, -3)])
    front = shaved(g, 0.5, 0.8) + _ropes(rows, 11.0, ctx.pal.hair.deep, "4 4")
    return short_back(g, 2, 36), front


STYLES = {
    "box_braids": box_braids,
    "cornrows": cornrows,
    "locs": locs,
}
