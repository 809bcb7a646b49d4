"""Pictures for people: contact sheets of avatars and photos (the HTML report lives in
:mod:`facemoji.match.report_html` once generation exists)."""

from __future__ import annotations

import io
import math
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .outputs import write_file
from .types import RGBImage


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has no sized default font
        return ImageFont.load_default()


def contact_sheet(
    images: Sequence[RGBImage],
    labels: Sequence[str] | None = None,
    *,
    columns: int | None = None,
    cell: int = 160,
    title: str | None = None,
    pad: int = 8,
    background: tuple[int, int, int] = (246, 246, 248),
) -> RGBImage:
    """Tile ``images`` into one RGB sheet with an optional caption under each.

    Images are resized to ``cell`` × ``cell`` (aspect kept, centered). ``columns``
    defaults to a near-square grid. Returns an RGB ``uint8`` array.
    """
    n = len(images)
    if n == 0:
        raise ValueError("contact_sheet needs at least one image")
    columns = columns or math.ceil(math.sqrt(n))
    rows = math.ceil(n / columns)
    caption = 18 if labels else 0
    head = 34 if title else 0
    width = columns * (cell + pad) + pad
    height = head + rows * (cell + caption + pad) + pad
    sheet = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(sheet)
    font = _font(12)
    if title:
        draw.text((pad + 2, 9), title, fill=(40, 40, 48), font=_font(18))
    for i, array in enumerate(images):
        r, c = divmod(i, columns)
        x = pad + c * (cell + pad)
        y = head + pad + r * (cell + caption + pad)
        tile = Image.fromarray(np.asarray(array)[..., :3])
        tile.thumbnail((cell, cell), Image.Resampling.LANCZOS)
        sheet.paste(tile, (x + (cell - tile.width) // 2, y + (cell - tile.height) // 2))
        if labels:
            text = labels[i]
            while draw.textlength(text, font=font) > cell and len(text) > 3:
                text = text[:-2] + "…"
            tw = draw.textlength(text, font=font)
            draw.text((x + (cell - tw) / 2, y + cell + 3), text, fill=(60, 60, 70), font=font)
    return np.asarray(sheet)


def encode_image(image: RGBImage, suffix: str) -> bytes:
    """An RGB array encoded as PNG, or JPEG for a ``.jpg``/``.jpeg`` ``suffix``."""
    fmt = "JPEG" if suffix.lower() in (".jpg", ".jpeg") else "PNG"
    buf = io.BytesIO()
    Image.fromarray(np.asarray(image)).save(buf, format=fmt, **({"quality": 92} if fmt ==
                                                                 "JPEG" else {}))
    return buf.getvalue()


def save_image(image: RGBImage, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write an RGB array as PNG/JPEG (by suffix), safely (:mod:`facemoji.outputs`)."""
    out = Path(path)
    return write_file(out, encode_image(image, out.suffix), force=force)
