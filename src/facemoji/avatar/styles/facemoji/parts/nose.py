"""Noses, drawn by shading rather than outlines (Memoji-like): a shadow along the bridge
on the side away from the light, a highlight on the lit side and the tip, the wings'
creases, the underside with the nostrils, and the shadow the nose casts on the lip."""

from __future__ import annotations

from dataclasses import dataclass

from ..context import Ctx
from ..svgkit import ellipse, f, group, path, smooth
from .head import HIGHLIGHT


@dataclass(frozen=True)
class NoseShape:
    """tip radius and wing flare (× nose half width), bridge shadow opacity, tip lift
    (up > 0, × half width), nostril size, bridge bump (roman), bridge length factor."""

    tip: float
    flare: float
    bridge: float
    lift: float = 0.0
    nostril: float = 1.0
    bump: float = 0.0
    length: float = 1.0


NOSES: dict[str, NoseShape] = {
    "button": NoseShape(0.52, 0.80, 0.25, 0.05, 0.9, length=0.55),
    "straight": NoseShape(0.42, 0.85, 0.5),
    "wide": NoseShape(0.42, 1.0, 0.5, nostril=1.1),
    "narrow": NoseShape(0.34, 0.70, 0.5, nostril=0.8),
    "roman": NoseShape(0.42, 0.88, 0.6, -0.08, bump=0.22),
    "upturned": NoseShape(0.44, 0.85, 0.45, 0.3, 1.5, length=0.85),
    "snub": NoseShape(0.62, 0.95, 0.15, 0.1, 1.0, length=0.4),
    "broad": NoseShape(0.70, 1.12, 0.2, 0.05, 1.4, length=0.6),
    "pointed": NoseShape(0.24, 0.80, 0.7, -0.32, 0.7, length=1.1),
}


def nose(ctx: Ctx) -> str:
    """The nose in the chosen shape, around the nose anchors (bridge and base)."""
    a, skin = ctx.a, ctx.pal.skin
    shape = NOSES[ctx.choice("nose")]
    w = a.nose_width  # half width at the wings
    cx = a.cx
    base_y = a.nose_base[2][1]  # the bottom of the tip (landmark 33)
    tip = (cx, base_y - w * (0.42 + shape.lift))
    top_y = a.nose_bridge[-1][1] - (a.nose_bridge[-1][1] - a.nose_bridge[0][1]) * shape.length
    mid_y = (top_y + tip[1]) / 2
    hl = f"url(#{HIGHLIGHT})"
    out = []
    # the bridge's shaded side (right) and its bump for a roman nose
    bump = shape.bump * w
    out.append(path(smooth([(cx + w * 0.05, top_y), (cx + w * 0.32 + bump, mid_y),
                            (cx + w * 0.62, tip[1] + w * 0.1), (cx + w * 0.2, tip[1] - w * 0.25),
                            (cx + w * 0.02 + bump * 0.3, mid_y)], closed=True),
                    skin.shadow, opacity=shape.bridge))
    # the underside of the tip and the wings, in shadow
    under = [(cx - w * shape.flare, base_y - w * 0.28), (cx - w * 0.5, base_y + w * 0.02),
             (cx, base_y + w * 0.06), (cx + w * 0.5, base_y + w * 0.02),
             (cx + w * shape.flare, base_y - w * 0.28), (cx + w * 0.45, base_y - w * 0.22),
             (cx, tip[1] + w * 0.3), (cx - w * 0.45, base_y - w * 0.22)]
    out.append(path(smooth(under, closed=True, tension=0.8), skin.deep, opacity=0.85))
    # wing creases curving around each nostril wing
    creases = "".join(
        smooth([(cx + s * w * 0.42, tip[1] - w * 0.22), (cx + s * w * shape.flare * 1.02,
                 base_y - w * 0.48), (cx + s * w * shape.flare * 0.9, base_y - w * 0.12),
                (cx + s * w * 0.62, base_y - w * 0.02)], closed=False)
        for s in (-1, 1)
    )
    out.append(path(creases, "none", stroke=skin.deep, stroke_width=max(1.2, w * 0.1),
                    stroke_linecap="round", stroke_opacity=0.55))
    # nostrils
    nr = w * 0.2 * shape.nostril
    for s in (-1, 1):
        out.append(ellipse(cx + s * w * 0.36, base_y - w * 0.12, nr, nr * 0.55, skin.deep,
                           opacity=0.85, transform=f"rotate({f(s * 18)} {f(cx + s * w * 0.36)} "
                           f"{f(base_y - w * 0.12)})"))
    # highlights: the lit side of the bridge and the tip
    out.append(ellipse(cx - w * 0.12, mid_y, w * 0.22, (tip[1] - top_y) * 0.42, hl,
                       opacity=0.7))
    out.append(ellipse(tip[0] - w * 0.1, tip[1] - w * 0.05, w * shape.tip, w * shape.tip * 0.85,
                       hl))
    # the shadow the nose casts down to the right, onto the upper lip
    out.append(ellipse(cx + w * 0.15, base_y + w * 0.2, w * 0.5, w * 0.14, skin.shadow,
                       opacity=0.35))
    return group(out)
