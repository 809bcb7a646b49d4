"""Glasses and sunglasses, fitted to the eye anchors.

Each lens is a superellipse around its eye (exponent 2 is an ellipse, higher values
give rounded rectangles), warped per frame style (cat-eye wings, aviator teardrops,
wayfarer trapezoids). Frames are drawn in ``glasses_color`` with a lighter rim along
their upper-left edge and a faint shadow on the skin; clear lenses keep the eyes
visible behind a faint reflection, sunglasses get dark graded lenses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..context import Ctx
from ..geometry import Eye
from ..palette import lightness, mix, shift
from ..svgkit import Point, group, linear_gradient, path, polyline, smooth

LENS_POINTS = 20  # points sampled on each lens outline
BROW_BAR = 9.0  # width of the browline frame's top bar
PAD_COLOR = "#e6ebf0"  # clear silicone nose pads


@dataclass(frozen=True)
class Frame:
    """One frame style: lens half width and half height (× eye width), superellipse
    exponent, rim width (canvas units), lens outline warp, tinted lenses, metal build
    (thin bridge, nose pads), a thick bar along the top (browline) or no rim at all."""

    half_width: float
    half_height: float
    exponent: float
    rim: float
    warp: str = ""
    dark: bool = False
    metal: bool = False
    browline: bool = False
    rimless: bool = False
    outward: float = 2.0  # lens center offset from the eye toward the temple


FRAMES: dict[str, Frame] = {
    "round": Frame(0.64, 0.62, 2.0, 4.2, metal=True),
    "wire": Frame(0.78, 0.54, 3.4, 3.6, metal=True),
    "rectangular": Frame(0.80, 0.50, 4.5, 6.5),
    "cat_eye": Frame(0.80, 0.54, 3.0, 7.0, warp="cat"),
    "rimless": Frame(0.74, 0.52, 3.4, 1.6, metal=True, rimless=True),
    "browline": Frame(0.78, 0.56, 3.0, 2.4, browline=True),
    "oversized": Frame(0.96, 0.80, 3.2, 6.5, outward=5.0),
    "aviator_sunglasses": Frame(0.88, 0.74, 2.6, 3.4, warp="aviator", dark=True, metal=True,
                                outward=4.0),
    "wayfarer_sunglasses": Frame(0.86, 0.62, 4.0, 9.0, warp="wayfarer", dark=True, outward=3.0),
}


@dataclass(frozen=True)
class Lens:
    """A fitted lens: its outline points (closed, starting at the outer edge and going
    over the top), center, half sizes and side (-1 image-left, +1 image-right)."""

    points: list[Point]
    cx: float
    cy: float
    hw: float
    hh: float
    side: int

    def at(self, u: float, v: float) -> Point:
        """A point in lens units: ``u`` toward the temple, ``v`` down, both in [-1, 1]."""
        return (self.cx + self.side * u * self.hw, self.cy + v * self.hh)


def _warp(u: float, v: float, warp: str) -> tuple[float, float]:
    """Per-style distortion of a unit-superellipse point (``u`` toward the temple)."""
    if warp == "cat":  # upswept outer top corner, narrower lower inner edge
        if u > 0:
            v -= 0.6 * u**3 * (1 - v) / 2
            u += 0.2 * u**2 * max(0.0, -v)
        if v > 0:
            u = u * (1 - 0.12 * v) + 0.06 * v
    elif warp == "aviator":  # flat top, teardrop drooping toward the nose
        if v < 0:
            v *= 0.82
        else:
            v *= 1.0 + 0.25 * max(0.0, -u + 0.2)
            u = u * (1 - 0.18 * v) - 0.1 * v
    elif warp == "wayfarer":  # wider at the top, lifted outer corner
        u *= 1.0 - 0.16 * max(0.0, v)
        if v < 0 and u > 0:
            v -= 0.25 * u**2 * (-v)
    return u, v


def _lens(eye: Eye, frame: Frame, cx: float) -> Lens:
    hw = eye.width * frame.half_width
    hh = eye.width * frame.half_height
    center_x = eye.center[0] + eye.side * frame.outward
    # keep a gap for the bridge whatever the eye spacing and size
    hw = min(hw, abs(center_x - cx) - 9.0)
    pts = []
    n = frame.exponent
    for k in range(LENS_POINTS):
        t = 2 * math.pi * k / LENS_POINTS
        c, s = math.cos(t), -math.sin(t)  # start at the outer edge, go over the top
        u = math.copysign(abs(c) ** (2 / n), c)
        v = math.copysign(abs(s) ** (2 / n), s)
        u, v = _warp(u, v, frame.warp)
        pts.append((center_x + eye.side * u * hw, eye.center[1] + 2 + v * hh))
    return Lens(pts, center_x, eye.center[1] + 2, hw, hh, eye.side)


def _top_arc(lens: Lens, start: float, end: float) -> list[Point]:
    """The outline points whose angle lies in ``[start, end]`` of a turn (0 = outer edge,
    0.25 = top)."""
    lo, hi = round(start * LENS_POINTS), round(end * LENS_POINTS)
    return [lens.points[k % LENS_POINTS] for k in range(lo, hi + 1)]


def _lens_fill(frame: Frame) -> str:
    """The lens gradient: nearly clear, or dark and graded (lighter at the bottom)."""
    if not frame.dark:
        return linear_gradient("glasses-lens", [(0, "#ffffff", 0.16), (1, "#e4edf7", 0.06)])
    if frame.warp == "aviator":  # green-gray G-15 style
        stops = [(0, "#1f2620", 0.95), (0.55, "#323b31", 0.9), (1, "#5a6652", 0.82)]
    else:
        stops = [(0, "#14161b", 0.96), (0.55, "#23272f", 0.92), (1, "#454c5a", 0.85)]
    return linear_gradient("glasses-lens", stops)


def _reflection(lens: Lens, dark: bool) -> str:
    """A soft diagonal glint in the upper left of the lens (light from the upper left),
    kept above the eye's center so the iris stays visible."""
    x0, y0, hw, hh = lens.cx, lens.cy, lens.hw, lens.hh

    def p(u: float, v: float) -> Point:  # image-space units (not mirrored)
        return (x0 + u * hw, y0 + v * hh)

    band = polyline([p(-0.62, -0.14), p(-0.18, -0.74), p(0.06, -0.74), p(-0.40, -0.14)],
                    closed=True)
    thin = polyline([p(-0.30, -0.12), p(0.14, -0.70), p(0.24, -0.70), p(-0.20, -0.12)],
                    closed=True)
    strength = 0.30 if dark else 0.14
    return path(band + thin, "#ffffff", opacity=strength)


def _bridge(ctx: Ctx, left: Lens, right: Lens, frame: Frame) -> str:
    """Path data of the bridge between the lenses' inner upper edges."""
    a = ctx.a
    (lx, ly), (rx, ry) = left.at(-0.96, -0.3), right.at(-0.96, -0.3)
    lift = 7.0 if frame.metal else 4.0
    return f"M{lx:.1f} {ly:.1f}Q{a.cx:.1f} {min(ly, ry) - lift:.1f} {rx:.1f} {ry:.1f}"


def _temples(ctx: Ctx, lenses: list[Lens]) -> str:
    """Path data of the temples: from each lens's outer top toward the ear, where they
    pass behind the head."""
    a = ctx.a
    out = []
    for lens, (ear_top, _) in zip(lenses, a.ears, strict=True):
        x0, y0 = lens.at(0.98, -0.42)
        x1 = a.cx + lens.side * a.half_width * 0.99
        out.append(f"M{x0:.1f} {y0:.1f}L{x1:.1f} {ear_top[1] - 4:.1f}")
    return "".join(out)


def _rims(frame: Frame, color: str, rim_light: str, rims: str, bars: str,
          lenses: list[Lens]) -> list[str]:
    """The rims: full, rimless (just the glass edge) or browline (bar on top, thin metal
    below), with a lighter line along the upper-left of each rim for a polished look."""
    if frame.rimless:
        return [path(rims, "none", stroke=mix(color, "#dfe6ee", 0.6), stroke_width=frame.rim,
                     opacity=0.85)]
    if frame.browline:
        out = [path(rims, "none", stroke=mix(color, "#b4b8bf", 0.65), stroke_width=frame.rim),
               path(bars, "none", stroke=color, stroke_width=BROW_BAR, stroke_linecap="round",
                    stroke_linejoin="round")]
        arcs = [_top_arc(lens, 0.2, 0.45) for lens in lenses]
        width, lift = 2.2, 2.0
    else:
        out = [path(rims, "none", stroke=color, stroke_width=frame.rim, stroke_linejoin="round")]
        arcs = [_top_arc(lens, 0.28, 0.45) if lens.side > 0 else _top_arc(lens, 0.08, 0.25)
                for lens in lenses]
        width, lift = max(1.2, frame.rim * 0.3), frame.rim * 0.2
    highlight = "".join(smooth(arc, closed=False) for arc in arcs)
    out.append(path(highlight, "none", stroke=rim_light, stroke_width=width, opacity=0.75,
                    stroke_linecap="round", transform=f"translate(0 {-lift:.1f})"))
    return out


def glasses(ctx: Ctx) -> str:
    """The chosen glasses in the frame color (sunglasses get dark graded lenses)."""
    option = ctx.choice("glasses")
    if option == "none":
        return ""
    frame = FRAMES[option]
    color = ctx.pal.glasses
    # the highlight is lighter, or darker on near-white frames so it still shows
    rim_light = shift(color, 22 if lightness(color) < 80 else -12, chroma=0.9)
    lenses = [_lens(eye, frame, ctx.a.cx) for eye in ctx.a.eyes]
    left, right = lenses
    rims = "".join(smooth(lens.points, closed=True) for lens in lenses)
    bars = "".join(smooth(_top_arc(lens, -0.02, 0.5), closed=False) for lens in lenses)
    bridge = _bridge(ctx, left, right, frame)
    bridge_w = max(2.6, frame.rim * (0.55 if frame.metal else 0.8))
    temples = _temples(ctx, lenses)

    out = [
        # the frame's soft shadow on the skin, a little below and right (light at upper left)
        path((bars if frame.browline else rims) + bridge + temples, "none",
             stroke=ctx.pal.skin.deep, stroke_opacity=0.2, stroke_width=max(frame.rim, bridge_w),
             transform="translate(1.5 4)", stroke_linecap="round", stroke_linejoin="round"),
        _lens_fill(frame),
        path(rims, "url(#glasses-lens)"),
        path(temples, "none", stroke=shift(color, -6),
             stroke_width=max(2.4, min(frame.rim, 6.0) * 0.75), stroke_linecap="round"),
        *_rims(frame, color, rim_light, rims, bars, lenses),
        path(bridge, "none", stroke=color, stroke_width=bridge_w, stroke_linecap="round"),
    ]
    if frame.warp == "aviator":  # the straight double bridge across the top
        (lx, ly), (rx, ry) = _top_arc(left, 0.36, 0.36)[0], _top_arc(right, 0.36, 0.36)[0]
        out.append(path(f"M{lx:.1f} {ly:.1f}L{rx:.1f} {ry:.1f}", "none", stroke=color,
                        stroke_width=2.4))
    if frame.metal and not frame.dark:  # nose pads
        pads = []
        for lens in lenses:
            px, py = lens.at(-0.95, 0.25)
            pads.append(smooth([(px, py - 4), (px + lens.side * 2.5, py), (px, py + 4),
                                (px - lens.side * 2.5, py)]))
        out.append(path("".join(pads), PAD_COLOR, opacity=0.6))
    out.extend(_reflection(lens, frame.dark) for lens in lenses)
    return group(out)
