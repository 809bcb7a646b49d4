"""Helpers shared by the command modules: JSON printing, progress bars, ``--set``.
(Output files are checked and written by :mod:`facemoji.outputs`.)"""

from __future__ import annotations

import json
import sys
from typing import Any

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


def parse_sets(items: list[str] | None) -> dict[str, str]:
    """``["hair=bob", "eye_size=0.4"]`` → ``{"hair": "bob", "eye_size": "0.4"}``."""
    out: dict[str, str] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise BadArgument(f"--set expects feature=value, got {item!r}")
        out[name.strip()] = value.strip()
    return out
