"""Smile: ``none | closed | teeth``, from the face mesh's blendshapes and mouth opening.

A smile pulls the mouth corners up and out: MediaPipe's ``mouthSmileLeft``/``Right``
blendshapes (:mod:`.mesh`) measure it. Whether teeth show is how far apart the inner lips
are (mesh points 13 and 14, over the inter-ocular distance) and how light the mouth
opening is against the lips: teeth are light, a dark open mouth is not a grin.

A talking or shouting mouth also moves the smile blendshapes, so the shipped decision is a
learned model (:mod:`.learned`, ``scripts/fit_measures.py``) over the blendshapes of the
mouth, cheeks and eyes (:data:`SMILE_SHAPES`: a smile squints the cheeks, speech opens the
jaw and rounds the lips) with the lip gap and the opening's lightness. The rules of
:func:`classify_smile` decide until it is fitted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .color import polygon_mask, to_lab
from .mesh import BLENDSHAPES, LIPS_INNER, LIPS_OUTER, Mesh

SMILE_SHAPES = (
    "mouthSmileLeft", "mouthSmileRight", "jawOpen", "cheekSquintLeft", "cheekSquintRight",
    "mouthFunnel", "mouthPucker", "mouthStretchLeft", "mouthStretchRight", "mouthDimpleLeft",
    "mouthDimpleRight", "mouthUpperUpLeft", "mouthUpperUpRight", "mouthLowerDownLeft",
    "mouthLowerDownRight", "eyeSquintLeft", "eyeSquintRight", "mouthShrugUpper",
    "mouthShrugLower", "mouthRollLower", "mouthRollUpper", "mouthClose", "mouthPressLeft",
    "mouthPressRight")
"""The blendshapes the smile model reads (:func:`smile_vector`): the mouth's, the cheek and
eye squint of a smile. All 52 did worse held out by person (docs/benchmarks.md)."""
CLOSED_LIGHT = -40.0
"""The opening's lightness (:attr:`SmileFeatures.light`) the model reads for a closed
mouth: darker than any open one measured."""
SMILE = 0.15
"""Mean of the two ``mouthSmile`` blendshapes from which a face smiles."""
OPEN = 0.1
"""Inner-lip gap (inter-ocular distances) from which the lips are apart."""
TEETH_L = -20.0
"""How much lighter (L*) than the lips the mouth opening must be to show teeth: on the
labelled photos nearly any opening of a smiling mouth shows them (the three thresholds are
the best of a grid on both labelled sets, held out by person, before the learned model)."""
LIPSTICK_DA = 15.0
"""How much redder (a*) than the skin lips must be to read as colored (lipstick): the 95th
percentile over the labelled photos of men (14.3), who rarely wear it; 21% of the photos
of women are over it."""


@dataclass(frozen=True)
class SmileFeatures:
    """``smile``: mean ``mouthSmile`` blendshape (0..1); ``gap``: inner-lip distance over
    the inter-ocular distance; ``light``: L* of the mouth opening minus the lips' (NaN
    when the mouth is closed); ``lips``: the lips' median color (CIELAB; NaN when the
    mouth region is too small to tell); ``shapes``: all 52 blendshapes, in
    :data:`.mesh.BLENDSHAPES` order (empty where they were not measured)."""

    smile: float
    gap: float
    light: float
    lips: tuple[float, float, float] = (float("nan"),) * 3
    shapes: tuple[float, ...] = ()


def smile_features(image: NDArray[np.uint8], mesh: Mesh) -> SmileFeatures:
    """The :class:`SmileFeatures` of the face whose ``mesh`` was found in ``image``."""
    b = mesh.blendshapes
    p = mesh.points[:, :2]
    iod = float(np.linalg.norm(p[473] - p[468])) or 1.0
    gap = float(np.linalg.norm(p[13] - p[14])) / iod
    opening = polygon_mask(image.shape, p[list(LIPS_INNER)])
    lips = polygon_mask(image.shape, p[list(LIPS_OUTER)]) & ~opening
    light = float("nan")
    color = (float("nan"),) * 3
    if lips.sum() >= 6:
        lab_lips = to_lab(image[lips][None].astype(np.float32) / 255.0)[0]
        color = tuple(float(v) for v in np.median(lab_lips, axis=0))
        if opening.sum() >= 6:
            lab_in = to_lab(image[opening][None].astype(np.float32) / 255.0)[0]
            light = float(np.percentile(lab_in[:, 0], 75) - color[0])
    return SmileFeatures((b["mouthSmileLeft"] + b["mouthSmileRight"]) / 2, gap, light,
                         color, tuple(b[name] for name in BLENDSHAPES))  # type: ignore[arg-type]


def classify_smile(f: SmileFeatures, smile: float = SMILE, open_gap: float = OPEN,
                   teeth_light: float = TEETH_L) -> tuple[str, float]:
    """``(none | closed | teeth, confidence)`` from :class:`SmileFeatures`."""
    sure = float(np.clip(abs(f.smile - smile) / 0.25, 0.2, 1.0))
    if f.smile < smile:
        return "none", sure
    if f.gap >= open_gap and not np.isnan(f.light) and f.light >= teeth_light:
        return "teeth", sure
    return "closed", sure * 0.8


def smile_vector(f: SmileFeatures) -> NDArray[np.float64]:
    """The smile model's input (:mod:`.learned`): the :data:`SMILE_SHAPES` blendshapes, the
    lip gap and the opening's lightness (:data:`CLOSED_LIGHT` for a closed mouth)."""
    shapes = dict(zip(BLENDSHAPES, f.shapes, strict=True))
    light = CLOSED_LIGHT if np.isnan(f.light) else f.light
    return np.array([*(shapes[name] for name in SMILE_SHAPES), f.gap, light])


def decide_smile(f: SmileFeatures) -> tuple[str, float]:
    """``(none | closed | teeth, confidence)``: the learned model on :func:`smile_vector`
    (:func:`classify_smile` before it is fitted or without blendshapes)."""
    from .learned import model

    learned = model("smile")
    if learned is None or not f.shapes:
        return classify_smile(f)
    return learned.predict(smile_vector(f))


def lipstick(f: SmileFeatures, skin_a: float, redder: float = LIPSTICK_DA
             ) -> tuple[bool, float]:
    """Whether the lips are colored (lipstick), from how much redder they are than the
    skin's a* (``skin_a``, measured as the photo was taken, like the lips), and a
    confidence; ``(False, 0.0)`` when the lips were not seen."""
    if np.isnan(f.lips[0]) or np.isnan(skin_a):
        return False, 0.0
    margin = f.lips[1] - skin_a - redder
    return margin > 0, float(np.clip(0.4 + abs(margin) / 15.0, 0.4, 1.0))
