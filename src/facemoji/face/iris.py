"""Eye color, named from the irises that the face mesh outlines.

The mesh gives each iris's centre and rim; the ring between the pupil and the rim, inside
the open lids, holds the iris's own color. Its lightness and hue beside the skin's (which
cancels most of a photo's color cast) tell brown from hazel, green and blue eyes: a
classifier fitted on eyes labelled by eye (``benchmarks/data/eye_color_labels.csv``,
``scripts/fit_measures.py``) names them.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .color import UNKNOWN, ColorMeasure, lab_measure, polygon_mask
from .learned import model

EYE_NAMES = ("brown", "hazel", "green", "blue")
"""The eye colors named: brown (dark or medium), hazel (light brown, amber, brown with
green or gold), green (or gray-green), blue (or blue-gray, gray)."""

PUPIL = 0.4
"""The share of the iris's radius that the pupil and its dark edge cover, left out."""
RIM = 0.95
"""How far out (a share of the radius) the ring reaches: the dark limbal ring beyond it
is left out."""
MIN_PIXELS = 30
"""Fewer iris pixels than this over both eyes measure nothing: an open iris shows about 90
chip pixels per eye (:data:`.chip.IOD` 64), closed lids a line of about 10."""


def iris_ring(shape: tuple[int, ...], iris: NDArray[np.floating], lids: NDArray[np.floating]
              ) -> NDArray[np.bool_]:
    """Mask of the iris ring: ``iris`` is the mesh's centre then four rim points, ``lids``
    the eye's lid loop, both in the image's pixels."""
    centre = iris[0]
    radius = float(np.mean(np.linalg.norm(iris[1:] - centre, axis=1)))
    ys, xs = np.indices(shape[:2])
    distance = np.hypot(xs - centre[0], ys - centre[1])
    ring = (distance > PUPIL * radius) & (distance < RIM * radius)
    return ring & polygon_mask(shape, lids)


def iris_pixels(lab: NDArray[np.float64], valid: NDArray[np.bool_],
                irises: tuple[NDArray[np.floating], NDArray[np.floating]],
                lids: tuple[NDArray[np.floating], NDArray[np.floating]]
                ) -> NDArray[np.float64]:
    """Both irises' CIELAB pixels ``(N, 3)``: each ring's (:func:`iris_ring`) pixels
    inside the photo (``valid``) between its 10th and 80th lightness percentiles, which
    leaves out the lashes' shadow below and the light's glint above. ``lab`` is the image
    in CIELAB; ``irises`` and ``lids`` the two eyes' mesh points."""
    found = []
    for iris, lid in zip(irises, lids, strict=True):
        pixels = lab[iris_ring(lab.shape, iris, lid) & valid]
        if len(pixels):
            lo, hi = np.percentile(pixels[:, 0], [10, 80])
            found.append(pixels[(pixels[:, 0] >= lo) & (pixels[:, 0] <= hi)])
    return np.concatenate(found) if found else np.empty((0, 3))


def iris_color(pixels: NDArray[np.float64]) -> ColorMeasure:
    """The irises' color, the median of their ``pixels`` (UNKNOWN where too few)."""
    if len(pixels) < MIN_PIXELS:
        return UNKNOWN
    return lab_measure(pixels, min(1.0, len(pixels) / 150.0))


def iris_features(pixels: NDArray[np.float64], skin_lab: NDArray[np.floating]
                  ) -> NDArray[np.float64] | None:
    """The eye-color features of a face's iris ``pixels`` beside its skin's color
    (``None``: too little iris shows): the pixels' median L*, a* and b*, the same three
    less the skin's, and the share of pixels bluer than neutral (b* < 0).

    Each is signed, so that an iris bluer or lighter than any the model learned from
    still reads blue: the chroma (which a vivid blue and a vivid brown share) made a
    linear model call a vivid blue brown, and the L* spread and the pixel count added
    nothing held out."""
    if len(pixels) < MIN_PIXELS:
        return None
    L, a, b = np.median(pixels, axis=0)
    skin = np.asarray(skin_lab, np.float64)
    return np.array([L, a, b, L - skin[0], a - skin[1], b - skin[2],
                     float(np.mean(pixels[:, 2] < 0))])


def eye_vector(iris: NDArray[np.float64] | None, monk: float) -> NDArray[np.float64] | None:
    """The eye-color model's input: the :func:`iris_features` and the Monk skin tone
    (``None`` where no iris was seen). Dark skin mostly comes with brown eyes; without the
    tone the model called 6 of 121 brown eyes on Monk 5–10 light, held out by person (0
    with it)."""
    return None if iris is None else np.append(iris, monk)


def decide_eye_color(iris: NDArray[np.float64] | None, monk: float
                     ) -> tuple[str | None, float]:
    """The eye color's name and its probability from the :func:`iris_features` and the
    Monk skin tone (``None, 0``: no iris seen, or no model shipped)."""
    learned = model("eye_color")
    features = eye_vector(iris, monk)
    if features is None or learned is None:
        return None, 0.0
    return learned.predict(features)
