"""A batch's record, written by one writer (the driver): ``OUT/results.jsonl``, one line
per person, appended and flushed as each person finishes, and ``OUT/summary.json`` at
the end.

``--resume`` trusts a line only if it is whole (a kill can cut the last one short) and,
for a done person, if every file it lists is there with the size it had when it was
written; it then rewrites the file with the lines it keeps (through a temporary file
renamed over it), so a person redone is never listed twice.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import BadArgument
from ..outputs import write_file
from .work import FINAL_REASONS

RESULTS = "results.jsonl"
SUMMARY = "summary.json"
OPTIONS = "batch.json"
"""The task and its options, in OUT: a resumed batch must use the same ones."""


def finished(line: dict[str, Any], out: Path) -> bool:
    """Whether ``line`` is a final result: a done person whose files are all complete,
    or a failure that a rerun would repeat."""
    if line.get("status") == "failed":
        return line.get("reason") in FINAL_REASONS
    if line.get("status") != "done" or not line.get("files"):
        return False
    sizes = line.get("sizes") or {}
    for kind, rel in line["files"].items():
        try:
            size = (out / rel).stat().st_size
        except OSError:
            return False
        if size != sizes.get(kind, -1):
            return False
    return True


class ResultsFile:
    """``OUT/results.jsonl``: the lines of the people already finished (read back on
    ``resume``) and :meth:`write` for the next ones. Refuses to start over a previous
    batch's results without ``resume`` or ``force``, or in a folder that holds other
    files without ``force``."""

    def __init__(self, out: Path, *, resume: bool = False, force: bool = False) -> None:
        if resume and force:
            raise BadArgument("use --resume (continue) or --force (start again), not both")
        if out.exists() and not out.is_dir():
            raise BadArgument(f"OUT {out} is a file, not a folder")
        self.out = out
        self.path = out / RESULTS
        self.lines: dict[str, dict[str, Any]] = {}
        if self.path.exists() and not (resume or force):
            raise BadArgument(f"{out} already holds a batch ({RESULTS}): use --resume to "
                              "continue it, or --force to start again")
        if (not self.path.exists() and not (resume or force) and out.is_dir()
                and any(p.name not in (SUMMARY, OPTIONS) for p in out.iterdir())):
            raise BadArgument(f"OUT {out} is not empty: use a new folder, or --force to "
                              "write into it")
        out.mkdir(parents=True, exist_ok=True)
        if resume and self.path.exists():
            self.lines = _read_finished(self.path, out)
            write_file(self.path, b"".join(_encode(line) for line in self.lines.values()),
                       force=True)
        elif self.path.exists():  # --force: a new batch
            self.path.unlink()
        self._file: IO[bytes] = open(self.path, "ab")  # noqa: SIM115 (closed in close())

    def write(self, line: dict[str, Any]) -> None:
        """Append one person's line and flush it to the OS (a kill of this process
        loses nothing written)."""
        if line["person"] in self.lines:
            raise ValueError(f"{line['person']} has a line already")
        self._file.write(_encode(line))
        self._file.flush()
        self.lines[line["person"]] = line

    def close(self) -> None:
        """Close the file (to disk)."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()

    def __enter__(self) -> ResultsFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _encode(line: dict[str, Any]) -> bytes:
    return (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def _read_finished(path: Path, out: Path) -> dict[str, dict[str, Any]]:
    """The last whole line of each person in ``path`` that is :func:`finished`."""
    latest: dict[str, dict[str, Any]] = {}
    with open(path, "rb") as file:
        for raw in file:
            if not raw.endswith(b"\n"):  # cut short by a kill
                continue
            try:
                line = json.loads(raw)
            except ValueError:
                continue
            if isinstance(line, dict) and isinstance(line.get("person"), str):
                latest[line["person"]] = line
    return {name: line for name, line in latest.items() if finished(line, out)}


@dataclass
class Summary:
    """How a batch went. Counts are over the people of this INPUT, ``resumed`` of them
    finished by an earlier run; ``seconds`` and ``per_second`` are this run's (people
    processed now, divided by the wall time)."""

    task: str
    engine: str
    workers: int
    people: int
    done: int
    failed: int
    failed_by_reason: dict[str, int]
    resumed: int
    processed: int
    seconds: float
    per_second: float
    results: str
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``batch --json`` document (also ``OUT/summary.json``)."""
        return asdict(self)


def summarize(results: ResultsFile, names: list[str], *, task: str, engine: str,
              workers: int, resumed: int, processed: int, seconds: float,
              notes: list[str]) -> Summary:
    """The :class:`Summary` of the people ``names``, written to ``OUT/summary.json``."""
    lines = [results.lines[n] for n in names if n in results.lines]
    reasons = Counter(line.get("reason") or "unknown" for line in lines
                      if line.get("status") == "failed")
    summary = Summary(
        task=task, engine=engine, workers=workers, people=len(names),
        done=sum(line.get("status") == "done" for line in lines),
        failed=sum(reasons.values()), failed_by_reason=dict(reasons.most_common()),
        resumed=resumed, processed=processed, seconds=round(seconds, 3),
        per_second=round(processed / seconds, 3) if seconds > 0 else 0.0,
        results=str(results.path), notes=notes)
    write_file(results.out / SUMMARY, json.dumps(summary.to_dict(), indent=2) + "\n",
               force=True)
    return summary
