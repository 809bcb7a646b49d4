"""The labelled photo sets the benchmarks read, behind one loader.

- ``shared``: ``../shared/data/faces`` beside the repository (111 photos of 35 people;
  ``labels.csv`` there, plus the extra columns of ``benchmarks/data/shared_faces_extra.csv``).
- ``faceset``: the larger, balanced set of ``benchmarks/data/faces`` (its ``labels.csv``);
  the photos are not in the repository: ``scripts/build_faceset.py`` rebuilds them into the
  folder that ``$FACEMOJI_FACESET`` names.
- ``portraits``: official portraits of 190 members of the US Congress, one each
  (``benchmarks/data/portraits``): head and shoulders in studio light, as users' own
  photos are; ``scripts/build_faceset.py --manifest benchmarks/data/portraits/manifest.csv``
  rebuilds them into the folder that ``$FACEMOJI_PORTRAITS`` names.

Every set also gets a ``jacket`` column from ``benchmarks/data/jacket_labels.csv`` and,
for photos with glasses, a ``frame_color`` column from
``benchmarks/data/frame_color_labels.csv``, and for photos with a jacket and men's
portraits a ``tie`` column from ``benchmarks/data/tie_labels.csv``, and for photos with
bangs a ``fringe`` column (its kind) from ``benchmarks/data/fringe_labels.csv``, and for
short-haired men a ``hair_top`` column (how full the hair is on top) from
``benchmarks/data/hair_top_labels.csv``, and for hair to the chin or longer without bangs a
``hair_part`` column (where it is parted) from ``benchmarks/data/hair_part_labels.csv``,
and for photos without sunglasses an ``eye_color`` column from
``benchmarks/data/eye_color_labels.csv``.

:func:`load` returns the rows of a set, or ``None`` where its photos are absent, so every
benchmark can skip cleanly.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "faces"
FACESET_DATA = ROOT / "benchmarks" / "data" / "faces"
PORTRAITS_DATA = ROOT / "benchmarks" / "data" / "portraits"
SHARED_EXTRA = ROOT / "benchmarks" / "data" / "shared_faces_extra.csv"
JACKETS = ROOT / "benchmarks" / "data" / "jacket_labels.csv"
FRAME_COLORS = ROOT / "benchmarks" / "data" / "frame_color_labels.csv"
TIES = ROOT / "benchmarks" / "data" / "tie_labels.csv"
BEARD_COLORS = ROOT / "benchmarks" / "data" / "beard_color_labels.csv"
FRINGES = ROOT / "benchmarks" / "data" / "fringe_labels.csv"
HAIR_TOPS = ROOT / "benchmarks" / "data" / "hair_top_labels.csv"
HAIR_PARTS = ROOT / "benchmarks" / "data" / "hair_part_labels.csv"
EYE_COLORS = ROOT / "benchmarks" / "data" / "eye_color_labels.csv"
EXTRA_COLUMNS = {"jacket": JACKETS, "frame_color": FRAME_COLORS, "tie": TIES,
                 "beard_color": BEARD_COLORS, "fringe": FRINGES, "hair_top": HAIR_TOPS,
                 "hair_part": HAIR_PARTS, "eye_color": EYE_COLORS}
"""Columns labelled apart for every set (``set,file,COLUMN,pass1,pass2``)."""
SETS = ("shared", "faceset", "portraits")
FOLDER_VARIABLES = {"faceset": "FACEMOJI_FACESET", "portraits": "FACEMOJI_PORTRAITS"}


@dataclass(frozen=True)
class Photo:
    """One labelled photo: its ``file`` key (``person/nn.jpg``), ``path`` on disk,
    ``person`` and every label column as text."""

    file: str
    path: Path
    person: str
    labels: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.labels.get(column, "")


def folder(name: str) -> Path | None:
    """Where the photos of set ``name`` are (``None``: not available here)."""
    if name == "shared":
        return SHARED if (SHARED / "labels.csv").exists() else None
    if name in FOLDER_VARIABLES:
        env = os.environ.get(FOLDER_VARIABLES[name])
        path = Path(env) if env else None
        return path if path is not None and path.is_dir() else None
    raise ValueError(f"unknown set {name!r}; valid: {', '.join(SETS)}")


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


def _extra(name: str, table: Path) -> dict[str, dict[str, str]]:
    """The rows of ``table`` (one of :data:`EXTRA_COLUMNS`) for set ``name``, by file."""
    if not table.exists():
        return {}
    with open(table, newline="", encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh) if row["set"] == name}


def load(name: str, *, single_face: bool = False) -> list[Photo] | None:
    """The labelled photos of set ``name`` (``None`` where its photos are absent).

    Group photos (``_multi/``) are left out; ``single_face`` also leaves out photos
    labelled with more than one face.
    """
    where = folder(name)
    if where is None:
        return None
    if name == "shared":
        rows = _rows(where / "labels.csv")
        if SHARED_EXTRA.exists():
            for file, extra in _rows(SHARED_EXTRA).items():
                if file in rows:
                    rows[file] = {**extra, **rows[file], "notes": rows[file].get("notes", "")}
    else:
        rows = _rows((FACESET_DATA if name == "faceset" else PORTRAITS_DATA) / "labels.csv")
    for column, table in EXTRA_COLUMNS.items():
        for file, row in _extra(name, table).items():
            if file in rows:
                rows[file] = {**rows[file], column: row[column]}
    out = []
    for file, row in sorted(rows.items()):
        if file.startswith("_") or (single_face and row.get("face_count", "1") != "1"):
            continue
        path = where / file
        if path.exists():
            out.append(Photo(file, path, file.split("/")[0], dict(row)))
    return out


def by_person(photos: list[Photo]) -> dict[str, list[Photo]]:
    """Photos grouped by person, in file order."""
    groups: dict[str, list[Photo]] = defaultdict(list)
    for p in photos:
        groups[p.person].append(p)
    return dict(sorted(groups.items()))


def black_and_white(image: np.ndarray) -> np.ndarray:
    """A photo's black-and-white copy (RGB uint8): its luma, as ``PIL`` converts to "L",
    in three equal channels. The copies the black-and-white benchmarks and models use."""
    import numpy as np
    from PIL import Image

    return np.asarray(Image.fromarray(image).convert("L").convert("RGB"))


CASTS = {"warm": (1.25, 1.0, 0.7), "cool": (0.8, 0.95, 1.2)}
"""Colored light as per-channel gains on red, green and blue: warm as under indoor bulbs,
cool as in shade."""


def tinted(image: np.ndarray, cast: str) -> np.ndarray:
    """A photo (RGB uint8) as if taken under :data:`CASTS` ``cast``."""
    import numpy as np

    return np.clip(image * np.asarray(CASTS[cast]), 0, 255).astype(np.uint8)


def copy_of(path: Path, grayscale: bool = False, tint: str | None = None) -> np.ndarray:
    """The photo at ``path`` (RGB uint8), or its :func:`black_and_white` copy, or its copy
    under the colored light ``tint`` (:func:`tinted`): what the benchmarks and fitting
    scripts measure for a photo and its copies."""
    from facemoji.face.image import load_image

    image = load_image(path)
    image = black_and_white(image) if grayscale else image
    return tinted(image, tint) if tint is not None else image
