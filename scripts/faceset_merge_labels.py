"""Merge the labelling passes of a labelled set into its ``labels.csv``.

The face set (``benchmarks/data/faces``, the default) and the portrait set
(``--data benchmarks/data/portraits``) were labelled the same way.

Two labellers labelled the photos independently (``labels_pass1.csv``, ``labels_pass2.csv``);
a third look settled every column they disagreed on (``labels_resolved.csv``: ``file,
column,value,reason``) and labelled in full the photos the second pass did not have
(``labels_pass3.csv``). The merge, per photo and column:

- both passes agree: that value;
- ``skin_tone`` one Monk step apart: the mean of the two (x.5), a step being within what
  two careful labellers disagree on; two or more steps apart: the third look's value;
- face set only, ``face_count`` and ``frontal``: the second pass's, which saw the
  250 × 250 frames the benchmarks use (the first pass saw 150 × 150 crops of them);
- any other disagreement: the third look's value;
- a photo only one pass labelled: the third look's full labels for it;
- last, ``labels_revised.csv`` (same columns as the resolutions): later looks that split a
  value the passes agreed on (``headwear`` ``band``, a headband, tiara or skull cap that
  leaves the hair showing, out of ``other``).

Where the manifest has a birth year (``born``, the portrait set), ``age_band`` is not
labelled by eye but taken from it: the age at the start of the member's last Congress
(``last_congress``; the portrait may be a few years older than that).

    python scripts/faceset_merge_labels.py [--check] [--data benchmarks/data/portraits]

``--check`` only verifies that ``labels.csv`` is what the passes give (exit 1 if not).
One-line errors, exit status 2.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

FACES = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "faces"
SECOND_PASS_ONLY = {"faces": ("face_count", "frontal")}
"""Per set folder, the columns the second pass alone decides."""


def congress_age_band(born: str, congress: str) -> str:
    """The age band (facemoji's, :func:`facemoji.face.age_gender.age_band`) of someone born
    in year ``born`` at the start of Congress number ``congress`` (the n-th Congress first
    met in January of 1789 + 2 (n - 1))."""
    from facemoji.face.age_gender import age_band

    return age_band(1789 + 2 * (int(congress) - 1) - int(born))


def _read(data: Path, name: str) -> list[dict[str, str]]:
    path = data / name
    if not path.exists():
        raise SystemExit(f"error: {path} is missing")
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def merge(data: Path = FACES) -> tuple[list[str], list[dict[str, str]]]:
    """The merged rows (manifest order) and their columns of the set in folder ``data``."""
    first = {r["file"]: r for r in _read(data, "labels_pass1.csv")}
    second = {r["file"]: r for r in _read(data, "labels_pass2.csv")}
    third = {r["file"]: r for r in _read(data, "labels_pass3.csv")}
    resolved = {(r["file"], r["column"]): r["value"]
                for r in _read(data, "labels_resolved.csv")}
    revised = [(r["file"], r["column"], r["value"]) for r in _read(data, "labels_revised.csv")]
    second_only = SECOND_PASS_ONLY.get(data.name, ())
    columns = list(next(iter(first.values())))
    rows = []
    manifest = _read(data, "manifest.csv")
    ages = "born" in manifest[0] and "age_band" not in columns
    if ages:
        columns.insert(columns.index("notes"), "age_band")
    for row in manifest:
        file = row["file"]
        age = {"age_band": congress_age_band(row["born"], row["last_congress"])} if ages else {}
        if file not in second:
            if file not in third:
                raise SystemExit(f"error: {file} has no second or third-look labels")
            rows.append({c: third[file][c] for c in columns if c not in age} | age)
            continue
        a, b = first[file], second[file]
        out = {"file": file, **age}
        for c in columns[1:]:
            if c in age:
                continue
            if c == "notes":
                out[c] = "; ".join(n for n in (a[c], b[c]) if n)
            elif a[c] == b[c]:
                out[c] = a[c]
            elif c in second_only:
                out[c] = b[c]
            elif c == "skin_tone" and abs(int(a[c]) - int(b[c])) == 1:
                out[c] = f"{(int(a[c]) + int(b[c])) / 2:.1f}"
            elif (file, c) in resolved:
                out[c] = resolved[file, c]
            else:
                raise SystemExit(f"error: {file} {c}: passes disagree ({a[c]} / {b[c]}) and "
                                 "the third look has no value")
        rows.append(out)
    by_file = {row["file"]: row for row in rows}
    for file, column, value in revised:
        if file not in by_file or column not in columns:
            raise SystemExit(f"error: labels_revised.csv: no {file} {column} to revise")
        by_file[file][column] = value
    return columns, rows


def _csv(columns: list[str], rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="verify labels.csv only")
    parser.add_argument("--data", type=Path, default=FACES,
                        help="the set's folder (default: benchmarks/data/faces)")
    args = parser.parse_args()
    try:
        text = _csv(*merge(args.data))
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    target = args.data / "labels.csv"
    if args.check:
        same = target.exists() and target.read_text(encoding="utf-8") == text
        print("labels.csv is up to date" if same else "labels.csv differs from the passes")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({text.count(chr(10)) - 1} photos)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
