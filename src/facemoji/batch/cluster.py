"""The Ray engine: the same tasks on a Ray cluster (``pip install 'facemoji[ray]'``).

One actor per CPU (``num_cpus=1``) holds the task's loaded models; the driver hands each
actor a person at a time (two queued, so an actor never waits for the next) and writes
the results as they come back. On start every actor says whether it sees OUT and the
photos: one that sees the photos gets their paths, another their bytes; one that sees
OUT saves the person there, another saves it in a temporary folder and sends the files
back for the driver to write (the driver only writes bytes).
The cluster must have facemoji installed (the same version) on every node.

A loop over ``ray.wait`` hands out the work rather than ``ray.util.ActorPool``, because
the pool does not say which person a dead actor was making.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import BadArgument, missing_extra
from .inputs import Job
from .tasks import Task
from .work import Outcome, deliver, execute, failed

log = logging.getLogger(__name__)

IN_FLIGHT = 2
"""Jobs queued per actor: one running, one ready to start."""


class BatchWorker:
    """The actor: a set-up task, and what this node can see."""

    def __init__(self, task: Task) -> None:
        from ..worker import limit_threads

        limit_threads(1)
        task.setup(1)
        self.task = task

    def sees(self, paths: list[str]) -> list[bool]:
        """Which of ``paths`` exist on this node."""
        return [os.path.exists(p) for p in paths]

    def work(self, job: Job, out: str | None) -> Outcome:
        """:func:`~facemoji.batch.work.execute` ``job``, saving under ``out`` if given."""
        return execute(self.task, job, Path(out) if out else None)


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise missing_extra("ray", "ray") from None
    return ray


class RayEngine:
    """Actors on the Ray cluster at ``address`` (``auto``: the running cluster this
    machine belongs to; ``ray://host:10001``: a remote one; ``local``: a new one on this
    machine), ``workers`` of them (default: one per CPU of the cluster). If Ray is
    already initialised in this process, that session is used and left running.
    ``shared=False`` sends photos and results over Ray even where the actors could
    reach the files (default: each actor checks)."""

    name = "ray"

    def __init__(self, address: str | None, workers: int | None = None, *,
                 shared: bool | None = None) -> None:
        if workers is not None and workers < 1:
            raise BadArgument("--workers must be at least 1 with --ray")
        self.address = address
        self.workers = workers or 0  # known once connected
        self.shared = shared

    def run(self, task: Task, jobs: list[Job], out: Path) -> Iterator[Outcome]:
        """The outcome of each job of ``jobs``, as each finishes; products the actors
        could not save are saved here."""
        ray = _ray()
        started = not ray.is_initialized()
        if started:
            try:
                ray.init(address=self.address, include_dashboard=False, log_to_driver=False,
                         logging_level=logging.WARNING)
            except (ConnectionError, ValueError, RuntimeError) as exc:
                raise BadArgument(f"cannot reach the Ray cluster at {self.address}: {exc}"
                                  ) from None
        actors: list[Any] = []
        try:
            cpus = int(ray.cluster_resources().get("CPU", 1))
            self.workers = self.workers or max(1, cpus)
            actor_class = ray.remote(num_cpus=1, max_restarts=0)(BatchWorker)
            actors = [actor_class.remote(task) for _ in range(self.workers)]
            yield from _dispatch(ray, actors, jobs, out, self.shared)
        finally:
            for actor in actors:
                ray.kill(actor)
            if started:
                ray.shutdown()


def _dispatch(ray: Any, actors: list[Any], jobs: list[Job], out: Path,
              shared: bool | None) -> Iterator[Outcome]:
    """Hand ``jobs`` to ``actors`` and yield each outcome as it comes back."""
    seen = _probe(ray, actors, jobs, out) if shared is None else [[shared, shared]] * len(actors)
    reach = {id(a): (len(s) < 2 or s[1], str(out.absolute()) if s[0] else None)
             for a, s in zip(actors, seen, strict=True)}
    log.info("ray: %d actors, %d see the photos, %d see OUT", len(actors),
             sum(r[0] for r in reach.values()), sum(r[1] is not None for r in reach.values()))
    todo = deque(jobs)
    in_flight: dict[Any, tuple[Job, Any]] = {}

    def give(actor: Any) -> None:
        if todo:
            job = todo.popleft()
            by_path, target = reach[id(actor)]
            ref = actor.work.remote(job if by_path else job.with_bytes(), target)
            in_flight[ref] = (job, actor)

    for actor in actors:
        for _ in range(IN_FLIGHT):
            give(actor)
    alive = len(actors)
    while in_flight:
        [ref], _ = ray.wait(list(in_flight), num_returns=1)
        job, actor = in_flight.pop(ref)
        try:
            outcome = ray.get(ref)
        except ray.exceptions.RayActorError:
            outcome = failed(job, "worker_lost", "the Ray actor making this person died")
            if reach.pop(id(actor), None) is not None:
                alive -= 1
        except ray.exceptions.RayError as exc:
            outcome = failed(job, "error", f"{type(exc).__name__}: {exc}")
            give(actor)
        else:
            if outcome.payload is not None:
                outcome = deliver(outcome, out)
            give(actor)
        yield outcome
        if not alive and todo:
            raise RuntimeError("every Ray actor of the batch died")


def _probe(ray: Any, actors: list[Any], jobs: list[Job], out: Path) -> list[list[bool]]:
    """Per actor: does it see OUT (a file made there now) and the photos (the first one
    that exists here)?"""
    probe = out / f".ray-probe-{uuid.uuid4().hex}"
    probe.touch()
    try:
        sample = next((p for job in jobs for p in job.photos
                       if isinstance(p, str) and os.path.exists(p)), None)
        paths = [str(probe.absolute())] + ([sample] if sample else [])
        return ray.get([a.sees.remote(paths) for a in actors])
    finally:
        probe.unlink()
