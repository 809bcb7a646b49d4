"""What every part-drawing function receives."""

from __future__ import annotations

from dataclasses import dataclass

from ....avatar.schema import Params
from .geometry import Anchors
from .palette import Palette


@dataclass(frozen=True)
class Ctx:
    """The params, their computed anchors and palette.

    Part functions take a ``Ctx`` and return SVG text (a fragment, possibly with
    its own ``<defs>``). Gradient ids must start with the part's name so they stay
    unique in the document.
    """

    params: Params
    a: Anchors
    pal: Palette

    def choice(self, name: str) -> str:
        return self.params.choice(name)

    def scalar(self, name: str) -> float:
        return self.params.scalar(name)
