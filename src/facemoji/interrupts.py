"""Ctrl-C that always stops a command, and moments it must wait.

Python turns SIGINT into ``KeyboardInterrupt`` wherever the main thread runs Python
code, including inside a C library's callback (pyvips calls Python to log), where the
exception is printed and dropped: the command would carry on and exit 0. Under
:func:`recording` every SIGINT is also remembered, so :func:`raise_if_interrupted`
stops the command at the next output it would write, and the CLI exits 130.
:func:`deferred` holds SIGINT and SIGTERM back while a few files are renamed into place.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

_received = threading.Event()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    _received.set()
    raise KeyboardInterrupt


@contextlib.contextmanager
def recording() -> Iterator[None]:
    """Remember every SIGINT that arrives inside the block (and raise
    ``KeyboardInterrupt`` as usual). Only in the main thread; elsewhere it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _received.clear()
    previous = signal.signal(signal.SIGINT, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def interrupted() -> bool:
    """Whether a SIGINT arrived under :func:`recording`, even one that was swallowed."""
    return _received.is_set()


def raise_if_interrupted() -> None:
    """Raise ``KeyboardInterrupt`` if a SIGINT arrived (see :func:`interrupted`)."""
    if _received.is_set():
        raise KeyboardInterrupt


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block is done, then deliver them (only in
    the main thread, and only where Python installed the handler)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        handler = signal.getsignal(sig)
        if handler is not None:  # None: a handler not installed from Python, left alone
            previous[sig] = handler
            signal.signal(sig, lambda signum, frame: held.append(signum))
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(held):
            signal.raise_signal(sig)
