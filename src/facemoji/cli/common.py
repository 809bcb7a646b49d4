"""Helpers shared by the command modules: JSON printing, progress bars, ``--set``.
(Output files are checked and written by :mod:`facemoji.outputs`.)"""

from __future__ import annotations

import json
import sys
from typing import Any, ClassVar

from tqdm import tqdm

from ..errors import BadArgument


def print_json(data: Any) -> None:
    """Print one JSON document on stdout (and nothing else goes there)."""
    sys.stdout.write(json.dumps(data, indent=2) + "\n")
    sys.stdout.flush()


def progress(total: int, desc: str, quiet: bool = False) -> tqdm:
    """A progress bar on stderr (hidden when ``quiet`` or stderr is not a terminal and
    the work is short)."""
    return tqdm(total=total, desc=desc, unit="it", file=sys.stderr, disable=quiet,
                leave=False, dynamic_ncols=True)


class StageBar:
    """A progress bar over :func:`facemoji.generate`'s steps (its ``stage`` callback):
    the bar is labelled with the current step and moves through each step's share of the
    work, and ends full (it stays on screen as the last line of progress)."""

    SHARES: ClassVar[dict[str, float]] = {"detecting": 0.15, "measuring": 0.15,
                                          "fitting": 0.6, "rendering": 0.1}

    def __init__(self, quiet: bool = False) -> None:
        self.bar = tqdm(total=100, desc="starting", file=sys.stderr, disable=quiet,
                        bar_format="{desc:<12} {percentage:3.0f}%|{bar}| {elapsed}",
                        dynamic_ncols=True)

    def __call__(self, step: str, done: float) -> None:
        steps = list(self.SHARES)
        start = sum(self.SHARES[k] for k in steps[: steps.index(step)])
        position = round(100 * (start + self.SHARES[step] * done))
        self.bar.set_description_str(step, refresh=False)
        if position > self.bar.n:
            self.bar.update(position - self.bar.n)

    def __enter__(self) -> StageBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.bar.set_description_str("done", refresh=False)
            self.bar.update(self.bar.total - self.bar.n)
        self.bar.close()


def parse_sets(items: list[str] | None) -> dict[str, str]:
    """``["hair=bob", "eye_size=0.4"]`` → ``{"hair": "bob", "eye_size": "0.4"}``."""
    out: dict[str, str] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise BadArgument(f"--set expects feature=value, got {item!r}")
        out[name.strip()] = value.strip()
    return out
