"""Medium and long styles: bobs, lobs, shags and long hair with side locks that frame
the face in front of the ears and fall over the shoulders."""

from __future__ import annotations

from ...context import Ctx
from ...palette import Tones
from ...svgkit import Point, clipped
from .kit import BACK, FILL, Geo, cap, closed, combed, fill, front_mass, leaf, tuft
from .short import crown


def back_mass(g: Geo, bottom: float, spread: float, wave: float = 0.0,
              out: float = 12.0, tuck: float = 0.0) -> list[Point]:
    """The outline of hair behind the head falling to ``bottom``; ``spread`` is its half
    width at the bottom in head half-widths, ``wave`` the amplitude of waves, ``tuck``
    how much the ends turn under (a rounded bob)."""
    top = g.shell((-110, -80, -50, -20, 0, 20, 50, 80, 110), lambda p: out + 6 * crown(p))
    right: list[Point] = []
    n = 4
    for i in range(1, n + 1):
        t = i / n
        y = g.eye_y + (bottom - g.eye_y) * t
        w = 1.12 + (spread - 1.12) * t + wave * 0.06 * (1 if i % 2 else -1)
        w += tuck * (0.08 if i == n - 1 else -0.1 if i == n else 0.0)
        right.append((g.x(w), y - (tuck * 6 if i == n else 0.0)))
    hem = [(g.x(spread * 0.5), bottom + 6), (g.cx, bottom + 8), (g.x(-spread * 0.5), bottom + 6)]
    left = [(2 * g.cx - x, y) for x, y in reversed(right)]
    return [*top, *right, *hem, *left]


def side_lock(g: Geo, s: int, bottom: float, inner: float = 0.9, width: float = 0.32,
              wave: float = 0.0, curl_in: float = 0.0, drape: float = 0.0) -> list[Point]:
    """A lock on side ``s`` (+1 image right) from the temple down past the ear to
    ``bottom``, in front of the ear; ``curl_in`` turns its end toward the neck and
    ``drape`` (head half-widths) spreads its lower half out over the shoulder."""
    ey = g.eye_y
    ys = [ey - 30 + (bottom - ey + 30) * t for t in (0.0, 0.33, 0.66, 1.0)]
    spread = (0.0, 0.0, 0.45, 1.0)  # how much of the drape each row takes
    inner_pts = [(g.x(s * (inner + (0.07 if k % 2 else -0.04) * wave + 0.5 * drape * d)), y)
                 for k, (y, d) in enumerate(zip(ys, spread, strict=True))]
    inner_pts[-1] = (inner_pts[-1][0] - s * curl_in * g.W * 0.12, inner_pts[-1][1])
    outer = [(g.x(s * (inner + width + (0.08 if k % 2 else -0.04) * wave + 0.04 * k
                       + drape * d)), y)
             for k, (y, d) in enumerate(zip(ys, spread, strict=True))]
    start = [g.skull(s * 70, -18), g.skull(s * 62, 6)]
    # a rounded end, turned toward the neck by ``curl_in``
    end = [(outer[-1][0] - s * g.W * 0.06 * (1 + curl_in), bottom + 2),
           ((outer[-1][0] + inner_pts[-1][0]) / 2, bottom + 7),
           (inner_pts[-1][0] + s * 3, bottom + 2)]
    pts = [start[0], *inner_pts, *end[::-1], *outer[::-1], start[1]]
    return pts if s == 1 else pts[::-1]


def _panels(g: Geo, bottom: float, **kw: float) -> list[str]:
    """Both side locks, drawn in the hair gradient, with thin strands combed down each
    from its top edge to its end (``kit.combed``), clipped to it."""
    h, out = g.ctx.pal.hair, []
    top, end = g.eye_y - 30, bottom
    for s in (-1, 1):
        pts = side_lock(g, s, bottom, **kw)
        d = closed(pts, 0.9)
        # the lock's inner and outer points at its top edge and at its end
        roots = sorted((p for p in pts if abs(p[1] - top) < 1e-6), key=lambda p: s * p[0])
        tips = sorted((p for p in pts if abs(p[1] - end) < 1e-6), key=lambda p: s * p[0])
        strands = combed(roots, tips, 6, (h.shadow, h.light), 3.5, s * 2, 0.35)
        out.append(fill(d, FILL) + clipped(f"hair-lock-{'lr'[s > 0]}", d, "".join(strands)))
    return out


def _lock_strands(g: Geo, bottom: float, inner: float = 0.9) -> list[str]:
    """A shadow and a highlight strand group down each side lock."""
    h, out = g.ctx.pal.hair, []
    for s in (-1, 1):
        top = (g.x(s * (inner + 0.1)), g.eye_y - 30)
        out.append(fill(leaf(top, (g.x(s * (inner + 0.18)), bottom - 10), 6, s * 3), h.shadow,
                        0.45))
        top = (g.x(s * (inner + 0.2)), g.eye_y - 50)
        out.append(fill(leaf(top, (g.x(s * (inner + 0.26)), (g.eye_y + bottom) / 2), 5, -s * 3),
                        h.light, 0.3))
    return out


def middle_part(g: Geo, drop: float = 22.0) -> list[Point]:
    """A hairline parted in the middle, falling to the temples."""
    hl, ey = g.hairline, g.eye_y
    right = [(g.x(0.92), ey - 30), (g.x(0.8), ey - 56), (g.x(0.55), hl + drop),
             (g.x(0.2), hl + 4), (g.x(0.03), hl - 6)]
    return [*right, *[(2 * g.cx - x, y) for x, y in reversed(right)]]


def _side_part_line(g: Geo) -> list[Point]:
    """A hairline parted on the image left, the hair sweeping over to the right."""
    hl, ey = g.hairline, g.eye_y
    return [(g.x(0.92), ey - 30), (g.x(0.8), ey - 54), (g.x(0.55), g.fringe_y - 8),
            (g.x(0.05), hl + 12), (g.x(-0.36), hl - 8), (g.x(-0.6), hl + 12),
            (g.x(-0.8), ey - 56), (g.x(-0.92), ey - 30)]


def _bangs(g: Geo) -> list[Point]:
    """A blunt fringe straight across, just above the brows."""
    ey, fy = g.eye_y, g.fringe_y
    right = [(g.x(0.92), ey - 30), (g.x(0.86), fy + 6), (g.x(0.5), fy + 1), (g.x(0.15), fy)]
    return [*right, *[(2 * g.cx - x, y) for x, y in reversed(right)]]


def _swept_fringe(g: Geo) -> list[Point]:
    """A hairline parted on the image left whose fringe sweeps down across the forehead
    to the brow on the right."""
    hl, ey, fy = g.hairline, g.eye_y, g.fringe_y
    return [(g.x(0.92), ey - 30), (g.x(0.88), fy + 4), (g.x(0.62), fy + 2), (g.x(0.3), fy - 6),
            (g.x(0.0), fy - 18), (g.x(-0.28), hl + 16), (g.x(-0.45), hl - 2),
            (g.x(-0.62), hl + 12), (g.x(-0.8), ey - 56), (g.x(-0.92), ey - 30)]


def _combed_from_side_part(g: Geo, h: Tones, tips_y: float) -> list[str]:
    """Thin strands combed from a side part on the image left over the top to the right,
    reaching ``tips_y`` at the middle, and a few down the near side (``kit.combed``)."""
    hl, ey = g.hairline, g.eye_y
    over = combed([(g.x(-0.3), hl - 4), g.skull(-30, -14), g.skull(-10, -18)],
                  [(g.x(0.15), tips_y), (g.x(0.7), tips_y + 10), (g.x(0.9), ey - 44)], 10,
                  (h.shadow, h.light), 5.0, 6, 0.4)
    near = combed([(g.x(-0.42), hl - 6), g.skull(-30, -12)],
                  [(g.x(-0.7), hl + 8), (g.x(-0.9), ey - 44)], 3, (h.shadow, h.light), 3.5, 3,
                  0.4)
    return [*over, *near]


def _sweep_strands(g: Geo, h: Tones) -> list[str]:
    """Strands that follow a swept fringe (:func:`_swept_fringe`) from the part down to
    the brow, and one back from the part toward the temple."""
    hl, fy = g.hairline, g.fringe_y
    return [*_combed_from_side_part(g, h, fy - 14),
            fill(leaf((g.x(-0.42), hl + 2), (g.x(0.7), fy - 2), 9, -10), h.shadow, 0.45),
            fill(leaf((g.x(-0.3), hl + 12), (g.x(0.35), fy - 10), 6, -8), h.light, 0.35),
            fill(leaf((g.x(-0.5), hl), (g.x(-0.82), g.eye_y - 50), 6, 6), h.shadow, 0.35)]


def _part_strands(g: Geo, h: Tones) -> list[str]:
    """Strands combed from a middle part down each side (``kit.combed``), and a shaded
    lock on each."""
    hl, ey = g.hairline, g.eye_y
    out = []
    for s in (-1, 1):
        out += combed([(g.x(s * 0.04), hl - 4), g.skull(s * 20, -16), g.skull(s * 45, -14)],
                      [(g.x(s * 0.35), hl + 10), (g.x(s * 0.72), hl + 24), (g.x(s * 0.9), ey - 44)],
                      7, (h.shadow, h.light), 4.5, s * 5, 0.4)
        out.append(fill(leaf((g.x(s * 0.04), hl - 4), (g.x(s * 0.86), ey - 50), 9, s * 10),
                        h.shadow, 0.45))
    return out


def _fringe_strands(g: Geo, h: Tones) -> list[str]:
    """Strands combed from the crown down to a blunt fringe (``kit.combed``)."""
    return combed([g.skull(-55, -14), g.skull(0, -20), g.skull(55, -14)],
                  [(g.x(-0.75), g.fringe_y - 6), (g.cx, g.fringe_y - 6),
                   (g.x(0.75), g.fringe_y - 6)], 11, (h.shadow, h.light), 4.5, 0, 0.35)


def _side_sweep(g: Geo, h: Tones) -> list[str]:
    """The hair swept from a side part across the top of the forehead: a shaded lock and
    a lit one."""
    hl = g.hairline
    return [*_combed_from_side_part(g, h, hl + 14),
            fill(leaf((g.x(-0.3), hl - 4), (g.x(0.86), g.eye_y - 62), 10, -6), h.shadow, 0.45),
            fill(leaf(g.skull(-30, -6), (g.x(0.4), hl + 10), 6, -8), h.light, 0.35)]


LONG_DRAPE = 0.16
"""How far (head half-widths) hair past the shoulders spreads out over them at the bottom
of its side locks: drawn straight down, they read as flat planks (a fresh looks review)."""


def _long(ctx: Ctx, bottom: float, spread: float, line: list[Point], wave: float = 0.0,
          lock_bottom: float | None = None, curl_in: float = 0.0, tuck: float = 0.0,
          details: list[str] | None = None, locks: list[str] | None = None,
          drape: float = 0.0) -> tuple[str, str]:
    """A long style: the back mass, the cap with ``line`` as its hairline, and side locks
    framing the face down to ``lock_bottom``, spread ``drape`` over the shoulders."""
    g = Geo(ctx)
    lb = lock_bottom if lock_bottom is not None else bottom
    back = fill(closed(back_mass(g, bottom, spread + drape, wave, tuck=tuck)), BACK)
    outline = cap(g, lambda p: 8 + 12 * crown(p), line)
    side = [*_panels(g, lb, wave=wave, curl_in=curl_in, drape=drape), *_lock_strands(g, lb)]
    return back, front_mass(g, outline, details or [], locks=[*side, *(locks or [])])


def bob(ctx: Ctx) -> tuple[str, str]:
    """A chin-length bob with a blunt fringe and ends turned under."""
    g = Geo(ctx)
    bottom = g.chin_y - 6
    back, front = _long(ctx, bottom, 1.3, _bangs(g), lock_bottom=bottom - 4, curl_in=1.0, tuck=1.0,
                        details=[*_fringe_strands(g, ctx.pal.hair),
                                 fill(leaf((g.x(-0.5), g.fringe_y - 4), (g.x(0.5), g.fringe_y - 4),
                                           5, -4), ctx.pal.hair.shadow, 0.4)])
    return back, front


def bob_swept(ctx: Ctx) -> tuple[str, str]:
    """A chin-length bob whose fringe is swept to one side, the ends turned under: the
    bob of most labelled fringes at the chin (:func:`long_swept`)."""
    g = Geo(ctx)
    bottom = g.chin_y - 6
    return _long(ctx, bottom, 1.3, _swept_fringe(g), lock_bottom=bottom - 4, curl_in=1.0,
                 tuck=1.0, details=_sweep_strands(g, ctx.pal.hair))


def short_layered(ctx: Ctx) -> tuple[str, str]:
    """A short layered cut with volume: the crown lifted, a soft fringe swept to one side
    and the sides brushed over the ears down to the earlobes, the ends turned under: a
    common short cut on older women, which ``pixie`` and ``short_wavy`` drew as a boy's."""
    g, h = Geo(ctx), ctx.pal.hair
    bottom = g.eye_y + (g.chin_y - g.eye_y) * 0.55
    hl, fy = g.hairline, g.fringe_y
    sweep = [*_combed_from_side_part(g, h, fy - 14),
             fill(leaf((g.x(-0.35), hl - 2), (g.x(0.8), fy - 14), 10, -8), h.shadow, 0.45),
             fill(leaf(g.skull(-40, -6), (g.x(0.3), hl + 8), 7, -8), h.light, 0.35),
             fill(leaf(g.skull(20, -10), g.skull(70, -12), 6, 6), h.shadow, 0.3)]
    back = fill(closed(back_mass(g, bottom, 1.3, 0.4, out=18.0, tuck=1.0)), BACK)
    outline = cap(g, lambda p: 14 + 16 * crown(p), _side_part_line(g))
    side = [*_panels(g, bottom, width=0.3, wave=0.4, curl_in=0.8), *_lock_strands(g, bottom)]
    return back, front_mass(g, outline, sweep, locks=side)


def lob(ctx: Ctx) -> tuple[str, str]:
    """A straight shoulder-length cut parted on the side, the ends just past the jaw: the
    length between the bob and long hair that straight hair is most often cut to."""
    g = Geo(ctx)
    return _long(ctx, g.chin_y + 44, 1.45, _side_part_line(g), lock_bottom=g.chin_y + 34,
                 curl_in=0.3, details=_side_sweep(g, ctx.pal.hair))


def lob_wavy(ctx: Ctx) -> tuple[str, str]:
    """A wavy shoulder-length lob parted in the middle."""
    g, h = Geo(ctx), ctx.pal.hair
    bottom = g.chin_y + 46
    return _long(ctx, bottom, 1.5, middle_part(g), wave=1.0, curl_in=0.5,
                 details=_part_strands(g, h))


def lob_wavy_side(ctx: Ctx) -> tuple[str, str]:
    """A wavy shoulder-length lob parted on the side and swept over the forehead's top:
    a wavy lob measured side-parted had only the straight ``lob`` or ``lob_wavy`` parted
    in the middle."""
    g = Geo(ctx)
    return _long(ctx, g.chin_y + 46, 1.5, _side_part_line(g), wave=1.0, curl_in=0.5,
                 details=_side_sweep(g, ctx.pal.hair))


def shag(ctx: Ctx) -> tuple[str, str]:
    """A layered shag: wispy curtain bangs and pointed ends at the shoulders."""
    g, h = Geo(ctx), ctx.pal.hair
    bottom = g.chin_y + 34
    hl, fy = g.hairline, g.fringe_y
    # wispy curtain bangs, layered pointed ends
    wisps = [fill(tuft((g.x(s * 0.05), hl), (g.x(s * 0.4), hl + 4), (g.x(s * 0.55), fy + 2),
                       s * 4), FILL) for s in (-1, 1)]
    ends = []
    for s in (-1, 1):
        for k in range(3):
            x = g.x(s * (0.95 + 0.12 * k))
            y = g.chin_y - 20 + 24 * k
            ends.append(fill(tuft((x - 10, y - 30), (x + 10, y - 30), (x + s * 6, y + 18)), FILL))
    back, front = _long(ctx, bottom, 1.45, middle_part(g, 30), wave=0.6,
                        details=_part_strands(g, h), locks=[*wisps, *ends])
    return back, front


def long_straight(ctx: Ctx) -> tuple[str, str]:
    """Long straight hair parted in the middle."""
    g, h = Geo(ctx), ctx.pal.hair
    return _long(ctx, g.chin_y + 140, 1.5, middle_part(g), lock_bottom=g.chin_y + 118,
                 details=_part_strands(g, h), drape=LONG_DRAPE)


def long_side(ctx: Ctx) -> tuple[str, str]:
    """Long straight hair parted on the side, swept over the forehead's top from the part:
    ``long_straight`` parted in the middle drew every long-haired woman alike."""
    g = Geo(ctx)
    return _long(ctx, g.chin_y + 140, 1.5, _side_part_line(g), lock_bottom=g.chin_y + 118,
                 details=_side_sweep(g, ctx.pal.hair), drape=LONG_DRAPE)


def long_wavy(ctx: Ctx) -> tuple[str, str]:
    """Long wavy hair parted on the side."""
    g = Geo(ctx)
    return _long(ctx, g.chin_y + 140, 1.6, _side_part_line(g), wave=1.4,
                 lock_bottom=g.chin_y + 112, details=_side_sweep(g, ctx.pal.hair),
                 drape=LONG_DRAPE)


def long_wavy_center(ctx: Ctx) -> tuple[str, str]:
    """Long wavy hair parted in the middle: long waves measured parted in the middle had
    only ``long_straight`` or ``long_wavy`` parted on the side."""
    g, h = Geo(ctx), ctx.pal.hair
    return _long(ctx, g.chin_y + 140, 1.6, middle_part(g), wave=1.4,
                 lock_bottom=g.chin_y + 112, details=_part_strands(g, h),
                 drape=LONG_DRAPE)


def long_bangs(ctx: Ctx) -> tuple[str, str]:
    """Long straight hair with a blunt fringe."""
    g, h = Geo(ctx), ctx.pal.hair
    fringe = [fill(leaf((g.x(u), g.hairline), (g.x(u * 1.1), g.fringe_y - 4), 5), h.shadow, 0.4)
              for u in (-0.45, 0.0, 0.45)]
    return _long(ctx, g.chin_y + 140, 1.5, _bangs(g), lock_bottom=g.chin_y + 118,
                 details=[*_fringe_strands(g, h), *fringe], drape=LONG_DRAPE)


def long_swept(ctx: Ctx) -> tuple[str, str]:
    """Long straight hair with a side-swept fringe: the commonest fringe on long hair
    (42 of the 76 labelled fringes whose two labelling passes agreed, against 14 blunt;
    ``benchmarks/data/fringe_labels.md``), which ``long_bangs`` drew straight across."""
    g = Geo(ctx)
    return _long(ctx, g.chin_y + 140, 1.5, _swept_fringe(g), lock_bottom=g.chin_y + 118,
                 details=_sweep_strands(g, ctx.pal.hair), drape=LONG_DRAPE)


def swept_back(ctx: Ctx) -> tuple[str, str]:
    """A man's longer cut: hair swept back from a high forehead and behind the ears,
    falling to the jaw there: the chin-length hair of older men such as Eric Clapton or
    Nick Nolte, which ``lob_wavy`` drew as a woman's and ``curly_medium`` as a mop of
    curls. The ears show; the length shows behind them."""
    g, h = Geo(ctx), ctx.pal.hair
    bottom = g.chin_y - 8
    # the hair behind the ears, one mass in the front's gradient from the crown to the jaw
    # (drawn behind the ears, so that they show), its ends turned out a little
    ends = [fill(tuft((g.x(s * 1.08), bottom - 26), (g.x(s * 1.26), bottom - 18),
                      (g.x(s * 1.34), bottom + 6), s * 3), FILL) for s in (-1, 1)]
    back = fill(closed(back_mass(g, bottom, 1.3, wave=0.6, out=10.0)), FILL) + "".join(ends)
    line = g.hairline_pts(drop=-10, temple=0.45, sideburn=0.9)
    outline = cap(g, lambda p: 10 + 16 * crown(p), line)
    # strands combed from the hairline up and back over the crown
    combs = [fill(leaf((g.x(u), g.hairline + 2 + 26 * u * u), g.skull(u * 70, 8), 6, -6 * u),
                  h.light if i % 2 else h.shadow, 0.4)
             for i, u in enumerate((-0.75, -0.45, -0.15, 0.15, 0.45, 0.75))]
    return back, front_mass(g, outline, combs)


STYLES = {
    "short_layered": short_layered,
    "bob": bob,
    "bob_swept": bob_swept,
    "lob": lob,
    "lob_wavy": lob_wavy,
    "lob_wavy_side": lob_wavy_side,
    "shag": shag,
    "long_straight": long_straight,
    "long_side": long_side,
    "long_wavy": long_wavy,
    "long_wavy_center": long_wavy_center,
    "long_bangs": long_bangs,
    "long_swept": long_swept,
    "swept_back": swept_back,
}
