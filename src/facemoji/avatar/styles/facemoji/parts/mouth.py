"""Mouths: lips drawn from the landmark anchors, with teeth and tongue when open."""

from __future__ import annotations

from ..context import Ctx
from ..svgkit import group, linear_gradient, path, smooth


def mouth(ctx: Ctx) -> str:
    """The mouth in the chosen expression (the anchors carry its shape)."""
    a, lips = ctx.a, ctx.pal.lips
    outer = a.mouth_outer
    inner = a.mouth_inner
    option = ctx.choice("mouth")
    out = [linear_gradient("mouth-lip", [(0, lips.light, 1), (1, lips.shadow, 1)])]
    # upper lip: corner, upper outer points, corner, then back along the inner line
    upper = [outer[0], *outer[1:6], outer[6], inner[3], inner[2], inner[1]]
    lower = [outer[6], *outer[7:12], outer[0], inner[7], inner[6], inner[5]]
    opened = abs(inner[6][1] - inner[2][1]) > 3
    if opened:
        mouth_hole = smooth([inner[0], inner[1], inner[2], inner[3], inner[4], inner[5],
                             inner[6], inner[7]], closed=True, tension=0.9)
        out.append(path(mouth_hole, "#5a1f24"))
        # teeth: the upper part of the opening
        teeth = smooth([inner[0], inner[1], inner[2], inner[3], inner[4],
                        (inner[5][0], inner[3][1] + (inner[5][1] - inner[3][1]) * 0.45),
                        (inner[6][0], inner[2][1] + (inner[6][1] - inner[2][1]) * 0.5),
                        (inner[7][0], inner[1][1] + (inner[7][1] - inner[1][1]) * 0.45)],
                       closed=True, tension=0.9)
        out.append(path(teeth, "#fbfaf7"))
        if option == "tongue" or option == "laugh":
            tongue = smooth([(inner[7][0], inner[7][1] - 2), inner[6], (inner[5][0], inner[5][1] - 2),
                             (inner[6][0], inner[6][1] - (inner[6][1] - inner[2][1]) * 0.5)],
                            closed=True)
            out.append(path(tongue, "#d9606a"))
    out.append(path(smooth(lower, closed=True, tension=0.8), "url(#mouth-lip)"))
    out.append(path(smooth(upper, closed=True, tension=0.8), lips.shadow))
    if not opened:
        line = smooth([outer[0], inner[1], inner[2], inner[3], outer[6]], closed=False)
        out.append(path(line, "none", stroke=lips.deep, stroke_width=2.2, stroke_linecap="round"))
    # a small highlight on the lower lip
    lx, ly = outer[9]
    out.append(path(smooth([(lx - 8, ly - 5), (lx, ly - 7), (lx + 8, ly - 5), (lx, ly - 3.5)]),
                    lips.light, opacity=0.6))
    return group(out)
