"""Identity embeddings on several cores.

dlib's descriptor runs on one thread. :class:`PooledEmbedder` sends shares of every
batch to forked worker processes and embeds the last share itself. The workers are
forked on the first batch of two or more chips, so they inherit the embedder with its
model already loaded (no start-up import, no model load, no main-module re-import);
chips go over a pipe from this thread directly, because dlib holds the GIL while it
computes and a helper thread (as in ``concurrent.futures``) would only send them after.
Where fork is unavailable or only one core is usable (``taskset -c 0``), :func:`pooled`
gives the embedder itself. ``spawn`` and ``forkserver`` were measured too (0.38 s and
0.25 s to start a worker with dlib loaded), but both re-import the caller's main module:
a user's script without an ``if __name__ == "__main__":`` guard would run again in the
worker, and code read from stdin cannot start one at all.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

log = logging.getLogger(__name__)


def usable_cores() -> int:
    """The CPU cores this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _serve(embedder: Any, conn: Connection) -> None:
    """A worker: embed each batch of chips received until ``None`` arrives."""
    while (chips := conn.recv()) is not None:
        try:
            conn.send(embedder.embed_chips(chips))
        except Exception as error:  # handed to the parent, which raises it
            conn.send(error)


class PooledEmbedder:
    """``base`` with :meth:`embed_chips` split over ``1 + workers`` processes; every
    other attribute is ``base``'s. Use it as a context manager, or :meth:`close` it."""

    def __init__(self, base: Any, workers: int) -> None:
        self._base = base
        self.workers = workers
        self._conns: list[Connection] = []
        self._procs: list[Any] = []

    def __getattr__(self, item: str) -> Any:
        return getattr(self._base, item)

    def _start(self) -> None:
        context = multiprocessing.get_context("fork")
        for _ in range(self.workers):
            mine, theirs = context.Pipe()
            proc = context.Process(target=_serve, args=(self._base, theirs), daemon=True)
            proc.start()
            theirs.close()
            self._conns.append(mine)
            self._procs.append(proc)

    def embed_chips(self, chips: np.ndarray) -> np.ndarray:
        """Embeddings of ``chips`` (N, S, S, 3), in order, as ``base`` computes them."""
        chips = np.asarray(chips)
        if len(chips) < 2:
            return self._base.embed_chips(chips)
        if not self._procs:
            self._start()
        # array_split makes the first shares the larger: those go to the workers, as
        # this process has the rest of the fit to do as well
        *theirs, mine = np.array_split(chips, min(len(chips), self.workers + 1))
        for conn, share in zip(self._conns, theirs, strict=False):
            conn.send(share)
        own = self._base.embed_chips(mine)
        results = [conn.recv() for conn in self._conns[: len(theirs)]]
        for result in results:
            if isinstance(result, BaseException):
                raise result
        return np.concatenate([*results, own])

    def close(self) -> None:
        """Stop the worker processes."""
        for conn in self._conns:
            with suppress(OSError):  # a worker that is gone already
                conn.send(None)
            conn.close()
        for proc in self._procs:
            proc.join(timeout=5)
        self._conns, self._procs = [], []

    def __enter__(self) -> PooledEmbedder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def pooled(name: str = "dlib", workers: int | None = None) -> Iterator[Any]:
    """The embedder ``name``, pooled over ``workers`` extra processes (default: one per
    usable core beyond this one) while the context lasts; without extra cores or fork,
    the embedder itself."""
    from ..face.embed import get_embedder

    base = get_embedder(name)
    workers = usable_cores() - 1 if workers is None else workers
    if workers < 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield base
        return
    log.info("embedding on %d processes", workers + 1)
    with PooledEmbedder(base, workers) as pool:
        yield pool
