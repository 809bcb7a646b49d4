"""Apparent age and gender presentation (the shipped CC0 models)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from facemoji.face.age_gender import AgeGender, age_band, estimate, probabilities, with_band
from facemoji.face.detect import Detection, detect_faces


def test_the_astronaut_presents_as_an_adult_woman(astronaut: np.ndarray,
                                                  astronaut_detection: Detection) -> None:
    found = estimate(astronaut, astronaut_detection.landmarks)
    assert found.gender == "female" and found.female > 0.8
    assert 25 <= found.age <= 55  # Eileen Collins was in her late thirties


def test_a_mirrored_photo_gives_nearly_the_same_estimate(
        astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    mirrored = np.ascontiguousarray(astronaut[:, ::-1])
    a = estimate(astronaut, astronaut_detection.landmarks)
    b = estimate(mirrored, detect_faces(mirrored)[0].landmarks)
    assert abs(a.age - b.age) < 6 and b.gender == a.gender


def test_an_aged_blurred_face_reads_older_than_the_photo(
        astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    # the age model reads skin texture: a sharp photo against the same photo with its face
    # region smoothed must not give the same age (a model that ignores its input would)
    smooth = cv2.bilateralFilter(np.ascontiguousarray(astronaut), 15, 80, 15)
    a = estimate(astronaut, astronaut_detection.landmarks).age
    b = estimate(smooth, astronaut_detection.landmarks).age
    assert a != pytest.approx(b, abs=0.5)


def test_probabilities_are_distributions() -> None:
    chip = np.full((64, 64, 3), 128, np.uint8)
    ages = probabilities("age", chip)
    gender = probabilities("gender", chip[:32, :32])
    assert ages.shape == (81,) and gender.shape == (2,)
    assert ages.sum() == pytest.approx(1.0, abs=1e-4) and gender.sum() == pytest.approx(1.0)


@pytest.mark.parametrize(("age", "band"), [(18, "18-29"), (29.9, "18-29"), (30, "30-44"),
                                           (59.5, "45-59"), (60, "60+"), (91, "60+")])
def test_age_bands(age: float, band: str) -> None:
    assert age_band(age) == band
    assert AgeGender(age, 0.2).to_dict()["age_band"] == band


def test_the_learned_band_reads_the_face_descriptor_too(astronaut: np.ndarray,
                                                        astronaut_detection: Detection) -> None:
    from facemoji.face.detect import align
    from facemoji.face.embed import get_embedder

    person = estimate(astronaut, astronaut_detection.landmarks)
    descriptor = get_embedder("dlib").embed_chips(
        align(astronaut, astronaut_detection.landmarks)[None])[0]
    banded = with_band(person, descriptor)
    assert banded.age == person.age and banded.female == person.female
    assert banded.age_band == banded.band and 0.25 < banded.band_confidence <= 1.0
    assert banded.to_dict()["age_band"] == banded.band
    # Eileen Collins was in her late thirties: the age network alone says under 30
    assert person.age_band == "18-29" and banded.age_band == "30-44"
    # with another face's descriptor the band may change: the model reads it
    assert with_band(person, np.zeros_like(descriptor)).band_confidence != \
        pytest.approx(banded.band_confidence)
