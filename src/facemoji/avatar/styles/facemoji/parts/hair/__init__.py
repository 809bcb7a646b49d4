"""Hair: every style comes in two parts, ``back`` (behind the neck, body, ears and
face) and ``front`` (the cap and fringe, over the face), so that ears, glasses and
headwear sit correctly. The styles live in one module per family; each is a function
``ctx -> (back, front)`` registered in :data:`STYLES`."""

from __future__ import annotations

from collections.abc import Callable

from ...context import Ctx
from ...svgkit import f, linear_gradient
from . import braids, curly, long, short, updos
from .kit import Geo

Style = Callable[[Ctx], tuple[str, str]]

STYLES: dict[str, Style] = {
    **short.STYLES, **long.STYLES, **curly.STYLES, **updos.STYLES, **braids.STYLES,
}


def defs(ctx: Ctx) -> str:
    """The gradients every hair part fills with (emitted once per document).

    The front gradient is in canvas units (light at the head's upper left, shadow at
    its lower right), so that the many shapes of one style shade as one mass.
    """
    h, g = ctx.pal.hair, Geo(ctx)
    stops = f'<stop offset="0" stop-color="{h.light}"/><stop offset="0.45" ' \
            f'stop-color="{h.base}"/><stop offset="1" stop-color="{h.shadow}"/>'
    front = (f'<linearGradient id="hair-g" gradientUnits="userSpaceOnUse" x1="{f(g.x(-0.9))}" '
             f'y1="{f(g.top - 30)}" x2="{f(g.x(0.9))}" y2="{f(g.chin_y + 140)}">{stops}'
             "</linearGradient>")
    return front + linear_gradient("hair-b", [(0, h.shadow, 1), (1, h.deep, 1)], x2=0.3)


def _parts(style: Style) -> tuple[Callable[[Ctx], str], Callable[[Ctx], str]]:
    # a document asks for both halves of one ctx: draw the style once, remember the last
    # result (one tuple, swapped atomically, so threads can't mix two avatars' halves)
    last: list[tuple[Ctx | None, tuple[str, str]]] = [(None, ("", ""))]

    def both(ctx: Ctx) -> tuple[str, str]:
        seen, drawn = last[0]
        if seen is not ctx:
            drawn = style(ctx)
            last[0] = (ctx, drawn)
        return drawn

    return (lambda ctx: both(ctx)[0]), (lambda ctx: both(ctx)[1])


PARTS: dict[str, tuple[Callable[[Ctx], str], Callable[[Ctx], str]]] = {
    name: _parts(style) for name, style in STYLES.items()
}

__all__ = ["PARTS", "STYLES", "Geo", "defs"]
