"""Curly and coily styles, drawn as clustered lobes with small curl highlights."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ...context import Ctx
from ...svgkit import Point, clipped, ellipse, path
from .kit import (
    BACK,
    FILL,
    Geo,
    Offset,
    contact_shadow,
    curls,
    fill,
    front_mass,
    joined,
    scallop,
    scatter,
    sheen,
    temples,
)
from .kit import cap as cap_outline
from .short import crown


def _texture(g: Geo, phis: list[float], depths: list[float], radius: float,
             seed: int) -> str:
    """Curl arcs in the light and shadow tones over a region of the cap."""
    h = g.ctx.pal.hair
    rng = np.random.default_rng(seed)  # fixed pattern: same params, same SVG
    pts = scatter(g, phis, depths, rng, jitter=radius * 0.4)
    half = len(pts) // 2
    width = max(1.6, radius * 0.32)
    return (path(curls(pts[:half], radius, rng), "none", stroke=h.light, stroke_width=width,
                 stroke_linecap="round", opacity=0.5)
            + path(curls(pts[half:], radius, rng), "none", stroke=h.deep, stroke_width=width,
                   stroke_linecap="round", opacity=0.4))


def _curly_cap(g: Geo, out: Offset, radius: float, line: list[Point], texture: str,
               edge_radius: float = 0.0) -> str:
    """A cap whose outer edge is lobed (its hairline too with ``edge_radius``), with
    ``texture`` clipped to it."""
    outer = g.shell([-102 + 204 * i / 12 for i in range(13)], out)
    if edge_radius:
        d = scallop([*outer, *line], radius, closed=True)
    else:
        d = joined(scallop(outer, radius, closed=False), line)
    return (contact_shadow(d, g.ctx.pal.skin.deep) + fill(d, FILL)
            + clipped("hair-clip", d, texture + temples(g)))


def _lobed_hairline(g: Geo, low: float) -> list[Point]:
    """A rounded hairline whose middle falls ``low`` below the hairline anchor."""
    hl, ey = g.hairline, g.eye_y
    right = [(g.x(0.95), ey - 6), (g.x(0.86), ey - 48), (g.x(0.6), hl + low * 0.7),
             (g.x(0.25), hl + low)]
    return [*right, (g.cx, hl + low * 0.9), *[(2 * g.cx - x, y) for x, y in reversed(right)]]


def _mass(center: Point, rx: float, ry: float, radius: float, n: int = 18) -> str:
    """A round lobed mass (afro, puff)."""
    t = np.linspace(-np.pi / 2, 1.5 * np.pi, n, endpoint=False)
    pts = [(center[0] + rx * np.cos(a), center[1] + ry * np.sin(a)) for a in t]
    return scallop(pts, radius, closed=True)


def short_curly(ctx: Ctx) -> tuple[str, str]:
    """Short curls: a lobed cap with curls falling onto the forehead."""
    g = Geo(ctx)
    low = g.fringe_y - g.hairline - 4
    tex = _texture(g, list(range(-70, 71, 20)), [10, 26], 6, 1)
    tex += sheen(g, ctx.pal.hair.light, opacity=0.3)
    front = _curly_cap(g, lambda p: 10 + 12 * crown(p), 13, _lobed_hairline(g, low), tex,
                       edge_radius=9)
    back = fill(scallop(g.shell((-106, -90, -60, -30, 0, 30, 60, 90, 106), 12), 11), BACK)
    return back, front


def short_coily(ctx: Ctx) -> tuple[str, str]:
    """Short coily hair: a close cap of small lobes with a crisp hairline."""
    g = Geo(ctx)
    tex = _texture(g, list(range(-76, 77, 13)), [4, 14, 24], 3.5, 2)
    line = g.hairline_pts(drop=-2, sideburn=0.8)
    return "", _curly_cap(g, lambda p: 6 + 10 * crown(p), 5.5, line, tex)


def curly_crop(ctx: Ctx) -> tuple[str, str]:
    """A man's short curls: a close cap, fuller on top, of mid-sized lobes with curl
    highlights and neat sides; the curls of ``short_curly`` fall round the face as a
    perm does, and ``short_coily``'s lie flat."""
    g = Geo(ctx)
    tex = _texture(g, list(range(-74, 75, 14)), [2, 14, 26, 38], 5.5, 10)
    tex += sheen(g, ctx.pal.hair.light, opacity=0.25)
    line = g.hairline_pts(drop=2, sideburn=0.8)
    return "", _curly_cap(g, lambda p: 6 + 30 * crown(p) ** 1.5, 9.5, line, tex, edge_radius=5)


def afro(ctx: Ctx) -> tuple[str, str]:
    """An afro: a large round lobed mass around the head."""
    g = Geo(ctx)
    cy = g.top + (g.eye_y - g.top) * 0.52
    mass = _mass((g.cx, cy), g.W * 1.62, (g.eye_y - g.top) * 0.98, 18, 22)
    back = fill(mass, FILL) + clipped("hair-clip-b", mass, _texture(
        g, list(range(-110, 111, 16)), [-48, -22], 8, 3))
    line = g.hairline_pts(drop=2, sideburn=0.9)
    tex = _texture(g, list(range(-84, 85, 14)), [0, 14], 8, 8)
    return back, _curly_cap(g, lambda p: 20 + 10 * crown(p), 12, line, tex)


def _framing_curls(g: Geo, outline: Callable[[int], list[Point]], bottom: float,
                   radius: float, rows: int, spread: float, seed: int) -> str:
    """Curls framing the face on both sides (side ``s`` -1 or 1 drawn along
    ``outline(s)``, clockwise for the left), with two curl highlights per row over
    ``rows`` rows from the eyes to ``bottom``, reaching 1.12 to ``1.12 + spread`` half
    face widths out."""
    h, rng = g.ctx.pal.hair, np.random.default_rng(seed)
    out, centers = [], []
    for s in (-1, 1):
        pts = outline(s)
        out.append(fill(scallop(pts if s == -1 else pts[::-1], radius, vary=1.0), FILL))
        for y in np.linspace(g.eye_y - 20, bottom - 24, rows):
            centers += [(g.x(s * (1.12 + rng.uniform(0.0, spread))), float(y + rng.uniform(-5, 5)))
                        for _ in range(2)]
    out.append(path(curls(centers, radius * 0.6, rng), "none", stroke=h.light,
                    stroke_width=2.4, stroke_linecap="round", opacity=0.45))
    return "".join(out)


def _rounded_side_curls(g: Geo, bottom: float, radius: float) -> str:
    """Curls framing the face that swell out at the cheeks and tuck back in at the jaw,
    as chin-length curls do, with curl highlights."""
    return _framing_curls(g, lambda s: [
        g.skull(s * 62, -12), (g.x(s * 0.9), g.eye_y - 20), (g.x(s * 0.96), g.eye_y + 40),
        (g.x(s * 1.08), bottom - 6), (g.x(s * 1.34), bottom - 14),
        (g.x(s * 1.46), g.eye_y + 40), (g.x(s * 1.36), g.eye_y - 20), g.skull(s * 70, 16)],
        bottom, radius, rows=5, spread=0.22, seed=9)


def curly_medium(ctx: Ctx) -> tuple[str, str]:
    """Chin-length curls: a rounded mass, widest at the cheeks, that tucks in at the jaw."""
    g = Geo(ctx)
    bottom = ctx.a.chin[1] + 6
    top = g.shell((-100, -60, -25, 0, 25, 60, 100), lambda p: 22 + 12 * crown(p))
    right = [(g.x(1.40), g.eye_y - 10), (g.x(1.52), g.eye_y + 45), (g.x(1.36), bottom - 16)]
    hem = [(g.x(1.0), bottom), (g.cx, bottom + 4), (g.x(-1.0), bottom)]
    left = [(2 * g.cx - x, y) for x, y in reversed(right)]
    back = fill(scallop([*top, *right, *hem, *left], 15, vary=1.0), BACK)
    tex = _texture(g, list(range(-80, 81, 20)), [-8, 14], 7, 4)
    front = _curly_cap(g, lambda p: 18 + 12 * crown(p), 11, _lobed_hairline(g, 8), tex,
                       edge_radius=9)
    # the locks belong to the back layer, which the hair's measured volume widens: a full
    # head of curls then reads as one round mass instead of dark lumps beside the locks
    return back + _rounded_side_curls(g, bottom, 13), front


def _falling_side_curls(g: Geo, bottom: float, radius: float) -> str:
    """Curls framing the face that fall past the jaw onto the shoulders, widening as
    they fall and rounding off at their ends, with curl highlights."""
    chin = g.ctx.a.chin[1]
    return _framing_curls(g, lambda s: [
        g.skull(s * 62, -12), (g.x(s * 0.9), g.eye_y - 20), (g.x(s * 0.96), g.eye_y + 40),
        (g.x(s * 1.04), chin + 6), (g.x(s * 1.14), bottom - 10), (g.x(s * 1.36), bottom - 4),
        (g.x(s * 1.5), bottom - 26), (g.x(s * 1.5), chin - 10), (g.x(s * 1.4), g.eye_y - 20),
        g.skull(s * 70, 16)],
        bottom, radius, rows=7, spread=0.26, seed=11)


def long_curly(ctx: Ctx) -> tuple[str, str]:
    """Long curls past the shoulders: one full mass, widest at the shoulders, with the
    curls framing the face falling into it (drawn as ``curly_medium`` is, longer; two
    hanging locks read as a wig)."""
    g = Geo(ctx)
    chin = ctx.a.chin[1]
    bottom = chin + 110
    top = g.shell((-100, -60, -25, 0, 25, 60, 100), lambda p: 22 + 12 * crown(p))
    right = [(g.x(1.38), g.eye_y - 10), (g.x(1.5), g.eye_y + 45), (g.x(1.58), chin + 20),
             (g.x(1.52), bottom - 26), (g.x(1.3), bottom - 2)]
    hem = [(g.x(0.9), bottom + 2), (g.cx, bottom + 6), (g.x(-0.9), bottom + 2)]
    left = [(2 * g.cx - x, y) for x, y in reversed(right)]
    mass = scallop([*top, *right, *hem, *left], 16, vary=1.0)
    back = fill(mass, BACK) + clipped("hair-clip-b", mass, _texture(
        g, list(range(-110, 111, 20)), [-40, -20], 7, 12))
    tex = _texture(g, list(range(-80, 81, 20)), [-8, 14], 7, 5)
    front = _curly_cap(g, lambda p: 18 + 12 * crown(p), 11, _lobed_hairline(g, 8), tex,
                       edge_radius=9)
    # the locks framing the face cover the ears, as long curls do
    return back, front + _falling_side_curls(g, bottom, 14)


def afro_puff(ctx: Ctx) -> tuple[str, str]:
    """A coily puff gathered on top of the head over a close cap."""
    g, h = Geo(ctx), ctx.pal.hair
    r = g.W * 0.56
    center = (g.cx, g.top - r * 0.45)
    puff = _mass(center, r * 1.12, r, 17, 16)
    rng = np.random.default_rng(6)
    pts = [(center[0] + rng.uniform(-0.8, 0.8) * r, center[1] + rng.uniform(-0.7, 0.6) * r)
           for _ in range(16)]
    tex = path(curls(pts, 7, rng), "none", stroke=h.light, stroke_width=2.2,
               stroke_linecap="round", opacity=0.5)
    band = ellipse(g.cx, g.top - 10, r * 0.5, 4, h.deep, opacity=0.5)
    line = g.hairline_pts(drop=-2, sideburn=0.8)
    strands = _texture(g, list(range(-70, 71, 14)), [6, 18], 3.5, 7)
    cap = front_mass(g, cap_outline(g, lambda p: 4 + 7 * crown(p), line), [strands])
    if g.lift < 1:  # under a hat the puff is hidden
        return "", cap
    return fill(puff, FILL) + tex, cap + band


STYLES = {
    "short_curly": short_curly,
    "short_coily": short_coily,
    "curly_crop": curly_crop,
    "afro": afro,
    "curly_medium": curly_medium,
    "long_curly": long_curly,
    "afro_puff": afro_puff,
}
