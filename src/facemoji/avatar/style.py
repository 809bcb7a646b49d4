"""The Style protocol, a small base class, and the style registry.

A style is data plus functions: a :class:`~facemoji.avatar.schema.Schema` and
``svg(params)``; it also reports where the face's landmarks are in a render, so that
renders can be aligned for a face network without running a detector on a cartoon.
Third-party styles register through the ``facemoji.styles`` entry-point group with a
zero-argument factory (usually the class).
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

import numpy as np

from ..errors import InvalidParams
from ..registry import Registry
from ..types import Box, Landmarks, five_point
from .schema import Params, Schema, parse_json_object


@runtime_checkable
class Style(Protocol):
    """What every avatar style provides.

    ``svg`` is pure: the same params give the same bytes, with no I/O and no global
    random state. The SVG's ``viewBox`` is square; renders scale it to any size.
    """

    name: str
    schema: Schema
    description: str

    def svg(self, params: Params) -> str:
        """The avatar as a standalone SVG document."""
        ...

    def landmarks(self, params: Params, size: int) -> Landmarks:
        """68-point landmarks ``(68, 2)`` in pixels of a ``size`` × ``size`` render.

        Points in the iBUG/dlib order; points the style has no drawing for are ``nan``.
        """
        ...

    def landmarks5(self, params: Params, size: int) -> Landmarks:
        """dlib's 5-point landmarks ``(5, 2)`` in pixels of a ``size`` × ``size`` render."""
        ...

    def face_box(self, params: Params, size: int) -> Box:
        """The face's box ``(x0, y0, x1, y1)`` in a ``size`` × ``size`` render."""
        ...


class BaseStyle:
    """Supplies ``landmarks5`` and ``face_box`` from ``landmarks``."""

    name: str
    schema: Schema
    description: str = ""

    def svg(self, params: Params) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def landmarks(self, params: Params, size: int) -> Landmarks:  # pragma: no cover
        raise NotImplementedError

    def landmarks5(self, params: Params, size: int) -> Landmarks:
        return five_point(self.landmarks(params, size))

    def face_box(self, params: Params, size: int) -> Box:
        pts = self.landmarks(params, size)
        pts = pts[~np.isnan(pts).any(axis=1)]
        x0, y0 = pts.min(axis=0)
        x1, y1 = pts.max(axis=0)
        top = y0 - 0.25 * (y1 - y0)  # the 68 points stop at the brows: add the forehead
        return (int(np.floor(x0)), int(np.floor(max(0.0, top))), int(np.ceil(x1)), int(np.ceil(y1)))

    def check(self, params: Params) -> Params:
        """Raise :class:`InvalidParams` unless ``params`` belong to this style."""
        if params.schema is not self.schema and params.style != self.name:
            raise InvalidParams(f"params for style {params.style!r} given to style {self.name!r}")
        return params


STYLES: Registry[Style] = Registry("style", "facemoji.styles", builtins="facemoji.avatar.styles")


def register_style(name: str):  # type: ignore[no-untyped-def]
    """Class decorator registering a style under ``name`` (lowercase)."""
    return STYLES.register(name)


def get_style(name: str) -> Style:
    """The style registered as ``name``; raises :class:`UnknownName` listing valid styles."""
    return STYLES.get(name)


def list_styles() -> list[str]:
    """Names of all registered styles (built-in and from entry points), sorted."""
    return STYLES.names()


def load_params(data: str | dict[str, Any], style: str | None = None) -> Params:
    """Params from JSON text or a dict written by :meth:`Params.to_json`.

    The style is read from the data's ``"style"`` key unless ``style`` is given.
    """
    if isinstance(data, str):
        data = parse_json_object(data)
    if not isinstance(data, dict):
        raise InvalidParams("params JSON must be an object")
    name = style or data.get("style")
    if not isinstance(name, str):
        raise InvalidParams('params JSON has no "style"; pass the style explicitly')
    return get_style(name).schema.from_dict(data)
