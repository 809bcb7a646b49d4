"""The local engine: worker processes on this machine (``concurrent.futures``).

Workers are spawned, not forked (libvips keeps threads, and forking a threaded process
can hang); each loads the task's models once, in the pool's initializer, and takes one
person at a time. At most two people per worker are in flight, so memory stays flat
for any batch size and Ctrl-C loses only those. Workers ignore Ctrl-C (the driver stops
them) and exit on their own if the driver is killed.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from ..match.pool import usable_cores
from .inputs import Job
from .tasks import Task
from .work import Outcome, execute, failed

log = logging.getLogger(__name__)

IN_FLIGHT = 2
"""Jobs queued per worker: one running, one ready to start."""

_task: Task | None = None
"""The task of this worker process, set up by :func:`_start_worker`."""


class LocalEngine:
    """``workers`` processes (default: one per usable core; ``0``: this process, for
    debugging). Each gets ``cores / workers`` threads (at least one) for its libraries."""

    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = usable_cores() if workers is None else workers
        if self.workers < 0:
            raise ValueError("workers must be >= 0")

    def run(self, task: Task, jobs: list[Job], out: Path) -> Iterator[Outcome]:
        """The outcome of each job of ``jobs``, as each finishes (files saved under
        ``out`` by the worker)."""
        if self.workers == 0:
            task.setup(usable_cores())
            for job in jobs:
                yield execute(task, job, out)
            return
        todo = iter(jobs)
        while True:  # a pool; another one if a worker died and broke it
            lost = yield from self._pool_run(task, todo, out)
            if not lost:
                return

    def _pool_run(self, task: Task, todo: Iterator[Job], out: Path
                  ) -> Iterator[Outcome]:
        """Run ``todo`` on one pool until it is empty (returns False) or the pool breaks
        (returns True after failing the jobs in flight as ``worker_lost``)."""
        threads = max(1, usable_cores() // self.workers)
        pool = ProcessPoolExecutor(
            self.workers, mp_context=get_context("spawn"), initializer=_start_worker,
            initargs=(task, os.getpid(), threads, logging.getLogger("facemoji")
                      .getEffectiveLevel()))
        in_flight: dict[Future[Outcome], Job] = {}
        finished_any = broken = False
        try:
            for job in islice(todo, IN_FLIGHT * self.workers):
                in_flight[pool.submit(_work, job, out)] = job
            while in_flight:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    job = in_flight.pop(future)
                    try:
                        outcome = future.result()
                        finished_any = True
                    except BrokenProcessPool:
                        broken = True
                        outcome = failed(job, "worker_lost", "a worker process died while "
                                         "making this person (out of memory?)")
                    yield outcome
                    if not broken:
                        following = next(todo, None)
                        if following is not None:
                            in_flight[pool.submit(_work, following, out)] = following
            if broken and not finished_any:
                raise RuntimeError("the batch's worker processes died before finishing "
                                   "anyone (run with -v for details)")
            pool.shutdown(wait=True)
            return broken
        except BaseException:  # Ctrl-C, or the caller stopped reading: stop now
            _stop(pool)
            raise


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the pool's workers now, abandoning the people in flight."""
    if hasattr(pool, "terminate_workers"):  # Python >= 3.14
        pool.terminate_workers()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)


def _start_worker(task: Task, parent: int, threads: int, log_level: int) -> None:
    """Pool initializer: leave Ctrl-C to the driver, exit with it, cap the libraries'
    threads, and load the task's models."""
    global _task
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from ..worker import exit_with_parent, limit_threads

    exit_with_parent(parent)
    limit_threads(threads)
    # the driver's -v level; otherwise errors only: warnings are in results.jsonl
    logging.basicConfig(level=log_level if log_level <= logging.INFO else logging.ERROR,
                        format="%(levelname)s %(name)s: %(message)s")
    task.setup(threads)
    _task = task


def _work(job: Job, out: Path) -> Outcome:
    assert _task is not None, "worker not started"
    return execute(_task, job, out)
