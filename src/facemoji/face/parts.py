"""Which pixels of a head-and-shoulders crop are hair (and face skin, body skin, clothes...).

The model is MediaPipe's multiclass selfie segmentation (Apache License 2.0, Google),
shipped with facemoji as ONNX (``facemoji/data/selfie_parts.onnx``, converted by
``scripts/convert_selfie_parts.py``, its encoder quantized to int8 by
``scripts/quantize_selfie_parts.py``) and run on onnxruntime: about 55 ms per photo on one
core. It sees the same crop as the person segmenter (:func:`.person.portrait`) and tells
hair from the skin, a beard (face skin) and a backdrop of any color, where the hair
measures had only the person's pixels minus the skin-colored ones. Its accessories class
also sees glasses, thin and rimless frames included (:func:`eyewear_features`), and its
clothes class what is worn on the chest (:func:`chest_features`); the hair's extent and
outline help tell curls (:func:`hair_outline_features`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .geometry import inter_ocular
from .onnx import session
from .person import CROP_IOD

CLASSES = ("background", "hair", "body_skin", "face_skin", "clothes", "others")
"""The model's classes, in the order of its output channels."""
HAIR = CLASSES.index("hair")
CLOTHES = CLASSES.index("clothes")
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
    return (probabilities[..., HAIR], probabilities[..., list(SKIN)].sum(axis=-1),
            probabilities[..., list(WORN)].sum(axis=-1))


EYEWEAR_MARGIN = 0.35
"""How far (in IOD) around the eye landmarks' box :func:`eyewear_features` looks: a
frame's rim sits about this far beyond the eye corners and above the lids."""


def eyewear_features(probabilities: NDArray[np.float32], landmarks: NDArray[np.float64]
                     ) -> NDArray[np.float64]:
    """How much the segmenter sees an accessory around the eyes: the mean, 90th percentile
    and maximum of the accessories probability over the eyes' box (the 68 ``landmarks``
    in the crop's pixels, widened by :data:`EYEWEAR_MARGIN`), and the share of the box
    over :data:`SURE`. On the labelled photos a bare face's maximum is about 0.03, a
    rimless frame's about 0.6, a thin one's 0.8 (medians, ``benchmarks/segmenter_reads.py``);
    zeros where the box is outside the crop."""
    eyes, iod = landmarks[36:48], inter_ocular(landmarks)
    (x0, y0), (x1, y1) = (np.floor(eyes.min(axis=0) - EYEWEAR_MARGIN * iod).astype(int),
                          np.ceil(eyes.max(axis=0) + EYEWEAR_MARGIN * iod).astype(int))
    box = probabilities[max(y0, 0):max(y1, 0), max(x0, 0):max(x1, 0), ACCESSORIES]
    if box.size == 0:
        return np.zeros(4)
    return np.array([box.mean(), np.percentile(box, 90), box.max(), (box > SURE).mean()],
                    np.float64)


CHEST_ROWS = (0.5, 1.0, 1.5)
"""Where :func:`chest_features` looks: the middles of bands half an IOD high, this many IOD
below the chin."""
CHEST_COLUMNS = ((-0.3, 0.3), (-1.2, -0.3), (0.3, 1.2), (-2.5, -1.2), (1.2, 2.5))
"""The columns of :func:`chest_features`, in IOD from the nose: the middle (a shirt front,
a tie, a jacket's opening), beside it (lapels) and the shoulders."""


def chest_features(probabilities: NDArray[np.float32], inside: NDArray[np.bool_],
                   landmarks: NDArray[np.float64]) -> NDArray[np.float64]:
    """What the segmenter sees below the chin: per band of :data:`CHEST_ROWS` and column of
    :data:`CHEST_COLUMNS`, the mean probability of clothes, of bare skin and of hair (a
    jacket's opening shows a shirt or skin between clothes; long hair falls over the
    shoulders); ``-1`` for a cell the crop shows less than half of (``inside`` marks where
    it shows the photo; ``landmarks``: the 68 points in the crop's pixels)."""
    size = probabilities.shape[0]
    unit = size / CROP_IOD
    chin, nose = float(landmarks[8, 1]), float(landmarks[27, 0])
    out: list[float] = []
    for below in CHEST_ROWS:
        rows = slice(min(size, max(0, int(chin + (below - 0.25) * unit))),
                     min(size, max(0, int(chin + (below + 0.25) * unit))))
        for left, right in CHEST_COLUMNS:
            cols = slice(min(size, max(0, int(nose + left * unit))),
                         min(size, max(0, int(nose + right * unit))))
            cell, seen = probabilities[rows, cols], inside[rows, cols]
            if cell.size == 0 or seen.mean() < 0.5:
                out += [-1.0, -1.0, -1.0]
                continue
            out += [float(cell[..., CLOTHES].mean()), float(cell[..., list(SKIN)].sum(-1).mean()),
                    float(cell[..., HAIR].mean())]
    return np.array(out, np.float64)


def hair_outline_features(hair: NDArray[np.float32]) -> NDArray[np.float64]:
    """The hair's extent and outline in the hair probability ``hair`` (:func:`hair_skin_worn`'s
    over the portrait crop): the pixels between 0.2 and 0.8 against those over
    :data:`SURE` (how wide the uncertain rim is), the mean gradient where it is between 0.3
    and 0.7 (how fast the edge climbs), and the share of the crop that is hair. Curly hair
    stands out from the head: on the labelled photos the median share is 0.18 for curly
    hair, 0.16 for wavy and 0.08 for straight; close coils are small (0.05) but climb
    fastest (0.23 against 0.20; ``benchmarks/segmenter_reads.py``)."""
    core = int((hair > SURE).sum())
    soft = int(((hair > 0.2) & (hair < 0.8)).sum())
    gy, gx = np.gradient(hair.astype(np.float64))
    edge = (hair > 0.3) & (hair < 0.7)
    slope = float(np.hypot(gx, gy)[edge].mean()) if edge.any() else 0.0
    return np.array([soft / max(core, 1), slope, core / hair.size], np.float64)
