"""Where long hair is parted: the hairline's arch above the forehead, and its name."""

from __future__ import annotations

import numpy as np
import pytest

from facemoji.face.chip import IOD, make_chip
from facemoji.face.hair_part import PEAK_OFF, decide_part, part_shape


@pytest.fixture
def chip(astronaut, astronaut_detection):
    return make_chip(astronaut, np.asarray(astronaut_detection.landmarks, float), np.ones(3))


def _parted(chip, at: float) -> np.ndarray:
    """A hair probability whose hairline is an arch peaking ``at`` IOD from the nose
    bridge (+: the image's right), 1.2 IOD above the brows there, falling 0.5 IOD per IOD
    to the sides; hair everywhere above it."""
    brow = chip.landmarks[17:27, 1].min()
    middle = chip.landmarks[27:31, 0].mean()
    columns = (np.arange(chip.valid.shape[1]) - middle) / IOD
    height = 1.2 - 0.5 * np.abs(columns - at)
    rows = np.arange(chip.valid.shape[0])[:, None]
    return (rows < brow - height[None, :] * IOD).astype(np.float32) * 0.9


def test_the_hairline_peaks_at_the_part(chip):
    for at in (-0.4, 0.0, 0.4):
        peak, slant = part_shape(chip, _parted(chip, at))
        assert peak == pytest.approx(at, abs=0.1)
        assert np.sign(slant) == np.sign(at)  # the half with the part is higher


def test_center_left_and_right_parts(chip):
    found = [decide_part(part_shape(chip, _parted(chip, at)))
             for at in (-(PEAK_OFF + 0.2), 0.0, PEAK_OFF + 0.2)]
    assert found == ["left", "center", "right"]


def test_no_hairline_no_part(chip):
    assert decide_part(part_shape(chip, None)) is None  # no segmenter
    assert decide_part(part_shape(chip, np.zeros(chip.valid.shape, np.float32))) is None
