"""Does a face detector find the native style's face?

Renders ``schema.random(seed=i)`` for i = 0..N-1 at 512 px and runs dlib's HOG frontal
face detector (upsample 1) and the CNN detector (``mmod_human_face_detector.dat``,
upsample 0 by default: the face fills half the image, far above its 80 px minimum).
Prints the HOG rate, the CNN rate, the combined rate (HOG or CNN) and the seeds missed.

Usage: ``python benchmarks/style_detection.py [--n 100] [--size 512] [--cnn-upsample 0]``
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _cnn_model() -> Path | None:
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "models" / "mmod_human_face_detector.dat"
    return path if path.exists() else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="number of random seeds (0..n-1)")
    parser.add_argument("--size", type=int, default=512, help="render size in px")
    parser.add_argument("--cnn-upsample", type=int, default=0, help="CNN detector upsampling")
    parser.add_argument("--no-cnn", action="store_true", help="skip the (slow) CNN detector")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} not found")
        return 0
    try:
        import dlib
    except ImportError:
        print("skipped: dlib is not installed (pip install dlib-bin)")
        return 0

    from facemoji.avatar.render import render
    from facemoji.avatar.style import get_style

    style = get_style("facemoji")
    hog = dlib.get_frontal_face_detector()
    model = None if args.no_cnn else _cnn_model()
    cnn = dlib.cnn_face_detection_model_v1(str(model)) if model else None

    hog_hits, cnn_hits, either = set(), set(), set()
    t0 = time.perf_counter()
    for seed in range(args.n):
        image = render(style.schema.random(seed=seed), args.size)
        if len(hog(image, 1)) > 0:
            hog_hits.add(seed)
        if cnn is not None and len(cnn(image, args.cnn_upsample)) > 0:
            cnn_hits.add(seed)
        if seed in hog_hits or seed in cnn_hits:
            either.add(seed)
    seconds = time.perf_counter() - t0

    n = args.n
    print(f"renders: {n} random avatars (seeds 0..{n - 1}) at {args.size} px")
    print(f"HOG (upsample 1):      {len(hog_hits) / n:6.1%}  ({len(hog_hits)}/{n})")
    if cnn is None:
        print("CNN (mmod):            not run")
    else:
        print(f"CNN (upsample {args.cnn_upsample}):      {len(cnn_hits) / n:6.1%}  "
              f"({len(cnn_hits)}/{n})")
    print(f"combined (HOG or CNN): {len(either) / n:6.1%}  ({len(either)}/{n})")
    print(f"missed by HOG: {sorted(set(range(n)) - hog_hits)}")
    if cnn is not None:
        print(f"missed by CNN: {sorted(set(range(n)) - cnn_hits)}")
    print(f"missed by both: {sorted(set(range(n)) - either)}")
    print(f"time: {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
