"""Params → python-avatars ``Avatar`` → a square, sanitized SVG document.

python-avatars draws on a 264 × 280 canvas; the document wraps it, centered, in a
280 × 280 ``viewBox`` so that every render is square. ``Avatar.render()`` without a
path only reads the package's part files and returns a string: nothing is written.
"""

from __future__ import annotations

import re
from enum import Enum

import python_avatars as pa

from ...schema import Params

CANVAS = 280.0
"""Side of the square viewBox, in python-avatars units."""

PAD_X = (CANVAS - 264.0) / 2
"""Horizontal offset of python-avatars' 264-wide canvas inside the square one."""

_EMPTY_FILL = re.compile(r'\sfill=""')
_ID = re.compile(r'(\sid=")([^"]*)(")')
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_ROOT_SIZE = re.compile(r'\s(width|height|x|y)="[^"]*"')
_ROOT = re.compile(r"<svg\b[^>]*>")


def _member(enum: type[Enum], oid: str) -> Enum:
    """The enum member whose option id is ``oid`` (the schema guarantees it exists)."""
    return enum[oid.upper()]


def avatar(params: Params) -> pa.Avatar:
    """The python-avatars ``Avatar`` that ``params`` describe."""
    headwear = params.choice("headwear")
    top = (
        _member(pa.HairType, params.choice("hair")) if headwear == "none"
        else _member(pa.HatType, headwear)
    )
    return pa.Avatar(
        style=_member(pa.AvatarStyle, params.choice("frame")),
        background_color=params.color("background_color"),
        top=top,
        hat_color=params.color("headwear_color"),
        eyebrows=_member(pa.EyebrowType, params.choice("eyebrows")),
        eyes=_member(pa.EyeType, params.choice("eyes")),
        nose=_member(pa.NoseType, params.choice("nose")),
        mouth=_member(pa.MouthType, params.choice("mouth")),
        facial_hair=_member(pa.FacialHairType, params.choice("facial_hair")),
        skin_color=params.color("skin"),
        hair_color=params.color("hair_color"),
        facial_hair_color=params.color("facial_hair_color"),
        accessory=_member(pa.AccessoryType, params.choice("glasses")),
        clothing=_member(pa.ClothingType, params.choice("clothing")),
        clothing_color=params.color("clothing_color"),
        shirt_graphic=_member(pa.ClothingGraphic, params.choice("clothing_graphic")),
    )


def _unique_ids(svg: str) -> str:
    """Rename repeated ids (``default_Eye`` twice) to a free ``<id>-<n>``.

    References resolve to the first element with an id, which keeps its name, so the
    drawing does not change; the document becomes valid SVG.
    """
    taken = {m.group(2) for m in _ID.finditer(svg)}
    seen: set[str] = set()

    def rename(m: re.Match[str]) -> str:
        name = m.group(2)
        if name not in seen:
            seen.add(name)
            return m.group(0)
        n = 2
        while f"{name}-{n}" in taken:
            n += 1
        taken.add(f"{name}-{n}")
        return f"{m.group(1)}{name}-{n}{m.group(3)}"

    return _ID.sub(rename, svg)


def sanitize(svg: str) -> str:
    """Drop the empty ``fill=""`` attributes python-avatars leaves, and repeated ids.

    SVG says an invalid fill is ignored (the element inherits); librsvg does so, but
    resvg paints it black: the circle frame's unused fabric layer became a black disc.
    """
    return _unique_ids(_EMPTY_FILL.sub("", svg))


def square(svg: str) -> str:
    """Nest python-avatars' 264 × 280 document, centered, in a 280 × 280 one."""
    svg = _XML_DECL.sub("", svg, count=1)
    m = _ROOT.search(svg)
    if m is None:  # pragma: no cover - python-avatars always writes an <svg> root
        raise ValueError("python-avatars returned no <svg> element")
    inner = _ROOT_SIZE.sub("", m.group(0))
    inner = inner[:4] + f' x="{PAD_X:g}" y="0" width="264" height="280"' + inner[4:]
    size = f"{CANVAS:g}"
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{size}" height="{size}" viewBox="0 0 {size} {size}">'
        + svg[: m.start()] + inner + svg[m.end() :] + "</svg>"
    )


def svg_document(params: Params) -> str:
    """The standalone square SVG of ``params``."""
    return square(sanitize(avatar(params).render()))
