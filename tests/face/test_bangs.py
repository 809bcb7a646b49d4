"""Bangs: the forehead band's features, and the learned decision (the rule without it)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from facemoji.face.bangs import BAND, bangs_vector, decide_bangs
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
    hair_p = np.zeros(chip.valid.shape, np.float32)  # the segmenter sees the fringe as hair
    hair_p[band] = 0.9 if fringe else 0.0
    hair = lab_measure(np.array([DARK_HAIR]), 1.0)
    forehead = 0.2 if fringe else 0.9
    return bangs_vector(chip, hair, skin, skin_likeness(chip, skin), person, forehead, female,
                        hair_p)


def test_a_fringe_reads_as_hair_and_a_bare_forehead_as_skin(astronaut, astronaut_detection):
    bare, fringe = (_vector(astronaut, astronaut_detection, f) for f in (False, True))
    assert bare.shape == fringe.shape == (10,) and np.isfinite(bare).all()
    # the skin share falls, the hair-like and dark shares rise, the band darkens
    assert fringe[1] < 0.2 < bare[1]
    assert fringe[2] > 0.8 > bare[2]
    assert fringe[5] > 0.8 > bare[5]
    assert fringe[3] < bare[3] - 20
    assert fringe[-2] == 0.9
    assert fringe[-1] == 1.0 and bare[-1] == 0.0  # the segmenter's hair share


def test_the_shipped_model_finds_a_painted_fringe(astronaut, astronaut_detection):
    assert decide_bangs(_vector(astronaut, astronaut_detection, True), False)[0]
    assert not decide_bangs(_vector(astronaut, astronaut_detection, False), True)[0]


@pytest.mark.parametrize("rule", [True, False])
def test_without_a_model_the_rule_decides(monkeypatch, rule):
    from facemoji.face import bangs

    monkeypatch.setattr(bangs, "model", lambda name: None)
    assert decide_bangs(np.zeros(10), rule) == (rule, 0.5)
