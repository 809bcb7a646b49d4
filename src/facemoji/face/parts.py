"""Which pixels of a head-and-shoulders crop are hair (and face skin, body skin, clothes...).

The model is MediaPipe's multiclass selfie segmentation (Apache License 2.0, Google),
shipped with facemoji as ONNX (``facemoji/data/selfie_parts.onnx``, converted by
``scripts/convert_selfie_parts.py``) and run on onnxruntime: about 110 ms per photo on one
core. It sees the same crop as the person segmenter (:func:`.person.portrait`) and tells
hair from the skin, a beard (face skin) and a backdrop of any color, where the hair
measures had only the person's pixels minus the skin-colored ones. Its accessories class
also sees glasses, thin and rimless frames included (:func:`eyewear_features`).
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
ACCESSORIES = CLASSES.index("others")
SURE = 0.5
"""From this probability a pixel counts as a class's (hair, bare skin, something worn)."""


def part_probabilities(crop: NDArray[np.uint8]) -> NDArray[np.float32]:
    """Each :data:`CLASSES`' probability at each pixel of a ``SIZE`` × ``SIZE``
    :func:`.person.portrait` crop (RGB uint8), ``(SIZE, SIZE, len(CLASSES))``."""
    batch = (crop.astype(np.float32) / 127.5 - 1.0)[None]  # the model's mean and std: 127.5
    scores = session("selfie_parts.onnx").run(None, {"input": batch})[0][0]
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return (e / e.sum(axis=-1, keepdims=True)).astype(np.float32)


def hair_skin_worn(probabilities: NDArray[np.float32]
                   ) -> tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.float32]]:
    """The probabilities that each pixel shows hair, bare skin (face or body), and something
    worn (clothes or accessories), from :func:`part_probabilities`."""
    p = probabilities
    return p[..., HAIR], p[..., list(SKIN)].sum(axis=-1), p[..., list(WORN)].sum(axis=-1)


EYEWEAR_MARGIN = 0.35
"""How far (in IOD) around the eye landmarks' box :func:`eyewear_features` looks: a
frame's rim sits about this far beyond the eye corners and above the lids."""


def eyewear_features(probabilities: NDArray[np.float32], landmarks: NDArray[np.float64]
                     ) -> NDArray[np.float64]:
    """How much the segmenter sees an accessory around the eyes: the mean, 90th percentile
    and maximum of the accessories probability over the eyes' box (the 68 ``landmarks``
    in the crop's pixels, widened by :data:`EYEWEAR_MARGIN`), and the share of the box
    over :data:`SURE`. On the labelled photos a bare face's maximum is about 0.03, a
    rimless frame's about 0.6, a thin one's 0.8 (medians); zeros where the box is outside
    the crop."""
    eyes = landmarks[36:48]
    iod = float(np.linalg.norm(eyes[:6].mean(axis=0) - eyes[6:].mean(axis=0)))
    (x0, y0), (x1, y1) = (np.floor(eyes.min(axis=0) - EYEWEAR_MARGIN * iod).astype(int),
                          np.ceil(eyes.max(axis=0) + EYEWEAR_MARGIN * iod).astype(int))
    box = probabilities[max(y0, 0):max(y1, 0), max(x0, 0):max(x1, 0), ACCESSORIES]
    if box.size == 0:
        return np.zeros(4)
    return np.array([box.mean(), np.percentile(box, 90), box.max(), (box > SURE).mean()],
                    np.float64)
