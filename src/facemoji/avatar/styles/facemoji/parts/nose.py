"""Noses: a soft shadow shape along the bridge, nostrils and a tip highlight.

Memoji-like noses are drawn by shading, not outlines: the option sets the tip's
roundness, the nostril wings and the bridge.
"""

from __future__ import annotations

from ..context import Ctx
from ..svgkit import ellipse, group, path, radial_gradient, smooth

# option -> (tip radius × nose width, wing flare, bridge shadow strength, tip lift)
NOSES: dict[str, tuple[float, float, float, float]] = {
    "button": (0.62, 0.85, 0.25, 0.0),
    "straight": (0.50, 0.9, 0.45, 0.0),
    "wide": (0.60, 1.1, 0.35, 0.0),
    "narrow": (0.42, 0.8, 0.45, 0.0),
    "roman": (0.50, 0.95, 0.6, -2.0),
    "upturned": (0.55, 0.9, 0.3, 4.0),
    "snub": (0.60, 0.9, 0.2, 3.0),
    "broad": (0.68, 1.2, 0.3, 0.0),
    "pointed": (0.40, 0.8, 0.5, -3.0),
}


def nose(ctx: Ctx) -> str:
    """The nose in the chosen shape."""
    a, skin = ctx.a, ctx.pal.skin
    tip_r, flare, bridge_strength, lift = NOSES[ctx.choice("nose")]
    w = a.nose_width
    top = a.nose_bridge[0]
    tip = (a.nose_base[2][0], a.nose_base[2][1] - w * 0.45 - lift)
    out = [radial_gradient("nose-tip", [(0, skin.light, 0.9), (1, skin.light, 0)])]
    # bridge shadow on the side away from the light
    bridge = smooth(
        [
            (top[0] + w * 0.12, top[1] + 6),
            (top[0] + w * 0.32, (top[1] + tip[1]) / 2),
            (tip[0] + w * 0.55, tip[1] - 2),
            (tip[0] + w * 0.2, tip[1] - w * 0.2),
            (top[0] + w * 0.05, (top[1] + tip[1]) / 2),
        ],
        closed=True,
    )
    out.append(path(bridge, skin.shadow, opacity=bridge_strength))
    # the underside: a soft shadow under tip and wings
    under = smooth(
        [
            (tip[0] - w * flare, tip[1] + w * 0.15),
            (tip[0] - w * 0.55, tip[1] + w * 0.55),
            (tip[0], tip[1] + w * 0.62),
            (tip[0] + w * 0.55, tip[1] + w * 0.55),
            (tip[0] + w * flare, tip[1] + w * 0.15),
            (tip[0], tip[1] + w * 0.35),
        ],
        closed=True,
    )
    out.append(path(under, skin.shadow, opacity=0.75))
    for side in (-1, 1):
        out.append(ellipse(tip[0] + side * w * 0.42, tip[1] + w * 0.42, w * 0.17, w * 0.1,
                           skin.deep, opacity=0.7))
    out.append(ellipse(tip[0] - w * 0.12, tip[1] - w * 0.05, w * tip_r * 0.6, w * tip_r * 0.5,
                       "url(#nose-tip)"))
    return group(out)
