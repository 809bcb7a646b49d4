"""One job, start to finish, wherever it runs: :func:`execute` turns any outcome (a made
person, a bad photo, a bug) into an :class:`Outcome`, the person's line in
``results.jsonl``, with the person's files saved under OUT, or, on a machine that cannot
see OUT, saved in a temporary folder and carried back as bytes for :func:`deliver`."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BadImage, FacemojiError, NoFaceFound
from ..outputs import write_file
from .inputs import Job
from .tasks import PersonFailed, Task

log = logging.getLogger(__name__)

FINAL_REASONS = frozenset({"no_photos", "bad_photo", "no_face", "bad_input"})
"""Failures a rerun would repeat (the input is at fault): ``--resume`` keeps them. Other
reasons (``error``: a bug or a missing resource, ``worker_lost``: a worker died,
``write_error``: a file could not be written) are tried again."""


@dataclass
class Outcome:
    """What became of one job. ``files`` are relative to OUT, with their ``sizes`` in
    bytes; ``payload`` (``{relative path: bytes}``) holds them while they still have to
    be written under OUT by the driver."""

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
    payload: dict[str, bytes] | None = None

    def line(self) -> dict[str, Any]:
        """The person's line in ``results.jsonl``."""
        return {"person": self.name, "status": self.status, "reason": self.reason,
                "error": self.error, "score": self.score, "seconds": round(self.seconds, 3),
                "warnings": self.warnings, "files": self.files, "sizes": self.sizes,
                **self.extra}

    def fail(self, reason: str, error: str) -> Outcome:
        """This outcome as a failure, without files."""
        self.status, self.reason, self.error = "failed", reason, error
        self.files, self.sizes, self.payload = {}, {}, None
        return self


def failed(job: Job, reason: str, error: str, seconds: float = 0.0) -> Outcome:
    """A failed outcome of ``job``."""
    return Outcome(job.name, "failed", seconds, reason=reason, error=error)


def execute(task: Task, job: Job, out: Path | None) -> Outcome:
    """Run ``task`` on ``job`` and save the product under ``out``; with ``out=None`` in a
    temporary folder, read back into the outcome's ``payload``. Never raises for a bad
    person: every failure is an outcome with its reason."""
    start = time.perf_counter()
    try:
        made = task.run(job)
    except PersonFailed as exc:
        return failed(job, exc.reason, str(exc), time.perf_counter() - start)
    except FacemojiError as exc:
        reason = ("bad_photo" if isinstance(exc, BadImage) else
                  "no_face" if isinstance(exc, NoFaceFound) else "bad_input")
        return failed(job, reason, str(exc), time.perf_counter() - start)
    except Exception as exc:
        log.debug("%s failed", job.name, exc_info=True)
        return failed(job, "error", f"{type(exc).__name__}: {exc}",
                      time.perf_counter() - start)
    outcome = Outcome(job.name, "done", time.perf_counter() - start, score=made.score,
                      warnings=made.warnings, extra=made.extra)
    try:
        if out is not None:
            _record(outcome, task.save(made.product, out, job.name), out)
        else:
            with tempfile.TemporaryDirectory(prefix="facemoji-batch-") as tmp:
                _record(outcome, task.save(made.product, Path(tmp), job.name), Path(tmp))
                outcome.payload = {rel: (Path(tmp) / rel).read_bytes()
                                   for rel in outcome.files.values()}
    except (OSError, FacemojiError) as exc:
        outcome.fail("write_error", str(exc))
    return outcome


def _record(outcome: Outcome, paths: dict[str, Path], root: Path) -> None:
    outcome.files = {kind: os.path.relpath(p, root) for kind, p in paths.items()}
    outcome.sizes = {kind: p.stat().st_size for kind, p in paths.items()}


def deliver(outcome: Outcome, out: Path) -> Outcome:
    """Write an outcome's ``payload`` under ``out`` (each file whole, see
    :mod:`facemoji.outputs`); a file that cannot be written makes it a ``write_error``
    failure."""
    try:
        for rel, data in (outcome.payload or {}).items():
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            write_file(target, data, force=True)
    except (OSError, FacemojiError) as exc:
        return outcome.fail("write_error", str(exc))
    outcome.payload = None
    return outcome
