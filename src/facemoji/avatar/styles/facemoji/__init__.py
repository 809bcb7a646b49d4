"""The native ``facemoji`` style: a soft, shaded head-and-shoulders avatar in the
Memoji/Bitmoji family, drawn from a few computed anchors (see ``geometry``)."""

from __future__ import annotations

import numpy as np

from ....types import Landmarks
from ...schema import Params
from ...style import BaseStyle, register_style
from .compose import svg_document
from .geometry import CANVAS, compute, landmarks68
from .schema import build_schema


@register_style("facemoji")
class FacemojiStyle(BaseStyle):
    """The native style (see ART.md in the project's design notes)."""

    name = "facemoji"
    description = "Soft, shaded Memoji-like avatars with editable geometry and colors."

    def __init__(self) -> None:
        self.schema = build_schema()

    def svg(self, params: Params) -> str:
        return svg_document(self.check(params))

    def landmarks(self, params: Params, size: int) -> Landmarks:
        pts = landmarks68(compute(self.check(params)))
        return np.asarray(pts * (size / CANVAS), dtype=np.float64)
