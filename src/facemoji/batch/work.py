"""One job, start to finish, wherever it runs: :func:`execute` turns any outcome (a made
person, a bad photo, a bug) into an :class:`Outcome`, the person's line in
``results.jsonl``; :func:`store` writes the product where OUT is reachable."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BadImage, FacemojiError, NoFaceFound
from .inputs import Job
from .tasks import PersonFailed, Task

log = logging.getLogger(__name__)

FINAL_REASONS = frozenset({"no_photos", "bad_photo", "no_face", "bad_input"})
"""Failures a rerun would repeat (the input is at fault): ``--resume`` keeps them. Other
reasons (``error``: a bug or a missing resource, ``worker_lost``: a worker died,
``write_error``: OUT could not be written) are tried again."""


@dataclass
class Outcome:
    """What became of one job. ``files`` are relative to OUT, with their ``sizes`` in
    bytes; ``product`` is set only while the product still has to be saved by the
    driver (a worker that cannot reach OUT)."""

    name: str
    status: str
    seconds: float
    score: float | None = None
    warnings: list[str] = field(default_factory=list)
    reason: str | None = None
    error: str | None = None
    files: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    product: Any = None

    def line(self) -> dict[str, Any]:
        """The person's line in ``results.jsonl``."""
        return {"person": self.name, "status": self.status, "reason": self.reason,
                "error": self.error, "score": self.score, "seconds": round(self.seconds, 3),
                "warnings": self.warnings, "files": self.files, "sizes": self.sizes,
                **self.extra}


def failed(job: Job, reason: str, error: str, seconds: float = 0.0,
           warnings: list[str] | None = None) -> Outcome:
    """A failed outcome of ``job``."""
    return Outcome(job.name, "failed", seconds, warnings=warnings or [], reason=reason,
                   error=error)


def execute(task: Task, job: Job, out: Path | None) -> Outcome:
    """Run ``task`` on ``job``; save the product under ``out`` unless ``out`` is
    ``None`` (then the outcome carries it for :func:`store`). Never raises for a bad
    person: every failure is an outcome with its reason."""
    start = time.perf_counter()
    try:
        made = task.run(job)
    except PersonFailed as exc:
        return failed(job, exc.reason, str(exc), time.perf_counter() - start)
    except (BadImage, NoFaceFound, FacemojiError) as exc:
        reason = ("bad_photo" if isinstance(exc, BadImage) else
                  "no_face" if isinstance(exc, NoFaceFound) else "bad_input")
        return failed(job, reason, str(exc), time.perf_counter() - start)
    except Exception as exc:
        log.debug("%s failed", job.name, exc_info=True)
        return failed(job, "error", f"{type(exc).__name__}: {exc}",
                      time.perf_counter() - start)
    outcome = Outcome(job.name, "done", time.perf_counter() - start, score=made.score,
                      warnings=made.warnings, extra=made.extra, product=made.product)
    return store(task, outcome, out) if out is not None else outcome


def store(task: Task, outcome: Outcome, out: Path) -> Outcome:
    """Save ``outcome``'s product under ``out`` and record its files; a product that
    cannot be written makes the outcome a ``write_error`` failure."""
    try:
        paths = task.save(outcome.product, out, outcome.name)
        outcome.files = {kind: os.path.relpath(p, out) for kind, p in paths.items()}
        outcome.sizes = {kind: p.stat().st_size for kind, p in paths.items()}
    except (OSError, FacemojiError) as exc:
        outcome.status, outcome.reason, outcome.error = "failed", "write_error", str(exc)
        outcome.files, outcome.sizes = {}, {}
    outcome.product = None
    return outcome

