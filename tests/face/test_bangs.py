"""Bangs: the forehead band's features, and the learned decision (the rule without it)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from facemoji.face.bangs import (
    BAND,
    FOREHEAD_BANDS,
    FRINGE_BAND,
    bangs_vector,
    decide_bangs,
    decide_fringe,
    forehead_bands,
    fringe_shape,
    fringe_side,
)
from facemoji.face.chip import IOD, make_chip
from facemoji.face.color import lab_measure
from facemoji.face.detect import Detection
from facemoji.face.hair import skin_likeness

DARK_HAIR = (22.0, 6.0, 10.0)


def _vector(astronaut: np.ndarray, detection: Detection, fringe: bool,
            female: float = 0.9) -> np.ndarray:
    """The bangs features of the astronaut's chip, its forehead band painted dark hair
    (``fringe``) or her cheeks' skin (she has a light fringe of her own)."""
    chip = make_chip(astronaut, np.asarray(detection.landmarks, float), np.ones(3))
    skin = lab_measure(chip.lab[int(chip.landmarks[30, 1]), 100:150], 1.0)
    lab = chip.lab.copy()
    top = chip.landmarks[17:27, 1].min()
    band = slice(int(top - BAND[1] * IOD) - 4, int(top - BAND[0] * IOD) + 2)
    lab[band] = DARK_HAIR if fringe else skin.lab
    chip = dataclasses.replace(chip, lab=lab)
    person = np.ones(chip.valid.shape, np.float32)
    # the segmenter sees hair from the hairline (1.2 IOD over the brows) up, and the
    # fringe down to the band's foot; bare skin between
    hair_p = np.zeros(chip.valid.shape, np.float32)
    hair_p[: int(top - (BAND[0] if fringe else 1.2) * IOD)] = 0.9
    skin_p = np.where(hair_p > 0, 0.0, 1.0).astype(np.float32)
    hair = lab_measure(np.array([DARK_HAIR]), 1.0)
    forehead = 0.2 if fringe else 0.9
    return bangs_vector(chip, hair, skin, skin_likeness(chip, skin), person, forehead, female,
                        hair_p, skin_p)


def test_a_fringe_reads_as_hair_and_a_bare_forehead_as_skin(astronaut, astronaut_detection):
    bare, fringe = (_vector(astronaut, astronaut_detection, f) for f in (False, True))
    assert bare.shape == fringe.shape == (10 + 3 * len(FOREHEAD_BANDS),)
    assert np.isfinite(bare).all()
    # the skin share falls, the hair-like and dark shares rise, the band darkens
    assert fringe[1] < 0.2 < bare[1]
    assert fringe[2] > 0.8 > bare[2]
    assert fringe[5] > 0.8 > bare[5]
    assert fringe[3] < bare[3] - 20
    assert fringe[8] == 0.9
    assert fringe[9] == 1.0 and bare[9] == 0.0  # the segmenter's hair share


def test_the_shipped_model_finds_a_painted_fringe(astronaut, astronaut_detection):
    assert decide_bangs(_vector(astronaut, astronaut_detection, True), False)[0]
    assert not decide_bangs(_vector(astronaut, astronaut_detection, False), True)[0]


@pytest.mark.parametrize("rule", [True, False])
def test_without_a_model_the_rule_decides(monkeypatch, rule):
    from facemoji.face import bangs

    monkeypatch.setattr(bangs, "model", lambda name: None)
    assert decide_bangs(np.zeros(10 + 3 * len(FOREHEAD_BANDS)), rule) == (rule, 0.5)


def test_the_forehead_bands_see_a_short_fringe_up_to_the_hairline(astronaut,
                                                                  astronaut_detection):
    """A fringe that stops halfway up the forehead leaves the band just above the brows
    bare: the bands above it see its hair and no skin, the lowest sees skin."""
    chip = make_chip(astronaut, np.asarray(astronaut_detection.landmarks, float), np.ones(3))
    top = chip.landmarks[17:27, 1].min()
    hair_p = np.zeros(chip.valid.shape, np.float32)
    skin_p = np.ones(chip.valid.shape, np.float32)
    fringe = slice(int(top - 1.6 * IOD), int(top - 0.7 * IOD))
    hair_p[fringe], skin_p[fringe] = 0.95, 0.0
    bands = forehead_bands(chip, hair_p, skin_p).reshape(len(FOREHEAD_BANDS), 3)
    low, high = FOREHEAD_BANDS.index((0.15, 0.4)), FOREHEAD_BANDS.index((1.0, 1.3))
    assert bands[low].tolist() == [0.0, 0.0, 1.0]
    assert bands[high].tolist() == pytest.approx([1.0, 0.95, 0.0])
    assert not forehead_bands(chip, None, None).any()  # no segmenter: nothing seen


def _fringe_chip(astronaut, detection, drop: tuple[float, float]):
    """The astronaut's chip and a hair probability of a fringe that falls to ``drop`` IOD
    above the brows over the image-left brow and the image-right one (0: to the brow)."""
    chip = make_chip(astronaut, np.asarray(detection.landmarks, float), np.ones(3))
    top, p = chip.landmarks[17:27, 1].min(), chip.landmarks
    hair_p = np.zeros(chip.valid.shape, np.float32)
    hair_p[: int(top - FRINGE_BAND[1] * IOD)] = 0.95  # the crown
    middle = int((p[21, 0] + p[22, 0]) / 2)
    for cols, height in ((slice(0, middle), drop[0]), (slice(middle, None), drop[1])):
        hair_p[: int(top - height * IOD), cols] = 0.95
    return chip, hair_p


def test_a_blunt_fringe_is_even_and_a_swept_one_falls_to_one_side(astronaut,
                                                                   astronaut_detection):
    blunt = fringe_shape(*_fringe_chip(astronaut, astronaut_detection, (0.0, 0.0)))
    swept = fringe_shape(*_fringe_chip(astronaut, astronaut_detection, (0.8, 0.0)))
    assert blunt[0] == pytest.approx(0.0, abs=1e-6) and blunt[1] > 0.9
    assert swept[0] > 0.3 and swept[1] < blunt[1]
    assert decide_fringe(blunt) == "blunt"
    assert decide_fringe(swept) == "swept"
    # it falls to the brow on the image right and leaves the left bare; mirrored, the left
    assert fringe_side(swept) == "right"
    mirrored = fringe_shape(*_fringe_chip(astronaut, astronaut_detection, (0.0, 0.8)))
    assert fringe_side(mirrored) == "left" and mirrored[0] == pytest.approx(swept[0], abs=0.1)


def test_an_unmeasured_fringe_is_swept_the_commoner(astronaut, astronaut_detection):
    chip, _ = _fringe_chip(astronaut, astronaut_detection, (0.0, 0.0))
    shape = fringe_shape(chip, None)
    assert np.isnan(shape).all()
    assert decide_fringe(shape) == "swept" and fringe_side(shape) is None
