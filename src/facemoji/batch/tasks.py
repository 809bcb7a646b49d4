"""What a batch does to each person: ``generate``, ``analyze``, ``translate`` or ``synth``.

A task is a small picklable value (its options) sent once to every worker, where
:meth:`Task.setup` loads its models; :meth:`Task.run` then makes one person's product in
memory and :meth:`Task.save`, in the same worker, writes it under OUT (or under a
temporary folder, on a machine that cannot see OUT). Each task reuses the
code of the command it repeats (``generate``, ``analyze``, ``gan translate``,
``gan synth``).

One bad photo among good ones is a warning and the person is made from the good ones;
a person with no usable photo fails with the reason (:class:`PersonFailed`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from ..errors import BadArgument, BadImage, FacemojiError, NoFaceFound
from ..outputs import write_file, write_files
from .inputs import Job

T = TypeVar("T")

TASKS = ("generate", "analyze", "translate", "synth")


class PersonFailed(FacemojiError):
    """A person the task cannot make; ``reason`` is a short tag for the summary
    (``no_photos``, ``bad_photo``, ``no_face``)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class Made:
    """One person's product, before it is saved: ``product`` (what :meth:`Task.save`
    writes), its ``score`` if the task has one, ``warnings``, and ``extra`` fields for the
    person's line in ``results.jsonl``."""

    product: Any
    score: float | None = None
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


class Task(Protocol):
    """One kind of batch work (see the module docstring)."""

    name: ClassVar[str]
    unit: ClassVar[str]
    """What one job is, for the progress bar: ``person`` or ``avatar``."""

    def check(self) -> None:
        """Raise :class:`~facemoji.errors.BadArgument` for unusable options, before any
        worker starts."""

    def setup(self, threads: int) -> None:
        """Load the models, once per worker; ``threads``: the cores this worker may use."""

    def run(self, job: Job) -> Made:
        """Make one person; raises :class:`~facemoji.errors.FacemojiError` for bad input."""

    def save(self, product: Any, out: Path, name: str) -> dict[str, Path]:
        """Write ``product`` of the job ``name`` under ``out``; returns the files written,
        by kind (``{"png": path, ...}``)."""

    def finish(self, out: Path, lines: list[dict[str, Any]]) -> None:
        """After the last person: write files about the whole batch (``lines``: every
        person's line in ``results.jsonl``)."""


def make_task(name: str, *, style: str = "facemoji", method: str = "greedy",
              budget: int | None = None, seed: int = 0, model: str | Path | None = None,
              size: int = 128, padding: float = 0.5, report: bool = True) -> Task:
    """The task ``name`` with its options (the others are ignored), checked."""
    task: Task
    if name == "generate":
        task = GenerateTask(style, method, budget, seed, report)
    elif name == "analyze":
        task = AnalyzeTask()
    elif name == "translate":
        if model is None:
            raise BadArgument("translate needs --model, an ONNX model from `facemoji gan "
                              "export`")
        task = TranslateTask(str(Path(model).absolute()))
    elif name == "synth":
        task = SynthTask(style, size, padding)
    else:
        raise BadArgument(f"unknown task {name!r}; valid: {', '.join(TASKS)}")
    task.check()
    return task


class _PhotoTask:
    """Shared by the tasks that read photos: nothing to write at the end."""

    def finish(self, out: Path, lines: list[dict[str, Any]]) -> None:
        """Nothing: each person's files are all there is."""


@dataclass(frozen=True)
class GenerateTask(_PhotoTask):
    """``facemoji generate`` for each person: ``OUT/person/avatar.json/.svg/.png`` and
    ``report.html`` (unless not ``report``), written by :meth:`Result.save
    <facemoji.Result.save>`."""

    style: str = "facemoji"
    method: str = "greedy"
    budget: int | None = None
    seed: int = 0
    report: bool = True
    name: ClassVar[str] = "generate"
    unit: ClassVar[str] = "person"

    def check(self) -> None:
        """Unknown style or method, negative budget."""
        from ..avatar.style import get_style
        from ..match.generate import METHODS

        if self.method not in METHODS:
            raise BadArgument(f"unknown method {self.method!r}; valid: {', '.join(METHODS)}")
        if self.budget is not None and self.budget < 0:
            raise BadArgument(f"--budget must be >= 0, not {self.budget}")
        get_style(self.style)

    def setup(self, threads: int) -> None:
        """The face models and the style."""
        from ..avatar.style import get_style
        from ..face.analyze import preload_models

        preload_models(embed=True)
        get_style(self.style)

    def run(self, job: Job) -> Made:
        """Analyse each photo (skipping bad ones), then fit one avatar to the rest; the
        embedding stays in this worker (``workers=0``): the batch has the cores."""
        from ..face.analyze import analyze
        from ..match.generate import generate

        analyses, warnings = _each_photo(job, lambda image, name: analyze(
            image, embed=True, name=name))
        result = generate([a for _, a in analyses], style=self.style, method=self.method,
                          budget=self.budget, seed=self.seed, workers=0)
        return Made(result, result.score, warnings + result.warnings)

    def save(self, product: Any, out: Path, name: str) -> dict[str, Path]:
        """``Result.save`` into ``OUT/name`` (replacing what an interrupted run left)."""
        return {kind: Path(p) for kind, p in
                product.save(out / name, force=True, report=self.report).items()}


@dataclass(frozen=True)
class AnalyzeTask(_PhotoTask):
    """``facemoji analyze --json`` of each photo: ``OUT/person/analysis.json``,
    ``{photo file name: analysis}``."""

    name: ClassVar[str] = "analyze"
    unit: ClassVar[str] = "person"

    def check(self) -> None:
        """No options to check."""

    def setup(self, threads: int) -> None:
        """The face models but the embedder (analyze does not embed)."""
        from ..face.analyze import preload_models

        preload_models(embed=False)

    def run(self, job: Job) -> Made:
        """One analysis per usable photo."""
        from ..face.analyze import analyze

        docs, warnings = _each_photo(job, lambda image, name: analyze(
            image, embed=False, name=name).to_dict())
        return Made(dict(docs), None, warnings)

    def save(self, product: Any, out: Path, name: str) -> dict[str, Path]:
        """``OUT/name/analysis.json``."""
        return {"json": write_file(out / name / "analysis.json",
                                   json.dumps(product, indent=2) + "\n", force=True)}


@dataclass
class TranslateTask(_PhotoTask):
    """``facemoji gan translate`` of each person's photos: ``OUT/person/<photo>.png``."""

    model: str
    translator: Any = field(default=None, init=False, repr=False, compare=False)
    """The loaded model, once :meth:`setup` ran (in the worker)."""
    name: ClassVar[str] = "translate"
    unit: ClassVar[str] = "person"

    def check(self) -> None:
        """The model loads and is a facemoji GAN export."""
        from ..gan.translate import Translator

        Translator(self.model)

    def setup(self, threads: int) -> None:
        """The GAN model and the face detector."""
        from ..face.analyze import preload_models
        from ..gan.translate import Translator

        preload_models(embed=False)
        self.translator = Translator(self.model, threads=threads)

    def run(self, job: Job) -> Made:
        """Detect, align and translate each usable photo."""
        from ..face.detect import detect_face
        from ..gan.translate import cartoon_targets

        def translate(image: Any, name: str) -> Any:
            detection, _ = detect_face(image, name=name)
            return self.translator.translate_photo(image, detection.landmarks)[0]

        cartoons, warnings = _each_photo(job, translate)
        targets = cartoon_targets([name for name, _ in cartoons], Path())
        return Made([(t.name, c) for t, (_, c) in zip(targets, cartoons, strict=True)],
                    None, warnings)

    def save(self, product: Any, out: Path, name: str) -> dict[str, Path]:
        """One PNG per photo in ``OUT/name``, by file name."""
        from ..report import encode_image

        return write_files(out / name, {file_name: encode_image(cartoon, ".png")
                                        for file_name, cartoon in product}, force=True)


@dataclass(frozen=True)
class SynthTask:
    """``facemoji gan synth`` spread over workers: one random avatar per job, written
    as ``OUT/<style>_<seed>.png``, and ``OUT/landmarks.json`` at the end, so that OUT is
    a folder ``facemoji gan train --avatars`` reads."""

    style: str = "facemoji"
    size: int = 128
    padding: float = 0.5
    name: ClassVar[str] = "synth"
    unit: ClassVar[str] = "avatar"

    def check(self) -> None:
        """Known style, sensible size."""
        from ..avatar.style import get_style

        if not 16 <= self.size <= 2048:
            raise BadArgument(f"--size must be 16 … 2048 pixels, not {self.size}")
        get_style(self.style)

    def setup(self, threads: int) -> None:
        """The style."""
        from ..avatar.style import get_style

        get_style(self.style)

    def run(self, job: Job) -> Made:
        """Render ``schema.random(job.seed)`` and frame it like a photo chip."""
        from ..avatar.render import render
        from ..avatar.style import get_style
        from ..gan.data import RENDER_SCALE, frame_avatar

        style = get_style(self.style)
        params = style.schema.random(seed=job.seed)
        image = render(params, RENDER_SCALE * self.size)
        chip, landmarks = frame_avatar(style, params, image, self.size, self.padding)
        return Made(chip, None, [], {"landmarks": landmarks})

    def save(self, product: Any, out: Path, name: str) -> dict[str, Path]:
        """``OUT/name.png``."""
        from ..report import encode_image

        return {"png": write_file(out / f"{name}.png", encode_image(product, ".png"),
                                  force=True)}

    def finish(self, out: Path, lines: list[dict[str, Any]]) -> None:
        """``OUT/landmarks.json`` from every done avatar's line."""
        from ..gan.data import write_landmarks

        write_landmarks(out, {os.path.basename(line["files"]["png"]): line["landmarks"]
                              for line in lines
                              if line.get("status") == "done" and "landmarks" in line})


def _each_photo(job: Job, step: Callable[[Any, str], T]) -> tuple[list[tuple[str, T]],
                                                                    list[str]]:
    """``step(image, file name)`` of each photo of ``job`` that can be read and has a
    face, and a warning for each other one. Raises :class:`PersonFailed` when none is
    left, with ``no_face`` if some photo could at least be read, else ``bad_photo``."""
    from ..face.image import decode_image, load_image

    if not job.photos:
        raise PersonFailed("no_photos", "no photos")
    made: list[tuple[str, T]] = []
    warnings: list[str] = []
    readable = 0
    for photo in job.photos:
        path = photo if isinstance(photo, str) else photo[0]
        name = os.path.basename(path)
        try:
            image = load_image(photo) if isinstance(photo, str) else decode_image(photo[1],
                                                                                  path)
            readable += 1
            made.append((name, step(image, name)))
        except (BadImage, NoFaceFound) as exc:
            warnings.append(str(exc))
    if not made:
        reason = "no_face" if readable else "bad_photo"
        raise PersonFailed(reason, "; ".join(warnings))
    return made, warnings
