"""What the hair segmenter's other reads see on the labelled photos, by label.

    python benchmarks/segmenter_reads.py

Prints the medians of ``facemoji.face.parts.eyewear_features`` by the glasses label and
frame kind, of ``hair_outline_features`` by the hair type, and of the middle column of
``chest_features`` (1 IOD below the chin) by the jacket label: the tables of
docs/benchmarks.md ("The segmenter sees glasses", "Curls by the hair's extent and
outline", "The segmenter sees a jacket"). Reads the newest measurements that
``benchmarks/attributes.py`` cached; sets that are not here are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import numpy as np

from attributes import Sample, measure_set
from labelled import SETS


def _medians(samples: list[Sample], feature: str, group: Callable[[Sample], str | None],
             columns: tuple[str, ...], pick: slice = slice(None)) -> list[str]:
    """A markdown table of the median of ``features[feature][pick]`` per ``group``."""
    found: dict[str, list[np.ndarray]] = defaultdict(list)
    for s in samples:
        key = group(s)
        if key is not None and feature in s.attributes.features:
            found[key].append(np.asarray(s.attributes.features[feature], np.float64)[pick])
    lines = [f"| {feature} | photos | {' | '.join(columns)} |",
             "|---|---|" + "---|" * len(columns)]
    for key in sorted(found):
        median = np.median(found[key], axis=0)
        lines.append(f"| {key} | {len(found[key])} | "
                     + " | ".join(f"{v:.3f}" for v in median) + " |")
    return lines


def main() -> int:
    from facemoji.face.parts import CHEST_COLUMNS, CHEST_ROWS

    samples = [s for name in SETS for s in (measure_set(name, latest=True) or [])
               if s.attributes is not None]
    if not samples:
        print("no labelled set is here: nothing to report")
        return 0

    def glasses(s: Sample) -> str | None:
        kind = s.label("glasses")
        if kind == "eyeglasses":
            return f"eyeglasses, {s.label('glasses_frame') or 'frame unlabelled'}"
        return kind or None

    def jacket(s: Sample) -> str | None:
        return {"yes": "jacket", "no": "no jacket"}.get(s.label("jacket"))

    # the middle column's cell 1 IOD below the chin: clothes, bare skin, hair
    cell = CHEST_ROWS.index(1.0) * len(CHEST_COLUMNS) * 3
    tables = [
        _medians(samples, "eyewear", glasses,
                 ("mean", "90th percentile", "maximum", "share > 0.5")),
        _medians(samples, "hair_outline", lambda s: s.label("hair_type") or None,
                 ("rim / sure", "edge gradient", "hair's share")),
        _medians(samples, "chest", jacket, ("clothes", "bare skin", "hair"),
                 slice(cell, cell + 3)),
    ]
    print("\n\n".join("\n".join(t) for t in tables))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
