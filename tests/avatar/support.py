"""Helpers shared by the native style's drawing tests."""

from __future__ import annotations

from collections.abc import Callable

from facemoji.avatar.render import render
from facemoji.avatar.schema import Params


def drawn_outside(params: Params, size: int, take_out: Callable[[], object]) -> int:
    """How many pixels of the avatar ``params`` show where it draws nothing once
    ``take_out()`` has removed a detail (by monkeypatching the function that draws it): a
    detail clipped to the shape it decorates (a sheen, strands, graying) adds none."""
    with_detail = render(params, size, background=None)[..., 3]
    take_out()
    without = render(params, size, background=None)[..., 3]
    return int(((with_detail > 8) & (without == 0)).sum())
