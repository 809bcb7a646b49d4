"""Color casts: does analysis hold up when the light is warm or cool?

Each labelled photo is tinted by per-channel gains (``labelled.CASTS``; warm: indoor bulbs,
1.25 / 1.0 / 0.7 on red / green / blue; cool: shade, 0.8 / 0.95 / 1.2), analysed again
(``measure_set(name, tint=cast)``, cached beside the photos' own measurements), and
compared with the untinted photo's analysis: the hair color named
right (``ACCEPT``), the Monk score's mean error on Monk 1–4 and 5–10 and its mean shift,
and how often bald, hair length (short vs long), facial hair (any vs none) and glasses
come out as they did untinted. Nothing is fitted, so nothing is held out.

    python benchmarks/casts.py                    # the faceset, about 4 minutes a cast (cached)
    python benchmarks/casts.py --sets shared faceset

Sets whose photos are absent are skipped.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attributes import ACCEPT, Sample, measure_set
from labelled import CASTS


def report(name: str, cast: str, samples: list[Sample], copies: list[Sample]) -> str:
    """One line: how set ``name``'s photos fare under ``cast`` (``copies``: the photos'
    tinted copies measured, in the same order)."""
    tally: Counter[str] = Counter()
    monk: list[tuple[float, float, float, bool]] = []
    for s, copy in zip(samples, copies, strict=True):
        base, got = s.attributes, copy.attributes
        if base is None or got is None:
            continue
        tally["photos"] += 1
        label = s.label("hair_color")
        if label in ACCEPT and label != "bald":
            tally["hair"] += 1
            tally["hair right"] += got.hair_name in ACCEPT[label]
            tally["hair right untinted"] += base.hair_name in ACCEPT[label]
        tally["bald"] += got.bald == base.bald
        tally["long"] += got.hair_length.long == base.hair_length.long
        tally["beard"] += (got.facial_hair == "none") == (base.facial_hair == "none")
        tally["glasses"] += got.glasses == base.glasses
        if s.label("skin_tone"):
            tone = float(s.label("skin_tone"))
            monk.append((abs(got.monk_score - tone), abs(base.monk_score - tone),
                         got.monk_score - base.monk_score, tone >= 5))
    m = np.array(monk)
    groups = []
    for dark, group in ((False, "Monk 1–4"), (True, "Monk 5–10")):
        rows = m[m[:, 3] == dark] if len(m) else m
        if len(rows):
            groups.append(f"{group} error {rows[:, 0].mean():.2f} (untinted "
                          f"{rows[:, 1].mean():.2f}), shift {rows[:, 2].mean():+.2f}")
    n = tally["photos"]
    return (f"{name}, {cast}: hair color right {tally['hair right']}/{tally['hair']} (untinted "
            f"{tally['hair right untinted']}); {'; '.join(groups)}; as untinted: bald "
            f"{tally['bald']}/{n}, short or long {tally['long']}/{n}, facial hair "
            f"{tally['beard']}/{n}, glasses {tally['glasses']}/{n}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=["faceset"])
    parser.add_argument("--casts", nargs="+", choices=list(CASTS), default=list(CASTS))
    args = parser.parse_args()
    any_set = False
    for name in args.sets:
        samples = measure_set(name)
        if samples is None:
            print(f"{name}: photos absent, skipped")
            continue
        any_set = True
        for cast in args.casts:
            print(report(name, cast, samples, measure_set(name, tint=cast) or []), flush=True)
    if not any_set:
        print("no labelled photos here; nothing measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
