"""Do fresh labellers read skin tone as the labelled sets do? A check of the Monk labels'
convention, set by set.

    python benchmarks/skin_convention.py                 # score the committed passes
    python benchmarks/skin_convention.py sheets --out DIR  # the sheets, to label again

105 photos (``benchmarks/data/skin_convention/key.csv``): one photo of each of the 35
people of ``../shared``, 45 of the faceset and 25 of the portrait set (two thirds of them
labelled Monk 4.5 or darker), shuffled. Two fresh labellers (helper sessions that saw only
the sheets: the Monk swatches above numbered faces) gave each a Monk tone by eye, allowing
for the light (``pass_a.csv``, ``pass_b.csv``). This script scores each pass against the
sets' own labels, by set and Monk group, beside what facemoji measures on the same photos
(from ``benchmarks/attributes.py``'s cache, where there is one). Sets whose photos are
absent are left out.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

from labelled import load

DATA = Path(__file__).parent / "data" / "skin_convention"
PASSES = ("pass_a.csv", "pass_b.csv")
GROUPS = (("Monk 1–4", 0.0, 5.0), ("Monk 5–10", 5.0, 11.0))
"""Each group's labels from the first bound up to the second, as ``attributes.skin_group``."""


def _key() -> list[dict[str, str]]:
    with open(DATA / "key.csv", newline="") as fh:
        return list(csv.DictReader(fh))


def _photos() -> dict[tuple[str, str], object]:
    """The labelled photos of every set that is here, by ``(set, file)``."""
    out = {}
    for name in ("shared", "faceset", "portraits"):
        for photo in load(name) or []:
            out[(name, photo.file)] = photo
    return out


def _measured(sets: set[str]) -> dict[tuple[str, str], float]:
    """facemoji's Monk score per ``(set, file)``, from the newest cached measurements."""
    from attributes import CACHE, measure_set

    out = {}
    for name in sets:
        if not list(CACHE.glob(f"attributes-{name}-????????????????.pkl")):
            continue
        for s in measure_set(name, latest=True) or []:
            if s.attributes is not None:
                out[(name, s.photo.file)] = float(s.attributes.monk_score)
    return out


def score() -> None:
    key, photos = _key(), _photos()
    rows = [r for r in key if (r["set"], r["file"]) in photos]
    if not rows:
        print("no labelled photos here (set FACEMOJI_FACESET, FACEMOJI_PORTRAITS, ../shared)")
        return
    passes = []
    for name in PASSES:
        with open(DATA / name, newline="") as fh:
            passes.append({r["id"]: float(r["monk"]) for r in csv.DictReader(fh) if r["monk"]})
    measured = _measured({r["set"] for r in rows})
    print("| set | labelled | photos | " + " | ".join(
        f"{p.removesuffix('.csv')}: mean, MAE" for p in PASSES) + " | facemoji: mean, MAE |")
    print("|---|---|---|" + "---|" * (len(PASSES) + 1))
    for name in ("shared", "faceset", "portraits"):
        for group, lo, hi in GROUPS:
            mine = [r for r in rows if r["set"] == name
                    and lo <= float(photos[(name, r["file"])]["skin_tone"]) < hi]
            if not mine:
                continue
            label = {r["id"]: float(photos[(name, r["file"])]["skin_tone"]) for r in mine}
            cells = []
            for one in [*passes, {r["id"]: measured[(name, r["file"])] for r in mine
                                  if (name, r["file"]) in measured}]:
                d = np.array([one[i] - label[i] for i in label if i in one])
                cells.append(f"{d.mean():+.2f}, {np.abs(d).mean():.2f}" if len(d) else "n/a")
            print(f"| {name} | {group} | {len(mine)} | " + " | ".join(cells) + " |")
    print("\n(mean: the reading less the set's label, in Monk steps; negative is lighter;"
          "\n facemoji as shipped: its skin model was fitted on these photos too)")


def sheets(out: Path) -> None:
    """The labelling sheets: the Monk swatches, then the key's photos, numbered."""
    import cv2
    from PIL import Image

    from facemoji.face.detect import detect_faces
    from facemoji.face.person import portrait, portrait_matrix
    from facemoji.face.skin import MONK_HEX

    photos, tiles = _photos(), []
    for row in _key():
        photo = photos.get((row["set"], row["file"]))
        tile = np.full((300, 256, 3), 255, np.uint8)
        if photo is not None:
            image = np.asarray(Image.open(photo.path).convert("RGB"))
            faces = detect_faces(image)
            if faces:
                tile[:256] = portrait(image, portrait_matrix(faces[0].landmarks, width=4.0))[0]
        cv2.putText(tile, f"#{row['id']}", (5, 290), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 2)
        tiles.append(tile)
    strip = np.full((90, 4 * 256, 3), 255, np.uint8)
    for k, hex_color in enumerate(MONK_HEX):
        rgb = tuple(int(hex_color[j:j + 2], 16) for j in (1, 3, 5))
        x = 10 + k * 100
        cv2.rectangle(strip, (x, 5), (x + 80, 60), rgb, -1)
        cv2.rectangle(strip, (x, 5), (x + 80, 60), (120, 120, 120), 1)
        cv2.putText(strip, str(k + 1), (x + 30, 85), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (0, 0, 0), 2)
    out.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(tiles), 16):
        chunk = tiles[start:start + 16]
        chunk += [np.full_like(tiles[0], 255)] * (-len(chunk) % 4)
        grid = np.vstack([strip, *(np.hstack(chunk[r:r + 4]) for r in range(0, len(chunk), 4))])
        Image.fromarray(grid).save(out / f"sheet{start // 16 + 1}.png")
    with open(out / "labels.csv", "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "monk", "note"])
        writer.writerows([row["id"], "", ""] for row in _key())
    print(f"{len(tiles)} photos on {(len(tiles) + 15) // 16} sheets in {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    make = sub.add_parser("sheets", help="the labelling sheets and an empty labels.csv")
    make.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "sheets":
        sheets(args.out)
    else:
        score()
    return 0


if __name__ == "__main__":
    sys.exit(main())
