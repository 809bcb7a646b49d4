"""Where the face's shape is measured: dlib's 68 landmarks or the face mesh.

For every photo of the labelled sets it runs dlib's detector and landmarks and the face
mesh, then prints:

1. the mesh point nearest each of dlib's 68 landmarks on average over every third
   single-face faceset photo (``facemoji.face.geometry.AT_DLIB68``);
2. for each ratio of ``facemoji.face.geometry``, its intra-class correlation over the
   photos of each person of the faceset and ``../shared`` (the share of its spread that
   tells people apart rather than photos of one person), measured on dlib's points in two
   dimensions and on the mesh's points at dlib's landmarks in three: the face's shape,
   clearly steadier on the mesh, is measured there (``MESH_KEYS``);
3. the mean and standard deviation of the mesh's ratios over the faceset and the portrait
   set (``MESH_NORMS``);
4. the same for the mouth's height on dlib's points (its ``NORMS``, which came after the
   others').

Usage: ``python scripts/mesh_geometry.py`` (with ``$FACEMOJI_FACESET`` and
``$FACEMOJI_PORTRAITS`` set; a set whose photos are absent is skipped).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from tqdm import tqdm

from facemoji.errors import FacemojiError
from facemoji.face.detect import detect_face
from facemoji.face.geometry import AT_DLIB68, KEYS, MESH_KEYS, inter_ocular, ratios
from facemoji.face.image import load_image
from facemoji.face.mesh import face_mesh

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def icc(groups: list[list[float]]) -> float:
    """ICC(1): between-person over total variance, from a one-way ANOVA over the people
    with two photos or more."""
    arrays = [np.asarray(g, np.float64) for g in groups if len(g) >= 2]
    values = np.concatenate(arrays)
    grand, n = values.mean(), len(arrays)
    k = np.mean([len(a) for a in arrays])
    between = sum(len(a) * (a.mean() - grand) ** 2 for a in arrays) / (n - 1)
    within = sum(((a - a.mean()) ** 2).sum() for a in arrays) / (len(values) - n)
    return float((between - within) / (between + (k - 1) * within))


def main() -> int:
    sys.path.insert(0, str(BENCHMARKS))
    from labelled import load

    photos = {name: load(name, single_face=True) for name in ("faceset", "shared", "portraits")}
    if photos["faceset"] is None:
        print("the faceset photos are not here (set FACEMOJI_FACESET); nothing measured")
        return 0
    mapping_files = {p.file for p in sorted(photos["faceset"], key=lambda p: p.file)[::3]}
    distances = []
    dlib_ratios: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    mesh_ratios: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for name, rows in photos.items():
        for photo in tqdm(rows or [], desc=name, unit="photo"):
            try:
                image = load_image(photo.path)
                landmarks = np.asarray(detect_face(image)[0].landmarks, np.float64)
            except FacemojiError:
                continue
            mesh = face_mesh(image, landmarks).points
            if name == "faceset" and photo.file in mapping_files:
                distances.append(np.linalg.norm(landmarks[:, None] - mesh[None, :, :2], axis=2)
                                 / inter_ocular(landmarks))
            dlib_ratios[name][photo.person].append(ratios(landmarks, 0.0))
            # every ratio on the mesh's points at dlib's landmarks: the face's shape in three
            # dimensions, as analysis measures it, the rest (areas, angles) in the image plane
            mesh_ratios[name][photo.person].append(
                ratios(mesh[list(AT_DLIB68), :2], 0.0, mesh))
    nearest = [int(i) for i in np.mean(distances, axis=0).argmin(axis=1)]
    print(f"1. the mesh point nearest each of dlib's 68 landmarks ({len(distances)} photos):")
    print(f"   {nearest}")
    print(f"   AT_DLIB68 {'agrees' if tuple(nearest) == AT_DLIB68 else 'DIFFERS'}")
    print("\n2. intra-class correlation over each person's photos (faceset and ../shared):\n")
    print("| ratio | dlib | mesh at dlib's points |\n|---|---|---|")
    people = [g for name in ("faceset", "shared") for g in dlib_ratios[name].values()]
    people_mesh = [g for name in ("faceset", "shared") for g in mesh_ratios[name].values()]
    for key in KEYS:
        if key == "brow_thickness":  # measured from pixels, not points
            continue
        mark = " (measured on the mesh)" if key in MESH_KEYS else ""
        print(f"| {key}{mark} | {icc([[r[key] for r in g] for g in people]):.2f} | "
              f"{icc([[r[key] for r in g] for g in people_mesh]):.2f} |")
    print("\n3. the mesh's ratios over the faceset and the portraits (MESH_NORMS):")
    shown = [r for name in ("faceset", "portraits") for g in mesh_ratios[name].values()
             for r in g]
    for key in MESH_KEYS:
        values = [r[key] for r in shown]
        print(f'   "{key}": ({np.mean(values):.4f}, {np.std(values):.4f}),  # {len(values)}')
    print("\n4. dlib's mouth height over the faceset and the portraits (NORMS):")
    values = [r["mouth_height"] for name in ("faceset", "portraits")
              for g in dlib_ratios[name].values() for r in g]
    print(f'   "mouth_height": ({np.mean(values):.4f}, {np.std(values):.4f}),  # {len(values)}')
    return 0


if __name__ == "__main__":
    sys.exit(main())
