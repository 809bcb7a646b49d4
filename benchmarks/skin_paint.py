"""How skin of each Monk tone looks in photos, beside the swatches and the avatar's paint.

    python benchmarks/skin_paint.py
    python benchmarks/skin_paint.py --sets faceset portraits   # the sets the paint's hue is from

For every labelled photo of both sets (``benchmarks/labelled.py``) with a skin-tone label,
the largest face's cheeks (the polygons between the jaw, the nose and the lower eyelids,
landmarks 1-3/31/36-41 and 13-15/35/45-47) are read in the aligned, white-balanced face
chip that analysis measures in (``facemoji.face.chip``), and their median CIELAB is taken.
Per labelled tone (rounded) it prints the photos' median of those, the Monk swatch and the
avatar's paint (``facemoji.match.natural.paint_scale``). This is the evidence behind the
paint: the photographed cheeks darken evenly across the middle of the scale, where the
swatches plateau and then drop. Skips (exit 0) where neither set is here.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled import SETS, load

CHEEKS = ((1, 2, 3, 31, 40, 41, 36), (15, 14, 13, 35, 47, 46, 45))


def cheek_lab(path: Path) -> np.ndarray | None:
    """The median CIELAB of the largest face's cheeks in its chip (``None``: no face)."""
    import cv2

    from facemoji.errors import NoFaceFound
    from facemoji.face.chip import make_chip
    from facemoji.face.detect import detect_face
    from facemoji.face.image import load_image
    from facemoji.face.skin import sclera_cast, white_balance_gains

    image = load_image(path)
    try:
        landmarks = np.asarray(detect_face(image)[0].landmarks, np.float64)
    except NoFaceFound:
        return None
    chip = make_chip(image, landmarks, white_balance_gains(image, sclera_cast(image, landmarks)))
    mask = np.zeros(chip.valid.shape, np.uint8)
    for polygon in CHEEKS:
        cv2.fillPoly(mask, [np.round(chip.landmarks[list(polygon)]).astype(np.int32)], 1)
    pixels = chip.lab[mask.astype(bool) & chip.valid]
    return np.median(pixels, axis=0) if len(pixels) else None


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS),
                        help="the labelled sets to read (default: all)")
    args = parser.parse_args()
    from facemoji.avatar.color import hex_to_lab
    from facemoji.face.skin import MONK_HEX
    from facemoji.match.natural import paint_scale

    by_tone: dict[int, list[np.ndarray]] = defaultdict(list)
    for name in args.sets:
        photos = load(name, single_face=True)
        if photos is None:
            print(f"the {name} photos are not here; skipping that set")
            continue
        for photo in photos:
            if photo["skin_tone"]:
                lab = cheek_lab(photo.path)
                if lab is not None:
                    by_tone[round(float(photo["skin_tone"]))].append(lab)
    if not by_tone:
        return 0
    paint = paint_scale()
    print("| Monk (labelled) | photos | cheeks photographed L* a* b* | swatch | avatar paint |")
    print("|---|---|---|---|---|")
    fmt = lambda lab: " / ".join(f"{v:.1f}" for v in lab)  # noqa: E731
    for tone in sorted(by_tone):
        print(f"| {tone} | {len(by_tone[tone])} | {fmt(np.median(by_tone[tone], axis=0))} | "
              f"{fmt(hex_to_lab(MONK_HEX[tone - 1]))} | {fmt(paint[tone - 1])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
