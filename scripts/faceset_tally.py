"""Quota table and label counts for a labels file of the labelled face set.

    python scripts/faceset_tally.py [benchmarks/data/faces/labels_pass1.csv] [--counts]

Checks every value against the label vocabulary (see benchmarks/data/faces/README.md) and
every file against the manifest, then prints, as a Markdown table, each quota of issue 10
with its target, the count in the labels and whether it is met; ``--counts`` adds how often
each value of each column occurs. Exit status: 0 all quotas met, 1 some quota short,
2 bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
from collections.abc import Callable
from pathlib import Path

FACES = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "faces"

VOCABULARY: dict[str, set[str]] = {
    "hair_color": {"black", "dark_brown", "brown", "light_brown", "blonde", "red", "auburn",
                   "gray", "white", "bald", "dyed_other", "covered"},
    # whole Monk steps, or the mean of two labellers one step apart (labels.csv)
    "skin_tone": {str(n) for n in range(1, 11)} | {f"{n + 0.5:.1f}" for n in range(1, 10)},
    "glasses": {"none", "eyeglasses", "sunglasses"},
    "glasses_frame": {"none", "thick", "thin", "rimless"},
    "facial_hair": {"none", "stubble", "mustache", "goatee", "beard"},
    "headwear": {"none", "hat", "cap", "other", "band"},
    "frontal": {"yes", "partial", "profile"},
    "hair_length": {"bald", "buzz", "short", "chin", "shoulder", "long"},
    "hair_type": {"straight", "wavy", "curly", "coily", "na"},
    "hair_up": {"none", "bun", "ponytail", "braids"},
    "bangs": {"yes", "no"},
    "hairline": {"normal", "receding", "bald"},
    "smile": {"none", "closed", "teeth"},
    "age_band": {"18-29", "30-44", "45-59", "60+"},
    "gender": {"female", "male"},
}

Row = dict[str, str]

# (name, target, predicate over one row); photo counts unless the name says otherwise
QUOTAS: list[tuple[str, int, Callable[[Row], bool]]] = [
    ("Monk >= 7", 20, lambda r: float(r["skin_tone"]) >= 7),
    ("red or auburn hair", 15, lambda r: r["hair_color"] in {"red", "auburn"}),
    ("bald or receding", 15, lambda r: r["hairline"] in {"bald", "receding"}),
    ("glasses (any)", 30, lambda r: r["glasses"] != "none"),
    ("eyeglasses rimless or thin metal", 8,
     lambda r: r["glasses"] == "eyeglasses" and r["glasses_frame"] in {"rimless", "thin"}),
    ("sunglasses", 8, lambda r: r["glasses"] == "sunglasses"),
    ("women, hair past the chin", 40,
     lambda r: r["gender"] == "female" and r["hair_length"] in {"shoulder", "long"}),
    ("curly or coily hair", 15, lambda r: r["hair_type"] in {"curly", "coily"}),
    ("headwear", 15, lambda r: r["headwear"] != "none"),
    ("smiling with teeth", 20, lambda r: r["smile"] == "teeth"),
    ("older than 60", 20, lambda r: r["age_band"] == "60+"),
]


class TallyError(Exception):
    """Bad input; reported as one line, exit status 2."""


def read_labels(path: Path, manifest: Path) -> list[Row]:
    """Label rows, checked against the vocabulary and the manifest's files."""
    try:
        with open(path, newline="") as fh:
            rows = list(csv.DictReader(fh))
        with open(manifest, newline="") as fh:
            files = [r["file"] for r in csv.DictReader(fh)]
    except (OSError, KeyError) as exc:
        raise TallyError(f"cannot read {path} or {manifest}: {exc}") from None
    if not rows:
        raise TallyError(f"{path} has no rows")
    missing = [c for c in ("file", "face_count", *VOCABULARY) if c not in rows[0]]
    if missing:
        raise TallyError(f"{path} lacks columns: {', '.join(missing)}")
    for i, row in enumerate(rows, start=2):
        for column, allowed in VOCABULARY.items():
            if row[column] not in allowed:
                raise TallyError(f"{path}:{i} {row['file']}: {column}={row[column]!r} "
                                 "is not a label value")
        if not row["face_count"].isdigit() or row["face_count"] == "0":
            raise TallyError(f"{path}:{i} {row['file']}: face_count must be a positive integer")
    labelled = [r["file"] for r in rows]
    if sorted(labelled) != sorted(files):
        extra = sorted(set(labelled) - set(files))
        absent = sorted(set(files) - set(labelled))
        dup = len(labelled) - len(set(labelled))
        raise TallyError(f"{path} does not match the manifest: {len(absent)} unlabelled, "
                         f"{len(extra)} not in the manifest, {dup} duplicated "
                         f"(first: {(absent + extra + [''])[0]})")
    return rows


def quota_table(rows: list[Row]) -> tuple[list[str], bool]:
    """Markdown lines of the quota table, and whether every quota is met."""
    people = collections.Counter(r["file"].split("/")[0] for r in rows)
    monk5 = sum(float(r["skin_tone"]) >= 5 for r in rows)
    lines = ["| quota | target | count | met |", "|---|---|---|---|"]
    checks = [
        ("photos", "300", len(rows), len(rows) >= 300),
        ("people", "80", len(people), len(people) >= 80),
        # two photos at least: one to build the avatar from and one held back to judge it
        ("people with >= 2 photos", "all", sum(n >= 2 for n in people.values()),
         min(people.values()) >= 2),
        ("Monk >= 5 (share of photos)", "25%", f"{monk5} ({monk5 / len(rows):.0%})",
         monk5 >= 0.25 * len(rows)),
    ]
    for name, target, test in QUOTAS:
        count = sum(test(r) for r in rows)
        checks.append((name, str(target), count, count >= target))
    for name, target, count, met in checks:
        lines.append(f"| {name} | {target} | {count} | {'yes' if met else '**no**'} |")
    return lines, all(met for *_, met in checks)


def value_counts(rows: list[Row]) -> list[str]:
    """One line per column: how often each value occurs (in vocabulary order)."""
    lines = []
    for column, allowed in VOCABULARY.items():
        counts = collections.Counter(r[column] for r in rows)
        order = sorted(allowed, key=lambda v: (not v.isdigit(), int(v) if v.isdigit() else v))
        lines.append(f"- {column}: " + ", ".join(f"{v} {counts[v]}" for v in order if counts[v]))
    women = collections.Counter(r["file"].split("/")[0] for r in rows if r["gender"] == "female")
    lines.append(f"- people: {len({r['file'].split('/')[0] for r in rows})} "
                 f"({len(women)} women)")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="?", type=Path, default=FACES / "labels_pass1.csv")
    parser.add_argument("--manifest", type=Path, default=FACES / "manifest.csv")
    parser.add_argument("--counts", action="store_true", help="also print value counts")
    args = parser.parse_args(argv)
    try:
        rows = read_labels(args.labels, args.manifest)
    except TallyError as exc:
        print(f"faceset_tally: error: {exc}", file=sys.stderr)
        return 2
    lines, all_met = quota_table(rows)
    print("\n".join(lines))
    if args.counts:
        print()
        print("\n".join(value_counts(rows)))
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
