"""``generate()``: photos of a person in, an editable avatar out.

1. analyse each photo (face, landmarks, embedding, attributes) and warn when one photo
   does not look like the same person as the others, or every photo is black and white;
2. fuse the attributes and map them onto the style (``method="attributes"`` stops here);
3. refine with the objective: ``"greedy"`` (feature by feature) or ``"search"``
   (global, nevergrad), starting from the attribute initialisation;
4. rank each choice feature's options around the result, for the report.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..avatar.render import svg_to_png
from ..avatar.schema import Choice, Params
from ..avatar.style import get_style
from ..errors import BadArgument
from ..types import RGBImage
from .greedy import Ranking, greedy, rank_feature
from .mapping import initial_params
from .measured import Measured, all_black_and_white
from .objective import Objective, Weights
from .pool import pooled
from .search import search

log = logging.getLogger(__name__)

METHODS = ("attributes", "greedy", "search")
DEFAULT_METHOD = "greedy"
"""The method the CLI, the web page and :func:`generate` use unless told otherwise:
greedy recognised best in docs/benchmarks.md ("Photo → avatar")."""
DEFAULT_BUDGET = {"attributes": 0, "greedy": 1, "search": 20}
"""Per method: greedy's rounds, search's identity embeddings."""

SEED_RANGE = range(2 ** 32)
"""Seeds :func:`generate` takes (the search's random state is 32-bit)."""

SAME_PERSON = 0.6
"""dlib's distance threshold: photos farther than this from the others are suspect."""

RANKED = 1
"""Alternatives per choice feature that get an identity score in the rankings."""

GREEDY_SHORTLIST = 5
"""Options per shape feature that greedy scores with identity (the rest by cheap terms;
features that are not the style mapping's ``shape`` by cheap terms only). 5 against 3
(2026-12-02): the dlib judge 0.52 → 0.74, which shares the descriptor with the identity
term; paired blind reviewers 58–48 for 5 (not significant: no worse); 0.3 s more per
generate (docs/benchmarks.md)."""

STEPS = ("detecting", "measuring", "fitting", "rendering")
"""The steps :func:`generate` reports to its ``stage`` callback, in order: finding the
face and its landmarks in each photo, measuring it (embedding, colors, geometry),
fitting the avatar, rendering the result."""

Stage = Callable[[str, float], None]
"""``stage(step, done)``: ``step`` is one of :data:`STEPS`, ``done`` the fraction of that
step already done (0 when it starts). It may raise to stop the run."""

OUTPUT_NAMES = {"json": "avatar.json", "svg": "avatar.svg", "png": "avatar.png",
                "report": "report.html"}


@dataclass(frozen=True)
class Result:
    """A generated avatar.

    ``params`` (editable, ``params.to_json()`` is loadable by ``facemoji render
    --params``), ``svg``, ``png`` (bytes, 512 px), the ``score`` and its ``terms``,
    ``rankings`` ``{feature: [(option, score), ...]}`` best first, ``seconds`` spent,
    what was ``measured``, small ``photos`` thumbnails and any ``warnings``.
    """

    style: str
    method: str
    params: Params
    svg: str
    png: bytes
    score: float
    terms: dict[str, float | None]
    rankings: dict[str, Ranking]
    seconds: float
    measured: Measured
    photos: list[RGBImage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self, files: dict[str, str] | None = None) -> dict[str, Any]:
        """The ``generate --json`` document."""
        return {
            "style": self.style,
            "method": self.method,
            "params": self.params.to_dict(),
            "files": files or {},
            "score": self.score,
            "terms": self.terms,
            "rankings": {k: [[v, s] for v, s in r] for k, r in self.rankings.items()},
            "seconds": round(self.seconds, 3),
            "warnings": self.warnings,
        }

    def save(self, outdir: str | Path, *, force: bool = False, report: bool = True
             ) -> dict[str, str]:
        """Write ``avatar.json``, ``avatar.svg``, ``avatar.png`` and ``report.html`` into
        ``outdir`` (created if its parent exists) and return ``{"json", "svg", "png",
        "report": path}``; ``report=False`` leaves out the report (about a second of
        small renders: a batch of thousands may not want it) and its key, and removes the
        report of an earlier set there, which would describe another avatar.

        The files are written together (:func:`facemoji.outputs.write_files`): an
        interrupt or an error leaves the previous set whole, and no file is written
        through a symbolic link. Refuses to replace or remove them unless ``force``
        (:class:`~facemoji.errors.BadArgument`, raised before anything is written).
        """
        from ..outputs import check_folder, write_files
        from .report_html import report_html

        check_folder(outdir, OUTPUT_NAMES.values(), force=force)
        contents = {OUTPUT_NAMES["json"]: self.params.to_json() + "\n",
                    OUTPUT_NAMES["svg"]: self.svg, OUTPUT_NAMES["png"]: self.png}
        if report:
            contents[OUTPUT_NAMES["report"]] = report_html(self)
        written = write_files(outdir, contents, force=force,
                              remove=() if report else [OUTPUT_NAMES["report"]])
        return {key: str(written[name]) for key, name in OUTPUT_NAMES.items()
                if name in written}


def check_seed(seed: object) -> int:
    """``seed`` if it is an integer in :data:`SEED_RANGE`, else :class:`BadArgument`."""
    if isinstance(seed, bool) or not isinstance(seed, int) or seed not in SEED_RANGE:
        raise BadArgument(f"seed must be an integer in 0..{SEED_RANGE[-1]}, "
                          f"got {str(seed)[:40]}")
    return seed


def face_indices(face_index: int | Sequence[int | None] | None, photos: int
                 ) -> list[int | None]:
    """One face index (or ``None``: the largest) per photo: ``face_index`` is ``None``, one
    index for every photo, or a sequence of one per photo."""
    if face_index is None or isinstance(face_index, int):
        indices: list[int | None] = [face_index] * photos
    else:
        indices = list(face_index)
        if len(indices) == 1:
            indices *= photos
        if len(indices) != photos:
            raise BadArgument(f"{len(indices)} face indices for {photos} photos: give one "
                              "for every photo, or one for all")
    for index in indices:
        if index is not None and (isinstance(index, bool) or not isinstance(index, int)
                                  or index < 0):
            raise BadArgument(f"a face index is 0 or more (0: the largest face), got {index}")
    return indices


def _analyze(photo: Any, name: str | None, stage: Callable[[str], None] | None,
             face_index: int | None) -> Any:
    if hasattr(photo, "attributes"):  # already a FaceAnalysis
        return photo
    from ..face.analyze import analyze

    return analyze(photo, embed=True, name=name, stage=stage, face_index=face_index)


def _photo_warnings(analyses: Sequence[Any], names: Sequence[str]) -> list[str]:
    """A warning per photo with several faces (the largest is used), per photo that does
    not look like the same person as the others (of two photos: that they differ), and
    one where every photo is black and white (the colors are then guesses)."""
    warnings = []
    for name, analysis in zip(names, analyses, strict=True):
        faces = getattr(analysis, "faces", 1)
        if faces > 1:
            index = getattr(analysis, "face_index", 0)
            used = "the largest" if index == 0 else f"face {index} (largest first)"
            warnings.append(f"{name}: {used} of {faces} faces was used (--face-index picks "
                            "another)")
    embedded = [a for a in analyses if getattr(a, "embedding", None) is not None]
    if len(embedded) == len(analyses):
        odd = odd_ones_out(np.array([a.embedding for a in analyses], np.float64))
        if len(analyses) == 2 and odd:  # which of two is the stranger, nothing tells
            warnings.append(f"{names[0]} and {names[1]} do not look like the same person")
        else:
            warnings += [f"{names[i]} does not look like the same person as the others"
                         for i in odd]
    if all_black_and_white([getattr(a, "attributes", None) for a in analyses]):
        warnings.append("every photo is black and white: the hair and eye colors are "
                        "guesses (add a color photo)")
    for message in warnings:
        log.info(message)
    return warnings


def _thumbnail(analysis: Any, size: int = 160) -> RGBImage | None:
    from PIL import Image

    image = getattr(analysis, "image", None)
    if image is None:
        image = getattr(analysis, "chip", None)
    image = getattr(image, "rgb", image)  # a Chip object carries its pixels as .rgb
    if image is None:
        return None
    array = np.asarray(image)
    if array.dtype != np.uint8:
        array = (np.clip(array, 0, 1) * 255).astype(np.uint8)
    tile = Image.fromarray(array[..., :3])
    tile.thumbnail((size, size))
    return np.asarray(tile)


def odd_ones_out(embeddings: np.ndarray, threshold: float = SAME_PERSON) -> list[int]:
    """Indices of the photos farther than ``threshold`` from the most central one (the
    photo with the smallest median distance to the others)."""
    if len(embeddings) < 2:
        return []
    d = np.linalg.norm(embeddings[:, None] - embeddings[None], axis=2)
    n = len(embeddings)
    center = int(np.argmin([np.median(np.delete(d[i], i)) for i in range(n)]))
    return [i for i in range(n) if d[center, i] > threshold]


def generate(
    photos: Sequence[Any] | Any,
    style: str = "facemoji",
    method: str = DEFAULT_METHOD,
    budget: int | None = None,
    seed: int = 0,
    *,
    embedder: Any = None,
    metric: str = "cosine",
    weights: Weights | None = None,
    seconds: float | None = None,
    via_gan: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
    stage: Stage | None = None,
    names: Sequence[str] | None = None,
    face_index: int | Sequence[int | None] | None = None,
) -> Result:
    """Make an avatar of the person in ``photos``.

    ``photos``: one or more paths, bytes, PIL or RGB arrays (or ``FaceAnalysis``
    objects), all of the same person. ``method``: ``"attributes"`` (direct mapping,
    well under a second), ``"greedy"`` (the default: feature by feature, ``budget`` =
    rounds; it recognised best in docs/benchmarks.md) or ``"search"`` (global,
    ``budget`` = identity embeddings). Same photos and ``seed``, same avatar.
    ``via_gan``: an ONNX model from ``facemoji gan export``; each photo is translated
    to a cartoon first and the identity term compares avatars with those cartoons
    (cartoon-to-cartoon), while colors and accessories still come from the photos.
    ``workers``: extra processes for the identity embeddings (default: one per usable
    core beyond this one; 0: none; ignored with a given ``embedder``).
    ``progress`` is called with 1 per step of the fit (greedy: per feature and round;
    search: per identity embedding); ``stage`` with each step of :data:`STEPS` as it
    starts and goes on (see :data:`Stage`; photos already analysed skip the first two).
    ``names`` name the photos in warnings (default: "photo 1", "photo 2", ...).
    Warnings name each photo with several faces (the largest is used) and each photo
    that does not look like the same person as the others (of two photos, both), and
    say when every photo is black and white.
    ``face_index``: which face of a photo with several (0, the default, is the largest):
    one index for every photo, or a sequence of one per photo (``None``: the largest).
    ``seed`` is an integer in :data:`SEED_RANGE`; options are checked before any photo is
    analysed.
    Raises :class:`~facemoji.errors.BadImage` / :class:`~facemoji.errors.NoFaceFound`
    for unusable photos, :class:`~facemoji.errors.BadArgument` for bad options.
    """
    t0 = time.perf_counter()
    if method not in METHODS:
        raise BadArgument(f"unknown method {method!r}; valid: {', '.join(METHODS)}")
    items = list(photos) if isinstance(photos, (list, tuple)) else [photos]
    if not items:
        raise BadArgument("generate needs at least one photo")
    budget = DEFAULT_BUDGET[method] if budget is None else budget
    if budget < 0:
        raise BadArgument(f"budget must be >= 0, not {budget}")
    check_seed(seed)
    indices = face_indices(face_index, len(items))
    chosen_style = get_style(style)
    # identity embeddings spread over the usable cores (see .pool); none for attributes
    pool = embedder is None and method != "attributes" and budget > 0 and workers != 0
    labels = list(names) if names is not None else [f"photo {i + 1}" for i in
                                                     range(len(items))]
    if len(labels) != len(items):
        raise BadArgument(f"{len(labels)} names for {len(items)} photos")
    report = stage or (lambda step, done: None)
    fitting = _FitProgress(report, _fit_steps(method, budget, chosen_style), progress)
    with pooled(workers=workers) if pool else nullcontext(embedder) as embedder:
        analyses = [_analyze(item, None if names is None else label,
                             lambda step, i=i: report(step, i / len(items)), index)
                    for i, (item, label, index) in enumerate(zip(items, labels, indices,
                                                                strict=True))]
        warnings = _photo_warnings(analyses, labels)
        report("fitting", 0.0)
        objective = Objective(analyses, chosen_style, embedder=embedder, metric=metric,
                              weights=weights)
        if via_gan is not None:
            objective.ref_embeddings = _cartoon_embeddings(items, analyses, via_gan,
                                                           objective.embedder)
        params = initial_params(objective.measured, chosen_style.schema)
        rankings: dict[str, Ranking] = {}
        if method == "greedy" and budget > 0:
            found = greedy(objective, params, rounds=budget, shortlist=_shortlist(objective),
                           progress=fitting)
            params, rankings = found.params, found.rankings
        elif method == "search" and budget > 0:
            params = search(objective, params, budget=budget, seconds=seconds, seed=seed,
                            progress=fitting).params
        if not rankings:
            # rank each choice's options around the result for the report; after a search,
            # an alternative that scores better is taken (a greedy polish at no extra cost)
            for f in chosen_style.schema.of_kind("choice"):
                assert isinstance(f, Choice)
                if method == "attributes":
                    rankings[f.name] = _cheap_ranking(objective, params, f)
                    continue
                rankings[f.name] = rank_feature(objective, params, f.name, shortlist=RANKED)
                params = params.set(f.name, rankings[f.name][0][0])
                fitting.step()
        report("fitting", 1.0)
        report("rendering", 0.0)
        final = objective.evaluate([params], identity=method != "attributes")[0]
    svg = chosen_style.svg(params)
    png = svg_to_png(svg, 512)
    thumbs = [t for t in (_thumbnail(a) for a in analyses) if t is not None]
    report("rendering", 1.0)
    return Result(
        style=chosen_style.name, method=method, params=params, svg=svg, png=png,
        score=final.score, terms=final.terms, rankings=rankings,
        seconds=time.perf_counter() - t0, measured=objective.measured, photos=thumbs,
        warnings=warnings,
    )


def _fit_steps(method: str, budget: int, style: Any) -> int:
    """How many steps the fit reports: greedy one per feature and round, search one per
    identity embedding and then one per choice feature ranked around the result."""
    if method == "greedy" and budget > 0:
        return budget * len(style.schema.names)
    if method == "search" and budget > 0:
        return budget + len(style.schema.of_kind("choice"))
    return 0


class _FitProgress:
    """The fit's ``progress`` callback: passes each step on to the caller's ``progress``
    and reports the fraction done to ``stage("fitting", ...)``."""

    def __init__(self, stage: Stage, total: int,
                 progress: Callable[[int], None] | None) -> None:
        self.stage, self.total, self.progress = stage, total, progress
        self.done = 0

    def __call__(self, n: int) -> None:
        if self.progress is not None:
            self.progress(n)
        self.step(n)

    def step(self, n: int = 1) -> None:
        self.done += n
        self.stage("fitting", min(1.0, self.done / self.total) if self.total else 1.0)


def _shortlist(objective: Objective) -> dict[str, int] | int:
    shape = objective.mapping.shape
    return GREEDY_SHORTLIST if shape is None else dict.fromkeys(shape, GREEDY_SHORTLIST)


def _cartoon_embeddings(photos: Sequence[Any], analyses: Sequence[Any], model: str | Path,
                        embedder: Any) -> np.ndarray:
    """Embeddings of the GAN's cartoons of ``photos``, aligned by the faces their
    ``analyses`` already found (no second detection)."""
    from ..face.image import load_image
    from ..gan.translate import Translator

    translator = Translator(model)
    out = []
    for photo, analysis in zip(photos, analyses, strict=True):
        if hasattr(photo, "attributes"):
            raise BadArgument("--via-gan needs the photos themselves, not analyses")
        cartoon, landmarks = translator.translate_photo(load_image(photo),
                                                        analysis.detection.landmarks)
        if landmarks is None:
            raise BadArgument("the GAN model returned no landmarks to align its cartoon")
        out.append(embedder.embed_batch([cartoon], [landmarks])[0])
    return np.array(out, np.float32)


def _cheap_ranking(objective: Objective, params: Params, feature: Choice) -> Ranking:
    variants = [params.set(feature.name, v) for v in feature.ids]
    scored = objective.evaluate(variants, identity=False)
    pairs = [(v, e.score) for v, e in zip(feature.ids, scored, strict=True)]
    return sorted(pairs, key=lambda item: -item[1])
