"""Facial hair: stubble, mustaches, goatees and beards, built from the jaw and mouth anchors.

Hair masses get soft, textured edges without filters: the outline is sampled and
zigzagged a little (a tufted edge) inside a translucent fringe of the same shape, one
shared gradient shades it away from the light (upper left), and strand strokes follow
the hair's flow.
Beards follow the jaw and cover the chin but leave the lips visible.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable

import numpy as np

from ..context import Ctx
from ..svgkit import (
    Point,
    clipped,
    f,
    group,
    linear_gradient,
    path,
    polyline,
    sample_smooth,
    smooth,
)
from .head import FACE_CLIP

GRADIENT = "facial-hair-g"


def _tufted(points: list[Point], amp: float, steps: int = 10, tension: float = 0.8) -> str:
    """A closed outline through ``points`` whose edge breaks into small tufts of about
    ``amp`` px (path data); the pattern is fixed, so the same params give the same SVG."""
    pts = sample_smooth(points, closed=True, steps=steps, tension=tension)[:-1]
    n = len(pts)
    out = []
    for i, (x, y) in enumerate(pts):
        (x0, y0), (x1, y1) = pts[i - 1], pts[(i + 1) % n]
        dx, dy = x1 - x0, y1 - y0
        norm = math.hypot(dx, dy) or 1.0
        k = amp * (0.5 + 0.5 * math.sin(i * 2.7) ** 2) if i % 2 else -0.3 * amp
        out.append((x + dy / norm * k, y - dx / norm * k))
    return polyline(out, closed=True)


def _mass(ctx: Ctx, points: list[Point], amp: float = 1.6, strands: list[str] | None = None
          ) -> str:
    """A hair mass: a soft fringe, the tufted body shaded by the shared gradient, and
    strands in a darker and a lighter tone."""
    tones = ctx.pal.facial_hair
    body = _tufted(points, amp)
    out = [path(body, "none", stroke=tones.base, stroke_width=amp * 2.2, stroke_opacity=0.35,
                stroke_linejoin="round"),
           path(body, f"url(#{GRADIENT})")]
    if strands:
        # the strands stay inside the mass: on a narrow jaw the outer ones stood out past
        # it as stray ticks on the background
        d = "".join(strands)
        out.append(clipped(
            f"facial-hair-clip-{zlib.crc32(body.encode()):08x}", body,
            path(d, "none", stroke=tones.shadow, stroke_width=1.6, stroke_linecap="round",
                 stroke_opacity=0.7)
            + path(d, "none", stroke=tones.light, stroke_width=0.9, stroke_linecap="round",
                   stroke_opacity=0.5, transform="translate(-1.2 -0.6)")))
    return group(out)


# px of bare skin kept between facial hair and the lips (beyond its tufted fringe)
LIP_GAP = 2.5


def _mustache(ctx: Ctx, droop: float = 0.0, thin: float = 1.0, curl: bool = False,
              spread: float = 1.0) -> str:
    """A mustache whose lower edge follows the upper lip's outline, a small gap above it,
    so the lips stay visible; its ends hang ``droop`` px below the mouth corners, outside
    them. ``thin`` scales its thickness, ``spread`` its width."""
    a = ctx.a
    o = a.mouth_outer
    amp = 1.2 * min(1.0, thin)
    gap = LIP_GAP + amp * 1.5
    nose_y = a.nose_base[2][1]
    # thickness at the middle: from the lip up to a little below the nose
    t = max(2.5, min((o[3][1] - gap - nose_y - 4) * thin, o[3][1] - gap - nose_y - 3))
    half = max(a.mouth_width * 0.56 * spread, o[6][0] - a.cx + gap + 2.5)
    # the lower edge, right end to left end, just above the upper lip
    lower = [(o[6][0] + gap, o[6][1] - 1), *((x, y - gap) for x, y in o[5:0:-1]),
             (o[0][0] - gap, o[0][1] - 1)]
    # the upper edge, left to right: thickest beside the philtrum, tapering to the ends
    weights = (0.55, 0.92, 1.0, 0.9, 1.0, 0.92, 0.55)
    upper = [(x, y - t * w) for (x, y), w in zip(lower[::-1], weights, strict=True)]
    tip_r, tip_l = (a.cx + half, o[6][1] + droop), (a.cx - half, o[0][1] + droop)
    pts: list[Point] = [tip_r, *lower, tip_l, *upper]
    strands = [f"M{f(a.cx + s * half * k)} {f(o[3][1] - gap - t * 0.85)}"
               f"l{f(s * 3)} {f(t * 0.6)}" for s in (-1, 1) for k in (0.15, 0.4, 0.65)]
    out = [_mass(ctx, pts, amp=amp, strands=strands)]
    if curl:
        for s in (-1, 1):
            x, y = a.cx + s * half, o[0][1] + droop
            out.append(path(f"M{f(x)} {f(y)}q{f(s * 12)} 0 {f(s * 12)} -14q0 -6 {f(-s * 5)} -6",
                            "none", stroke=ctx.pal.facial_hair.base, stroke_width=4.5,
                            stroke_linecap="round"))
    return group(out)


def _chin_patch(ctx: Ctx, width: float, bottom: float, top: float = 0.0) -> str:
    """A patch below the lower lip (``top`` px lower than the usual gap) reaching ``bottom``
    px past the chin."""
    a = ctx.a
    o = a.mouth_outer
    y = o[9][1] + LIP_GAP + 4 + top
    half = a.mouth_width * width
    low = a.chin[1] + bottom
    pts = [(a.cx - half, y + 2), (a.cx, y - 1), (a.cx + half, y + 2),
           (a.cx + half * 0.9, (y + low) / 2), (a.cx + half * 0.5, low - 3), (a.cx, low),
           (a.cx - half * 0.5, low - 3), (a.cx - half * 0.9, (y + low) / 2)]
    strands = [f"M{f(a.cx + k * half)} {f(y + 4)}l{f(k * 2)} {f((low - y) * 0.55)}"
               for k in (-0.5, 0, 0.5)]
    return _mass(ctx, pts, strands=strands)


def _circle_beard(ctx: Ctx) -> str:
    """A mustache whose ends run down beside the mouth into a goatee: a ring around the
    lips that leaves them bare."""
    o = ctx.a.mouth_outer
    droop = o[9][1] - o[6][1] + LIP_GAP + 8
    return group([_mustache(ctx, droop=droop, spread=1.02), _chin_patch(ctx, 0.56, 5)])


def _beard(ctx: Ctx, length: float, reach: float = 0.62, strap: bool = False,
           cheek: float = -4.0) -> str:
    """A beard from the sideburns along the jaw, ``length`` px past the chin; ``reach``
    sets how far out on the cheeks it comes and ``cheek`` how far below the nose's base
    its cheek line runs; ``strap`` keeps only a band along the jaw."""
    a = ctx.a
    jaw = a.jaw_line
    o = a.mouth_outer
    W = a.half_width
    # the beard hangs below the jaw, most at the chin
    lower = [(x + (x - a.cx) * 0.03, y + length * max(0.0, 1 - abs(x - a.cx) / W) ** 1.5 + 2)
             for x, y in jaw[1:16]]
    # the sideburns' lower half: from eye level (the jaw line's top) the beard read as a
    # fur mask up to the eyes, as a looks reviewer put it
    top_l = ((jaw[0][0] + jaw[1][0]) / 2 + 2, (jaw[0][1] + jaw[1][1]) / 2 + 2)
    top_r = ((jaw[16][0] + jaw[15][0]) / 2 - 2, (jaw[16][1] + jaw[15][1]) / 2 + 2)
    if strap:
        inner = [(x + (a.cx - x) * 0.1, y - 13) for x, y in jaw[14:1:-1]]
        return _mass(ctx, [top_l, *lower, top_r, (top_r[0] - 14, top_r[1]), *inner,
                           (top_l[0] + 14, top_l[1])])
    cheek_y = a.nose_base[2][1] + cheek
    inner = [
        (top_r[0] - W * 0.14, top_r[1]), (a.cx + W * reach, cheek_y),
        (o[6][0] + 9, o[6][1] - 2), (o[7][0] + 3, o[9][1] + 3), (a.cx, o[9][1] + 6),
        (o[11][0] - 3, o[9][1] + 3), (o[0][0] - 9, o[0][1] - 2), (a.cx - W * reach, cheek_y),
        (top_l[0] + W * 0.14, top_l[1]),
    ]
    bottom = a.chin[1] + length
    strands = []
    for k in np.linspace(-0.75, 0.75, 9):
        x0 = a.cx + k * W * 0.8
        y0 = max(o[9][1] + 12, jaw[3][1] + (a.chin[1] - jaw[3][1]) * (1 - abs(k)) - 10)
        ln = max(4.0, (bottom - y0) * (1 - abs(k)) * 0.55)
        strands.append(f"M{f(x0)} {f(y0)}q{f(k * 3)} {f(ln * 0.5)} {f(k * 6)} {f(ln)}")
    return _mass(ctx, [top_l, *lower, top_r, *inner], amp=2.0, strands=strands)


def _mutton_chops(ctx: Ctx) -> str:
    """Sideburns that widen down the jaw and join the mustache; the chin stays bare."""
    a = ctx.a
    jaw = a.jaw_line
    o = a.mouth_outer
    W = a.half_width
    cheek_y = a.nose_base[2][1]
    out = []
    for side, idx in ((-1, range(0, 6)), (1, range(16, 10, -1))):
        edge = [(x - side * 2, y + 3) for x, y in (jaw[i] for i in idx)]
        corner = o[0] if side < 0 else o[6]
        pts = [(edge[0][0], edge[0][1] - 8), *edge, (corner[0] + side * 4, jaw[5][1] - 4),
               (corner[0] + side * 2, corner[1] + 6), (a.cx + side * W * 0.55, cheek_y),
               (edge[0][0] - side * W * 0.16, edge[0][1] - 8)]
        out.append(_mass(ctx, pts if side < 0 else pts[::-1], amp=1.8))
    return group([*out, _mustache(ctx, droop=4, spread=1.08)])


DOTS = 700
"""The short hairs speckling stubble."""


def _stubble(ctx: Ctx) -> str:
    """A faint shadow over the beard area, speckled with short hairs."""
    a = ctx.a
    jaw = a.jaw_line
    o = a.mouth_outer
    W, nose_y = a.half_width, a.nose_base[2][1]
    pts = [*jaw[2:15], (a.cx + W * 0.6, a.nose_base[4][1]), (a.cx, nose_y + 4),
           (a.cx - W * 0.6, a.nose_base[0][1])]
    # a denser core lower on the cheeks, so the shadow fades in over two steps
    cheek_y = (nose_y + o[6][1]) / 2 + 2
    core = [*jaw[3:14], (a.cx + W * 0.62, cheek_y), (a.cx + W * 0.28, nose_y + 9),
            (a.cx, nose_y + 8), (a.cx - W * 0.28, nose_y + 9), (a.cx - W * 0.62, cheek_y)]
    rng = np.random.default_rng(11)  # fixed pattern: same params, same SVG
    # many fine hairs, not a few coarse ones: 260 dots 1.3 px wide read as speckles of dirt
    # (a looks review)
    u = rng.uniform(-1, 1, DOTS)
    x = a.cx + u * a.half_width * 0.95
    y_top = a.nose_base[2][1] + 6 + np.abs(u) * 4
    y_bot = jaw[8][1] - (1 - np.sqrt(1 - u * u)) * (jaw[8][1] - jaw[3][1])
    y = y_top + rng.uniform(0, 1, DOTS) * np.maximum(0.0, y_bot - y_top)
    # keep the lips clear
    keep = ~((np.abs(x - a.cx) < a.mouth_width * 0.55) & (y > o[2][1] - 2) & (y < o[9][1] + 2))
    dots = "".join("M%.1f %.1fh0.6" % p  # noqa: UP031
                   for p in zip(x[keep].tolist(), y[keep].tolist(), strict=True))
    tones = ctx.pal.facial_hair
    # the shadow leaves the lips clear: the mouth is a hole in it (even-odd fill)
    lips = smooth([(o[0][0] - 3, o[0][1]), (a.cx, o[3][1] - 2), (o[6][0] + 3, o[6][1]),
                   (a.cx, o[9][1] + 2)], closed=True)
    # stubble is skin-deep: it stays inside the face outline (also under a short beard,
    # where hairs speckled past the jaw read as dirt on the backdrop)
    return group([path(smooth(pts, closed=True, tension=0.8) + lips, tones.base, opacity=0.12,
                       fill_rule="evenodd"),
                  path(smooth(core, closed=True, tension=0.8) + lips, tones.base, opacity=0.16,
                       fill_rule="evenodd"),
                  path(dots, "none", stroke=tones.shadow, stroke_width=0.8,
                       stroke_linecap="round", stroke_opacity=0.4)],
                 clip_path=f"url(#{FACE_CLIP})")


STYLES: dict[str, Callable[[Ctx], str]] = {
    "none": lambda ctx: "",
    "stubble": _stubble,
    "mustache": _mustache,
    "pencil_mustache": lambda ctx: _mustache(ctx, thin=0.4, spread=0.9),
    "handlebar": lambda ctx: _mustache(ctx, thin=0.8, curl=True),
    "chevron": lambda ctx: _mustache(ctx, droop=7, thin=1.25, spread=1.05),
    "goatee": lambda ctx: _chin_patch(ctx, 0.36, 6),
    "circle_beard": _circle_beard,
    "soul_patch": lambda ctx: _chin_patch(ctx, 0.1, -(ctx.a.chin[1] - ctx.a.mouth_outer[9][1])
                                          * 0.5, 1),
    "chin_strap": lambda ctx: _beard(ctx, 4, strap=True),
    # a short beard is close-cropped: it stays low on the cheeks and hugs the jaw (drawn
    # high and long it read as a full beard), the skin showing through. Drawn at 0.9 it
    # read "far too full" over trimmed beards and stubble (paired review 9-3 twice); an
    # earlier, smaller review (4-2) had raised it from 0.7, called see-through on three
    # bearded men (docs/benchmarks.md)
    "short_beard": lambda ctx: group([_stubble(ctx), group([_beard(ctx, 2, 0.46, cheek=14)],
                                                           opacity=0.62),
                                      _mustache(ctx, thin=0.8)]),
    "full_beard": lambda ctx: group([_beard(ctx, 24, 0.64), _mustache(ctx, droop=4)]),
    "mutton_chops": _mutton_chops,
    "long_beard": lambda ctx: group([_beard(ctx, 66, 0.66), _mustache(ctx, droop=6)]),
}


def facial_hair(ctx: Ctx) -> str:
    """The chosen facial hair in the facial-hair color."""
    option = ctx.choice("facial_hair")
    drawn = STYLES[option](ctx)
    if not drawn:
        return ""
    tones = ctx.pal.facial_hair
    # lit from the upper left: lighter there, shaded toward the lower right
    return "<defs>" + linear_gradient(GRADIENT, [(0, tones.light, 1), (0.45, tones.base, 1),
                                                 (1, tones.shadow, 1)],
                                      x1=0.1, y1=0, x2=0.7, y2=1) + "</defs>" + drawn
