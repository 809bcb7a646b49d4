"""Held-out accuracy of one learned model on the faceset's photos of before and on photos
added later (the manifest's last ``--added`` rows), kept apart: a measure judged on photos
that were screened by the model itself (as the red heads of 2026-12-04 were) says little.

    python benchmarks/added_photos.py hair_length --added 43
    python benchmarks/added_photos.py hair_length --added 43 --without-added \\
        --measures old_measures.npz      # as fitted before the photos were added

Each photo is predicted by the model refitted without its person
(:func:`attributes.held_out_predictions`), at the strength in ``--measures`` (default:
the shipped ``measures.npz``); ``--without-added`` leaves the added photos out of the fits
and the report. Reads the measurements ``benchmarks/attributes.py`` cached; skips a set it
cannot find.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="a model of scripts/fit_measures.py, e.g. hair_color")
    parser.add_argument("--added", type=int, required=True,
                        help="how many of the faceset manifest's last rows count as added")
    parser.add_argument("--measures", type=Path,
                        default=ROOT / "src" / "facemoji" / "data" / "measures.npz")
    parser.add_argument("--without-added", action="store_true")
    args = parser.parse_args()
    import fit_measures

    from attributes import held_out_predictions, measure_set

    tasks = {t.name: t for t in fit_measures.tasks()}
    if args.model not in tasks:
        parser.error(f"no model named {args.model}")
    with open(ROOT / "benchmarks" / "data" / "faces" / "manifest.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    added = {("faceset", r["file"]) for r in rows[len(rows) - args.added:]}
    samples = [s for name in ("shared", "faceset", "portraits")
               for s in measure_set(name, latest=True) or []
               if not (args.without_added and (s.set, s.photo.file) in added)]
    with np.load(args.measures) as saved:
        strength = float(saved[f"{args.model}.strength"])
    by_photo = {(s.set, s.photo.file): s for s in samples}
    tally: dict[tuple[str, str], list[int]] = {}
    for photo, value in held_out_predictions(args.model, samples, strength).items():
        counts = tally.setdefault((photo[0], "added" if photo in added else "before"), [0, 0])
        counts[0] += bool(tasks[args.model].right(by_photo[photo], value))
        counts[1] += 1
    print(f"{args.model}, strength {strength:g}, held out by person")
    for (name, part), (right, total) in sorted(tally.items()):
        print(f"  {name} ({part}): {right}/{total} = {100 * right / total:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
