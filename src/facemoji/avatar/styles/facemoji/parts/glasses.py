"""Glasses and sunglasses, fitted to the eye anchors."""

from __future__ import annotations

from ..context import Ctx
from ..palette import shift
from ..svgkit import group, linear_gradient, path, smooth

# option -> (lens half-width × eye width, lens half-height × eye width, corner roundness,
#            frame width, dark lenses)
FRAMES: dict[str, tuple[float, float, float, float, bool]] = {
    "round": (0.66, 0.62, 1.0, 4.0, False),
    "rectangular": (0.76, 0.5, 0.35, 4.5, False),
    "cat_eye": (0.74, 0.52, 0.6, 5.0, False),
    "rimless": (0.72, 0.52, 0.6, 1.4, False),
    "browline": (0.74, 0.54, 0.5, 3.0, False),
    "oversized": (0.9, 0.74, 0.7, 5.0, False),
    "aviator_sunglasses": (0.8, 0.7, 0.8, 2.6, True),
    "wayfarer_sunglasses": (0.8, 0.58, 0.35, 6.0, True),
}


def _lens(cx: float, cy: float, hw: float, hh: float, round_: float, cat: bool, side: int,
          aviator: bool) -> str:
    k = 1 - round_ * 0.45
    lift = hh * 0.35 if cat else 0.0
    drop = hh * 0.35 if aviator else 0.0
    pts = [
        (cx - hw, cy - hh * k - (lift if side < 0 else 0)),
        (cx, cy - hh),
        (cx + hw, cy - hh * k - (lift if side > 0 else 0)),
        (cx + hw * (1.0 if not aviator else 0.9), cy + hh * k * 0.8 + (drop if side < 0 else 0)),
        (cx + (hw * 0.2 * -side if aviator else 0), cy + hh + drop),
        (cx - hw * (1.0 if not aviator else 0.9), cy + hh * k * 0.8 + (drop if side > 0 else 0)),
    ]
    return smooth(pts, closed=True, tension=0.55 + 0.45 * round_)


def glasses(ctx: Ctx) -> str:
    """The chosen glasses in the frame color (sunglasses get dark graded lenses)."""
    option = ctx.choice("glasses")
    if option == "none":
        return ""
    a = ctx.a
    hw_f, hh_f, round_, frame_w, dark = FRAMES[option]
    color = ctx.pal.glasses
    out = [linear_gradient("glasses-lens", [(0, "#2a2d36", 0.92), (1, "#4b5160", 0.85)]
                           if dark else [(0, "#ffffff", 0.18), (1, "#dfe9f5", 0.08)])]
    lenses = []
    for eye in a.eyes:
        cx, cy = eye.center
        hw = eye.width * hw_f
        hh = eye.width * hh_f
        lenses.append((cx + eye.side * 2, cy + 2, hw, hh, eye.side))
    frame = []
    for cx, cy, hw, hh, side in lenses:
        d = _lens(cx, cy, hw, hh, round_, option == "cat_eye", side, option.startswith("aviator"))
        out.append(path(d, "url(#glasses-lens)"))
        frame.append(path(d, "none", stroke=color, stroke_width=frame_w, stroke_linejoin="round"))
        if option == "browline":
            frame.append(path(smooth([(cx - hw, cy - hh * 0.55), (cx, cy - hh - 1),
                                      (cx + hw, cy - hh * 0.55)], closed=False), "none",
                              stroke=color, stroke_width=7, stroke_linecap="round"))
        if dark:  # a reflection across the lens
            frame.append(path(f"M{cx - hw * 0.5:.1f} {cy - hh * 0.2:.1f}l{hw * 0.5:.1f} "
                              f"{-hh * 0.5:.1f}", "none", stroke="#ffffff", stroke_width=4,
                              opacity=0.35, stroke_linecap="round"))
    (lx, ly, lhw, lhh, _), (rx, ry, rhw, rhh, _) = lenses
    bridge = f"M{lx + lhw:.1f} {ly - lhh * 0.35:.1f}Q{a.cx:.1f} {ly - lhh * 0.75:.1f} " \
             f"{rx - rhw:.1f} {ry - rhh * 0.35:.1f}"
    frame.append(path(bridge, "none", stroke=color, stroke_width=max(2.5, frame_w * 0.8)))
    for x, y, hw, s in ((lx - lhw, ly, lhw, -1), (rx + rhw, ry, rhw, 1)):
        frame.append(path(f"M{x:.1f} {y - lhh * 0.5:.1f}L{x + s * a.half_width * 0.2:.1f} "
                          f"{y - lhh * 0.6:.1f}", "none", stroke=shift(color, -5),
                          stroke_width=max(2.5, frame_w * 0.8), stroke_linecap="round"))
    out.append(group(frame))
    return group(out)
