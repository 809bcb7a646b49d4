"""Eye color: the iris ring inside the lids, its features beside the skin, and its name."""

from __future__ import annotations

import numpy as np
import pytest

from facemoji.face.color import to_lab
from facemoji.face.iris import (
    EYE_NAMES,
    MIN_PIXELS,
    decide_eye_color,
    iris_color,
    iris_features,
    iris_pixels,
    iris_ring,
)
from facemoji.face.learned import model

SKIN = (0.85, 0.68, 0.58)
CENTRES = ((40.0, 50.0), (120.0, 50.0))


def _eyes(iris_rgb: tuple[float, float, float], opening: float = 9.0
          ) -> tuple[np.ndarray, tuple, tuple]:
    """A skin-colored image with two white eyes whose irises (radius 8) are ``iris_rgb``
    around a black pupil, the lids ``opening`` px above and below each centre; and the
    mesh's iris points and lid loops for them."""
    rgb = np.ones((100, 160, 3)) * np.array(SKIN)
    ys, xs = np.indices(rgb.shape[:2])
    irises, lids = [], []
    for cx, cy in CENTRES:
        d = np.hypot(xs - cx, ys - cy)
        eye = (np.abs(xs - cx) < 20) & (np.abs(ys - cy) < opening)
        rgb[eye] = (0.95, 0.95, 0.95)
        rgb[eye & (d < 8)] = iris_rgb
        rgb[eye & (d < 2.5)] = (0.02, 0.02, 0.02)
        irises.append(np.array([[cx, cy], [cx + 8, cy], [cx, cy - 8], [cx - 8, cy],
                                [cx, cy + 8]]))
        lids.append(np.array([[cx - 20, cy], [cx, cy + opening], [cx + 20, cy],
                              [cx, cy - opening]]))
    return rgb, tuple(irises), tuple(lids)


def _features(iris_rgb: tuple[float, float, float], opening: float = 9.0
              ) -> np.ndarray | None:
    rgb, irises, lids = _eyes(iris_rgb, opening)
    lab = to_lab(rgb)
    pixels = iris_pixels(lab, np.ones(rgb.shape[:2], bool), irises, lids)
    return iris_features(pixels, to_lab(np.array([[SKIN]]))[0, 0])


def test_the_ring_leaves_out_the_pupil_and_what_the_lids_cover() -> None:
    rgb, irises, lids = _eyes((0.3, 0.45, 0.75), opening=5.0)
    ring = iris_ring(rgb.shape, irises[0], lids[0])
    cx, cy = CENTRES[0]
    assert not ring[int(cy), int(cx)]  # the pupil
    assert ring[int(cy), int(cx) + 5]  # the iris beside it
    assert not ring[int(cy) - 7, int(cx)]  # inside the iris's circle, but under the lid


def test_blue_irises_measure_bluer_than_brown_ones() -> None:
    blue, brown = _features((0.3, 0.45, 0.75)), _features((0.35, 0.2, 0.1))
    assert blue is not None and brown is not None
    assert blue[2] < 0 < brown[2]  # b*
    assert blue[6] > 0.9 > 0.1 > brown[6]  # the share of pixels bluer than neutral
    assert blue[5] < brown[5]  # b* beside the skin's


def test_closed_eyes_measure_nothing() -> None:
    rgb, irises, lids = _eyes((0.3, 0.45, 0.75), opening=0.5)
    pixels = iris_pixels(to_lab(rgb), np.ones(rgb.shape[:2], bool), irises, lids)
    assert len(pixels) < MIN_PIXELS
    assert iris_features(pixels, np.zeros(3)) is None
    assert iris_color(pixels).confidence == 0
    assert decide_eye_color(None, 2.0) == (None, 0.0)


@pytest.mark.skipif(model("eye_color") is None, reason="no eye-color model shipped")
def test_the_shipped_model_names_blue_and_brown_irises() -> None:
    assert decide_eye_color(_features((0.3, 0.45, 0.75)), 2.0)[0] == "blue"
    assert decide_eye_color(_features((0.3, 0.17, 0.08)), 2.0)[0] == "brown"
    name, probability = decide_eye_color(_features((0.5, 0.55, 0.3)), 2.0)
    assert name in EYE_NAMES and 0 < probability <= 1
