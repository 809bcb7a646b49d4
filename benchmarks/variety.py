"""Does every feature of the native style vary with the person? Per-person option histograms.

For every person of the labelled sets (``benchmarks/labelled.py``), their photos' measured
attributes (as ``benchmarks/attributes.py`` cached them; run it first) are fused and mapped
onto the style as ``generate(method="attributes")`` does, and, per choice feature, the share
of people who get its most common option is printed, with the scalars' spread. A feature
stuck at one option for more than 60% of people is flagged, unless the people really are
alike in it (most people wear no glasses and no hat).

    python benchmarks/variety.py [--style facemoji]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributes import measure_set
from labelled import SETS

ALIKE = {"glasses", "headwear", "headwear_color", "facial_hair", "freckles", "lip_color",
         "ears", "hair_flip"}
"""Features where most people really do share one option (no glasses, no hat and so no
hat color of its own, no beard, no freckles, natural lips; ears are hidden or alike in
photos; a cut is mirrored only where its swept fringe falls the other way)."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--style", default="facemoji")
    args = parser.parse_args()
    from facemoji import get_style
    from facemoji.avatar.schema import Choice, Color, Scalar
    from facemoji.match.mapping import initial_params
    from facemoji.match.measured import fuse

    people: dict[str, list] = defaultdict(list)
    for name in SETS:
        for s in measure_set(name, latest=True) or []:
            if s.attributes is not None:
                people[s.person].append(SimpleNamespace(attributes=s.attributes))
    if not people:
        print("no measured labelled photos here (run benchmarks/attributes.py); skipping")
        return 0
    schema = get_style(args.style).schema
    chosen = [initial_params(fuse(photos), schema) for photos in people.values()]
    print(f"{len(chosen)} people, style {args.style}, method attributes\n")
    print("| feature | options used | most common (share) | flag |")
    print("|---|---|---|---|")
    for feature in schema.features:
        if isinstance(feature, Scalar):
            values = [p.scalar(feature.name) for p in chosen]
            print(f"| {feature.name} | scalar: sd {np.std(values):.2f}, range "
                  f"{min(values):.2f}..{max(values):.2f} | | |")
            continue
        if isinstance(feature, Color):  # a following color counts as "follows"
            values = [p[feature.name] or f"follows {feature.follows}" for p in chosen]
        else:
            assert isinstance(feature, Choice)
            values = [p.choice(feature.name) for p in chosen]
        counts = Counter(values)
        top, n = counts.most_common(1)[0]
        share = n / len(values)
        flag = "" if share <= 0.6 else ("alike" if feature.name in ALIKE else "STUCK")
        label = top if isinstance(feature, Choice) else f"{top}"
        print(f"| {feature.name} | {len(counts)} | {label} ({share:.0%}) | {flag} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
