"""Helpers for facemoji's own worker processes (the web server's pool, batch workers)."""

from __future__ import annotations

import os
import threading
import time


def exit_with_parent(parent: int) -> None:
    """Make this worker process exit once the process ``parent`` is gone.

    A parent killed by a signal cannot tell its idle workers to stop, and a spawned
    pool worker waiting for work would live on; a daemon thread checks once a second.
    """
    threading.Thread(target=_watch, args=(parent,), daemon=True,
                     name="facemoji-exit-with-parent").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def limit_threads(threads: int) -> None:
    """Let this worker's libraries use ``threads`` threads each: libvips (rendering) and
    OpenCV. Worker processes that share a machine's cores call it first, so that they
    do not each start a thread per core."""
    import cv2
    import pyvips

    pyvips.concurrency_set(threads)
    cv2.setNumThreads(threads)
