"""Hair: every style comes in two parts, ``back`` (behind the neck, body, ears and
face) and ``front`` (the cap and fringe, over the face), so that ears, glasses and
headwear sit correctly. The styles live in one module per family; each is a function
``ctx -> (back, front)`` registered in :data:`STYLES`."""

from __future__ import annotations

from collections.abc import Callable

from ...context import Ctx
from ...palette import mix, silver
from ...svgkit import f, linear_gradient
from . import braids, curly, long, short, updos
from .kit import TEMPLE_GRADIENT, Geo

Style = Callable[[Ctx], tuple[str, str]]

STYLES: dict[str, Style] = {
    **short.STYLES, **long.STYLES, **curly.STYLES, **updos.STYLES, **braids.STYLES,
}

COVERS_EARS = frozenset({
    "bob", "bob_swept", "lob", "lob_wavy", "lob_wavy_side", "shag", "curly_medium",
    "long_straight", "long_side", "long_wavy", "long_wavy_center", "long_bangs", "long_swept",
    "long_curly",
})
"""Styles whose locks fall over the ears, which are then not drawn: drawn behind the
locks, larger ears poked out past them as if through the hair (a looks reviewer named
six of 24 avatars)."""


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
    # the hair behind the head is a shade darker than the front, not black: shaded from
    # the shadow to the deep tone it read "like a hole", reddish-black on dark hair,
    # beside the neck (looks reviews; paired, this one won 34-9 for looks, 20-20 and 7-6
    # for likeness, where the shadow-to-base one lost likeness 35-45)
    back = [(0, h.shadow, 1), (1, mix(h.shadow, h.deep, 0.3), 1)]
    temples = ""
    if ctx.scalar("hair_gray") > 0:  # graying temples (kit.temples): silver fading out
        gray = silver(h.base)
        temples = (f'<radialGradient id="{TEMPLE_GRADIENT}"><stop offset="0" '
                   f'stop-color="{gray}"/><stop offset="1" stop-color="{gray}" '
                   'stop-opacity="0"/></radialGradient>')
    return front + linear_gradient("hair-b", back, x2=0.3) + temples


FULLER = (0.4, 0.2)
"""How much wider (as a share) the back and the front of the hair are drawn at
``hair_volume`` 1: the back mass beside and behind the head carries a full head of hair,
the cap and the locks over the face follow half as far."""
FLATTER = 0.15
"""How much narrower the back mass is drawn at ``hair_volume`` −1 (hair worn flat or
tucked behind the ears); the front keeps its width there, since a cap narrower than the
skull would bare it."""


def placed(ctx: Ctx, layer: str, front: bool) -> str:
    """``layer`` (a style's back or front part) widened or narrowed about the face's
    middle by the ``hair_volume`` scalar (0 draws the style as designed), and mirrored
    left to right where ``hair_flip`` asks: a part or a swept fringe falls to the side
    the person's does."""
    volume = ctx.scalar("hair_volume")
    if volume > 0:
        scale = 1.0 + volume * FULLER[1 if front else 0]
    else:
        scale = 1.0 if front else 1.0 + volume * FLATTER
    if ctx.choice("hair_flip") == "mirrored":
        scale = -scale
    if not layer or scale == 1.0:
        return layer
    shift = ctx.a.cx * (1.0 - scale)
    return f'<g transform="matrix({scale:.3f} 0 0 1 {f(shift)} 0)">{layer}</g>'


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

__all__ = ["COVERS_EARS", "PARTS", "STYLES", "Geo", "defs", "placed"]
