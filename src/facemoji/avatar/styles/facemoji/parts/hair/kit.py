"""Shared geometry and shape builders for the hair styles.

Hair is placed on the drawn skull: :func:`Geo.skull` gives the head outline point at
an angle seen from the center of the eye line (0° is the skull top, +90° the image
right side at eye level), so a cap offset outward from it always sits on the head,
whatever the face shape. A style is a few filled paths: a mass in the hair gradient,
strand groups in the shadow and light tones that follow the flow, and a crown sheen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from ...context import Ctx
from ...palette import GRAY_GAIN, lightness, shift, silver
from ...svgkit import Point, clipped, f, path, pt, sample_smooth, smooth

TEMPLE_GRADIENT = "hair-temple"
"""The radial gradient graying temples are painted with (``hair_gray``; see :func:`temples`)."""
FILL = "url(#hair-g)"  # the front mass: light at the upper left, shadow at the lower right
BACK = "url(#hair-b)"  # hair behind the head: a shade darker, for depth

Offset = float | Callable[[float], float]

# headwear with a crown that hair must not poke through (buns, crests, quiffs)
HATS = frozenset({"cap", "beanie", "fedora", "bucket_hat"})


# the skull's radius is tabulated every 1/STEPS degree, so that a lookup is plain arithmetic
STEPS = 2


@lru_cache(maxsize=512)
def _polar(outline: tuple[Point, ...], cx: float, cy: float) -> tuple[float, ...]:
    """The head outline's radius around ``(cx, cy)`` at the angles -180°, -180° + 1/STEPS°,
    …, 180° (inclusive; 0° is up, 90° the image right)."""
    pts = np.asarray(sample_smooth(outline, closed=True, steps=24))
    ang = np.degrees(np.arctan2(pts[:, 0] - cx, cy - pts[:, 1]))
    rad = np.hypot(pts[:, 0] - cx, pts[:, 1] - cy)
    grid = np.arange(-180 * STEPS, 180 * STEPS + 1) / STEPS
    return tuple(np.interp(grid, ang, rad, period=360.0).tolist())


def _radius(table: tuple[float, ...], phi: float) -> float:
    """The tabulated radius at ``phi`` degrees (any angle), linearly interpolated."""
    u = ((phi + 180.0) % 360.0) * STEPS
    i = int(u)
    t = u - i
    return table[i] * (1.0 - t) + table[i + 1] * t


@dataclass(frozen=True)
class Geo:
    """Anchors the hair styles measure from (canvas units, y down)."""

    ctx: Ctx

    @property
    def cx(self) -> float:
        return self.ctx.a.cx

    @property
    def W(self) -> float:  # the head's half width, as in geometry.py
        return self.ctx.a.half_width

    @property
    def top(self) -> float:
        return self.ctx.a.top

    @property
    def eye_y(self) -> float:
        return self.ctx.a.eye_y

    @property
    def hairline(self) -> float:
        return self.ctx.a.hairline

    @property
    def chin_y(self) -> float:
        return self.ctx.a.chin[1]

    @cached_property
    def brow_top(self) -> float:
        """The highest point of the eyebrows; a fringe stays above it."""
        ys = [y for brow in self.ctx.a.brows for _, y in brow]
        return min(ys) - self.ctx.a.brow_thickness * 0.7

    @cached_property
    def fringe_y(self) -> float:
        """The lowest a fringe may reach at the middle of the forehead."""
        return min(self.brow_top - 7, self.hairline + 34)

    @property
    def lift(self) -> float:
        """How far hair may rise above the skull, as a factor: little under a hat."""
        return 0.15 if self.ctx.choice("headwear") in HATS else 1.0

    @cached_property
    def _table(self) -> tuple[float, ...]:
        a = self.ctx.a
        return _polar(a.outline, a.cx, a.eye_y)

    def skull(self, phi: float, out: float = 0.0) -> Point:
        """The head outline point at angle ``phi`` (degrees), pushed ``out`` outward."""
        a = self.ctx.a
        r = _radius(self._table, phi) + out
        t = math.radians(phi)
        return (a.cx + r * math.sin(t), a.eye_y - r * math.cos(t))

    def shell(self, phis: Sequence[float], out: Offset) -> list[Point]:
        """Skull points at ``phis``, each pushed outward by ``out`` (a number or a
        function of the angle)."""
        if callable(out):
            return [self.skull(p, out(p)) for p in phis]
        return [self.skull(p, out) for p in phis]

    def x(self, u: float) -> float:
        """The x at ``u`` head half-widths from the center (negative: image left)."""
        return self.cx + u * self.W

    def hairline_pts(self, drop: float = 0.0, temple: float = 0.0, side: float = 0.0,
                     sideburn: float = 1.0) -> list[Point]:
        """A natural hairline from the right sideburn across the forehead to the left one.

        ``drop``: the middle's offset below ``hairline``; ``temple``: how far the temples
        are pushed up and back (receding); ``side``: a tilt, > 0 lowers the image-right
        side; ``sideburn``: the sideburns' length factor.
        """
        hl, ey = self.hairline, self.eye_y
        sb = ey - 34 + 34 * sideburn
        return [
            (self.x(0.96), sb + 4),
            (self.x(0.88), sb - 6),
            (self.x(0.86 - 0.12 * temple), ey - 52 - 40 * temple),
            (self.x(0.62 - 0.18 * temple), hl + 8 + side * 8 - 22 * temple),
            (self.cx, hl + drop),
            (self.x(-0.62 + 0.18 * temple), hl + 8 - side * 8 - 22 * temple),
            (self.x(-0.86 + 0.12 * temple), ey - 52 - 40 * temple),
            (self.x(-0.88), sb - 6),
            (self.x(-0.96), sb + 4),
        ]


def leaf(p0: Point, p1: Point, width: float, bend: float = 0.0) -> str:
    """Path data of a lens tapered at both ends along a gently bent line from ``p0``
    to ``p1``: a strand group. ``bend`` > 0 bows it to the left of the direction."""
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    n = math.hypot(dx, dy) or 1.0
    nx, ny = dy / n, -dx / n
    mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2
    c1 = (mx + nx * (2 * bend + width), my + ny * (2 * bend + width))
    c2 = (mx + nx * (2 * bend - width), my + ny * (2 * bend - width))
    return f"M{pt(p0)}Q{pt(c1)} {pt(p1)}Q{pt(c2)} {pt(p0)}Z"


def tuft(b0: Point, b1: Point, tip: Point, bend: float = 0.0) -> str:
    """Path data of a pointed lock with a base from ``b0`` to ``b1`` ending at ``tip``;
    ``bend`` pushes both sides sideways (canvas units, > 0 to the image right)."""
    m0 = ((b0[0] + tip[0]) / 2 + bend, (b0[1] + tip[1]) / 2)
    m1 = ((b1[0] + tip[0]) / 2 + bend, (b1[1] + tip[1]) / 2)
    return f"M{pt(b0)}Q{pt(m0)} {pt(tip)}Q{pt(m1)} {pt(b1)}Z"


def _arc(points: Sequence[Point], closed: bool) -> tuple[np.ndarray, np.ndarray]:
    """The smooth curve through ``points`` densely sampled, and the arc length at each
    sample."""
    dense = np.asarray(sample_smooth(points, closed=closed, steps=12))
    return dense, np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(dense, axis=0).T))])


def _evenly(dense: np.ndarray, lengths: np.ndarray, n: int) -> list[Point]:
    """``n`` points at even arc lengths along a curve sampled by :func:`_arc`."""
    t = np.linspace(0.0, lengths[-1], n)
    return list(zip(np.interp(t, lengths, dense[:, 0]).tolist(),
                    np.interp(t, lengths, dense[:, 1]).tolist(), strict=True))


def resample(points: Sequence[Point], spacing: float, closed: bool = False) -> list[Point]:
    """Points about ``spacing`` apart along the smooth curve through ``points``."""
    dense, lengths = _arc(points, closed)
    return _evenly(dense, lengths, max(2, round(lengths[-1] / spacing) + 1))


def spaced(points: Sequence[Point], n: int) -> list[Point]:
    """``n`` points evenly spaced along the smooth open curve through ``points``, ends
    included."""
    return _evenly(*_arc(points, False), n)


def combed(roots: Sequence[Point], tips: Sequence[Point], n: int, tones: Sequence[str],
           width: float = 3.0, bend: float = 0.0, opacity: float = 0.3) -> list[str]:
    """Thin strand groups combed from the curve through ``roots`` to the curve through
    ``tips`` (``n`` of each, evenly spaced, the first root to the first tip): the texture
    of a cut's top, which following its flow reads as hair rather than a smooth helmet
    (a looks review; paired reviews preferred it on short and long cuts alike). The
    strands take ``tones`` in turn and vary in width and in where they start, in a fixed
    pattern."""
    out = []
    for i, (p0, p1) in enumerate(zip(spaced(roots, n), spaced(tips, n), strict=True)):
        golden = (i * 0.618) % 1.0
        start = 0.25 * golden
        q0 = (p0[0] + (p1[0] - p0[0]) * start, p0[1] + (p1[1] - p0[1]) * start)
        out.append(fill(leaf(q0, p1, width * (0.7 + 0.6 * golden), bend),
                        tones[i % len(tones)], opacity))
    return out


def scallop(points: Sequence[Point], radius: float, closed: bool = True,
            vary: float = 0.0) -> str:
    """Path data of the curve through ``points`` as a chain of round lobes (curly and
    coily hair). Lobes bulge to the left of the direction of travel, i.e. outward for a
    clockwise outline. ``vary`` > 0 flattens some lobes (their arcs' radii up to
    ``1 + vary`` times larger, in a fixed irregular pattern), so that long curls read
    as locks rather than a string of beads."""
    pts = resample(points, radius * 1.7, closed=closed)
    radii = [radius * (1 + vary * math.sin(i * 2.7) ** 2) for i in range(1, len(pts))]
    d = [f"M{pt(pts[0])}"] + [f"A{f(r)} {f(r)} 0 0 1 {pt(p)}"
                              for r, p in zip(radii, pts[1:], strict=True)]
    return "".join(d) + ("Z" if closed else "")


def curls(centers: Sequence[Point], radius: float, rng: np.random.Generator) -> str:
    """Path data of small open arcs (one per center) for curl texture; stroke it."""
    d = []
    for x, y in centers:
        a0 = rng.uniform(0, 2 * math.pi)
        sweep = rng.uniform(1.6, 2.6)
        r = radius * rng.uniform(0.75, 1.2)
        x0, y0 = x + r * math.cos(a0), y + r * math.sin(a0)
        x1, y1 = x + r * math.cos(a0 + sweep), y + r * math.sin(a0 + sweep)
        d.append(f"M{f(x0)} {f(y0)}A{f(r)} {f(r)} 0 0 1 {f(x1)} {f(y1)}")
    return "".join(d)


def scatter(geo: Geo, phis: Sequence[float], depths: Sequence[float],
            rng: np.random.Generator, jitter: float = 3.0) -> list[Point]:
    """Points inside the cap: for each depth (distance inside the cap's outer edge, may
    be negative = outside the skull) one point per angle, jittered."""
    out = []
    for k, depth in enumerate(depths):
        for p in phis:
            q = p + (k % 2) * (phis[1] - phis[0]) / 2 if len(phis) > 1 else p
            x, y = geo.skull(q, -depth)
            out.append((x + rng.normal(0, jitter), y + rng.normal(0, jitter)))
    return out


def closed(points: Sequence[Point], tension: float = 1.0) -> str:
    """Path data of a smooth closed outline."""
    return smooth(points, closed=True, tension=tension)


def fill(d: str, color: str, opacity: float = 1.0) -> str:
    """A filled path, with an opacity only when below 1."""
    return path(d, color, opacity=opacity) if opacity < 1 else path(d, color)


# the outline of a cap from the left side over the top to the right side (clockwise)
CAP_PHIS = (-100.0, -84.0, -62.0, -36.0, -12.0, 12.0, 36.0, 62.0, 84.0, 100.0)


def cap(geo: Geo, out: Offset, hairline: Sequence[Point],
        phis: Sequence[float] = CAP_PHIS) -> list[Point]:
    """The closed outline of hair covering the skull: the shell ``out`` beyond the head
    over the top, then ``hairline`` (right side to left side) across the forehead."""
    return [*geo.shell(phis, out), *hairline]


def sheen(geo: Geo, color: str, phi0: float = -50.0, phi1: float = -6.0,
          depth: float = 9.0, width: float = 9.0, opacity: float = 0.45) -> str:
    """A crescent highlight along the crown (stronger on dark hair, whose light tone is
    close to its base)."""
    p0, p1 = geo.skull(phi0, -depth), geo.skull(phi1, -depth)
    bend = 0.12 * math.hypot(p1[0] - p0[0], p1[1] - p0[1])
    if lightness(geo.ctx.pal.hair.base) < 30:
        opacity = min(0.9, opacity * 1.6)
    return fill(leaf(p0, p1, width, bend), color, opacity)


def joined(d: str, points: Sequence[Point], tension: float = 1.0) -> str:
    """Open path data ``d`` continued by a smooth curve through ``points``, closed."""
    tail = smooth(points, closed=False, tension=tension)
    return d + "L" + tail[1:] + "Z"


def strokes(lines: Sequence[Sequence[Point]]) -> str:
    """Path data of several open smooth curves (stroke it)."""
    return "".join(smooth(line, closed=False) for line in lines)


def front_mass(geo: Geo, outline: Sequence[Point], details: Sequence[str] = (),
               tension: float = 1.0, crown: bool = True, locks: Sequence[str] = ()) -> str:
    """The usual front part: a contact shadow on the forehead, the mass in the hair
    gradient, then strand groups (``details``) and a crown sheen clipped to the mass so
    that they can never spill onto the face; ``locks`` (shapes of their own, drawn
    unclipped) come last. Call it once per document (one clip id)."""
    d = closed(outline, tension)
    inside = [*details]
    if crown:
        inside.append(sheen(geo, geo.ctx.pal.hair.light))
    inside.append(temples(geo))
    return (contact_shadow(d, geo.ctx.pal.skin.deep) + fill(d, FILL)
            + clipped("hair-clip", d, "".join(inside)) + "".join(locks))


def temples(geo: Geo) -> str:
    """Graying temples, as strong as ``hair_gray`` (nothing at 0): a faint silver over the
    hair beside the eyes and above the ears, and silver strands combed down it (the soft
    tint alone read as a smudge to a looks reviewer); clip it to the hair."""
    share = geo.ctx.scalar("hair_gray")
    if share <= 0.0:
        return ""
    opacity = min(1.0, GRAY_GAIN * share)
    gray = silver(geo.ctx.pal.hair.base)
    out = [f'<ellipse cx="{f(geo.x(s * 0.98))}" cy="{f(geo.eye_y - 22)}" '
           f'rx="{f(geo.W * 0.42)}" ry="{f((geo.eye_y - geo.top) * 0.55)}" '
           f'fill="url(#{TEMPLE_GRADIENT})" opacity="{0.6 * opacity:.2f}"/>' for s in (-1, 1)]
    for s in (-1, 1):
        out += combed([geo.skull(s * 48, 8), geo.skull(s * 60, 0)],
                      [geo.skull(s * 96, 10), geo.skull(s * 104, 0)], 7,
                      (gray, shift(gray, 10)), 3.2, s * 1.5, opacity)
    return "".join(out)


def contact_shadow(d: str, color: str, dy: float = 5.0, opacity: float = 0.28) -> str:
    """The soft shadow hair casts on the forehead: the mass's outline, moved down."""
    return path(d, color, opacity=opacity, transform=f"translate(1 {f(dy)})")
