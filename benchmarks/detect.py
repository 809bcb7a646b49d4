"""Face detection benchmark over the dev photos in ../shared/data/faces.

Prints the detection rate (HOG alone, and with the CNN fallback of method="auto"), faces
found in the group photos, and median milliseconds per photo for detection, landmarks
and the dlib embedding. Skips (exit 0) where the shared photos are absent.

    .venv/bin/python benchmarks/detect.py [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FACES = SHARED / "data" / "faces"


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="Only the first N photos.")
    parser.add_argument("--cnn-sample", type=int, default=12,
                        help="Also time the CNN detector alone on every k-th photo.")
    args = parser.parse_args()
    if not (FACES / "labels.csv").is_file():
        print(f"skipped: {FACES} not found")
        return 0

    import dlib

    from facemoji.face import detect
    from facemoji.face.embed import get_embedder
    from facemoji.face.image import load_image

    with open(FACES / "labels.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if args.limit:
        rows = rows[: args.limit]
    embedder = get_embedder("dlib")
    # warm up: load every model once so that timings are per photo
    warm = load_image(FACES / rows[0]["file"])
    detect.detect_faces(warm, method="cnn")
    embedder.embed(warm, detect.detect_faces(warm)[0].landmarks)

    times: dict[str, list[float]] = {"hog": [], "detect": [], "landmarks": [], "embed": [],
                                     "cnn": []}
    cnn_found = 0
    found = {"hog": 0, "auto": 0}
    by_frontal: dict[str, list[int]] = {}
    multi: list[tuple[str, int, int]] = []
    misses: list[str] = []
    fallbacks: list[str] = []
    for row in rows:
        image = load_image(FACES / row["file"])
        upsample = 1 if max(image.shape[:2]) <= detect.UPSAMPLE_BELOW else 0
        start = time.perf_counter()
        raw = detect._hog().run(image, upsample, 0.0)[0]
        times["hog"].append(_ms(start))
        start = time.perf_counter()
        hog = detect.detect_faces(image, method="hog")
        faces = hog
        if not hog:  # what method="auto" does next
            faces = detect.detect_faces(image, method="cnn")
            if faces:
                fallbacks.append(row["file"])
        times["detect"].append(_ms(start))
        if args.cnn_sample and len(times["detect"]) % args.cnn_sample == 1:
            start = time.perf_counter()
            cnn_found += bool(detect.detect_faces(image, method="cnn"))
            times["cnn"].append(_ms(start))
        found["hog"] += bool(hog)
        found["auto"] += bool(faces)
        by_frontal.setdefault(row["frontal"], []).append(int(bool(faces)))
        if row["file"].startswith("_multi/"):
            multi.append((row["file"], len(faces), int(row["face_count"])))
        if not faces:
            misses.append(row["file"])
            continue
        if raw:
            start = time.perf_counter()
            detect._predictor()(image, raw[0])
            times["landmarks"].append(_ms(start))
        start = time.perf_counter()
        embedder.embed(image, faces[0].landmarks)
        times["embed"].append(_ms(start))

    total = len(rows)
    print(f"photos: {total}  (dlib {dlib.__version__}, one process)")
    print(f"detected, HOG only:          {found['hog']}/{total} = {found['hog'] / total:.1%}")
    print(f"detected, auto (HOG → CNN):  {found['auto']}/{total} = {found['auto'] / total:.1%}")
    for label, hits in sorted(by_frontal.items()):
        print(f"  frontal={label:<8} {sum(hits)}/{len(hits)}")
    print(f"CNN fallback used for: {', '.join(fallbacks) or 'none'}")
    print(f"missed: {', '.join(misses) or 'none'}")
    for name, count, labelled in multi:
        print(f"  {name}: {count} of {labelled} labelled faces (incl. partial/blurred)")
    print("median ms per photo:")
    print(f"  HOG detector alone        {statistics.median(times['hog']):7.1f}")
    print(f"  detect_faces (all faces, landmarks, checks, CNN fallback) "
          f"{statistics.median(times['detect']):7.1f}  (max {max(times['detect']):.0f})")
    if times["cnn"]:
        print(f"  CNN detect_faces alone    {statistics.median(times['cnn']):7.1f}  "
              f"(on {len(times['cnn'])} photos, found faces in {cnn_found})")
    print(f"  68 landmarks (one face)   {statistics.median(times['landmarks']):7.2f}")
    print(f"  dlib embedding (one face) {statistics.median(times['embed']):7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
