"""How light analysis measures each named hair color, beside the avatar's paint for it.

    python benchmarks/hair_paint.py

For every labelled photo of both sets (``benchmarks/attributes.py`` measures them, and
caches the measurements), groups the hair's measured CIELAB lightness by the name analysis
gave it (no label is read) and prints, per name, the 10th, 50th and 90th percentiles, the
lightness range of the name's stretch of natural colors
(``facemoji.match.natural.HAIR_SCALE``) and the paint of the median color.
``facemoji.match.natural.HAIR_MEASURED`` holds the blonde row's 10th and 90th percentiles:
the paint maps that range onto the blonde stretch (the other names take the nearest
natural color, see its docstring). Skips (exit 0) where neither set is here.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributes import measure_set

SETS = ("faceset", "shared")
ENOUGH = 20
"""Names measured on fewer photos than this get no range of their own."""


def main() -> int:
    from facemoji.avatar.color import hex_to_lab, lab_to_hex
    from facemoji.match.natural import HAIR_MEASURED, HAIR_SCALE, natural_hair

    by_name: dict[str, list[np.ndarray]] = defaultdict(list)
    for name in SETS:
        samples = measure_set(name)
        if samples is None:
            print(f"the {name} photos are not here; skipping that set")
            continue
        for s in samples:
            a = s.attributes
            if a is not None and a.hair_name in HAIR_SCALE:
                by_name[a.hair_name].append(np.asarray(a.hair.lab, np.float64))
    if not by_name:
        return 0
    print("| name | photos | measured L* 10th / 50th / 90th pct | stretch L* | mapped range "
          "| paint of the median color |")
    print("|---|---|---|---|---|---|")
    for name, stretch in HAIR_SCALE.items():
        labs = np.array(by_name.get(name, [])).reshape(-1, 3)
        light = labs[:, 0]
        ends = f"{hex_to_lab(stretch[0])[0]:.1f}–{hex_to_lab(stretch[-1])[0]:.1f}"
        shipped = "–".join(f"{v:.1f}" for v in HAIR_MEASURED[name]) \
            if name in HAIR_MEASURED else "(nearest color)"
        if len(light) < ENOUGH:
            print(f"| {name} | {len(light)} | (under {ENOUGH}) | {ends} | {shipped} | — |")
            continue
        p10, p50, p90 = np.percentile(light, [10, 50, 90])
        paint = lab_to_hex(tuple(natural_hair(np.median(labs, axis=0), name)))
        print(f"| {name} | {len(light)} | {p10:.1f} / {p50:.1f} / {p90:.1f} | {ends} | "
              f"{shipped} | {paint} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
