"""The hair (and face, clothes) segmenter on the astronaut photo and copies the tests edit."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from facemoji.face.attributes import measure
from facemoji.face.hair_length import SEEN_BANDS, segmented_profile
from facemoji.face.parts import CLASSES, HAIR, eyewear_features, part_probabilities
from facemoji.face.person import CROP_IOD, SIZE, portrait, portrait_matrix


@pytest.fixture(scope="module")
def crop(astronaut: np.ndarray, astronaut_detection) -> tuple[np.ndarray, np.ndarray]:
    """The head-and-shoulders crop and where the landmarks fall in it."""
    m = portrait_matrix(astronaut_detection.landmarks)
    return portrait(astronaut, m)[0], astronaut_detection.landmarks @ m[:, :2].T + m[:, 2]


def test_the_int8_segmenter_computes_its_graph_on_any_cpu(crop) -> None:
    """Fused int8 convolutions saturate on x86 CPUs without VNNI (AVX2 only): the session
    must give what the quantized graph defines, run op by op."""
    from importlib.resources import files

    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
    model = (files("facemoji") / "data" / "selfie_parts.onnx").read_bytes()
    reference = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    image, _ = crop
    scores = reference.run(None, {"input": (image.astype(np.float32) / 127.5 - 1.0)[None]})
    e = np.exp(scores[0][0] - scores[0][0].max(axis=-1, keepdims=True))
    want, got = e / e.sum(axis=-1, keepdims=True), part_probabilities(image)
    # float kernels differ by optimization level, and a quantize step turns the least
    # difference into a whole level: about 1% of pixels change class (saturated: 7%)
    assert np.abs(got - want).mean() < 0.01
    assert (got.argmax(axis=-1) != want.argmax(axis=-1)).mean() < 0.03


def test_hair_face_and_clothes_are_told_apart(crop) -> None:
    image, p = crop
    probability = part_probabilities(image)
    assert probability.shape == (SIZE, SIZE, len(CLASSES)) and probability.dtype == np.float32
    assert np.allclose(probability.sum(axis=-1), 1.0, atol=1e-4)
    iod = float(np.linalg.norm(p[42:48].mean(axis=0) - p[36:42].mean(axis=0)))
    nose = np.round(p[30]).astype(int)
    # her nose is face skin; the hair over her forehead is hair
    assert CLASSES[int(probability[nose[1], nose[0]].argmax())] == "face_skin"
    top = round(p[17:27, 1].min() - 0.8 * iod)
    assert probability[top, nose[0], HAIR] > 0.8
    # her orange suit, below the chin, is clothes; the backdrop beside her head is neither
    chest = round(p[8, 1] + 1.2 * iod)
    assert CLASSES[int(probability[chest, nose[0]].argmax())] == "clothes"
    beside = round(p[16, 0] + 1.2 * iod), round(p[36:48, 1].mean())
    assert probability[beside[1], beside[0], HAIR] < 0.2


def test_hair_painted_over_the_backdrop_is_not_measured(astronaut: np.ndarray,
                                                        astronaut_detection, crop) -> None:
    """The hair's color comes from the segmenter's hair pixels: painting the backdrop the
    color of red hair leaves her hair brown."""
    base = measure(astronaut, astronaut_detection)
    painted = astronaut.copy()
    painted[:, :120] = (170, 70, 30)  # the backdrop left of her hair, copper
    attrs = measure(painted, astronaut_detection)
    assert base.hair_name == attrs.hair_name
    assert attrs.hair_mask is not None and not attrs.hair_mask[:, :120].any()


def test_the_segmented_profile_follows_the_hair_down_beside_the_neck() -> None:
    points = np.zeros((68, 2))
    points[36:48, 1], points[27, 0] = 100.0, SIZE / 2
    unit = SIZE / CROP_IOD
    hair_p = np.zeros((SIZE, SIZE), np.float32)
    hair_p[: int(100 + 2.0 * unit)] = 0.9  # hair down to 2 IOD below the eyes
    inside = np.ones((SIZE, SIZE), bool)
    inside[int(100 + 3.0 * unit):] = False  # the photo ends 3 IOD below the eyes
    profile = segmented_profile(hair_p, inside, points)
    assert profile.shape == SEEN_BANDS.shape
    assert np.all(profile[SEEN_BANDS + 0.25 <= 2.0] == 1.0)
    assert np.all(profile[(SEEN_BANDS >= 2.0) & (SEEN_BANDS + 0.25 <= 3.0)] == 0.0)
    assert np.isnan(profile[SEEN_BANDS >= 3.0]).all()


def test_a_crown_the_segmenter_sees_as_something_worn_is_a_hat(astronaut: np.ndarray,
                                                                astronaut_detection) -> None:
    """Her crown is hair to the segmenter and no headwear is found; the same measures with
    the crown seen as clothes or accessories instead read as a hat."""
    import dataclasses

    from facemoji.face.headwear import decide_headwear

    attrs = measure(astronaut, astronaut_detection)
    f = attrs.features["headwear"]
    assert f.parts_hair > 0.8 and f.parts_worn < 0.1
    assert decide_headwear(f, attrs.features["hair"])[0] == "none"
    worn = dataclasses.replace(f, parts_hair=0.0, parts_worn=0.9)
    assert decide_headwear(worn, attrs.features["hair"])[0] != "none"


def test_thin_frames_drawn_round_her_eyes_are_an_accessory(astronaut: np.ndarray,
                                                          astronaut_detection) -> None:
    """Frames 2 px wide (1 px in the crop) show in the accessories class around the eyes;
    her bare eyes do not."""
    p = astronaut_detection.landmarks
    m = portrait_matrix(p)
    in_crop = p @ m[:, :2].T + m[:, 2]
    bare = eyewear_features(part_probabilities(portrait(astronaut, m)[0]), in_crop)
    framed = astronaut.copy()
    iod = float(np.linalg.norm(p[42:48].mean(axis=0) - p[36:42].mean(axis=0)))
    for eye in (p[36:42], p[42:48]):
        center = tuple(np.round(eye.mean(axis=0)).astype(int))
        cv2.ellipse(framed, center, (round(0.42 * iod), round(0.3 * iod)), 0, 0, 360,
                    (30, 30, 30), 2, cv2.LINE_AA)
    seen = eyewear_features(part_probabilities(portrait(framed, m)[0]), in_crop)
    assert seen.shape == (4,)
    assert bare[2] < 0.1 and bare[3] == 0.0
    assert seen[2] > 0.5 and seen[3] > 0.05


def test_the_chest_shows_her_suit_and_no_hair(crop) -> None:
    """Below her chin the segmenter sees clothes (her suit) and no hair; rows the crop
    does not show are flagged -1."""
    from facemoji.face.parts import CHEST_COLUMNS, CHEST_ROWS, chest_features

    image, p = crop
    inside = np.ones(image.shape[:2], bool)
    cells = chest_features(part_probabilities(image), inside, p).reshape(
        len(CHEST_ROWS), len(CHEST_COLUMNS), 3)
    clothes, skin, hair = cells[..., 0], cells[..., 1], cells[..., 2]
    assert clothes[:, :3].min() > 0.5  # her suit, in the middle and beside it
    assert skin[:, :3].max() < 0.1 and hair[:, :3].max() < 0.1
    assert ((cells >= 0) & (cells <= 1.0001)).all()
    inside[round(p[8, 1]):] = False  # the photo ends at her chin
    assert (chest_features(part_probabilities(image), inside, p) == -1).all()


def test_a_fuzzy_outline_is_softer_than_a_sharp_one() -> None:
    """The same mass of hair with a sharp edge and with a gradual one: the gradual edge has
    the wider uncertain rim and the slower climb; both cover the same share."""
    from facemoji.face.parts import hair_outline_features

    yy, xx = np.mgrid[:SIZE, :SIZE]
    distance = np.hypot(yy - SIZE / 2, xx - SIZE / 2) - 60.0  # a disk of radius 60 px
    sharp = (1.0 / (1.0 + np.exp(distance / 1.0))).astype(np.float32)
    fuzzy = (1.0 / (1.0 + np.exp(distance / 8.0))).astype(np.float32)
    s, f = hair_outline_features(sharp), hair_outline_features(fuzzy)
    assert f[0] > 3 * s[0] and f[1] < s[1] / 3
    assert s[2] == pytest.approx(np.pi * 60**2 / SIZE**2, rel=0.05)
    assert f[2] == pytest.approx(s[2], rel=0.05)
    assert np.array_equal(hair_outline_features(np.zeros((SIZE, SIZE), np.float32)),
                          [0.0, 0.0, 0.0])
