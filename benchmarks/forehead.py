"""The forehead's height, which the avatar's ``forehead`` is drawn from.

    python benchmarks/forehead.py

For every labelled photo whose hairline shows (no bald crown, receding hairline, bangs or
hat: ``facemoji.match.measured.forehead_height``), the height from the eyes to the
hairline in inter-ocular distances. Prints the norm (mean and standard deviation) over the
faceset and the portrait set, which ``FOREHEAD_NORM`` holds, and on ``../shared``, which
the norm was not taken from, how the avatars' ``forehead`` spreads under it; then how much
one person's photos agree (their intra-class correlation). Sets that are not here are
skipped; the measurements are ``benchmarks/attributes.py``'s cache.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from attributes import measure_set

FIT_SETS = ("faceset", "portraits")
HELD_OUT = "shared"


def heights(name: str) -> dict[str, list[float]] | None:
    """Per person of set ``name``, the forehead height of each photo that shows it
    (``None`` where the set is not here)."""
    from facemoji.match.measured import forehead_height

    samples = measure_set(name, latest=True)
    if samples is None:
        return None
    out: dict[str, list[float]] = defaultdict(list)
    for s in samples:
        value = forehead_height(s.attributes) if s.attributes is not None else None
        if value is not None:
            out[s.person].append(value)
    return out


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from mesh_geometry import icc

    from facemoji.match.calibration import scalar_for
    from facemoji.match.measured import FOREHEAD_NORM

    sets = {name: heights(name) for name in (*FIT_SETS, HELD_OUT)}
    fit = [v for name in FIT_SETS for g in (sets[name] or {}).values() for v in g]
    if not fit:
        print("no labelled photos here; nothing to report")
        return 0
    print(f"norm over {len(fit)} photos of {', '.join(FIT_SETS)}: mean {np.mean(fit):.3f}, "
          f"sd {np.std(fit):.3f} (FOREHEAD_NORM holds {FOREHEAD_NORM})")
    for name, people in sets.items():
        if not people:
            continue
        mean, sd = FOREHEAD_NORM
        # as generate draws it: the calibration's rule for a proportion measured from pixels
        drawn = [scalar_for("facemoji", "forehead", "forehead", (np.median(g) - mean) / sd)
                 for g in people.values()]
        several = [g for g in people.values() if len(g) >= 2]
        agree = f"; photos of one person agree: ICC {icc(several):.2f}" if len(several) > 2 \
            else ""
        print(f"{name}{' (held out)' if name == HELD_OUT else ''}: {len(people)} people; "
              f"forehead drawn: median {np.median(drawn):+.2f}, quartiles "
              f"{np.percentile(drawn, 25):+.2f} to {np.percentile(drawn, 75):+.2f}{agree}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
