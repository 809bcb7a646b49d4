"""Layer order, back to front (ART.md): background → back hair → neck, shoulders,
clothing → ears (unless the hair covers them) → face → face shading → freckles, age
lines, blush → eyebrows → eyes → nose → mouth → facial hair → front hair (fringe) →
glasses → headwear."""

from __future__ import annotations

from ....avatar.schema import Params
from .context import Ctx
from .geometry import CANVAS, compute
from .palette import Palette
from .parts import body, brows, eyes, facial_hair, glasses, hair, head, headwear, mouth, nose


def svg_document(params: Params) -> str:
    """The standalone SVG of ``params`` (viewBox 0 0 512 512, transparent background)."""
    ctx = Ctx(params=params, a=compute(params), pal=Palette.of(params))
    hair_back, hair_front = hair.PARTS[ctx.choice("hair")]
    covered = headwear.covers_hair(ctx)
    layers = [
        f"<defs>{hair.defs(ctx)}</defs>",
        "" if covered else hair.placed(ctx, hair_back(ctx), front=False),
        body.neck(ctx),
        body.clothing(ctx),
        "" if not covered and ctx.choice("hair") in hair.COVERS_EARS else head.ears(ctx),
        head.face(ctx),
        head.skin_details(ctx),
        brows.brows(ctx),
        eyes.eyes(ctx),
        nose.nose(ctx),
        mouth.mouth(ctx),
        facial_hair.facial_hair(ctx),
        "" if covered else hair.placed(ctx, hair_front(ctx), front=True),
        glasses.glasses(ctx),
        headwear.front(ctx),
    ]
    size = int(CANVAS)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}">' + "".join(layers) + "</svg>"
    )
