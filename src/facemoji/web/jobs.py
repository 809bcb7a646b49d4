"""The work behind the API, as plain picklable functions.

``generate`` and ``analyze`` run in worker processes (started with :func:`warm`, which
loads the face models once per process); ``render`` runs on threads of the server
process. Each takes and returns plain data, and raises
:class:`~facemoji.errors.FacemojiError` for bad input.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

import numpy as np

from ..avatar.render import crop_to_face, svg_to_png
from ..avatar.style import get_style, load_params
from ..errors import BadImage, InvalidParams
from ..face.image import describe, load_image
from ..types import RGBImage

log = logging.getLogger(__name__)

Photo = tuple[str, bytes]
"""An uploaded photo: its file name (for messages) and its encoded bytes."""


def warm(server_pid: int) -> None:
    """Worker-process initializer: exit when the server process ``server_pid`` is gone,
    and load the detector and the embedder now, not on the first request."""
    from ..face.detect import detect_faces
    from ..face.embed import get_embedder

    threading.Thread(target=_exit_with, args=(server_pid,), daemon=True).start()
    try:
        detect_faces(np.zeros((64, 64, 3), np.uint8), method="hog")
        get_embedder("dlib").embed_chips(np.zeros((1, 150, 150, 3), np.uint8))
    except Exception:  # a worker that cannot warm up loads the models on first use
        log.warning("could not preload the face models", exc_info=True)


def _exit_with(parent: int) -> None:
    # a server killed by a signal cannot tell its idle workers to stop: they would live on
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def decode(photo: Photo) -> RGBImage:
    """Decode an uploaded photo by its content; messages name its file name."""
    name, data = photo
    try:
        return load_image(data)
    except BadImage as exc:
        raise BadImage(str(exc).replace(describe(data), name, 1)) from None


def analyze(photo: Photo) -> dict[str, Any]:
    """The ``facemoji analyze --json`` document of one photo."""
    from ..face.analyze import analyze as run_analyze

    return run_analyze(decode(photo), name=photo[0]).to_dict()


def generate(photos: list[Photo], style: str, method: str, seed: int = 0) -> dict[str, Any]:
    """The ``facemoji generate --json`` document, plus ``svg`` (the avatar inline) and
    ``measured`` (``{color feature: #rrggbb}`` as measured on the photos)."""
    from ..face.analyze import analyze as run_analyze
    from ..match.generate import generate as run_generate
    from ..match.mapping import mapping_for

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
