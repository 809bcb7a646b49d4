"""Which learned models need a variant fitted on black-and-white copies?

For each model of ``scripts/fit_measures.py`` named on the command line (default: every
model that has a color version), each labelled photo's black-and-white copy is decided
twice, both held out by person: by the color model, fitted on the photos themselves
without that person, and by the same model fitted on the copies without that person. The
script prints, per model, strength and set, how many copies each gets right. The
black-and-white variants that ``scripts/fit_measures.py`` fits (``GRAYSCALE_VARIANTS``)
are the ones this showed better on the faceset and ``../shared`` without losing the
portraits (docs/benchmarks.md, "Black-and-white photos: models fitted on black-and-white
copies").

    python benchmarks/grayscale_models.py                   # every model (about 40 min)
    python benchmarks/grayscale_models.py tie facial_hair   # some

It reads the newest measurements that ``benchmarks/attributes.py`` cached (photos and
copies, ``measure_set(..., latest=True)``). Sets whose photos are absent are skipped.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))

from fit_measures import STRENGTHS, _data, _decide, fit, tasks  # noqa: E402

from attributes import measure_set  # noqa: E402
from labelled import SETS  # noqa: E402


def compare(task: object, photos: list, copies: list, strength: float) -> Counter[tuple[str, str]]:
    """Per ``(set, "n" | "color" | "copies")``: the copies counted, and how many the color
    model and the model fitted on copies get right, each refitted without the person."""
    color, cx, cy, cw = _data(task, photos)
    gray, gx, gy, gw = _data(task, copies)
    color_people = np.array([s.person for s in color])
    gray_people = np.array([s.person for s in gray])
    tally: Counter[tuple[str, str]] = Counter()
    for person in sorted(set(gray_people)):
        mine_c, mine_g = color_people == person, gray_people == person
        by_color = fit(cx[~mine_c], cy[~mine_c], cw[~mine_c], strength, task.classes)
        by_copies = fit(gx[~mine_g], gy[~mine_g], gw[~mine_g], strength, task.classes)
        for i in np.flatnonzero(mine_g):
            s = gray[i]
            tally[s.set, "n"] += 1
            tally[s.set, "color"] += task.right(s, _decide(task, by_color, s, gx[i]))
            tally[s.set, "copies"] += task.right(s, _decide(task, by_copies, s, gx[i]))
    return tally


def main() -> int:
    color_tasks = [t for t in tasks() if not t.grayscale]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models", nargs="*", metavar="MODEL",
                        help="models to compare (default: all): "
                             + ", ".join(t.name for t in color_tasks))
    args = parser.parse_args()
    unknown = set(args.models) - {t.name for t in color_tasks}
    if unknown:
        parser.error(f"no model named {', '.join(sorted(unknown))}")
    photos, copies = [], []
    for name in SETS:
        got = measure_set(name, latest=True)
        if got is not None:
            photos += got
            copies += measure_set(name, latest=True, grayscale=True) or []
    if not copies:
        print("no labelled photos here; nothing compared")
        return 0
    sets = sorted({s.set for s in copies})
    for task in color_tasks:
        if args.models and task.name not in args.models:
            continue
        for strength in STRENGTHS:
            tally = compare(task, photos, copies, strength)
            cells = [f"{name} color model {tally[name, 'color']}/{tally[name, 'n']}, "
                     f"fitted on copies {tally[name, 'copies']}" for name in sets
                     if tally[name, "n"]]
            print(f"{task.name} (strength {strength:g}): " + "; ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
