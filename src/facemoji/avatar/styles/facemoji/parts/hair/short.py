"""Short styles: crops, side parts, quiffs, shaved sides, receding, balding and bald."""

from __future__ import annotations

import math

from ...context import Ctx
from ...svgkit import Point, clipped, ellipse, group, path, smooth
from ..head import FACE_CLIP
from .kit import (
    BACK,
    FILL,
    Geo,
    cap,
    closed,
    combed,
    fill,
    front_mass,
    leaf,
    sheen,
    temples,
    tuft,
)


def crown(p: float) -> float:
    """1 at the skull top, falling to 0 at the sides."""
    return max(0.0, math.cos(math.radians(p)))


def short_back(geo: Geo, out: float = 6.0, nape: float = 50.0) -> str:
    """The hair behind the head that shows beside it, above and behind the ears."""
    pts = geo.shell((-112, -96, -72, -36, 0, 36, 72, 96, 112), out)
    pts += [(geo.x(0.6), geo.eye_y + nape * 0.7), (geo.x(-0.6), geo.eye_y + nape * 0.7)]
    return fill(closed(pts), BACK)


def shaved(geo: Geo, opacity: float = 0.5, sideburn: float = 0.7) -> str:
    """A thin translucent layer of hair on the whole scalp (buzz cuts, shaved sides)."""
    outline = cap(geo, 1.5, geo.hairline_pts(drop=-2, sideburn=sideburn))
    return fill(closed(outline), geo.ctx.pal.hair.base, opacity)


def _side_fringe(g: Geo, low: float, tips: bool = True) -> list[Point]:
    """A hairline whose fringe sweeps toward the image right, lowest at ``x(0.2)``."""
    hl, nat = g.hairline, g.hairline_pts()
    return [*nat[:3], (g.x(0.55), hl + 10 + low * 0.5), (g.x(0.18), hl + low),
            (g.x(-0.22), hl + low * 0.45), (g.x(-0.6), hl + 4), *nat[6:]]


def _fringe_tips(g: Geo, low: float, n: int = 3, lean: float = 6.0) -> list[str]:
    """Pointed locks along a side-swept fringe, leaning toward the image right."""
    hl, out = g.hairline, []
    for i in range(n):
        x = g.x(-0.3 + 0.32 * i)
        y = hl + low * (0.55 + 0.3 * math.sin(math.pi * (i + 0.5) / n))
        out.append(fill(tuft((x - 14, y - 14), (x + 14, y - 12), (x + 12 + lean, y + 8),
                             lean * 0.4), FILL))
    return out


def short_straight(ctx: Ctx) -> tuple[str, str]:
    """A short straight cut with a fringe swept to the side."""
    g, h = Geo(ctx), ctx.pal.hair
    hl, low = g.hairline, g.fringe_y - g.hairline - 6
    outline = cap(g, lambda p: 5 + 13 * crown(p), _side_fringe(g, low))
    top = g.skull(-30, -6)
    swept = combed([g.skull(-62, -10), g.skull(-30, -16), g.skull(10, -16)],
                   [(g.x(-0.5), hl + low * 0.4), (g.x(0.1), hl + low * 0.9),
                    (g.x(0.8), g.hairline + 16)], 10, (h.shadow, h.light), 5.0, -6, 0.45)
    details = [
        *swept,
        *_fringe_tips(g, low),
        fill(leaf(top, (g.x(0.3), g.fringe_y - 10), 9, -8), h.shadow, 0.5),
        fill(leaf(g.skull(-6, -4), (g.x(0.66), g.hairline + 12), 7, -10), h.shadow, 0.45),
        fill(leaf(g.skull(-58, -6), (g.x(-0.1), g.hairline + 8), 6, -4), h.light, 0.35),
    ]
    return short_back(g), front_mass(g, outline, details)


def short_wavy(ctx: Ctx) -> tuple[str, str]:
    """A short wavy cut with a scalloped fringe."""
    g, h = Geo(ctx), ctx.pal.hair
    hl, low = g.hairline, g.fringe_y - g.hairline - 4
    phis = [-100 + 200 * i / 16 for i in range(17)]
    outer = g.shell(phis, lambda p: 7 + 15 * crown(p) + 4 * math.cos(math.radians(p) * 8))
    nat = g.hairline_pts(sideburn=0.8)
    line = [*nat[:3], (g.x(0.6), hl + low * 0.7), (g.x(0.42), hl + low * 0.35),
            (g.x(0.22), hl + low), (g.x(0.02), hl + low * 0.4), (g.x(-0.2), hl + low * 0.85),
            (g.x(-0.45), hl + low * 0.2), (g.x(-0.66), hl + 6), *nat[6:]]
    waves = combed([g.skull(-64, -10), g.skull(-20, -18), g.skull(30, -14)],
                   [(g.x(-0.55), hl + low * 0.5), (g.x(0.1), hl + low * 0.8),
                    (g.x(0.7), hl + low * 0.5)], 10, (h.shadow, h.light), 5.0, 7, 0.4)
    details = [
        *waves,
        fill(leaf(g.skull(-40, -8), (g.x(0.2), hl + low - 8), 10, -12), h.shadow, 0.5),
        fill(leaf(g.skull(10, -6), (g.x(0.6), hl + low * 0.6), 8, 10), h.shadow, 0.45),
        fill(leaf(g.skull(-70, -6), (g.x(-0.2), hl + low * 0.6), 7, 10), h.light, 0.35),
    ]
    return short_back(g, 8), front_mass(g, [*outer, *line], details)


def crew_cut(ctx: Ctx) -> tuple[str, str]:
    """A crew cut: a close cap, slightly longer at the front."""
    g, h = Geo(ctx), ctx.pal.hair
    outline = cap(g, lambda p: 3 + 7 * crown(p), g.hairline_pts(drop=-2, sideburn=0.7))
    brush = [fill(leaf((g.x(u), g.hairline + 2), (g.x(u * 0.7 - 0.05), g.hairline - 26), 5, -3),
                  h.light if k % 2 else h.shadow, 0.3)
             for k, u in enumerate((-0.55, -0.3, -0.05, 0.2, 0.45))]
    return short_back(g, 3, 36), front_mass(g, outline, brush, tension=0.9)


def buzz(ctx: Ctx) -> tuple[str, str]:
    """A buzz cut: a thin translucent layer of hair over the scalp."""
    g = Geo(ctx)
    return "", shaved(g, 0.55) + sheen(g, ctx.pal.hair.light, opacity=0.25)


def side_part(ctx: Ctx) -> tuple[str, str]:
    """A side part, the hair swept over from the part."""
    g, h = Geo(ctx), ctx.pal.hair
    hl, nat = g.hairline, g.hairline_pts()
    part = g.x(-0.42)
    line = [*nat[:3], (g.x(0.62), hl + 22), (g.x(0.25), hl + 12), (part + 14, hl - 2),
            (part, hl - 10), (g.x(-0.62), hl + 2), *nat[6:]]
    outline = cap(g, lambda p: 5 + 14 * crown(p) + (5 if p > -25 else 0) * crown(p), line)
    part_line = leaf((part, hl - 8), g.skull(-24, -10), 3, 2)
    # strands combed over from the part to the far side, and a few down the near one
    over = combed([(part + 6, hl - 4), g.skull(-34, -12), g.skull(-20, -18)],
                  [(g.x(0.2), hl + 14), (g.x(0.86), g.eye_y - 60), g.skull(40, -10)],
                  12, (h.shadow, h.light), 5.0, 6, 0.5)
    near = combed([(part - 4, hl - 8), g.skull(-30, -12)],
                  [(g.x(-0.7), hl + 4), (g.x(-0.92), g.eye_y - 44)], 3, (h.shadow, h.light),
                  3.5, 3, 0.5)
    details = [
        *over, *near,
        fill(part_line, h.deep, 0.8),
        fill(leaf((part + 10, hl - 6), (g.x(0.9), g.eye_y - 60), 12, -14), h.shadow, 0.45),
        fill(leaf(g.skull(-18, -12), (g.x(0.8), hl + 2), 8, -8), h.light, 0.4),
    ]
    return short_back(g), front_mass(g, outline, details)


def _rise(g: Geo, height: float, width: float, at: float = -4.0):
    """Cap thickness with a bump of ``height`` at the front of the crown."""
    return lambda p: 4 + 8 * crown(p) + height * math.exp(-(((p - at) / width) ** 2))


def quiff(ctx: Ctx) -> tuple[str, str]:
    """A quiff: short sides and the front brushed up off the forehead into a textured
    crest that leans to one side (a smooth dome over flat sides read as a bun)."""
    g, h = Geo(ctx), ctx.pal.hair
    hl, lift = g.hairline, g.lift
    phis = (-100, -86, -70, -52, -34, -18, -4, 10, 26, 46, 70, 86, 100)
    # close at the sides, fuller over the top, highest over the front left of the crown
    outer = g.shell(phis, lambda p: 3 + 9 * crown(p) ** 2
                    + 16 * lift * math.exp(-(((p + 14) / 26) ** 2)))
    nat = g.hairline_pts(drop=-6, sideburn=0.7)
    # the front edge lifts off the forehead in a few upturned locks
    line = [*nat[:3], (g.x(0.5), hl + 4), (g.x(0.28), hl - 4), (g.x(0.08), hl - 2),
            (g.x(-0.14), hl - 8), (g.x(-0.36), hl - 2), (g.x(-0.58), hl + 2), *nat[6:]]
    crest = [fill(tuft((g.x(u) - 12, hl + 2), (g.x(u) + 12, hl + 4), g.skull(phi, rise * lift),
                       5), FILL)
             for u, phi, rise in ((-0.42, -40, 14), (-0.12, -22, 16), (0.18, -2, 15),
                                  (0.44, 16, 14))]
    rising = combed([(g.x(-0.55), hl + 4), (g.x(0.0), hl - 4), (g.x(0.55), hl + 4)],
                    [g.skull(-46, 6 * lift), g.skull(-10, 18 * lift), g.skull(34, 8 * lift)],
                    11, (h.shadow, h.light), 4.0, 5, 0.45)
    details = [
        *rising,
        # shorter sides: a shade of shadow down each side of the head
        fill(leaf(g.skull(-92, -2), g.skull(-58, 2), 5, 3), h.shadow, 0.45),
        fill(leaf(g.skull(58, 2), g.skull(92, -2), 5, 3), h.shadow, 0.45),
        fill(leaf((g.x(-0.2), hl + 2), g.skull(-18, 12 * lift), 10, -6), h.light, 0.3),
    ]
    return short_back(g, 3, 38), front_mass(g, [*outer, *line], details, locks=crest)


def pompadour(ctx: Ctx) -> tuple[str, str]:
    """A pompadour: a high rolled front over slicked sides."""
    g, h = Geo(ctx), ctx.pal.hair
    phis = (-100, -84, -64, -44, -24, -6, 12, 32, 62, 84, 100)
    outer = g.shell(phis, _rise(g, 40 * g.lift, 38, 0))
    line = g.hairline_pts(drop=-6, sideburn=0.9)
    hl = g.hairline
    rolled = combed([(g.x(-0.66), hl + 4), (g.cx, hl - 2), (g.x(0.66), hl + 4)],
                    [g.skull(-46, 10), g.skull(0, 30 * g.lift), g.skull(46, 10)], 10,
                    (h.shadow, h.light), 4.5, -5, 0.4)
    details = [
        *rolled,
        fill(leaf(g.skull(-60, 6), g.skull(40, 14), 12, 16), h.shadow, 0.4),
        sheen(g, h.light, -52, 22, -22 * g.lift, 10, 0.55),
        fill(leaf(g.skull(-80, -2), g.skull(-40, 10), 5, 4), h.light, 0.35),
    ]
    return short_back(g, 4, 44), front_mass(g, [*outer, *line], details, crown=False)


def slicked_back(ctx: Ctx) -> tuple[str, str]:
    """Slicked-back hair with comb lines and a wet-look shine."""
    g, h = Geo(ctx), ctx.pal.hair
    line = g.hairline_pts(drop=-4, sideburn=0.8)
    outline = cap(g, lambda p: 5 + 9 * crown(p), line)
    # comb lines from the hairline up over the crown, and a wet-look shine
    combs = []
    for i, u in enumerate((-0.7, -0.45, -0.2, 0.05, 0.3, 0.55, 0.78)):
        start = (g.x(u), g.hairline + 4 + 20 * u * u)
        tone = h.light if i % 2 else h.shadow
        combs.append(fill(leaf(start, g.skull(u * 55, 4), 3.5, -4 * u), tone, 0.45))
    combs.append(sheen(g, h.light, -62, 10, 4, 10, 0.45))
    return short_back(g, 5, 46), front_mass(g, outline, combs, crown=False)


def undercut(ctx: Ctx) -> tuple[str, str]:
    """An undercut: a swept top over shaved sides."""
    g, h = Geo(ctx), ctx.pal.hair
    hl = g.hairline
    phis = (-70, -52, -30, -10, 10, 30, 52, 70)
    outer = g.shell(phis, lambda p: 4 + 14 * crown(p))
    line = [g.skull(72, -10), (g.x(0.62), hl + 14), (g.x(0.2), hl + 4), (g.x(-0.3), hl - 4),
            (g.x(-0.58), hl - 4), g.skull(-72, -10)]
    swept = combed([(g.x(-0.5), hl - 2), g.skull(-40, -10), g.skull(-16, -14)],
                   [(g.x(0.2), hl + 8), (g.x(0.58), hl + 14), g.skull(55, -8)], 9,
                   (h.shadow, h.light), 4.5, 6, 0.4)
    details = [
        *swept,
        fill(leaf(g.skull(-40, -6), (g.x(0.45), hl + 12), 10, -8), h.shadow, 0.5),
        fill(leaf(g.skull(-10, -4), g.skull(55, -4), 6, 6), h.light, 0.35),
    ]
    front = shaved(g, 0.42) + front_mass(g, [*outer, *line], details, tension=0.9)
    return short_back(g, 1.5, 36), front


def mohawk(ctx: Ctx) -> tuple[str, str]:
    """A mohawk: a spiky crest over shaved sides."""
    g, h = Geo(ctx), ctx.pal.hair
    hl, half = g.hairline, g.W * 0.22
    # a crest of three spikes from the forehead over the crown, leaning back
    t, up = g.top, g.lift
    crest = [(g.cx - half * 0.5, hl + 2), (g.cx - half, t + 18), (g.cx - half * 1.25, t - 28 * up),
             (g.cx - half * 0.35, t - 14 * up), (g.cx + half * 0.05, t - 52 * up),
             (g.cx + half * 0.45, t - 14 * up), (g.cx + half * 1.3, t - 32 * up),
             (g.cx + half, t + 18), (g.cx + half * 0.5, hl + 2)]
    front = group([
        shaved(g, 0.38),
        fill(closed(crest, 0.6), FILL),
        fill(leaf((g.cx - 2, hl - 4), (g.cx + half * 0.1, t - 46 * up), 7, 4), h.light, 0.4),
        fill(leaf((g.cx + half * 0.4, t + 6), (g.cx + half * 1.2, t - 30 * up), 5), h.shadow, 0.5),
    ])
    return "", front


def curtains(ctx: Ctx) -> tuple[str, str]:
    """Curtains: a middle part with the hair falling to both temples."""
    g, h = Geo(ctx), ctx.pal.hair
    hl, ey = g.hairline, g.eye_y
    line: list[Point] = []
    for s in (1, -1):
        side = [(g.x(s * 0.96), ey - 4), (g.x(s * 0.84), ey - 44), (g.x(s * 0.72), g.fringe_y),
                (g.x(s * 0.42), hl + 18), (g.x(s * 0.1), hl - 2)]
        line += side if s == 1 else side[::-1]
    outline = cap(g, lambda p: 7 + 14 * crown(p), line)
    details = []
    for s in (-1, 1):
        details += combed([(g.x(s * 0.04), hl - 2), g.skull(s * 20, -16), g.skull(s * 50, -12)],
                          [(g.x(s * 0.45), hl + 16), (g.x(s * 0.78), g.fringe_y - 8),
                           (g.x(s * 0.92), ey - 40)], 7, (h.shadow, h.light), 4.5, s * 5, 0.4)
        details.append(fill(leaf((g.x(s * 0.06), hl - 4), (g.x(s * 0.8), g.fringe_y - 4), 9,
                                 s * 8), h.shadow, 0.45))
        details.append(fill(leaf(g.skull(s * 12, -8), (g.x(s * 0.5), hl + 6), 6, s * 6), h.light,
                            0.35))
    return short_back(g, 8, 62), front_mass(g, outline, details)


def messy(ctx: Ctx) -> tuple[str, str]:
    """Messy hair: tufts sticking out and an uneven fringe."""
    g, h = Geo(ctx), ctx.pal.hair
    hl, low = g.hairline, g.fringe_y - g.hairline
    # tufts sticking out: every other outline point pushed further out
    phis = [-100 + 200 * i / 14 for i in range(15)]
    outer = [g.skull(p, 8 + (14 + (12 if i % 2 else 0)) * crown(p)) for i, p in enumerate(phis)]
    nat = g.hairline_pts(sideburn=0.9)
    line = [*nat[:3], (g.x(0.66), hl + low * 0.8), (g.x(0.5), hl + 6),
            (g.x(0.32), hl + low), (g.x(0.12), hl + 8), (g.x(-0.08), hl + low * 0.9),
            (g.x(-0.28), hl + 6), (g.x(-0.46), hl + low * 0.75), (g.x(-0.6), hl + 4),
            *nat[6:]]
    details = [
        fill(leaf(g.skull(-10, -8), (g.x(0.32), hl + low - 12), 8, 6), h.shadow, 0.45),
        fill(leaf(g.skull(-14, -8), (g.x(-0.46), hl + low - 14), 8, -6), h.shadow, 0.4),
        fill(leaf(g.skull(-6, -4), g.skull(48, 8), 6, 6), h.shadow, 0.35),
        fill(leaf(g.skull(-70, 0), g.skull(-26, 12), 6, 4), h.light, 0.4),
    ]
    return short_back(g, 10), front_mass(g, [*outer, *line], details, tension=0.55)


def pixie(ctx: Ctx) -> tuple[str, str]:
    """A pixie cut: close sides and a long fringe swept across the forehead."""
    g, h = Geo(ctx), ctx.pal.hair
    hl, fy, ey = g.hairline, g.fringe_y, g.eye_y
    # close at the sides with pointed wisps in front of the ears, a long fringe swept
    # across the forehead to the image left
    line = [(g.x(0.97), ey + 10), (g.x(0.9), ey + 24), (g.x(0.86), ey - 40),
            (g.x(0.66), hl + 6), (g.x(0.3), hl - 2), (g.x(0.0), hl + 8),
            (g.x(-0.3), hl + (fy - hl) * 0.6), (g.x(-0.55), fy), (g.x(-0.7), fy - 8),
            (g.x(-0.86), ey - 44), (g.x(-0.9), ey + 24), (g.x(-0.97), ey + 10)]
    outline = cap(g, lambda p: 5 + 12 * crown(p) + 4 * crown(p - 30), line)
    swept = combed([g.skull(50, -12), g.skull(10, -18), (g.x(0.3), hl - 2)],
                   [(g.x(0.75), hl + 10), (g.x(0.0), hl + (fy - hl) * 0.5), (g.x(-0.6), fy - 6)],
                   10, (h.shadow, h.light), 4.5, 5, 0.4)
    details = [
        *swept,
        fill(tuft((g.x(-0.2), hl + 8), (g.x(0.05), hl), (g.x(-0.62), fy + 4), -6), FILL),
        fill(leaf(g.skull(30, -6), (g.x(-0.45), fy - 10), 10, 10), h.shadow, 0.45),
        fill(leaf(g.skull(60, -6), (g.x(-0.05), hl + 6), 6, 6), h.shadow, 0.35),
        fill(leaf(g.skull(-30, -8), (g.x(-0.7), hl + 24), 6, 4), h.light, 0.35),
    ]
    return short_back(g, 4, 40), front_mass(g, outline, details, tension=0.8)


def receding(ctx: Ctx) -> tuple[str, str]:
    """A short cut with the temples receding (an M-shaped hairline) far enough to read at
    thumbnail size, the bare skin above the forehead catching the light."""
    g, h, skin = Geo(ctx), ctx.pal.hair, ctx.pal.skin
    hl, ey = g.hairline, g.eye_y
    # an M-shaped hairline: the temples pushed up and back, a peak left in the middle
    right = [(g.x(0.96), ey + 4), (g.x(0.9), ey - 30), (g.x(0.84), hl + 2), (g.x(0.66), hl - 42),
             (g.x(0.32), hl - 34), (g.cx, hl - 16)]
    line = [*right, *[(2 * g.cx - x, y) for x, y in reversed(right[:-1])]]
    # a full crown above the receded temples: drawn as thin as a balding head's, gray
    # receding hair read as bald (Alan Lowenthal in docs/likeness.png)
    outline = cap(g, lambda p: 5 + 11 * crown(p), line)
    back = combed([(g.x(-0.5), hl - 30), (g.cx, hl - 12), (g.x(0.5), hl - 30)],
                  [g.skull(-60, -6), g.skull(0, -8), g.skull(60, -6)], 7, (h.shadow, h.light),
                  4.0, 0, 0.35)
    details = [*back, fill(leaf(g.skull(-40, -12), g.skull(30, -12), 7, 7), h.shadow, 0.35),
               fill(leaf(g.skull(-20, -4), g.skull(40, -2), 5, 5), h.light, 0.3)]
    sheen = group([ellipse(g.cx - g.W * 0.12, hl - 14, g.W * 0.34, 10, skin.light, opacity=0.35)],
                  clip_path=f"url(#{FACE_CLIP})")
    return short_back(g, 4, 44), sheen + front_mass(g, outline, details, tension=0.8)


def _scalp_shine(g: Geo) -> str:
    """The sheen of a bare scalp: a soft glow and a brighter highlight at the upper left,
    clipped to the head (unclipped, the glow stood out past the skull's outline)."""
    x, y = g.skull(-28, -24)
    light = g.ctx.pal.skin.light
    shine = path(smooth([(x - 26, y + 6), (x, y - 8), (x + 30, y - 2), (x + 4, y + 8)]),
                 light, opacity=0.7)
    glow = ellipse(x + 6, y + 4, g.W * 0.42, 18, light, opacity=0.35)
    return group([glow, shine], clip_path=f"url(#{FACE_CLIP})")


def bald(ctx: Ctx) -> tuple[str, str]:
    """Bald: only a sheen on the scalp."""
    return "", _scalp_shine(Geo(ctx))


FRINGE_TOP, FRINGE_BOTTOM = 46.0, 106.0
"""Degrees from the skull top between which a balding fringe lies (:func:`balding`)."""


def balding(ctx: Ctx) -> tuple[str, str]:
    """Bald on top with a fringe of short hair left at the sides and back: the horseshoe
    that balding leaves, a thin wisp at the temples and full above the ears."""
    g, h = Geo(ctx), ctx.pal.hair
    span = FRINGE_BOTTOM - FRINGE_TOP

    def along(p: float) -> float:  # 0 at the fringe's top, 1 at its bottom
        return (abs(p) - FRINGE_TOP) / span

    back, sides, crescents = [], [], []
    for sign in (1.0, -1.0):
        phis = [sign * (FRINGE_TOP + span * i / 8) for i in range(9)]
        # behind the head: a band beside it, down behind the ear (and no further: past
        # the fringe's bottom its dark end showed under the earlobe as a speck)
        behind = g.shell([sign * (FRINGE_TOP + 8), sign * 80, sign * FRINGE_BOTTOM], 7)
        inside = g.shell([sign * FRINGE_BOTTOM, sign * 80, sign * (FRINGE_TOP + 8)], -6)
        back.append(fill(closed([*behind, *inside], tension=0.8), BACK))
        # in front: a crescent with some volume beyond the skull, fullest above the ear
        outer = g.shell(phis, lambda p: 1.0 + 8.0 * math.sin(math.pi * along(p)) ** 0.7)
        inner = g.shell(phis[::-1], lambda p: -1.0 - 15.0 * math.sin(
            math.pi * min(1.0, 0.15 + 0.85 * along(p))) ** 0.8)
        crescents.append(closed([*outer, *inner]))
        sides.append(fill(crescents[-1], FILL))
        for k, (a, b) in enumerate(((0.25, 0.75), (0.45, 0.95))):
            p0 = g.skull(sign * (FRINGE_TOP + span * a), 2 - 5 * k)
            p1 = g.skull(sign * (FRINGE_TOP + span * b), -3 - 5 * k)
            sides.append(fill(leaf(p0, p1, 2.2, sign * 1.5), h.shadow if k else h.light,
                              0.45 if k else 0.35))
    gray = temples(g)
    if gray:
        sides.append(clipped("hair-clip", "".join(crescents), gray))
    return "".join(back), _scalp_shine(g) + "".join(sides)


STYLES = {
    "short_straight": short_straight,
    "short_wavy": short_wavy,
    "crew_cut": crew_cut,
    "buzz": buzz,
    "side_part": side_part,
    "quiff": quiff,
    "pompadour": pompadour,
    "slicked_back": slicked_back,
    "undercut": undercut,
    "mohawk": mohawk,
    "curtains": curtains,
    "messy": messy,
    "pixie": pixie,
    "receding": receding,
    "balding": balding,
    "bald": bald,
}
