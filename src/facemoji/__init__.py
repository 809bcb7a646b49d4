"""facemoji: turn photos of a person into a personalized, editable cartoon avatar.

The front door::

    import facemoji
    style = facemoji.get_style("facemoji")
    params = style.schema.random(seed=1)
    pixels = facemoji.render(params, size=256)      # RGB uint8 (256, 256, 3)

Images are RGB ``uint8`` numpy arrays ``(H, W, 3)``; boxes ``(x0, y0, x1, y1)``;
landmarks ``(N, 2)`` float ``(x, y)`` (see :mod:`facemoji.types`). Every error facemoji
raises on purpose is a :class:`FacemojiError`. Heavy parts (face models, search) are
imported on first use.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

# Photos never leave the machine: onnxruntime's wheels send usage telemetry (a background
# thread posting to mobile.events.data.microsoft.com) unless this is set before onnxruntime
# is imported, which facemoji only does after this (disable_telemetry_events() is not
# enough). tests/test_no_network.py checks it.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

from .avatar import Params, Schema, Style, get_style, list_styles, load_params, render
from .avatar.render import render_batch, render_png, render_svg
from .errors import (
    BadArgument,
    BadImage,
    FacemojiError,
    InvalidParams,
    MissingExtra,
    NoFaceFound,
    UnknownFeature,
    UnknownName,
    UnknownOption,
)
from .lazy import lazy_exports

__version__ = "0.1.0"

# name -> module that defines it; imported on first attribute access
_LAZY = {
    "load_image": "facemoji.face.image",
    "analyze": "facemoji.face.analyze",
    "FaceAnalysis": "facemoji.face.analyze",
    "lineup": "facemoji.match.lineup",
    "generate": "facemoji.match.generate",
    "Result": "facemoji.match.generate",
}

if TYPE_CHECKING:  # pragma: no cover
    from . import batch
    from .face.analyze import FaceAnalysis, analyze
    from .face.image import load_image
    from .match.generate import Result, generate
    from .match.lineup import lineup


_lazy = lazy_exports(__name__, _LAZY, globals())


def __getattr__(name: str) -> Any:
    if name == "batch":  # the package, which is callable: facemoji.batch(INPUT, OUT, ...)
        return importlib.import_module(".batch", __name__)
    return _lazy(name)


__all__ = [
    "BadArgument",
    "BadImage",
    "FaceAnalysis",
    "FacemojiError",
    "InvalidParams",
    "MissingExtra",
    "NoFaceFound",
    "Params",
    "Result",
    "Schema",
    "Style",
    "UnknownFeature",
    "UnknownName",
    "UnknownOption",
    "__version__",
    "analyze",
    "batch",
    "generate",
    "get_style",
    "lineup",
    "list_styles",
    "load_image",
    "load_params",
    "render",
    "render_batch",
    "render_png",
    "render_svg",
]
