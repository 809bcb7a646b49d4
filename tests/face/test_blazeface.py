"""BlazeFace, the quick face check that spares a photo without a face dlib's CNN."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from skimage import data

from facemoji.face import blazeface, detect


def _turned(image: np.ndarray, degrees: float) -> np.ndarray:
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), borderValue=(128, 128, 128))


def test_anchors_cover_both_grids_in_the_models_order() -> None:
    centres = blazeface.anchors()
    assert centres.shape == (896, 2)
    # two anchors per cell of the 16 x 16 grid, then six per cell of the 8 x 8 grid
    assert np.allclose(centres[:2], [[1 / 32, 1 / 32]] * 2)
    assert np.allclose(centres[2], [3 / 32, 1 / 32])
    assert np.allclose(centres[512:518], [[1 / 16, 1 / 16]] * 6)
    assert np.allclose(centres[-1], [15 / 16, 15 / 16])


def test_the_astronauts_face_is_found_where_dlib_finds_it(
        astronaut: np.ndarray, astronaut_detection: detect.Detection) -> None:
    (found, *others) = blazeface.candidates(astronaut)
    box = found.box
    assert found.score > 0.8 and not others
    centre = np.array([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2])
    dlib_box = np.array(astronaut_detection.box, dtype=float)
    dlib_centre = (dlib_box[:2] + dlib_box[2:]) / 2
    width = dlib_box[2] - dlib_box[0]
    assert np.linalg.norm(centre - dlib_centre) < 0.25 * width
    assert 0.7 < (box[2] - box[0]) / width < 1.4
    # the key points: her right eye (on the photo's left) and left eye beside dlib's
    eyes = astronaut_detection.landmarks
    assert np.linalg.norm(found.keypoints[0] - eyes[36:42].mean(axis=0)) < 0.15 * width
    assert np.linalg.norm(found.keypoints[1] - eyes[42:48].mean(axis=0)) < 0.15 * width


def test_letterboxing_maps_boxes_back_to_the_photo(astronaut: np.ndarray) -> None:
    tall = np.full((640, 512, 3), 128, np.uint8)
    tall[128:] = astronaut
    (shifted,) = blazeface.candidates(tall)
    (plain,) = blazeface.candidates(astronaut)
    assert np.allclose(np.array(shifted.box) - [0, 128, 0, 128], plain.box, atol=12)
    # eyes and nose tip (the ears move more with the scale the detector sees)
    assert np.allclose(shifted.keypoints[:3] - [0, 128], plain.keypoints[:3], atol=12)


@pytest.mark.parametrize("name", ["coffee", "rocket", "text"])
def test_pictures_without_a_face_are_not_faces(name: str) -> None:
    image = getattr(data, name)()
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    assert blazeface.candidates(image) == []
    assert not blazeface.face_found(image, *detect.CNN_GATE)


def test_the_face_mesh_confirms_a_face_and_not_a_cup(astronaut: np.ndarray) -> None:
    assert blazeface.face_found(astronaut, 0.5, 0.5)
    # BlazeFace alone scores the cup about 0.3: it takes the mesh to rule it out
    cup = data.coffee()
    assert blazeface.candidates(cup, 0.2)
    assert not blazeface.face_found(cup, 0.2, 0.01)


def test_the_cnn_is_spared_where_nothing_looks_like_a_face(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    passes: list[str] = []
    real = detect._detect

    def record(image, work, scale, method, upsample):
        passes.append(method)
        return real(image, work, scale, method, upsample)

    monkeypatch.setattr(detect, "_detect", record)
    assert detect.detect_faces(data.coffee()) == []
    assert passes and "cnn" not in passes


def test_a_turned_face_that_hog_misses_still_reaches_the_cnn(astronaut: np.ndarray) -> None:
    turned = _turned(np.ascontiguousarray(astronaut[20:260, 110:350]), 35)  # her head
    assert detect.detect_faces(turned, method="hog") == []
    assert blazeface.face_found(turned, *detect.CNN_GATE)
    (face,) = detect.detect_faces(turned)
    assert face.method == "cnn"


def test_a_degenerate_box_is_no_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    class ZeroSizeBoxes:
        def run(self, names, feeds):
            logits = np.full((1, 896, 1), 5.0, np.float32)  # sure of a face everywhere
            outputs = {"regressors": np.zeros((1, 896, 16), np.float32),
                       "classificators": logits}
            return [outputs[n] for n in names] if names else list(outputs.values())

    monkeypatch.setattr(blazeface, "session", lambda name: ZeroSizeBoxes())
    image = np.full((64, 64, 3), 128, np.uint8)
    assert blazeface.candidates(image) == []
    assert not blazeface.face_found(image, 0.5, 0.5)


def test_gray_and_rgba_photos_are_read_as_rgb(astronaut: np.ndarray) -> None:
    (plain,) = blazeface.candidates(astronaut)
    rgba = np.dstack([astronaut, np.full(astronaut.shape[:2], 255, np.uint8)])
    (with_alpha,) = blazeface.candidates(rgba)
    assert np.allclose(with_alpha.box, plain.box)
    gray = cv2.cvtColor(astronaut, cv2.COLOR_RGB2GRAY)
    (from_gray, *_) = blazeface.candidates(gray)
    assert np.allclose(from_gray.box, plain.box, atol=0.15 * (plain.box[2] - plain.box[0]))


def test_an_explicit_upsample_skips_the_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    """BlazeFace cannot see the small faces an upsampled CNN is asked for."""
    passes: list[str] = []

    def never(image):
        raise AssertionError("the gate ran with an explicit upsample")

    monkeypatch.setattr(detect, "_looks_faceless", never)
    monkeypatch.setattr(detect, "_detect", lambda image, work, scale, method, upsample:
                        passes.append(method) or [])
    noise = np.random.default_rng(0).integers(0, 255, (300, 400, 3), dtype=np.uint8)
    assert detect.detect_faces(noise, upsample=1) == []
    assert passes == ["hog", "cnn"]
