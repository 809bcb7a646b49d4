"""Face mesh benchmark (facemoji.face.mesh) over the one-face photos in ../shared/data/faces.

Prints, per photo with one face:
- the crop: how far the crop predicted from dlib's 68 landmarks (``crop_matrix``) is from
  the one MediaPipe's own rule settles on (``mesh_matrix`` applied until it stops moving,
  3 rounds), in size and position, and how much the mesh moves between the two;
- agreement with dlib at the points both models name (``DLIB68``), in inter-ocular
  distances (IOD, between the dlib eye centres);
- presence on the face and on a crop of the chest (the face's crop moved one crop down);
- CPU milliseconds per face on one core: the landmark network with its crop, the
  blendshape network, and ``face_mesh`` whole.
Skips (exit 0) where the shared photos are absent.

    .venv/bin/python benchmarks/mesh.py [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import os
import time
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FACES = SHARED / "data" / "faces"
ROUNDS = 3


def _cpu_ms(fn, *args) -> float:
    start = time.process_time()
    fn(*args)
    return (time.process_time() - start) * 1000


def _roi(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """Centre (photo pixels) and side of the crop ``matrix`` makes."""
    from facemoji.face.mesh import SIZE

    scale = float(np.sqrt(abs(np.linalg.det(matrix[:, :2]))))
    inverse = np.linalg.inv(np.vstack([matrix, [0.0, 0.0, 1.0]]))
    return (inverse @ [(SIZE - 1) / 2, (SIZE - 1) / 2, 1.0])[:2], SIZE / scale


def _line(name: str, values: list[float], unit: str = "") -> str:
    v = np.asarray(values)
    return (f"{name:46s} min {v.min():7.3f}  median {np.median(v):7.3f}  p90 "
            f"{np.percentile(v, 90):7.3f}  max {v.max():7.3f}{unit}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="Only the first N photos.")
    args = parser.parse_args()
    if not (FACES / "labels.csv").is_file():
        print(f"skipped: {FACES} not found")
        return 0

    from facemoji.face import mesh
    from facemoji.face.detect import detect_faces
    from facemoji.face.image import load_image

    with open(FACES / "labels.csv", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["face_count"] == "1"]
    if args.limit:
        rows = rows[: args.limit]
    stats: dict[str, list[float]] = {}

    def add(key: str, value: float) -> None:
        stats.setdefault(key, []).append(value)

    mesh.face_mesh(*_astronaut())  # load both networks before timing
    used = 0
    for row in rows:
        image = load_image(FACES / row["file"])
        faces = detect_faces(image)
        if len(faces) != 1:
            continue
        used += 1
        p = faces[0].landmarks
        iod = float(np.linalg.norm(p[42:48].mean(axis=0) - p[36:42].mean(axis=0)))
        matrix = mesh.crop_matrix(p)
        add("cpu: landmark network + crop", _cpu_ms(
            lambda m=matrix, im=image: mesh._session("face_mesh.onnx").run(
                None, {"input": mesh.crop_input(im, m)})))
        first = mesh.face_mesh(image, p)
        add("cpu: blendshape network", _cpu_ms(mesh.blendshapes, first.points))
        add("cpu: face_mesh", _cpu_ms(mesh.face_mesh, image, p))
        settled = first
        for _ in range(ROUNDS):
            settled = mesh.mesh_at(image, mesh.mesh_matrix(settled.points))
        (c0, s0), (c1, s1) = _roi(matrix), _roi(mesh.mesh_matrix(settled.points))
        add("crop size, predicted / MediaPipe's settled", s0 / s1)
        add("crop centre offset / crop size", float(np.linalg.norm(c0 - c1)) / s1)
        moved = np.linalg.norm(first.points[:, :2] - settled.points[:, :2], axis=1) / iod
        add("mesh moved by settling: mean point (IOD)", float(moved.mean()))
        add("mesh moved by settling: worst point (IOD)", float(moved.max()))
        add("blendshapes moved by settling: worst (0..1)", max(
            abs(first.blendshapes[k] - settled.blendshapes[k]) for k in mesh.BLENDSHAPES))
        add("smile (mean of left, right) moved by settling",
            abs(_smile(first.blendshapes) - _smile(settled.blendshapes)))
        for d, k in mesh.DLIB68.items():
            add(f"|mesh {k} - dlib {d}| (IOD)",
                float(np.linalg.norm(first.points[k, :2] - p[d])) / iod)
        add("presence, face", first.presence)
        chest = matrix.copy()
        chest[1, 2] -= mesh.SIZE  # the crop one crop-height further down the photo
        add("presence, chest crop", mesh.mesh_at(image, chest).presence)

    print(f"{used} one-face photos; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    for key, values in stats.items():
        print(_line(key, values, " ms" if key.startswith("cpu") else ""))
    return 0


def _smile(scores: dict[str, float]) -> float:
    return (scores["mouthSmileLeft"] + scores["mouthSmileRight"]) / 2


def _astronaut() -> tuple[np.ndarray, np.ndarray]:
    from skimage import data

    from facemoji.face.detect import detect_faces

    image = data.astronaut()
    return image, detect_faces(image)[0].landmarks


if __name__ == "__main__":
    raise SystemExit(main())
