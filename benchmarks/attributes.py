"""Attribute accuracy and speed on the labelled photos of ../shared/data/faces.

    python benchmarks/attributes.py           # accuracy, timing and the list of misses
    python benchmarks/attributes.py --norms   # population mean/sd of the geometry ratios
    python benchmarks/attributes.py --light   # Monk tone of dim / tinted copies vs original

Runs detection + landmarks (``facemoji.face.detect.detect_face``) and
``facemoji.face.attributes.measure`` on every photo of ``labels.csv``, on one core, and
compares with the labels by eye (the largest face; for group photos the labels describe the
named primary face, which is not always the largest).
Skips (exit 0) where the shared folder is absent.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as in the target

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FACES = SHARED / "data" / "faces"

# the names a labelled color may get and still count as right (neighbours count)
ACCEPT = {
    "black": {"black"}, "dark_brown": {"black", "brown"}, "brown": {"brown"},
    "light_brown": {"brown", "blonde"}, "blonde": {"blonde"}, "red": {"red", "auburn"},
    "auburn": {"red", "auburn", "brown"}, "gray": {"gray"}, "white": {"white", "gray"},
    "bald": {"bald"},
}


def _rows() -> list[dict[str, str]]:
    with open(FACES / "labels.csv", newline="") as fh:
        return list(csv.DictReader(fh))


def _run(rows: list[dict[str, str]]) -> list[tuple[dict[str, str], object, float, float]]:
    """(row, attributes or None, ms for detection + landmarks + attributes, ms attributes)."""
    import cv2

    from facemoji.errors import NoFaceFound
    from facemoji.face.attributes import measure
    from facemoji.face.detect import detect_face
    from facemoji.face.image import load_image

    cv2.setNumThreads(1)
    results = []
    for row in rows:
        image = load_image(FACES / row["file"])
        start = time.perf_counter()
        try:
            detection, _ = detect_face(image, name=row["file"])
        except NoFaceFound:
            results.append((row, None, 0.0, 0.0))
            continue
        middle = time.perf_counter()
        attributes = measure(image, detection)
        end = time.perf_counter()
        results.append((row, attributes, (end - start) * 1000, (end - middle) * 1000))
    return results


def _pct(hits: int, total: int) -> str:
    return f"{hits}/{total} = {100 * hits / total:.1f}%" if total else "n/a"


def report(results: list[tuple[dict[str, str], object, float, float]]) -> None:
    """Print the accuracy figures and the misses."""
    found = [(row, a) for row, a, _, _ in results if a is not None]
    misses: list[str] = []
    print(f"photos: {len(results)}; detection rate: {_pct(len(found), len(results))}")

    hair = [(r, a) for r, a in found if r["hair_color"] in ACCEPT]
    hair_ok = 0
    for r, a in hair:
        if a.hair_name in ACCEPT[r["hair_color"]]:
            hair_ok += 1
        else:
            misses.append(f"hair     {r['file']}: label {r['hair_color']}, got {a.hair_name}")
    print(f"hair color (neighbours count): {_pct(hair_ok, len(hair))}")
    red = [(r, a) for r, a in found if r["hair_color"] in ("red", "auburn")]
    red_ok = sum(a.hair_name in ("red", "auburn") for r, a in red)
    print(f"red/auburn recall: {_pct(red_ok, len(red))}")

    errors = [(abs(a.monk - int(r["skin_tone"])), int(r["skin_tone"])) for r, a in found]
    dark = [e for e, t in errors if t >= 5]
    print(f"skin tone MAE (Monk steps): {statistics.mean(e for e, _ in errors):.2f} overall, "
          f"{statistics.mean(dark):.2f} for Monk >= 5 (n={len(dark)}), "
          f"within 1 step: {_pct(sum(e <= 1 for e, _ in errors), len(errors))}")
    for r, a in found:
        if abs(a.monk - int(r["skin_tone"])) >= 2:
            misses.append(f"skin     {r['file']}: label {r['skin_tone']}, got {a.monk}")

    glasses_ok = 0
    for r, a in found:
        if a.glasses == r["glasses"]:
            glasses_ok += 1
        else:
            misses.append(f"glasses  {r['file']}: label {r['glasses']}, got {a.glasses}")
    print(f"glasses: {_pct(glasses_ok, len(found))}")

    beard_ok = 0
    for r, a in found:
        label = r["facial_hair"]
        if label == "stubble" or (a.facial_hair != "none") == (label != "none"):
            beard_ok += 1
        else:
            misses.append(f"facial   {r['file']}: label {label}, got {a.facial_hair}")
    print(f"facial hair, none vs any (stubble either way): {_pct(beard_ok, len(found))}")

    hat_ok = 0
    for r, a in found:
        if (a.headwear != "none") == (r["headwear"] != "none"):
            hat_ok += 1
        else:
            misses.append(f"headwear {r['file']}: label {r['headwear']}, got {a.headwear}")
    print(f"headwear, none vs any: {_pct(hat_ok, len(found))}")
    total = sorted(ms for _, a, ms, _ in results if a is not None)
    own = sorted(ms for _, a, _, ms in results if a is not None)
    print(f"ms per photo, median (p90): detection + landmarks + attributes "
          f"{statistics.median(total):.0f} ({total[int(0.9 * len(total))]:.0f}); "
          f"attributes alone {statistics.median(own):.0f} ({own[int(0.9 * len(own))]:.0f})")
    print("\nmisses:")
    for line in sorted(misses):
        print("  " + line)


def norms(results: list[tuple[dict[str, str], object, float, float]]) -> None:
    """Print the mean and sd of each geometry ratio over the frontal photos."""
    from facemoji.face.geometry import KEYS

    frontal = [a for r, a, _, _ in results if a is not None and r["frontal"] == "yes"]
    print(f"geometry norms over {len(frontal)} frontal photos:")
    for key in KEYS:
        values = [a.geometry[key] for a in frontal]
        print(f'    "{key}": ({statistics.mean(values):.4g}, {statistics.stdev(values):.3g}),')


LIGHTS = {"dim x0.6": (0.6, 0.6, 0.6), "warm": (1.12, 1.0, 0.82), "cool": (0.85, 0.95, 1.15)}


def light(rows: list[dict[str, str]]) -> None:
    """Print how much the Monk tone moves on dimmed and tinted copies of each photo."""
    import numpy as np

    from facemoji.errors import NoFaceFound
    from facemoji.face.attributes import measure
    from facemoji.face.detect import detect_face
    from facemoji.face.image import load_image

    shifts: dict[str, list[int]] = {name: [] for name in LIGHTS}
    for row in rows:
        image = load_image(FACES / row["file"])
        try:
            detection, _ = detect_face(image, name=row["file"])
        except NoFaceFound:
            continue
        base = measure(image, detection).monk
        for name, gains in LIGHTS.items():
            copy = np.clip(image * np.array(gains), 0, 255).astype(np.uint8)
            shifts[name].append(abs(measure(copy, detection).monk - base))
    for name, values in shifts.items():
        print(f"{name}: mean |Monk shift| {statistics.mean(values):.2f}, "
              f"within 1 step {_pct(sum(v <= 1 for v in values), len(values))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--norms", action="store_true", help="print geometry norms instead")
    parser.add_argument("--light", action="store_true", help="Monk tone under dim/tinted light")
    parser.add_argument("--sclera-strength", type=float, default=None,
                        help="override facemoji.face.skin.SCLERA_STRENGTH (white balance)")
    args = parser.parse_args()
    if args.sclera_strength is not None:
        from facemoji.face import skin

        skin.SCLERA_STRENGTH = args.sclera_strength
    if not (FACES / "labels.csv").is_file():
        print(f"skipped: {FACES} not found")
        return 0
    if args.light:
        light(_rows())
        return 0
    results = _run(_rows())
    (norms if args.norms else report)(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
