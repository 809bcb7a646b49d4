"""How light analysis measures each named hair color, beside the avatar's paint for it.

    python benchmarks/hair_paint.py

For every labelled photo of both sets (``benchmarks/attributes.py`` measures them, and
caches the measurements), groups the hair's measured CIELAB lightness by the name analysis
gave it (no label is read) and prints, per name, the 10th, 50th and 90th percentiles, the
lightness range of the name's stretch of natural colors
(``facemoji.match.natural.HAIR_SCALE``) and the paint of the median color.
``facemoji.match.natural.HAIR_MEASURED`` holds the blonde row's 10th and 90th percentiles:
the paint maps that range onto the blonde stretch (the other names take the nearest
natural color, see its docstring).

A second table takes the photos of the three sets that analysis names black, by their
labelled hair color: the hair-color model's brown share (its probability of brown over
that of black or brown, from a model refitted without the photo's person), the measured
lightness and its paint, and how well the share and the lightness each tell the black
from the dark-brown photos (area under the ROC curve). Skips (exit 0) where no set is
here.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributes import ROOT, Sample, measure_set

SETS = ("faceset", "shared")
ENOUGH = 20
"""Names measured on fewer photos than this get no range of their own."""


def main() -> int:
    from facemoji.match.natural import HAIR_SCALE

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
    _table(by_name)
    print()
    _black_heads()
    return 0


def _table(by_name: dict[str, list[np.ndarray]]) -> None:
    """The measured lightness of each name beside its stretch and paint."""
    from facemoji.avatar.color import hex_to_lab, lab_to_hex
    from facemoji.match.natural import HAIR_MEASURED, HAIR_SCALE, natural_hair

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


BLACK_LABELS = ("black", "dark_brown", "brown", "light_brown")
"""The labelled hair colors of the second table's rows."""


def _held_out_shares(samples: list[Sample]) -> dict[tuple[str, str], float]:
    """Per ``(set, file)``, the brown share of the hair-color model fitted without the
    photo's person (``scripts/fit_measures.py``)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from fit_measures import _data, fit, tasks

    from facemoji.face.learned import _models

    task = next(t for t in tasks() if t.name == "hair_color")
    strength = float(_models()["hair_color.strength"])
    chosen, x, y, w = _data(task, samples)
    people = np.array([s.person for s in chosen])
    black, brown = task.classes.index("black"), task.classes.index("brown")
    shares = {}
    for person in sorted(set(people)):
        mine = people == person
        model = fit(x[~mine], y[~mine], w[~mine], strength, task.classes)
        for i in np.flatnonzero(mine):
            p = model.probabilities(x[i])  # type: ignore[attr-defined]
            shares[(chosen[i].set, chosen[i].photo.file)] = float(
                p[brown] / max(p[black] + p[brown], 1e-9))
    return shares


def _auc(negative: list[float], positive: list[float]) -> float:
    """The chance that a random ``positive`` scores above a random ``negative``."""
    neg, pos = np.asarray(negative)[:, None], np.asarray(positive)[None, :]
    return float(((pos > neg) + 0.5 * (pos == neg)).mean())


def _black_heads() -> None:
    """The photos named black, by labelled color: brown share, lightness and paint."""
    from facemoji.match.natural import natural_hair

    samples = [s for name in ("faceset", "shared", "portraits")
               for s in (measure_set(name) or []) if s.attributes is not None]
    shares = _held_out_shares(samples)
    rows: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for s in samples:
        share = shares.get((s.set, s.photo.file))
        a = s.attributes
        if share is None or a.hair_name != "black" or s.label("hair_color") not in BLACK_LABELS:
            continue
        lab = np.asarray(a.hair.lab, np.float64)
        rows[s.label("hair_color")].append((share, lab[0], natural_hair(lab, "black")[0]))
    print("Photos named black, by labelled color (brown share held out by person; paint L*)")
    print()
    print("| labelled | photos | brown share 25th / 50th / 75th pct | measured L* median "
          "| paint L* median |")
    print("|---|---|---|---|---|")
    for label in BLACK_LABELS:
        r = np.array(rows.get(label, [])).reshape(-1, 3)
        if not len(r):
            continue
        q = np.percentile(r[:, 0], [25, 50, 75])
        print(f"| {label} | {len(r)} | {q[0]:.2f} / {q[1]:.2f} / {q[2]:.2f} | "
              f"{np.median(r[:, 1]):.1f} | {np.median(r[:, 2]):.1f} |")
    black, dark = rows.get("black", []), rows.get("dark_brown", [])
    if black and dark:
        print()
        print(f"black against dark brown, area under the ROC curve: brown share "
              f"{_auc([b[0] for b in black], [d[0] for d in dark]):.2f}, measured lightness "
              f"{_auc([b[1] for b in black], [d[1] for d in dark]):.2f}")


if __name__ == "__main__":
    sys.exit(main())
