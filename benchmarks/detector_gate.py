"""Does BlazeFace's quick look keep every face that dlib's CNN fallback would find?

    .venv/bin/python benchmarks/detector_gate.py [--photos-per-person 2] [--jobs 2]

``facemoji.face.detect.detect_faces`` (method ``auto``) runs dlib's CNN detector (about
0.7 s) only where HOG finds nothing, and only where one of BlazeFace's three best boxes
reaches a face score and, cropped for the face mesh network, a presence score of at least
``detect.CNN_GATE``. This checks what that gate costs:

- **Positives**: photos of the labelled sets (up to ``--photos-per-person`` of each
  person) made harder the way the CNN fallback is for: as they are, and turned ±35° in a
  gray canvas 1 and 2 times their size, scaled to 1200 px. Those where HOG finds no face
  and the CNN finds one are the faces the gate must keep; the weakest are listed.
- **Negatives**: pictures without a face (scikit-image's sample images without a person,
  and ``benchmarks/memory.py``'s coffee cup) and the part of each labelled photo below the
  chin: photos the gate should spare the CNN's time.

The gate is chosen on half the people (alternating, by name) and reported on the other
half: of the thresholds on a grid that keep every face of the fitting half, the one that
spares the CNN on most of their below-chin crops, the most lenient among ties.
Photos are skipped (exit 0) where no labelled set is present. Results go to
``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from multiprocessing import Pool
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import labelled

TURNS = (-35.0, 35.0)
CANVASES = (1.0, 2.0)
SIDE = 1200
MIN_SCORE, LIMIT = 0.01, 3
"""Candidates looked at: the best three BlazeFace boxes scoring at least 0.01."""
SCORE_GRID = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3)
PRESENCE_GRID = (0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5)
NEGATIVE_SAMPLES = ("chelsea", "cat", "coffee", "rocket", "coins", "hubble_deep_field",
                    "immunohistochemistry", "text", "page", "horse", "moon", "clock",
                    "brick", "grass", "gravel", "colorwheel", "logo")
"""scikit-image's sample images without a person in them."""


def _scaled(image: np.ndarray, side: int = SIDE) -> np.ndarray:
    scale = side / max(image.shape[:2])
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def variants(image: np.ndarray) -> dict[str, np.ndarray]:
    """The photo as it is and turned ±35° in gray canvases of 1 and 2 times its size."""
    out = {"as is": _scaled(image)}
    height, width = image.shape[:2]
    for canvas in CANVASES:
        size = (round(width * canvas), round(height * canvas))
        for turn in TURNS:
            matrix = cv2.getRotationMatrix2D((width / 2, height / 2), turn, 1.0)
            matrix[:, 2] += [(size[0] - width) / 2, (size[1] - height) / 2]
            turned = cv2.warpAffine(image, matrix, size, borderValue=(128, 128, 128))
            out[f"{turn:+.0f}° canvas {canvas:g}"] = _scaled(turned)
    return out


def looks(image: np.ndarray) -> list[tuple[float, float]]:
    """``(BlazeFace score, face mesh presence)`` of BlazeFace's best candidates in ``image``."""
    from facemoji.face import blazeface
    from facemoji.face.mesh import presence_at

    return [(c.score, presence_at(image, c.crop_matrix()))
            for c in blazeface.candidates(image, MIN_SCORE, limit=LIMIT)]


def _positives(photo: labelled.Photo) -> list[tuple[str, str, list[tuple[float, float]]]]:
    """``(person, variant, looks)`` for each variant of ``photo`` that only the CNN finds."""
    from facemoji.face import detect
    from facemoji.face.image import load_image

    detect.CNN_GATE = (0.0, 0.0)  # measure without the gate
    found = []
    for name, image in variants(load_image(photo.path)).items():
        faces = detect.detect_faces(image, method="auto")
        if faces and faces[0].method == "cnn":
            found.append((photo.person, f"{photo.file} ({name})", looks(image)))
    return found


def _below_chin(photo: labelled.Photo) -> tuple[str, str, list[tuple[float, float]]] | None:
    """``(person, name, looks)`` of the part of the photo from a little below the chin
    down, where tall enough: clothes and no face."""
    from facemoji.face import detect
    from facemoji.face.image import load_image

    image = load_image(photo.path)
    faces = detect.detect_faces(image, method="hog")
    if not faces:
        return None
    _, y0, _, y1 = faces[0].box
    top = int(y1 + 0.3 * (y1 - y0))
    if image.shape[0] - top < 0.4 * (y1 - y0) + 40:
        return None
    return photo.person, f"{photo.file} (below the chin)", looks(image[top:])


def _sample_negatives() -> dict[str, list[tuple[float, float]]]:
    from skimage import data, util

    from facemoji.face.image import load_image
    from memory import INPUTS

    found = {}
    for name in NEGATIVE_SAMPLES:
        image = util.img_as_ubyte(getattr(data, name)())
        if image.ndim == 2:
            image = np.stack([image] * 3, axis=-1)
        found[name] = looks(np.ascontiguousarray(image[..., :3]))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "noface_12mp.jpg"
        INPUTS[path.name](path)
        found["noface_12mp.jpg (coffee cup)"] = looks(load_image(path))
    return found


def passes(seen: list[tuple[float, float]], gate: tuple[float, float]) -> bool:
    """Whether the CNN runs under ``gate`` (BlazeFace score, mesh presence)."""
    return any(score >= gate[0] and presence >= gate[1] for score, presence in seen)


def choose(faces: list[list[tuple[float, float]]], others: list[list[tuple[float, float]]]
           ) -> tuple[float, float]:
    """The gate on the grid that keeps every face and spares most of ``others``; among
    ties, the most lenient one (the lowest thresholds)."""
    grid = [(s, p) for s in SCORE_GRID for p in PRESENCE_GRID]
    keeping = [g for g in grid if all(passes(f, g) for f in faces)] or [(0.0, 0.0)]
    return max(keeping, key=lambda g: (sum(not passes(o, g) for o in others), -g[0], -g[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos-per-person", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    photos = []
    for name in labelled.SETS:
        rows = labelled.load(name, single_face=True)
        if rows is None:
            print(f"{name}: photos absent, skipped")
            continue
        for person_photos in labelled.by_person(rows).values():
            photos += person_photos[: args.photos_per_person]
    if not photos:
        print("skipped: no labelled set present")
        return 0
    people = sorted({p.person for p in photos})
    fitting = set(people[::2])
    samples = _sample_negatives()
    with Pool(args.jobs) as pool:
        faces = [row for rows in pool.map(_positives, photos, chunksize=4) for row in rows]
        chins = [row for row in pool.map(_below_chin, photos, chunksize=8) if row is not None]

    from facemoji.face import detect

    print(f"{len(photos)} photos of {len(people)} people, {len(photos) * 5} variants; "
          f"{len(faces)} faces found by the CNN only; {len(chins)} below-chin crops; "
          f"{len(samples)} pictures without a face")
    gate = choose([seen for person, _, seen in faces if person in fitting],
                  [seen for person, _, seen in chins if person in fitting])
    print(f"gate chosen on {len(fitting)} people (BlazeFace score, mesh presence): {gate}; "
          f"shipped detect.CNN_GATE = {detect.CNN_GATE}")
    for label, chosen in (("chosen", gate), ("shipped", detect.CNN_GATE)):
        for side, wanted in (("fitting", True), ("held-out", False)):
            kept = [passes(seen, chosen) for person, _, seen in faces
                    if (person in fitting) == wanted]
            spared = [not passes(seen, chosen) for person, _, seen in chins
                      if (person in fitting) == wanted]
            print(f"  {label} {chosen}, {side} people: faces kept {sum(kept)}/{len(kept)}, "
                  f"below-chin crops spared the CNN {sum(spared)}/{len(spared)}")
        spared = [name for name, seen in samples.items() if not passes(seen, chosen)]
        print(f"  {label}: pictures without a face spared {len(spared)}/{len(samples)}")
    print("\nfaces only the CNN finds, weakest first (best candidate's score, presence):")
    for person, name, seen in sorted(faces, key=lambda r: max((p for _, p in r[2]),
                                                                default=0))[:12]:
        side = "fit" if person in fitting else "held out"
        print(f"  {[(round(s, 3), round(p, 3)) for s, p in seen]}  {name}, {side}")
    print("\npictures without a face:")
    for name, seen in samples.items():
        print(f"  {'CNN runs' if passes(seen, detect.CNN_GATE) else 'spared  '}  "
              f"{[(round(s, 3), round(p, 3)) for s, p in seen]}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
