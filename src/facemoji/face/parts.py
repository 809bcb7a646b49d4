"""Which pixels of a head-and-shoulders crop are hair (and face skin, body skin, clothes...).

The model is MediaPipe's multiclass selfie segmentation (Apache License 2.0, Google),
shipped with facemoji as ONNX (``facemoji/data/selfie_parts.onnx``, converted by
``scripts/convert_selfie_parts.py``) and run on onnxruntime: about 110 ms per photo on one
core. It sees the same crop as the person segmenter (:func:`.person.portrait`) and tells
hair from the skin, a beard (face skin) and a backdrop of any color, where the hair
measures had only the person's pixels minus the skin-colored ones.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .onnx import session

CLASSES = ("background", "hair", "body_skin", "face_skin", "clothes", "others")
"""The model's classes, in the order of its output channels."""
HAIR = CLASSES.index("hair")
SKIN = (CLASSES.index("body_skin"), CLASSES.index("face_skin"))
WORN = (CLASSES.index("clothes"), CLASSES.index("others"))
SURE = 0.5
"""From this probability a pixel counts as a class's (hair, bare skin, something worn)."""


def part_probabilities(crop: NDArray[np.uint8]) -> NDArray[np.float32]:
    """Each :data:`CLASSES`' probability at each pixel of a ``SIZE`` × ``SIZE``
    :func:`.person.portrait` crop (RGB uint8), ``(SIZE, SIZE, len(CLASSES))``."""
    batch = (crop.astype(np.float32) / 127.5 - 1.0)[None]  # the model's mean and std: 127.5
    scores = session("selfie_parts.onnx").run(None, {"input": batch})[0][0]
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return (e / e.sum(axis=-1, keepdims=True)).astype(np.float32)


def hair_skin_worn(crop: NDArray[np.uint8]
                   ) -> tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.float32]]:
    """The probabilities that each pixel of the crop shows hair, bare skin (face or body),
    and something worn (clothes or accessories), by :func:`part_probabilities`."""
    p = part_probabilities(crop)
    return p[..., HAIR], p[..., list(SKIN)].sum(axis=-1), p[..., list(WORN)].sum(axis=-1)
