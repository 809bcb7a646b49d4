"""Contact sheets of the labelled face set, for labelling by eye.

    python scripts/faceset_sheets.py [--photos DIR] [--out DIR] [--per-sheet 16] [--scale 2]

Tiles every photo of ``benchmarks/data/faces/manifest.csv`` (found under ``--photos``,
default ``$FACEMOJI_FACESET``; build it with ``scripts/build_faceset.py``) in manifest order,
``--per-sheet`` to a sheet, each captioned with its ``file``, into ``--out``/sheet_NN.png.
Photos are enlarged ``--scale`` times so thin frames and
stubble stay visible. Every labeller gets the same sheets. One-line errors, exit status 2.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from facemoji.report import contact_sheet

MANIFEST = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "faces" / "manifest.csv"


def make_sheets(files: list[str], photos: Path, out: Path, per_sheet: int, scale: float) -> int:
    """Write the sheets; returns how many were written."""
    out.mkdir(parents=True, exist_ok=True)
    sheets = math.ceil(len(files) / per_sheet)
    for k in range(sheets):
        chunk = files[k * per_sheet:(k + 1) * per_sheet]
        tiles = []
        for name in chunk:
            with Image.open(photos / name) as im:
                im = im.convert("RGB")
                size = (round(im.width * scale), round(im.height * scale))
                tiles.append(np.asarray(im.resize(size, Image.Resampling.LANCZOS)))
        cell = max(max(t.shape[:2]) for t in tiles)
        sheet = contact_sheet(tiles, chunk, columns=math.ceil(math.sqrt(per_sheet)), cell=cell,
                              title=f"faceset sheet {k + 1:02d}/{sheets:02d}")
        Image.fromarray(sheet).save(out / f"sheet_{k + 1:02d}.png")
    return sheets


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", help="photo folder (default: $FACEMOJI_FACESET)")
    parser.add_argument("--out", type=Path, default=Path("faceset_sheets"))
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--per-sheet", type=int, default=16)
    parser.add_argument("--scale", type=float, default=2.0)
    args = parser.parse_args(argv)
    photos = args.photos or os.environ.get("FACEMOJI_FACESET")
    if not photos:
        print("faceset_sheets: error: pass --photos or set FACEMOJI_FACESET", file=sys.stderr)
        return 2
    if not 1 <= args.per_sheet <= 64 or not 0.25 <= args.scale <= 8:
        print("faceset_sheets: error: --per-sheet must be 1-64 and --scale 0.25-8", file=sys.stderr)
        return 2
    try:
        with open(args.manifest, newline="") as fh:
            files = [row["file"] for row in csv.DictReader(fh)]
    except (OSError, KeyError) as exc:
        print(f"faceset_sheets: error: cannot read manifest {args.manifest}: {exc}",
              file=sys.stderr)
        return 2
    missing = [f for f in files if not (Path(photos) / f).is_file()]
    if missing:
        print(f"faceset_sheets: error: {len(missing)} photos missing under {photos} (first: "
              f"{missing[0]}); run scripts/build_faceset.py", file=sys.stderr)
        return 2
    n = make_sheets(files, Path(photos), args.out, args.per_sheet, args.scale)
    print(f"{args.out}: {n} sheets of up to {args.per_sheet} photos ({len(files)} photos)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
