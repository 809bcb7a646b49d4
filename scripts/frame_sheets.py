"""Sheets of the eye area of every labelled photo with glasses, for labelling frame colors.

    python scripts/frame_sheets.py --out DIR [--per-sheet 12]

Takes the photos labelled ``eyeglasses`` or ``sunglasses`` in each labelled set that is
here (``benchmarks/labelled.py``: ``../shared``, ``$FACEMOJI_FACESET``,
``$FACEMOJI_PORTRAITS``), crops each face from the brows' top to the nose tip and across
the face's width (dlib's landmarks), enlarged to 360 px wide so thin frames stay
visible, and tiles them ``--per-sheet`` to a sheet, each captioned ``set:file``, into
``DIR/frames_NN.png``, with ``DIR/frame_colors.csv`` (``set,file,frame_color``) to fill
in. Every labeller gets the same sheets; ``benchmarks/data/frame_colors.csv`` holds the
merged labels.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from facemoji.errors import FacemojiError
from facemoji.face.detect import detect_face
from facemoji.face.image import load_image
from facemoji.report import contact_sheet
from labelled import SETS, load

WIDTH = 360


def eye_area(path: Path) -> np.ndarray | None:
    """The photo's eye area, brows to nose tip, ``WIDTH`` px wide (``None``: no face)."""
    image = load_image(path)
    try:
        detection, _ = detect_face(image)
    except FacemojiError:
        return None
    p = detection.landmarks
    x0, x1 = p[0, 0], p[16, 0]
    y0 = p[17:27, 1].min() - 0.15 * (x1 - x0)
    y1 = p[33, 1]
    h, w = image.shape[:2]
    crop = image[max(0, int(y0)):min(h, int(y1)), max(0, int(x0)):min(w, int(x1))]
    scale = WIDTH / crop.shape[1]
    size = (WIDTH, max(1, round(crop.shape[0] * scale)))
    return np.asarray(Image.fromarray(crop).resize(size, Image.Resampling.LANCZOS))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the sheets")
    parser.add_argument("--per-sheet", type=int, default=12)
    args = parser.parse_args()
    crops, names = [], []
    for name in SETS:
        for photo in load(name) or []:
            if photo["glasses"] not in ("eyeglasses", "sunglasses"):
                continue
            crop = eye_area(photo.path)
            if crop is not None:
                crops.append(crop)
                names.append(f"{name}:{photo.file}")
    if not crops:
        print("no labelled photos with glasses here", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for k in range(math.ceil(len(crops) / args.per_sheet)):
        part = slice(k * args.per_sheet, (k + 1) * args.per_sheet)
        sheet = contact_sheet(crops[part], names[part], columns=3, cell=WIDTH)
        Image.fromarray(sheet).save(args.out / f"frames_{k + 1:02d}.png")
    with open(args.out / "frame_colors.csv", "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["set", "file", "frame_color"])
        writer.writerows([*name.split(":", 1), ""] for name in names)
    print(f"{len(crops)} photos on {math.ceil(len(crops) / args.per_sheet)} sheets in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
