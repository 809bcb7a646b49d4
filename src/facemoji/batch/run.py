"""``run_batch``: the people of an INPUT, through a task, on an engine, into OUT."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import BadArgument
from ..outputs import write_file
from .inputs import read_people, synth_jobs
from .results import OPTIONS, ResultsFile, Summary, summarize
from .tasks import Task, make_task


@dataclass(frozen=True)
class Plan:
    """What a batch is about to do: ``people`` in INPUT, ``resumed`` of them finished
    already, ``todo`` left, on ``engine`` with ``workers`` (local: 0 is this process;
    Ray: 0 until the cluster is reached); ``unit`` names one job (person, avatar);
    ``notes`` on what INPUT skipped."""

    task: str
    unit: str
    people: int
    resumed: int
    todo: int
    engine: str
    workers: int
    notes: list[str]


def run_batch(
    source: str | Path | None,
    output: str | Path,
    *,
    task: str = "generate",
    style: str = "facemoji",
    method: str = "greedy",
    budget: int | None = None,
    seed: int = 0,
    model: str | Path | None = None,
    count: int | None = None,
    size: int = 128,
    padding: float = 0.5,
    report: bool = True,
    workers: int | None = None,
    ray: str | None = None,
    resume: bool = False,
    force: bool = False,
    on_start: Callable[[Plan], None] | None = None,
    on_result: Callable[[dict[str, Any]], None] | None = None,
) -> Summary:
    """Run ``task`` for every person of ``source`` into the folder ``output``.

    ``source`` (INPUT): a folder of per-person folders, a folder of single photos, or a
    ``.csv``/``.jsonl`` manifest of ``person, photo`` rows (see
    :mod:`facemoji.batch.inputs`); ``None`` for ``task="synth"``, which makes ``count``
    random avatars instead (seeds ``seed`` …, chips of ``size`` px, face margin
    ``padding``). ``task``: ``"generate"`` (``style``, ``method``, ``budget``, ``seed`` as
    in :func:`facemoji.generate`; ``report=False``: no ``report.html``), ``"analyze"``,
    ``"translate"`` (``model``: an ONNX export) or ``"synth"``.

    ``workers``: processes on this machine (default one per core; 0 runs in this
    process), or Ray actors with ``ray`` (a cluster address: ``"auto"``,
    ``"ray://host:10001"``, ``"local"``; default one per cluster CPU). The local engine
    spawns processes, which re-import the calling script: guard a script's top level
    with ``if __name__ == "__main__":``.

    Each person's files go to ``output/<person>/`` and their line to
    ``output/results.jsonl`` as they finish; ``resume`` skips the people already
    finished there (with the task and options recorded in ``output/batch.json``: others
    are refused), ``force`` starts again over a previous batch. ``on_start`` gets the
    :class:`Plan`, ``on_result`` each person's line. A bad photo or a person without a
    usable face is a failed line, not an error; Ctrl-C (``KeyboardInterrupt``) loses only
    the people in flight. Returns the :class:`~facemoji.batch.results.Summary`.
    """
    chosen = make_task(task, style=style, method=method, budget=budget, seed=seed,
                       model=model, size=size, padding=padding, report=report)
    if task == "synth":
        if source is not None:
            raise BadArgument("synth makes random avatars: give -n, not INPUT")
        jobs, notes = synth_jobs(style, count or 0, seed), []
    else:
        if source is None:
            raise BadArgument("batch needs INPUT: a folder of people, a folder of photos, "
                              "or a manifest (.csv or .jsonl)")
        people = read_people(source)
        jobs, notes = people.jobs, people.notes
    engine = _engine(ray, workers)
    out = Path(output)
    with ResultsFile(out, resume=resume, force=force) as results:
        _same_options(out, chosen, resume)
        todo = [job for job in jobs if job.name not in results.lines]
        resumed = len(jobs) - len(todo)
        if on_start:
            on_start(Plan(chosen.name, chosen.unit, len(jobs), resumed, len(todo),
                          engine.name, engine.workers, notes))
        start = time.perf_counter()
        processed = 0
        with closing(engine.run(chosen, todo, out)) as outcomes:
            for outcome in outcomes:
                results.write(outcome.line())
                processed += 1
                if on_result:
                    on_result(outcome.line())
        seconds = time.perf_counter() - start
        chosen.finish(out, list(results.lines.values()))
        return summarize(results, [job.name for job in jobs], task=chosen.name,
                         engine=engine.name, workers=engine.workers, resumed=resumed,
                         processed=processed, seconds=seconds, notes=notes)


def _same_options(out: Path, task: Task, resume: bool) -> None:
    """Record ``task`` and its options in ``OUT/``:data:`OPTIONS`; a ``resume`` with other
    ones is refused (its people would be made unlike the finished ones, e.g. some
    without a report or by another method). A batch from before the file is resumed as
    it is."""
    options = {"task": task.name, **{f.name: getattr(task, f.name) for f in fields(task)
                                      if f.init}}
    path = out / OPTIONS
    if resume and path.is_file():
        try:
            earlier = json.loads(path.read_text())
        except (OSError, ValueError):
            earlier = None
        if isinstance(earlier, dict) and earlier != options:
            changed = ", ".join(f"{key} {earlier.get(key)!r} now {options.get(key)!r}"
                                for key in sorted({*earlier, *options})
                                if earlier.get(key) != options.get(key))
            raise BadArgument(f"this batch was started with other options ({changed}): "
                              "resume it with the same ones, or start again with --force")
    write_file(path, json.dumps(options, indent=2) + "\n", force=True)


def _engine(ray: str | None, workers: int | None) -> Any:
    if ray:
        from .cluster import RayEngine

        return RayEngine(ray, workers)
    from .local import LocalEngine

    if workers is not None and workers < 0:
        raise BadArgument(f"--workers must be >= 0, not {workers}")
    return LocalEngine(workers)
