"""Many people at once: ``facemoji batch`` and ``facemoji.batch(...)``.

A batch is a task list (:mod:`.inputs`: the people of a folder or a manifest), one task
(:mod:`.tasks`: generate, analyze, translate or synth, models loaded once per worker),
one engine interface (:mod:`.local`: a process pool on this machine; :mod:`.cluster`:
Ray actors) and one writer (:mod:`.results`: ``results.jsonl``, resumable, and the
summary). :func:`run_batch` ties them together. This package is callable:
``facemoji.batch(INPUT, OUT, ...)`` is ``run_batch(INPUT, OUT, ...)``.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from .results import Summary
from .run import Plan, run_batch

__all__ = ["Plan", "Summary", "run_batch"]


class _CallableModule(types.ModuleType):
    """``facemoji.batch`` is a package (its modules) and the function ``run_batch``."""

    def __call__(self, *args: Any, **kwargs: Any) -> Summary:
        return run_batch(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
