"""Who a batch is for: the people of an INPUT and their photos.

INPUT is one of
- a folder of per-person folders (``people/alice/1.jpg``, ``people/bob/a.png``): one
  person per folder, named after it, with the photos directly inside it; folders whose
  name starts with ``_`` or ``.`` are not people and are skipped (``_multi`` holds group
  photos, for instance), and so are other files;
- a folder of single photos (``photos/alice.jpg``): one person per photo, named after the
  file's stem (a folder may mix both: its photos and its folders are all people);
- a manifest: a CSV file with a header row naming the columns ``person`` and ``photo``,
  or a JSONL file of ``{"person": ..., "photo": ...}`` objects; one row per photo, a
  person's rows in any order, photo paths relative to the manifest's folder.

Photos are only listed here, never read: a missing or unreadable photo is that person's
problem (a warning, or a failed line in ``results.jsonl``), not the batch's.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadArgument
from ..face.image import IMAGE_SUFFIXES

MANIFEST_SUFFIXES = (".csv", ".jsonl")
RESERVED = ("results.jsonl", "summary.json", "landmarks.json")
"""Names of a batch's own files in OUT, which no person may take."""


@dataclass(frozen=True)
class Job:
    """One unit of a batch: a person's ``photos`` (paths, or ``(name, bytes)`` when sent
    to a machine that cannot read them), or for ``synth`` the ``seed`` of one avatar.
    ``name`` is unique in the batch; the person's files go to ``OUT/name``."""

    name: str
    photos: tuple[str | tuple[str, bytes], ...] = ()
    seed: int | None = None

    def with_bytes(self) -> Job:
        """This job with each readable photo's bytes in place of its path (a photo
        that cannot be read stays a path, and fails where it is opened, by name)."""
        photos: list[str | tuple[str, bytes]] = []
        for photo in self.photos:
            try:
                photos.append((photo, Path(photo).read_bytes()) if isinstance(photo, str)
                              else photo)
            except OSError:
                photos.append(photo)
        return Job(self.name, tuple(photos), self.seed)


@dataclass(frozen=True)
class People:
    """The jobs read from an INPUT, and ``notes`` on what was skipped there."""

    jobs: list[Job]
    notes: list[str]


def read_people(source: str | Path) -> People:
    """The people of ``source``: a folder (of per-person folders and/or single photos)
    or a ``.csv``/``.jsonl`` manifest. Raises :class:`~facemoji.errors.BadArgument`
    when it does not exist, holds nobody, or is a manifest that cannot be read."""
    path = Path(source)
    if path.is_dir():
        return _read_folder(path)
    if not path.exists():
        raise BadArgument(f"INPUT {path} does not exist")
    if path.suffix.lower() not in MANIFEST_SUFFIXES:
        raise BadArgument(f"INPUT {path} is neither a folder nor a manifest "
                          f"({' or '.join(MANIFEST_SUFFIXES)})")
    rows = _csv_rows(path) if path.suffix.lower() == ".csv" else _jsonl_rows(path)
    grouped: dict[str, list[str]] = {}
    for line, person, photo in rows:
        _check_name(person, f"bad manifest {path}, line {line}")
        grouped.setdefault(person, []).append(str((path.parent / photo).absolute()))
    if not grouped:
        raise BadArgument(f"bad manifest {path}: no rows")
    return People([Job(name, tuple(photos)) for name, photos in grouped.items()], [])


def _read_folder(folder: Path) -> People:
    jobs: list[Job] = []
    skipped: list[str] = []
    for entry in sorted(folder.iterdir()):
        if entry.is_dir():
            if entry.name.startswith(("_", ".")):
                skipped.append(entry.name)
            else:
                jobs.append(Job(entry.name, tuple(str(p.absolute()) for p in _photos(entry))))
        elif entry.suffix.lower() in IMAGE_SUFFIXES and not entry.name.startswith("."):
            jobs.append(Job(entry.stem, (str(entry.absolute()),)))
    if not jobs:
        raise BadArgument(f"INPUT {folder} holds no people: no photos and no folders of "
                          "photos")
    names = [job.name for job in jobs]
    clashes = sorted({n for n in names if names.count(n) > 1})
    if clashes:
        raise BadArgument(f"INPUT {folder}: several photos or folders are the person "
                          f"{', '.join(clashes[:3])}; rename them")
    for name in names:
        _check_name(name, f"INPUT {folder}")
    notes = [f"skipped {', '.join(skipped)}: folders starting with _ or . are not people"
             ] if skipped else []
    return People(jobs, notes)


def _photos(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in IMAGE_SUFFIXES and not p.name.startswith(".")
                  and not p.is_dir())


def _check_name(name: str, where: str) -> None:
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise BadArgument(f"{where}: {name!r} cannot be a person's folder name")
    if name in RESERVED:
        raise BadArgument(f"{where}: {name!r} is the name of a file batch writes; rename "
                          "that person")


def _csv_rows(path: Path) -> Iterable[tuple[int, str, str]]:
    text = _read_text(path)
    reader = csv.DictReader(text.splitlines())
    columns = [c.strip() for c in reader.fieldnames or []]
    if "person" not in columns or "photo" not in columns:
        raise BadArgument(f"bad manifest {path}: its first row must name the columns person "
                          f"and photo (it has {', '.join(columns) or 'nothing'})")
    reader.fieldnames = columns
    for line, row in enumerate(reader, start=2):
        person, photo = (row.get("person") or "").strip(), (row.get("photo") or "").strip()
        if not person or not photo:
            raise BadArgument(f"bad manifest {path}, line {line}: needs a person and a photo")
        yield line, person, photo


def _jsonl_rows(path: Path) -> Iterable[tuple[int, str, str]]:
    for line, text in enumerate(_read_text(path).splitlines(), start=1):
        if not text.strip():
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadArgument(f"bad manifest {path}, line {line}: not JSON ({exc.msg})"
                              ) from None
        if not (isinstance(row, dict) and isinstance(row.get("person"), str)
                and isinstance(row.get("photo"), str) and row["person"] and row["photo"]):
            raise BadArgument(f"bad manifest {path}, line {line}: expected "
                              '{"person": "...", "photo": "..."}')
        yield line, row["person"].strip(), row["photo"].strip()


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadArgument(f"cannot read the manifest {path}: "
                          f"{getattr(exc, 'strerror', None) or exc}") from None


def synth_jobs(style: str, count: int, seed: int = 0) -> list[Job]:
    """The jobs of ``synth``: ``count`` random avatars of ``style``, seeds ``seed`` …
    ``seed + count - 1``, each named as ``facemoji gan synth`` names its files."""
    from ..gan.data import synth_name

    if count < 1:
        raise BadArgument("synth needs -n, the number of avatars (at least 1)")
    return [Job(Path(synth_name(style, s)).stem, seed=s) for s in range(seed, seed + count)]
