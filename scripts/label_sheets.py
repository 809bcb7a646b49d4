"""Contact sheets for labelling one column by eye: glasses frame colors, ties, beard colors,
fringes, how full short hair is on top, where long hair is parted, eye colors.

    python scripts/label_sheets.py frames --out DIR [--per-sheet 12]
    python scripts/label_sheets.py ties --out DIR [--per-sheet 12]
    python scripts/label_sheets.py beards --out DIR [--per-sheet 6]
    python scripts/label_sheets.py fringes --out DIR [--per-sheet 9]
    python scripts/label_sheets.py tops --out DIR [--per-sheet 9]
    python scripts/label_sheets.py parts --out DIR [--per-sheet 9]
    python scripts/label_sheets.py irises --out DIR [--per-sheet 12]

Reads the labelled sets that are here (``benchmarks/labelled.py``: ``../shared``,
``$FACEMOJI_FACESET``, ``$FACEMOJI_PORTRAITS``) and tiles, ``--per-sheet`` to a sheet and
each captioned ``set:file``, into ``DIR/NAME_NN.png``, with ``DIR/NAME_labels.csv``
(``set,file,COLUMN``) to fill in:

- ``frames`` (column ``frame_color``): every photo labelled ``eyeglasses`` or
  ``sunglasses``, cropped to the eye area (brows' top to nose tip, across the face; dlib's
  landmarks) and enlarged to 360 px wide so thin frames stay visible;
- ``ties`` (column ``tie``): every photo labelled with a jacket, and every man's portrait,
  whole, 360 px wide;
- ``beards`` (column ``beard_color``): every photo labelled with facial hair, cropped to
  the face detector's box doubled in width (so the hair above shows too), 360 px wide;
- ``fringes`` (column ``fringe``): every photo labelled with bangs, cropped as ``beards``;
- ``tops`` (column ``hair_top``): every man's photo labelled with short or buzzed hair and a
  bare head (no headwear, not bald), cropped as ``beards``;
- ``parts`` (column ``hair_part``): every photo labelled with hair to the chin or longer,
  no bangs and a bare head, cropped as ``beards``;
- ``irises`` (column ``eye_color``): every photo not labelled with sunglasses, shown as
  the band across both eyes at 360 px wide above each eye alone at 180 px (dlib's
  landmarks), so an iris of a few pixels is big enough to see its color.

Every labeller gets the same sheets; ``benchmarks/data/frame_color_labels.csv``,
``benchmarks/data/tie_labels.csv``, ``benchmarks/data/beard_color_labels.csv``,
``benchmarks/data/fringe_labels.csv``, ``benchmarks/data/hair_top_labels.csv``,
``benchmarks/data/hair_part_labels.csv`` and ``benchmarks/data/eye_color_labels.csv`` hold
the merged labels.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from facemoji.errors import FacemojiError
from facemoji.face.detect import Detection, detect_face
from facemoji.face.image import load_image
from facemoji.report import contact_sheet
from labelled import SETS, Photo, load

WIDTH = 360


def _at_width(pixels: np.ndarray) -> np.ndarray:
    """``pixels`` resized to ``WIDTH`` px wide, the aspect kept."""
    image = Image.fromarray(pixels)
    height = max(1, round(image.height * WIDTH / image.width))
    return np.asarray(image.resize((WIDTH, height), Image.Resampling.LANCZOS))


def _detected(path: Path) -> tuple[np.ndarray, Detection] | None:
    """The photo and its largest face (``None``: no face)."""
    image = load_image(path)
    try:
        detection, _ = detect_face(image)
    except FacemojiError:
        return None
    return image, detection


def _region(image: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """The pixels of ``image`` in ``box`` (x0, y0, x1, y1), clipped to the photo."""
    x0, y0, x1, y1 = box
    h, w = image.shape[:2]
    return image[max(0, int(y0)):min(h, int(y1)), max(0, int(x0)):min(w, int(x1))]


def _cropped(path: Path, box: Callable[[Detection], tuple[float, float, float, float]]
             ) -> np.ndarray | None:
    """The photo's largest face's ``box(detection)`` (x0, y0, x1, y1, clipped to the
    photo), ``WIDTH`` px wide (``None``: no face)."""
    found = _detected(path)
    if found is None:
        return None
    image, detection = found
    return _at_width(_region(image, box(detection)))


def _eyes(detection: Detection) -> tuple[float, float, float, float]:
    p = detection.landmarks
    x0, x1 = p[0, 0], p[16, 0]
    return x0, p[17:27, 1].min() - 0.15 * (x1 - x0), x1, p[33, 1]


def _face(detection: Detection) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = detection.box
    cx, cy, half = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0
    return cx - half, cy - 1.1 * half, cx + half, cy + 1.1 * half


def eye_area(path: Path) -> np.ndarray | None:
    """The photo's eye area, brows to nose tip, ``WIDTH`` px wide (``None``: no face)."""
    return _cropped(path, _eyes)


def _eye_box(detection: Detection, points: slice, margin: float
             ) -> tuple[float, float, float, float]:
    """The box around ``points`` of dlib's landmarks, ``margin`` interocular distances on
    every side."""
    p = detection.landmarks
    iod = float(np.linalg.norm(p[36:42].mean(0) - p[42:48].mean(0)))
    x0, y0 = p[points].min(0) - margin * iod
    x1, y1 = p[points].max(0) + margin * iod
    return x0, y0, x1, y1


def irises(path: Path) -> np.ndarray | None:
    """Both eyes, ``WIDTH`` px square: the band across them above, each eye alone and
    enlarged below (``None``: no face)."""
    found = _detected(path)
    if found is None:
        return None
    image, detection = found

    def crop(box: tuple[float, float, float, float], size: tuple[int, int]) -> Image.Image:
        part = _region(image, tuple(float(round(v)) for v in box))
        return Image.fromarray(part).resize(size, Image.Resampling.LANCZOS)

    band = _eye_box(detection, slice(36, 48), 0.25)
    band_height = round(WIDTH * (band[3] - band[1]) / max(1.0, band[2] - band[0]))
    band_height = min(WIDTH // 2, max(1, band_height))
    tile = Image.new("RGB", (WIDTH, band_height + WIDTH // 2), (246, 246, 248))
    tile.paste(crop(band, (WIDTH, band_height)), (0, 0))
    for k, points in enumerate((slice(36, 42), slice(42, 48))):
        x0, y0, x1, y1 = _eye_box(detection, points, 0.12)
        cx, cy, half = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2
        square = (cx - half, cy - half, cx + half, cy + half)
        tile.paste(crop(square, (WIDTH // 2, WIDTH // 2)), (k * WIDTH // 2, band_height))
    return np.asarray(tile)


def face_area(path: Path) -> np.ndarray | None:
    """The face and the hair around it: the detector's box, widened to twice its width and
    2.2 times its width tall about its center, ``WIDTH`` px wide (``None``: no face)."""
    return _cropped(path, _face)


def whole(path: Path) -> np.ndarray:
    """The photo, ``WIDTH`` px wide."""
    return _at_width(load_image(path))


def _glasses(set_name: str, photo: Photo) -> bool:
    return photo["glasses"] in ("eyeglasses", "sunglasses")


def _bearded(set_name: str, photo: Photo) -> bool:
    return photo["facial_hair"] not in ("", "none")


def _fringed(set_name: str, photo: Photo) -> bool:
    return photo["bangs"] == "yes"


def _short_haired_man(set_name: str, photo: Photo) -> bool:
    return (photo["gender"] == "male" and photo["hair_length"] in ("short", "buzz")
            and photo["headwear"] in ("", "none") and photo["hairline"] != "bald")


def _parted(set_name: str, photo: Photo) -> bool:
    return (photo["hair_length"] in ("chin", "shoulder", "long") and photo["bangs"] != "yes"
            and photo["headwear"] in ("", "none"))


def _eyes_visible(set_name: str, photo: Photo) -> bool:
    return photo["glasses"] != "sunglasses"


def _suited(set_name: str, photo: Photo) -> bool:
    return photo["jacket"] == "yes" or (set_name == "portraits" and photo["gender"] == "male")


KINDS: dict[str, tuple[str, Callable[[str, Photo], bool], Callable[[Path], np.ndarray | None]]] = {
    "frames": ("frame_color", _glasses, eye_area),
    "ties": ("tie", _suited, whole),
    "beards": ("beard_color", _bearded, face_area),
    "fringes": ("fringe", _fringed, face_area),
    "tops": ("hair_top", _short_haired_man, face_area),
    "parts": ("hair_part", _parted, face_area),
    "irises": ("eye_color", _eyes_visible, irises),
}
"""Per kind of sheet: the column labelled, which photos, and how each is shown."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=sorted(KINDS), help="what is labelled")
    parser.add_argument("--out", type=Path, required=True, help="folder for the sheets")
    parser.add_argument("--per-sheet", type=int, default=12)
    args = parser.parse_args()
    column, chosen, show = KINDS[args.kind]
    tiles, names = [], []
    for name in SETS:
        for photo in load(name) or []:
            if not chosen(name, photo):
                continue
            tile = show(photo.path)
            if tile is not None:
                tiles.append(tile)
                names.append(f"{name}:{photo.file}")
    if not tiles:
        print(f"no labelled photos for {args.kind} here", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    sheets = math.ceil(len(tiles) / args.per_sheet)
    for k in range(sheets):
        part = slice(k * args.per_sheet, (k + 1) * args.per_sheet)
        sheet = contact_sheet(tiles[part], names[part], columns=3, cell=WIDTH)
        Image.fromarray(sheet).save(args.out / f"{args.kind}_{k + 1:02d}.png")
    with open(args.out / f"{args.kind}_labels.csv", "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["set", "file", column])
        writer.writerows([*name.split(":", 1), ""] for name in names)
    print(f"{len(tiles)} photos on {sheets} sheets in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
