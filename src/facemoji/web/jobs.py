"""The work behind the API, as plain picklable functions.

``generate``, ``analyze`` and ``check`` run in worker processes
(:mod:`facemoji.web.workers`, started with :func:`warm`, which loads the face models
once per process); ``render`` runs on threads of the server process. Each takes and
returns plain data, raises :class:`~facemoji.errors.FacemojiError` for bad input and
tells how far it got through :func:`~facemoji.web.workers.report` (which is also where
a cancelled call stops).
"""

from __future__ import annotations

import logging
from typing import Any

from ..avatar.render import crop_to_face, svg_to_png
from ..avatar.style import get_style, load_params
from ..errors import BadImage, FacemojiError, InvalidParams, NoFaceFound
from ..types import RGBImage
from .errors import Refused
from .workers import report

log = logging.getLogger(__name__)

Photo = tuple[str, bytes]
"""An uploaded photo: its file name (for messages) and its encoded bytes."""

STEP_SECONDS = {"photo": 0.35, "attributes": 0.1, "greedy": 2.1, "search": 1.7,
                "rendering": 0.1}
"""Rough CPU seconds of each part of a generate on one core, to weigh the parts of the
progress fraction: one photo's analysis (decode, detection, embedding, attributes), the
fit of each method (docs/benchmarks.md, "Photo → avatar", per person) and the final
render."""


def warm() -> None:
    """Worker-process warm-up: load the detector, landmark model, embedder and person
    segmenter now, not on the first request."""
    from ..face.analyze import preload_models

    preload_models()


def decode(photo: Photo) -> RGBImage:
    """Decode an uploaded photo by its content; messages name its file name."""
    from ..face.image import describe, load_image

    name, data = photo
    try:
        return load_image(data)
    except BadImage as exc:
        raise BadImage(str(exc).replace(describe(data), name, 1)) from None


def analyze(photo: Photo) -> dict[str, Any]:
    """The ``facemoji analyze --json`` document of one photo."""
    from ..face.analyze import analyze as run_analyze

    return run_analyze(decode(photo), name=photo[0]).to_dict()


def check(photo: Photo) -> dict[str, Any]:
    """Whether ``photo`` can be used: ``{"ok", "faces", "error"}``. Decodes it and
    counts the faces the way generate's first step finds them (no embedding, no
    measuring)."""
    from ..face.detect import detect_faces

    try:
        faces = len(detect_faces(decode(photo)))
    except (BadImage, NoFaceFound) as exc:
        return {"ok": False, "faces": 0, "error": str(exc)}
    if not faces:
        return {"ok": False, "faces": 0,
                "error": f"no face found in {photo[0]}: use a frontal, well-lit photo"}
    return {"ok": True, "faces": faces, "error": None}


class _Progress:
    """Turns the pipeline's ``stage(step, done)`` calls into reported events
    ``{"step", "progress"}``: one 0..1 fraction over the whole run, weighed by
    :data:`STEP_SECONDS`."""

    def __init__(self, photos: int, method: str) -> None:
        self.photos = photos
        self.analysis = photos * STEP_SECONDS["photo"]
        self.fit = STEP_SECONDS[method]
        self.total = self.analysis + self.fit + STEP_SECONDS["rendering"]
        self.value = 0.0

    def photo(self, index: int, step: str) -> None:
        """Photo ``index`` (0-based) starts ``step`` ("detecting" or "measuring")."""
        half = 0.5 if step == "measuring" else 0.0
        self._send(step, (index + half) / self.photos * self.analysis)

    def __call__(self, step: str, done: float) -> None:
        if step == "fitting":
            self._send(step, self.analysis + done * self.fit)
        elif step == "rendering":
            self._send(step, self.analysis + self.fit + done * STEP_SECONDS["rendering"])

    def _send(self, step: str, seconds: float) -> None:
        self.value = max(self.value, min(1.0, seconds / self.total))
        report({"step": step, "progress": round(self.value, 4)})


def generate(photos: list[Photo], style: str, method: str, seed: int = 0) -> dict[str, Any]:
    """The ``facemoji generate --json`` document, plus ``svg`` (the avatar inline),
    ``measured`` (``{color feature: #rrggbb}`` as measured on the photos) and ``photos``
    (what became of each photo: see :func:`_outcome`).

    Each photo is analysed on its own: one that is not an image or shows no face is
    skipped (and named in ``warnings``); the run fails (422, with ``photos``) only when
    no photo is usable. Reports each photo's outcome as soon as it is known, and the
    step and progress of the run.
    """
    from ..face.analyze import analyze as run_analyze
    from ..match.generate import generate as run_generate
    from ..match.mapping import mapping_for

    progress = _Progress(len(photos), method)
    outcomes, analyses, names, skipped = [], [], [], []
    for i, (name, data) in enumerate(photos):
        try:
            progress.photo(i, "detecting")
            analysis = run_analyze(decode((name, data)), embed=True, name=name,
                                   stage=lambda step, i=i: progress.photo(i, step))
        except FacemojiError as exc:  # not an image, no face, too small...
            outcome = _outcome(name, error=str(exc))
            skipped.append(f"skipped: {exc}")
        else:
            outcome = _outcome(name, faces=analysis.faces, face_index=analysis.face_index)
            analyses.append(analysis)
            names.append(name)
        outcomes.append(outcome)
        report({"photo": outcome})
    if not analyses:
        reasons = "; ".join(str(o["error"]) for o in outcomes)
        raise Refused(f"no usable photo: {reasons}", 422, extra={"photos": outcomes})
    result = run_generate(analyses, style=style, method=method, seed=seed, stage=progress,
                          names=names)
    doc = result.to_dict()
    doc["warnings"] = skipped + doc["warnings"]
    doc["svg"] = result.svg
    measured = {feature: result.measured.hex(name)
                for name, feature in mapping_for(result.style).colors.items()}
    doc["measured"] = {k: v for k, v in measured.items() if v is not None}
    doc["photos"] = outcomes
    return doc


def _outcome(name: str, *, faces: int = 0, face_index: int | None = None,
             error: str | None = None) -> dict[str, Any]:
    """One photo's outcome: ``{"name", "status": "used"|"skipped", "error", "faces",
    "face_index"}`` (``face_index``: which face was used, 0 = the largest)."""
    return {"name": name, "status": "skipped" if error else "used", "error": error,
            "faces": faces, "face_index": None if error else face_index}


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
