"""How full short hair is on top: the run of hair above the hairline, and its name."""

from __future__ import annotations

import numpy as np
import pytest

from facemoji.face.chip import IOD, make_chip
from facemoji.face.hair_top import CLOSE_BELOW, FULL_ABOVE, decide_top, top_thickness


@pytest.fixture
def chip(astronaut, astronaut_detection):
    return make_chip(astronaut, np.asarray(astronaut_detection.landmarks, float), np.ones(3))


def _hair(chip, hairline: float, height: float) -> np.ndarray:
    """A hair probability whose hair runs from ``hairline`` IOD above the brows up
    ``height`` IOD (a skull-shaped dome would do the same in the middle columns)."""
    brow = chip.landmarks[17:27, 1].min()
    hair = np.zeros(chip.valid.shape, np.float32)
    hair[max(0, int(brow - (hairline + height) * IOD)): int(brow - hairline * IOD)] = 0.9
    return hair


def test_the_run_of_hair_above_the_hairline_is_measured_in_iod(chip):
    for height in (0.3, 0.7, 1.2):
        run, cut = top_thickness(chip, _hair(chip, 0.6, height))
        assert run == pytest.approx(height, abs=2 / IOD) and cut == 0.0
    # a forehead that is higher or lower moves the run, not its length
    assert top_thickness(chip, _hair(chip, 0.3, 0.7))[0] == pytest.approx(0.7, abs=2 / IOD)


def test_close_medium_and_full_hair(chip):
    names = [decide_top(top_thickness(chip, _hair(chip, 0.6, h)))
             for h in (CLOSE_BELOW - 0.1, (CLOSE_BELOW + FULL_ABOVE) / 2, FULL_ABOVE + 0.1)]
    assert names == ["close", "medium", "full"]


def test_hair_that_leaves_the_picture_is_full_or_unknown(chip):
    """Hair that reaches the chip's top may rise further: long enough already, it is full;
    otherwise nobody knows."""
    tall = top_thickness(chip, _hair(chip, 0.6, 5.0))
    assert tall[1] == 1.0 and decide_top(tall) == ("full" if tall[0] > FULL_ABOVE else None)
    assert decide_top(np.array([CLOSE_BELOW - 0.1, 1.0])) is None
    assert decide_top(top_thickness(chip, None)) is None  # no segmenter
    assert decide_top(top_thickness(chip, np.zeros(chip.valid.shape, np.float32))) is None
