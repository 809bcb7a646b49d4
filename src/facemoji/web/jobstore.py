"""Background generate jobs (``/api/jobs``): their state, progress and result, in memory.

A job runs as an asyncio task of the server (which waits on a worker process). The
page polls it; a job nobody has polled for ``abandon_after`` seconds (the page was
closed or reloaded) is cancelled, which stops its worker. Finished jobs are kept
``keep_for`` seconds, and at most ``max_jobs`` jobs are held at once.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import FacemojiError
from .errors import Busy, status_for

log = logging.getLogger(__name__)

State = Literal["queued", "running", "done", "failed", "cancelled"]
Step = Literal["queued", "detecting", "measuring", "fitting", "rendering"]
FINISHED = ("done", "failed", "cancelled")


@dataclass(eq=False)
class Job:
    """One generate job, as ``GET /api/jobs/{id}`` shows it (:meth:`to_dict`)."""

    id: str
    state: State = "queued"
    step: Step = "queued"
    progress: float = 0.0
    photos: list[dict[str, Any]] = field(default_factory=list)
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    seen: float = field(default_factory=time.monotonic)
    finished: float | None = None
    task: asyncio.Task[None] | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "state", "step", "progress", "photos", "result", "error"}``."""
        return {"id": self.id, "state": self.state, "step": self.step,
                "progress": self.progress, "photos": self.photos, "result": self.result,
                "error": self.error}

    def on_event(self, event: dict[str, Any]) -> None:
        """Apply what the worker reported: a step with the progress, or a photo's
        outcome."""
        if self.state in FINISHED:
            return
        if "step" in event:
            self.state, self.step = "running", event["step"]
            self.progress = max(self.progress, float(event.get("progress", 0.0)))
        if "photo" in event:
            self.state = "running"
            self.photos.append(event["photo"])

    def finish(self, state: State, *, result: dict[str, Any] | None = None,
               error: dict[str, Any] | None = None) -> None:
        if self.state in FINISHED:
            return
        self.state, self.result, self.error = state, result, error
        if state == "done":
            self.progress = 1.0
            if result is not None:
                self.photos = result.get("photos", self.photos)
        self.finished = time.monotonic()


class JobStore:
    """The jobs of this server, by id (random, unguessable)."""

    def __init__(self, *, max_jobs: int = 64, keep_for: float = 300.0,
                 abandon_after: float = 15.0) -> None:
        self.max_jobs = max_jobs
        self.keep_for = keep_for
        self.abandon_after = abandon_after
        self._jobs: dict[str, Job] = {}

    def __len__(self) -> int:
        return len(self._jobs)

    def unfinished(self) -> int:
        """How many jobs are queued or running."""
        return sum(j.state not in FINISHED for j in self._jobs.values())

    def start(self, work: Callable[[Job], Awaitable[dict[str, Any]]]) -> Job:
        """A new job running ``work(job)`` (which returns the result document and may
        feed ``job.on_event``). Raises :class:`~facemoji.web.errors.Busy` when
        ``max_jobs`` unfinished jobs are held."""
        self.sweep()
        if len(self._jobs) >= self.max_jobs:
            finished = sorted((j for j in self._jobs.values() if j.state in FINISHED),
                              key=lambda j: j.finished or 0.0)
            if not finished:
                raise Busy("too many jobs at once; try again in a minute", 60)
            del self._jobs[finished[0].id]
        job = Job(secrets.token_urlsafe(12))
        self._jobs[job.id] = job
        job.task = asyncio.create_task(self._run(job, work), name=f"facemoji-job-{job.id}")
        return job

    def get(self, job_id: str, *, seen: bool = True) -> Job | None:
        """The job ``job_id`` (``None`` if unknown or expired); ``seen`` counts this as a
        poll (it keeps the job from being abandoned)."""
        job = self._jobs.get(job_id)
        if job is not None and seen:
            job.seen = time.monotonic()
        return job

    def cancel(self, job: Job, reason: str = "cancelled") -> None:
        """Stop ``job`` if it has not finished (its worker stops too)."""
        if job.state in FINISHED:
            return
        job.finish("cancelled", error={"status": 499, "message": reason})
        if job.task is not None:
            job.task.cancel()

    def sweep(self) -> None:
        """Cancel the jobs nobody polls any more; forget finished jobs past
        ``keep_for``."""
        now = time.monotonic()
        for job in list(self._jobs.values()):
            if job.state not in FINISHED and now - job.seen > self.abandon_after:
                log.info("job %s was not polled for %.0f s: cancelled", job.id,
                         now - job.seen)
                self.cancel(job, f"nobody asked for this job for {self.abandon_after:g} s")
            elif job.finished is not None and now - job.finished > self.keep_for:
                del self._jobs[job.id]

    def stop(self) -> None:
        """Cancel every unfinished job."""
        for job in list(self._jobs.values()):
            self.cancel(job, "the server stopped")

    async def _run(self, job: Job, work: Callable[[Job], Awaitable[dict[str, Any]]]) -> None:
        try:
            result = await work(job)
        except asyncio.CancelledError:
            job.finish("cancelled", error={"status": 499, "message": "cancelled"})
        except FacemojiError as exc:
            job.finish("failed", error={"status": status_for(exc), "message": str(exc)})
        except Exception as exc:
            log.error("job %s failed", job.id, exc_info=exc)
            job.finish("failed", error={"status": 500, "message": "internal error "
                                        f"({type(exc).__name__}); see the server log"})
        else:
            job.finish("done", result=result)
