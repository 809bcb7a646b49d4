"""The ``avataaars`` style: Pablo Stanley's Avataaars drawn by ``python-avatars``.

An adapter: the schema exposes every python-avatars option (see ``schema``), the SVG is
the package's own, made square and sanitized (see ``document``), and the landmarks are
the template's fixed face geometry (see ``geometry``).
"""

from __future__ import annotations

from ....types import Landmarks
from ...schema import Params
from ...style import BaseStyle, register_style
from .document import svg_document
from .geometry import landmarks68
from .schema import build_schema


@register_style("avataaars")
class AvataaarsStyle(BaseStyle):
    """Flat Avataaars (python-avatars): many hair styles, outfits and expressions."""

    name = "avataaars"
    description = "Flat Avataaars cartoons (python-avatars): the whole option space."

    def __init__(self) -> None:
        self.schema = build_schema()

    def svg(self, params: Params) -> str:
        return svg_document(self.check(params))

    def landmarks(self, params: Params, size: int) -> Landmarks:
        self.check(params)
        return landmarks68(size)
