"""The avatar model: schemas, params, styles and rendering. Knows nothing of photos."""

from .render import render, render_batch, render_png, render_rgba, render_svg, save
from .schema import Choice, Color, Option, Params, Preset, Scalar, Schema
from .style import BaseStyle, Style, get_style, list_styles, load_params, register_style

__all__ = [
    "BaseStyle",
    "Choice",
    "Color",
    "Option",
    "Params",
    "Preset",
    "Scalar",
    "Schema",
    "Style",
    "get_style",
    "list_styles",
    "load_params",
    "register_style",
    "render",
    "render_batch",
    "render_png",
    "render_rgba",
    "render_svg",
    "save",
]
