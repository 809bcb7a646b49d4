"""The work behind the API, as plain picklable functions.

``generate`` and ``analyze`` run in worker processes (started with :func:`warm`, which
loads the face models once per process); ``render`` runs on threads of the server
process. Each takes and returns plain data, and raises
:class:`~facemoji.errors.FacemojiError` for bad input.
"""

from __future__ import annotations

import logging
from typing import Any

from ..avatar.render import crop_to_face, svg_to_png
from ..avatar.style import get_style, load_params
from ..errors import InvalidParams
from ..face.image import decode_image
from ..types import RGBImage
from ..worker import exit_with_parent

log = logging.getLogger(__name__)

Photo = tuple[str, bytes]
"""An uploaded photo: its file name (for messages) and its encoded bytes."""


def warm(server_pid: int) -> None:
    """Worker-process initializer: exit when the server process ``server_pid`` is gone,
    and load the face models now, not on the first request."""
    from ..face.analyze import preload_models

    exit_with_parent(server_pid)
    try:
        preload_models()
    except Exception:  # a worker that cannot warm up loads the models on first use
        log.warning("could not preload the face models", exc_info=True)


def decode(photo: Photo) -> RGBImage:
    """Decode an uploaded photo by its content; messages name its file name."""
    name, data = photo
    return decode_image(data, name)


def analyze(photo: Photo) -> dict[str, Any]:
    """The ``facemoji analyze --json`` document of one photo."""
    from ..face.analyze import analyze as run_analyze

    return run_analyze(decode(photo), name=photo[0]).to_dict()


def generate(photos: list[Photo], style: str, method: str, seed: int = 0) -> dict[str, Any]:
    """The ``facemoji generate --json`` document, plus ``svg`` (the avatar inline) and
    ``measured`` (``{color feature: #rrggbb}`` as measured on the photos)."""
    from ..face.analyze import analyze as run_analyze
    from ..match.generate import generate as run_generate
    from ..match.initial import mapping_for

    analyses = [run_analyze(decode(p), embed=True, name=p[0]) for p in photos]
    result = run_generate(analyses, style=style, method=method, seed=seed)
    doc = result.to_dict()
    doc["svg"] = result.svg
    measured = {feature: result.measured.hex(name)
                for name, feature in mapping_for(result.style).colors.items()}
    doc["measured"] = {k: v for k, v in measured.items() if v is not None}
    return doc


def render(style: str | None, params: dict[str, Any], fmt: str, size: int,
           crop: str = "none") -> bytes:
    """SVG (UTF-8) or PNG bytes of ``params`` (a ``to_dict`` document or bare values);
    ``crop="face"`` zooms onto the face (thumbnails of eyes, noses, mouths)."""
    if not isinstance(params, dict):
        raise InvalidParams("params must be a JSON object")
    if style is None and "style" not in params:
        style = "facemoji"
    loaded = load_params(params, style=style)
    chosen = get_style(loaded.style)
    svg = chosen.svg(loaded)
    if crop == "face":
        svg = crop_to_face(svg, chosen, loaded)
    return svg.encode("utf-8") if fmt == "svg" else svg_to_png(svg, size)
