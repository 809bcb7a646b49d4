"""The photos the model conversion scripts check their ONNX output on."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

SHARED_PHOTOS = 8
"""How many ``../shared`` photos (the first, in label order) join the check."""


def check_photos() -> list[np.ndarray]:
    """RGB uint8 photos of faces: scikit-image's astronaut and, where ``../shared`` is
    beside the checkout, its first :data:`SHARED_PHOTOS` labelled photos."""
    from skimage import data

    from facemoji.face.image import load_image

    images = [data.astronaut()]
    root = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "faces"
    if (root / "labels.csv").exists():
        with (root / "labels.csv").open() as table:
            names = [row["file"] for row in csv.DictReader(table)][:SHARED_PHOTOS]
        images += [load_image(root / name) for name in names]
    return images
