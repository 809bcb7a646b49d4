"""The person segmenter on the astronaut photo and copies the tests edit."""

from __future__ import annotations

import numpy as np
import pytest

from facemoji.face.attributes import measure
from facemoji.face.geometry import eye_centers
from facemoji.face.person import SIZE, portrait, portrait_matrix, segment, to_frame

IDENTITY = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])


def _in_photo(image: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    crop = portrait_matrix(landmarks)
    return to_frame(segment(portrait(image, crop)[0]), crop, IDENTITY,
                    (image.shape[1], image.shape[0]))


@pytest.fixture(scope="module")
def probability(astronaut: np.ndarray, astronaut_detection) -> np.ndarray:
    return _in_photo(astronaut, astronaut_detection.landmarks)


def test_the_crop_is_upright_and_centred_on_the_eyes(astronaut_detection) -> None:
    m = portrait_matrix(astronaut_detection.landmarks)
    left, right = (m[:, :2] @ e + m[:, 2] for e in eye_centers(astronaut_detection.landmarks))
    assert left[1] == pytest.approx(right[1], abs=1e-6)
    assert (left[0] + right[0]) / 2 == pytest.approx(SIZE / 2)
    assert right[0] - left[0] == pytest.approx(SIZE / 6)


def test_the_person_is_found_and_the_backdrop_is_not(probability: np.ndarray,
                                                     astronaut_detection) -> None:
    p = astronaut_detection.landmarks
    iod = float(np.linalg.norm(p[42:48].mean(axis=0) - p[36:42].mean(axis=0)))
    nose = np.round(p[30]).astype(int)
    assert probability[nose[1], nose[0]] > 0.9
    # her hair above the forehead belongs to her
    top = round(p[17:27, 1].min() - 0.8 * iod)
    assert probability[top, nose[0]] > 0.7
    # the gray backdrop beside the head, at eye level, does not
    y = round(p[36:48, 1].mean())
    assert probability[y, round(p[16, 0] + 1.2 * iod)] < 0.2
    assert probability.dtype == np.float32 and probability.shape == (512, 512)


def test_shifting_the_photo_shifts_the_map(astronaut: np.ndarray, astronaut_detection,
                                           probability: np.ndarray) -> None:
    shifted = np.pad(astronaut, ((30, 0), (50, 0), (0, 0)), mode="edge")
    moved = _in_photo(shifted, astronaut_detection.landmarks + np.array([50.0, 30.0]))[30:, 50:]
    assert np.abs(moved - probability).mean() < 0.01


def test_a_backdrop_the_color_of_gray_hair_is_not_hair(astronaut: np.ndarray,
                                                       astronaut_detection,
                                                       probability: np.ndarray) -> None:
    base = measure(astronaut, astronaut_detection)
    backdrop = probability < 0.1
    gray = astronaut.copy()
    gray[backdrop] = (150, 150, 150)
    attrs = measure(gray, astronaut_detection)
    assert attrs.hair_name == base.hair_name
    assert attrs.hair_mask is not None and attrs.hair_mask.sum() > 2000
    assert (attrs.hair_mask & backdrop).sum() < 0.01 * attrs.hair_mask.sum()
