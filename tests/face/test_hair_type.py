"""Hair type and up-dos: parallel strands read straight, curls read curly; hair worn up or down."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from facemoji.face.chip import IOD, Chip, make_chip
from facemoji.face.detect import Detection
from facemoji.face.hair_type import (
    TYPE_GROUPS,
    TYPES,
    curl_vector,
    decide_hair_type,
    decide_wave,
    type_features,
    type_vector,
)
from facemoji.face.learned import model as learned_model


@pytest.fixture(scope="module")
def chip(astronaut: np.ndarray, astronaut_detection: Detection) -> Chip:
    return make_chip(astronaut, np.asarray(astronaut_detection.landmarks, float), np.ones(3))


def _hair_cap(chip: Chip) -> np.ndarray:
    """A cap of 'hair' above the brows, as :mod:`facemoji.face.hair` would find it."""
    mask = np.zeros(chip.valid.shape, bool)
    brow = int(chip.landmarks[17:27, 1].min())
    x = int(chip.landmarks[27, 0])
    mask[brow - int(1.2 * IOD): brow - 4, x - int(1.3 * IOD): x + int(1.3 * IOD)] = True
    return mask


def _painted(chip: Chip, light: np.ndarray, mask: np.ndarray) -> Chip:
    lab = chip.lab.copy()
    lab[..., 0] = np.where(mask, light, lab[..., 0])
    return dataclasses.replace(chip, lab=lab)


def _strands(shape: tuple[int, ...]) -> np.ndarray:
    """Long vertical strands, slightly irregular: straight hair."""
    rng = np.random.default_rng(0)
    xx = np.arange(shape[1])[None, :] + 0.8 * rng.standard_normal(shape[1])[None, :]
    return 35 + 15 * np.sin(xx * 2 * np.pi / 5) * np.ones((shape[0], 1))


def _curls(shape: tuple[int, ...]) -> np.ndarray:
    """Small rings tiled over the image, each with its own phase: curls."""
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[: shape[0], : shape[1]].astype(float)
    cy, cx = yy % 12 - 6, xx % 12 - 6
    phase = rng.uniform(0, 2 * np.pi, (shape[0] // 12 + 1, shape[1] // 12 + 1))
    return 35 + 15 * np.sin(np.hypot(cy, cx) * 2 * np.pi / 5
                            + phase[(yy // 12).astype(int), (xx // 12).astype(int)])


def test_strands_are_more_coherent_than_curls(chip: Chip) -> None:
    cap, no_side = _hair_cap(chip), np.zeros(chip.valid.shape, bool)
    straight = type_features(_painted(chip, _strands(cap.shape), cap), cap, no_side, 40.0)
    curly = type_features(_painted(chip, _curls(cap.shape), cap), cap, no_side, 40.0)
    assert straight is not None and curly is not None
    coherence = slice(1, 7)  # mean and lower quartile at each scale
    assert (straight[coherence] > curly[coherence] + 0.1).all()
    assert straight[-1] == pytest.approx(40.0 / IOD)


def _waves(shape: tuple[int, ...]) -> np.ndarray:
    """The strands of :func:`_strands`, swinging from side to side as they fall: waves."""
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[: shape[0], : shape[1]].astype(float)
    xx = xx + 0.8 * rng.standard_normal(shape[1])[None, :] + 4 * np.sin(yy * 2 * np.pi / 14)
    return 35 + 15 * np.sin(xx * 2 * np.pi / 5)


STRAIGHT_OUTLINE = np.array([0.35, 0.17, 0.085])
"""A straight head's extent and outline to the hair segmenter (the faceset's medians,
:func:`facemoji.face.parts.hair_outline_features`): the curl model's other input, held
the same for every painted pattern."""


def _vector(name: str, features: np.ndarray, monk: float, female: float) -> np.ndarray:
    """Model ``name``'s input: the curl model's (:func:`curl_vector`) or the wave model's."""
    if name == "hair_type":
        return curl_vector(features, monk, female, STRAIGHT_OUTLINE)
    return type_vector(features, monk, female)


def _probabilities(chip: Chip, name: str, cls: str, female: float
                   ) -> dict[str, float]:
    """Model ``name``'s probability of class ``cls`` for the cap of strands, curls and
    waves painted over the chip."""
    cap, no_side = _hair_cap(chip), np.zeros(chip.valid.shape, bool)
    fitted = learned_model(name)
    assert fitted is not None
    out = {}
    for pattern in (_strands, _curls, _waves):
        features = type_features(_painted(chip, pattern(cap.shape), cap), cap, no_side, 40.0)
        out[pattern.__name__[1:]] = float(fitted.probabilities(
            _vector(name, features, 3.0, female))[fitted.classes.index(cls)])
    return out


def _strand_features(chip: Chip) -> np.ndarray | None:
    """The hair-type features of the cap of strands painted over the chip."""
    cap, no_side = _hair_cap(chip), np.zeros(chip.valid.shape, bool)
    return type_features(_painted(chip, _strands(cap.shape), cap), cap, no_side, 40.0)


@pytest.mark.skipif(learned_model("hair_type") is None, reason="no fitted hair-type model")
def test_the_model_reads_curls_as_curlier_than_strands(chip: Chip) -> None:
    curly = _probabilities(chip, "hair_type", "curly", 0.5)
    assert curly["curls"] > curly["strands"]
    kind, probability = decide_hair_type(_strand_features(chip), 3.0, 0.5, STRAIGHT_OUTLINE)
    assert kind == "straight" and 0.5 <= probability <= 1.0


@pytest.mark.skipif(learned_model("hair_wave") is None, reason="no fitted wave model")
def test_the_wave_model_reads_waves_as_wavier_than_strands(chip: Chip) -> None:
    wavy = _probabilities(chip, "hair_wave", "wavy", 1.0)
    assert wavy["waves"] > wavy["strands"]
    found, probability = decide_wave(_strand_features(chip), 3.0, 1.0)
    assert found is False and 0.5 <= probability <= 1.0


@pytest.mark.skipif(learned_model("hair_type") is None, reason="no fitted hair-type model")
def test_the_skin_tone_is_a_prior_for_coils(chip: Chip) -> None:
    cap, no_side = _hair_cap(chip), np.zeros(chip.valid.shape, bool)
    features = type_features(_painted(chip, _curls(cap.shape), cap), cap, no_side, 40.0)
    fitted = learned_model("hair_type")
    assert fitted is not None
    curly = [fitted.probabilities(_vector("hair_type", features, monk, 0.0))[
        fitted.classes.index("curly")] for monk in (2.0, 8.0)]
    assert curly[1] > curly[0]


def test_too_little_hair_is_not_read(chip: Chip) -> None:
    empty = np.zeros(chip.valid.shape, bool)
    assert type_features(chip, empty, empty, 40.0) is None
    assert decide_hair_type(None, 5.0, 0.0, STRAIGHT_OUTLINE) == (None, 0.0)
    assert decide_wave(None, 5.0, 1.0) == (None, 0.0)
    assert set(TYPES) == {"straight", "curly"} and set(TYPE_GROUPS) == {*TYPES, "wavy"}


@pytest.mark.skipif(learned_model("hair_type") is None, reason="no fitted hair-type model")
def test_analysis_reports_the_type_and_asks_the_avatar_for_it(
        astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    from facemoji.face.attributes import measure

    found = measure(astronaut, astronaut_detection)
    assert found.hair_type in TYPE_GROUPS and 0.5 <= found.hair_type_confidence <= 1.0
    hair = found.to_dict()["hair"]
    assert (hair["type"], hair["type_confidence"]) == (
        found.hair_type, round(found.hair_type_confidence, 2))
    wanted, sure = found.traits()["hair_type"]
    assert wanted == TYPE_GROUPS[found.hair_type]
    assert sure == pytest.approx(max(0.0, 2 * found.hair_type_confidence - 1))


def test_no_hair_read_says_nothing_of_an_up_do() -> None:
    from facemoji.face.hair_up import decide_hair_up

    assert decide_hair_up(None, np.zeros(34)) == (None, 0.0)


@pytest.mark.skipif(learned_model("hair_up") is None, reason="no fitted hair-up model")
def test_analysis_reports_whether_the_hair_is_up_and_asks_the_avatar_for_it(
        astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    from facemoji.face.attributes import measure
    from facemoji.face.hair_up import UP_DOS

    found = measure(astronaut, astronaut_detection)
    assert isinstance(found.hair_up, bool) and 0.5 <= found.hair_up_confidence <= 1.0
    assert found.to_dict()["hair"]["up"] == found.hair_up
    wanted, sure = found.traits()["hair_up"]
    assert wanted == (UP_DOS if found.hair_up else "none")
    assert sure == pytest.approx(abs(2 * found.hair_up_confidence - 1))


def test_only_hair_past_the_chin_is_asked_whether_it_waves(
        astronaut: np.ndarray, astronaut_detection: Detection,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import facemoji.face.attributes as attributes

    asked = []

    def wavy(*args: object) -> tuple[bool, float]:
        asked.append(args)
        return True, 0.8

    monkeypatch.setattr(attributes, "decide_hair_type", lambda *a: ("straight", 0.7))
    monkeypatch.setattr(attributes, "decide_wave", wavy)
    short = attributes.measure(astronaut, astronaut_detection)
    assert short.hair_length is not None and not short.hair_length.long
    assert short.hair_type == "straight" and not asked  # her hair is short
    measure_length = attributes.measure_length
    monkeypatch.setattr(attributes, "measure_length", lambda *a, **k: dataclasses.replace(
        measure_length(*a, **k), name="long"))
    long = attributes.measure(astronaut, astronaut_detection)
    # as sure as not curly (0.7) and wavy (0.8)
    assert long.hair_type == "wavy" and long.hair_type_confidence == pytest.approx(0.56)
    assert len(asked) == 1
    assert long.traits()["hair_type"] == ("wavy", pytest.approx(2 * 0.56 - 1))


@pytest.mark.parametrize(("kind", "monk", "female", "length", "expected"), [
    ("straight", 7.0, 0.1, "short", "curly"),  # a man's close crop on dark skin
    ("straight", 6.0, 0.1, "buzz", "curly"),
    ("straight", 5.0, 0.1, "short", "straight"),  # lighter skin: the model's answer stands
    ("straight", 7.0, 0.9, "short", "straight"),  # a woman's (relaxed hair is common)
    ("straight", 7.0, 0.1, "chin", "straight"),  # longer hair shows its texture
    ("curly", 3.0, 0.1, "short", "curly"),
    (None, 7.0, 0.1, "short", None),  # no hair read
])
def test_a_mans_close_crop_on_dark_skin_is_curly(kind, monk, female, length, expected) -> None:
    from facemoji.face.hair_type import COILED_SURE, close_cropped_type

    found, sure = close_cropped_type(kind, 0.7, monk, female, length)
    assert found == expected
    assert sure == (COILED_SURE if expected != kind else 0.7)
