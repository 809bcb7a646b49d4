"""How often one careful labeller's pass agrees with the final labels, scored as the
measures are scored: the ceiling that label noise puts on a measure's accuracy.

    python benchmarks/label_agreement.py

Each labelled set in the repository (``benchmarks/data/faces``, ``benchmarks/data/portraits``)
was labelled in two independent passes, and a third look settled every disagreement. This
script scores each pass against the final labels with :mod:`attributes`' own rules (a hair
color by the names it accepts, length as short against long, glasses, facial hair and
smile as found or not), so that its figures sit beside ``benchmarks/attributes.py``'s. A
pass's fine hair color is read as the name a measure would give it (``dark_brown`` as
brown, ``light_brown`` as brown). Since the final labels come from the two passes, a
pass agrees with them more often than it would with the truth: these are upper bounds on
what a labeller scores.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from attributes import ACCEPT, BEARDS, LONG

DATA = Path(__file__).parent / "data"
SETS = {"faceset": DATA / "faces", "portraits": DATA / "portraits"}
AS_NAMED = {"dark_brown": "brown", "light_brown": "brown"}
"""The name a measure gives a fine hair-color label; every other label is its own name."""

Rule = tuple[Callable[[dict[str, str]], bool], Callable[[dict[str, str], dict[str, str]], bool]]
RULES: dict[str, Rule] = {
    "hair color": (lambda f: f["hair_color"] in ACCEPT,
                   lambda p, f: AS_NAMED.get(p["hair_color"], p["hair_color"])
                   in ACCEPT[f["hair_color"]]),
    "red/auburn": (lambda f: f["hair_color"] in ("red", "auburn"),
                   lambda p, f: p["hair_color"] in ("red", "auburn")),
    "hair length": (lambda f: bool(f["hair_length"]),
                    lambda p, f: (p["hair_length"] in LONG) == (f["hair_length"] in LONG)),
    "glasses": (lambda f: bool(f["glasses"]), lambda p, f: p["glasses"] == f["glasses"]),
    "facial hair": (lambda f: bool(f["facial_hair"]) and f["facial_hair"] != "stubble",
                    lambda p, f: (p["facial_hair"] in BEARDS) == (f["facial_hair"] in BEARDS)),
    "smile": (lambda f: bool(f["smile"]), lambda p, f: p["smile"] == f["smile"]),
}


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


def main() -> None:
    print("| set | measure | pass 1 | pass 2 | the two passes alike |")
    print("|---|---|---|---|---|")
    for name, folder in SETS.items():
        final, passes = (_rows(folder / "labels.csv"),
                         [_rows(folder / f"labels_pass{i}.csv") for i in (1, 2)])
        for measure, (counted, right) in RULES.items():
            cells = []
            for one in passes:
                files = [f for f, row in final.items() if f in one and counted(row)]
                ok = sum(right(one[f], final[f]) for f in files)
                cells.append(f"{ok}/{len(files)} = {100 * ok / len(files):.1f}%")
            both = [f for f, row in final.items()
                    if f in passes[0] and f in passes[1] and counted(row)]
            alike = sum(right(passes[0][f], passes[1][f]) for f in both
                        if counted(passes[1][f]))
            shown = sum(counted(passes[1][f]) for f in both)
            cells.append(f"{alike}/{shown} = {100 * alike / shown:.1f}%")
            print(f"| {name} | {measure} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
