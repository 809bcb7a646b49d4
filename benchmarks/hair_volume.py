"""The hair's spread beside the face, which the avatar's ``hair_volume`` is drawn from.

    python benchmarks/hair_volume.py

For every labelled photo with hair past the chin, the share of the bands beside the face
that is the person (``facemoji.match.measured.hair_spread``). Prints the norm (mean and
standard deviation) over the faceset and ``../shared``, which ``SPREAD_NORM`` holds, and
on the portrait set, which the norm was not taken from, how the avatars' ``hair_volume``
spreads under it; then how much one person's photos agree (the spread between a person's
photos against the spread between people), and the fullest and flattest heads of hair.
Sets that are not here are skipped.
"""

from __future__ import annotations

import sys
from collections import defaultdict

import numpy as np

from attributes import LONG, measure_set

FIT_SETS = ("faceset", "shared")
HELD_OUT = "portraits"


def spreads(name: str) -> dict[str, list[float]] | None:
    """Per person of set ``name``, the spread of each photo labelled with hair past the
    chin (``None`` where the set is not here)."""
    from facemoji.match.measured import hair_spread

    samples = measure_set(name, latest=True)
    if samples is None:
        return None
    out: dict[str, list[float]] = defaultdict(list)
    for s in samples:
        if s.attributes is None or s.label("hair_length") not in LONG:
            continue
        value = hair_spread(s.attributes)
        if value is not None:
            out[s.photo.person].append(value)
    return out


def agreement(people: dict[str, list[float]]) -> str:
    """The standard deviation between one person's photos and between people's medians."""
    several = [v for v in people.values() if len(v) > 1]
    between = float(np.std([np.median(v) for v in people.values()]))
    if not several:
        return f"between people {between:.2f} (one photo each)"
    within = float(np.sqrt(np.mean([np.var(v, ddof=1) for v in several])))
    return f"within one person {within:.2f}, between people's medians {between:.2f}"


def main() -> int:
    from facemoji.match.mapping.facemoji import volume_for
    from facemoji.match.measured import SPREAD_NORM

    found = {name: spreads(name) for name in (*FIT_SETS, HELD_OUT)}
    fit = [v for name in FIT_SETS if found[name] for vs in found[name].values() for v in vs]
    if not fit:
        print("no labelled photos here; nothing to report")
        return 0
    print(f"norm over {len(fit)} photos of {', '.join(FIT_SETS)}: mean {np.mean(fit):.2f}, "
          f"sd {np.std(fit):.2f} (shipped: {SPREAD_NORM[0]:.2f}, {SPREAD_NORM[1]:.2f})")
    mean, sd = SPREAD_NORM
    for name, people in found.items():
        if not people:
            continue
        medians = {p: float(np.median(v)) for p, v in people.items()}
        volume = {p: volume_for((m - mean) / sd) for p, m in medians.items()}
        v = np.array(list(volume.values()))
        print(f"\n{name}{' (held out)' if name == HELD_OUT else ''}: {len(people)} people; "
              f"{agreement(people)}")
        print(f"  hair_volume: median {np.median(v):+.2f}, quartiles {np.percentile(v, 25):+.2f}"
              f" .. {np.percentile(v, 75):+.2f}; at -1: {int((v <= -1).sum())}, "
              f"at +1: {int((v >= 1).sum())}")
        ranked = sorted(volume, key=volume.get)
        print(f"  flattest: {', '.join(ranked[:5])}")
        print(f"  fullest: {', '.join(reversed(ranked[-5:]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
