"""Ship dlib's frontal face detector as a file (``src/facemoji/data/hog_face_detector.svm``).

    python scripts/save_hog_detector.py

``dlib.get_frontal_face_detector()`` rebuilds the detector from source it carries on
every call (0.4 s on this machine, before any photo is read); loading the same detector
saved with ``fhog_object_detector.save`` takes 2 ms. This script saves it, loads it back
and checks that the saved detector finds exactly what dlib's own does (boxes and scores)
on scikit-image's photos, and on ``../shared``'s labelled photos where they are beside
the repository. ``facemoji.face.detect`` loads the file, and falls back to dlib's own
detector without it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import dlib
import numpy as np
from PIL import Image
from skimage import data

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "facemoji" / "data" / "hog_face_detector.svm"
SHARED = ROOT.parent / "shared" / "data" / "faces"


def _found(detector: dlib.fhog_object_detector, image: np.ndarray, upsample: int
           ) -> list[tuple[int, int, int, int, float]]:
    rects, scores, _ = detector.run(image, upsample, 0.0)
    return [(r.left(), r.top(), r.right(), r.bottom(), round(float(s), 6))
            for r, s in zip(rects, scores, strict=True)]


def main() -> int:
    original = dlib.get_frontal_face_detector()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    original.save(str(OUT))
    saved = dlib.fhog_object_detector(str(OUT))
    images = [data.astronaut(), data.chelsea(), data.coffee(), data.camera()]
    if SHARED.is_dir():
        images += [np.asarray(Image.open(p).convert("RGB"))
                   for p in sorted(SHARED.glob("*/*.jpg"))]
    faces = 0
    for image in images:
        for upsample in (0, 1):
            want, got = _found(original, image, upsample), _found(saved, image, upsample)
            if want != got:
                print(f"mismatch (upsample {upsample}): {want} != {got}", file=sys.stderr)
                return 1
            faces += len(want)
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes); same detections as dlib's own on "
          f"{len(images)} images at upsample 0 and 1 ({faces} faces)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
