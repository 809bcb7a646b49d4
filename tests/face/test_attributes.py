"""Attribute measurement on the astronaut photo and copies the tests edit."""

from __future__ import annotations

import json
import math
from types import SimpleNamespace

import cv2
import numpy as np
import pytest
from skimage.color import lab2rgb, rgb2lab

from facemoji.errors import BadImage
from facemoji.face.attributes import Attributes, measure
from facemoji.face.color import lab_measure
from facemoji.face.debug import draw_debug
from facemoji.face.geometry import AT_DLIB68, KEYS, MESH_KEYS, ratios
from facemoji.face.hair import HairNaming, decide_hair_name, hair_color, name_hair
from facemoji.face.skin import white_balance_gains

HAIR_NAMES = {"black", "brown", "blonde", "red", "auburn", "gray", "white", "bald", "other"}


@pytest.fixture(scope="module")
def base(astronaut: np.ndarray, astronaut_detection) -> Attributes:
    return measure(astronaut, astronaut_detection)


def _measure(image: np.ndarray, detection) -> Attributes:
    return measure(np.ascontiguousarray(image), detection)


def test_fields_in_range(base: Attributes) -> None:
    assert 1 <= base.monk <= 10
    assert base.hair_name in HAIR_NAMES
    assert base.glasses == "none"
    assert base.facial_hair == "none"
    assert base.headwear in {"none", "hat", "headscarf"}
    for color in (base.skin, base.hair, base.eyes, base.brows):
        assert all(0 <= c <= 255 for c in color.rgb)
        assert 0.0 <= color.confidence <= 1.0
    # the astronaut has dark blonde hair and light skin
    assert base.hair_name in {"brown", "blonde"}  # dark blonde, light brown
    assert base.monk <= 5
    assert base.skin.lab[0] > base.hair.lab[0] + 20


def test_geometry_keys_finite(base: Attributes) -> None:
    assert tuple(base.geometry) == KEYS
    assert tuple(base.geometry_z) == KEYS
    assert all(math.isfinite(v) for v in (*base.geometry.values(), *base.geometry_z.values()))
    assert base.geometry["brow_thickness"] == pytest.approx(base.brow_thickness)
    # a photo of an ordinary adult face sits within a few sds of the norms
    assert all(abs(z) < 6 for z in base.geometry_z.values())


def test_geometry_ignores_roll_scale_and_shift(astronaut_detection) -> None:
    points = astronaut_detection.landmarks
    angle = math.radians(25)
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    moved = (points - points.mean(axis=0)) @ rot.T * 2.5 + [300.0, 40.0]
    a, b = ratios(points, 0.2), ratios(moved, 0.2)
    for key in KEYS:
        assert b[key] == pytest.approx(a[key], abs=1e-6), key


def test_the_mesh_keeps_the_face_shape_when_the_head_nods(astronaut_detection) -> None:
    points = np.asarray(astronaut_detection.landmarks, np.float64)
    center = points.mean(axis=0)
    # a face in depth: its sides and jaw lie behind the eyes and nose
    depth = -0.6 * np.abs(points[:, 0] - center[0])
    mesh = np.zeros((478, 3))
    mesh[list(AT_DLIB68)] = np.column_stack([points - center, depth])
    angle = math.radians(20)  # tilted down about the horizontal axis
    nod = np.array([[1, 0, 0], [0, math.cos(angle), -math.sin(angle)],
                    [0, math.sin(angle), math.cos(angle)]])
    nodded = mesh @ nod.T
    seen = nodded[list(AT_DLIB68), :2] + center  # what a photo of the tilted head shows
    front, tilted = ratios(points, 0.2, mesh), ratios(seen, 0.2, nodded)
    for key in MESH_KEYS:
        assert tilted[key] == pytest.approx(front[key], rel=1e-6), key
    # dlib's points alone see the tilted face shorter
    assert ratios(seen, 0.2)["face_length"] < 0.95 * ratios(points, 0.2)["face_length"]


def test_a_mouth_further_from_the_nose_measures_higher(astronaut_detection) -> None:
    points = np.asarray(astronaut_detection.landmarks, np.float64)
    iod = float(np.linalg.norm(points[42:48].mean(axis=0) - points[36:42].mean(axis=0)))
    lowered = points.copy()
    lowered[48:68, 1] += 0.1 * iod  # the whole mouth moved toward the chin
    base, moved = ratios(points, 0.2), ratios(lowered, 0.2)
    assert moved["mouth_height"] > base["mouth_height"] + 0.03
    assert moved["mouth_width"] == pytest.approx(base["mouth_width"])


def test_to_dict_is_json(base: Attributes) -> None:
    doc = json.loads(json.dumps(base.to_dict()))
    assert set(doc) >= {"skin", "hair", "eyes", "brows", "glasses", "glasses_confidence",
                        "facial_hair", "facial_hair_confidence", "headwear",
                        "headwear_confidence", "headwear_color", "geometry", "geometry_z"}
    assert doc["skin"]["monk"] == base.monk and len(doc["skin"]["lab"]) == 3
    assert doc["hair"]["name"] == base.hair_name and isinstance(doc["hair"]["bald"], bool)
    assert isinstance(doc["hair"]["bangs"], bool) and len(doc["headwear_color"]["rgb"]) == 3
    assert len(doc["eyes"]["rgb"]) == 3 and "thickness" in doc["brows"]
    assert "hair_mask" not in doc


def test_hair_mask_covers_the_hair_not_the_face(base: Attributes, astronaut_detection,
                                                astronaut: np.ndarray) -> None:
    mask = base.hair_mask
    assert mask is not None and mask.shape == astronaut.shape[:2] and mask.dtype == bool
    p = astronaut_detection.landmarks
    assert mask.sum() > 2000
    # nothing between the brows and the chin, and mostly above the eyes
    face = np.zeros(mask.shape, np.uint8)
    cv2.fillPoly(face, [np.round(p[:17]).astype(np.int32)], 1)
    assert (mask & face.astype(bool)).sum() < 0.02 * mask.sum()
    rows = np.nonzero(mask)[0]
    assert np.median(rows) < p[36:48, 1].mean()


@pytest.mark.parametrize("tint", [(0.6, 0.6, 0.6), (1.12, 1.0, 0.82), (0.85, 0.95, 1.15)],
                         ids=["dim", "warm", "cool"])
def test_monk_tone_survives_light(base: Attributes, astronaut: np.ndarray,
                                  astronaut_detection, tint) -> None:
    image = np.clip(astronaut * np.array(tint), 0, 255).astype(np.uint8)
    assert abs(_measure(image, astronaut_detection).monk_score - base.monk_score) <= 1.0


def test_a_black_and_white_photo_measures_no_eye_color(base: Attributes, astronaut: np.ndarray,
                                                       astronaut_detection) -> None:
    """Its colors are not the person's: it says so, and measures no eye color."""
    gray = cv2.cvtColor(cv2.cvtColor(astronaut, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)
    attrs = _measure(gray, astronaut_detection)
    assert attrs.grayscale and attrs.to_dict()["grayscale"] is True
    assert attrs.eyes.confidence == 0.0
    assert not base.grayscale and base.eyes.confidence > 0


def _recolor(image: np.ndarray, mask: np.ndarray, lab: tuple[float, float, float]) -> np.ndarray:
    """Paint ``mask`` with ``lab``'s hue and chroma, keeping the hair's light and shade."""
    grown = cv2.dilate(mask.astype(np.uint8), np.ones((9, 9), np.uint8)).astype(bool)
    src = rgb2lab(image[grown] / 255.0)
    shade = src[:, 0] - np.median(src[:, 0])
    new = np.column_stack([np.clip(lab[0] + 0.5 * shade, 0, 100),
                           np.full(len(src), lab[1]), np.full(len(src), lab[2])])
    out = image.copy()
    out[grown] = (np.clip(lab2rgb(new[None])[0], 0, 1) * 255).astype(np.uint8)
    return out


@pytest.mark.parametrize(("lab", "names"), [
    ((42.0, 30.0, 35.0), {"red", "auburn"}),
    ((72.0, 4.0, 32.0), {"blonde"}),
    ((62.0, 0.0, 1.0), {"gray", "white"}),
], ids=["red", "blonde", "gray"])
def test_hair_name_follows_recolored_hair(base: Attributes, astronaut: np.ndarray,
                                          astronaut_detection, lab, names) -> None:
    image = _recolor(astronaut, base.hair_mask, lab)
    assert _measure(image, astronaut_detection).hair_name in names


def _black_and_white(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)


@pytest.mark.parametrize(("lab", "names"), [
    (None, {"brown", "blonde"}),  # her own light brown hair, which the color model named black
    ((42.0, 30.0, 35.0), {"brown", "blonde"}),  # red shows as a mid gray
    ((15.0, 1.0, 2.0), {"black", "brown"}),
], ids=["own", "red", "black"])
def test_black_and_white_hair_is_named_by_its_lightness(base: Attributes, astronaut: np.ndarray,
                                                        astronaut_detection, lab, names) -> None:
    image = astronaut if lab is None else _recolor(astronaut, base.hair_mask, lab)
    attrs = _measure(_black_and_white(image), astronaut_detection)
    assert attrs.grayscale and attrs.hair_name in names


def _eye_boxes(p: np.ndarray) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    boxes = []
    for idx in (slice(36, 42), slice(42, 48)):
        c = p[idx].mean(axis=0)
        w = np.ptp(p[idx][:, 0])
        boxes.append(((round(c[0]), round(c[1])), (round(0.85 * w), round(0.6 * w))))
    return boxes


def test_sunglasses(astronaut: np.ndarray, astronaut_detection) -> None:
    image = astronaut.copy()
    p = astronaut_detection.landmarks
    for center, axes in _eye_boxes(p):
        cv2.ellipse(image, center, axes, 0, 0, 360, (25, 25, 30), -1, cv2.LINE_AA)
    cv2.line(image, tuple(np.round(p[39]).astype(int)), tuple(np.round(p[42]).astype(int)),
             (25, 25, 30), 4)
    attrs = _measure(image, astronaut_detection)
    assert attrs.glasses == "sunglasses"
    assert attrs.eyes.confidence == 0.0


def test_eyeglasses(astronaut: np.ndarray, astronaut_detection) -> None:
    image = astronaut.copy()
    p = astronaut_detection.landmarks
    boxes = _eye_boxes(p)
    for center, axes in boxes:
        cv2.ellipse(image, center, axes, 0, 0, 360, (20, 20, 20), 3, cv2.LINE_AA)
    (c1, a1), (c2, a2) = boxes
    cv2.line(image, (c1[0] + a1[0], c1[1] - a1[1] // 3), (c2[0] - a2[0], c2[1] - a2[1] // 3),
             (20, 20, 20), 3, cv2.LINE_AA)
    assert _measure(image, astronaut_detection).glasses == "eyeglasses"


def _with_frames(image: np.ndarray, p: np.ndarray, color: tuple[int, int, int],
                 width: int) -> np.ndarray:
    """``image`` with an oval frame of ``color``, ``width`` px, drawn around each eye."""
    image = image.copy()
    iod = float(np.linalg.norm(p[42:48].mean(axis=0) - p[36:42].mean(axis=0)))
    for eye in (p[36:42], p[42:48]):
        center = tuple(np.round(eye.mean(axis=0)).astype(int))
        cv2.ellipse(image, center, (round(0.42 * iod), round(0.3 * iod)), 0, 0, 360, color,
                    width, cv2.LINE_AA)
    return image


@pytest.mark.parametrize(("width", "color"), [(1, (30, 30, 30)), (2, (170, 170, 175))],
                         ids=["dark-1px", "silver-2px"])
def test_thin_frames_are_eyeglasses(astronaut: np.ndarray, astronaut_detection, width: int,
                                    color: tuple[int, int, int]) -> None:
    """Frames as thin as a wire's on a press photo: the hair segmenter's accessories class
    sees them where the edge features barely do (both were missed before it)."""
    attrs = _measure(_with_frames(astronaut, astronaut_detection.landmarks, color, width),
                     astronaut_detection)
    assert attrs.glasses == "eyeglasses" and attrs.glasses_frame in ("thin", "rimless")


@pytest.mark.parametrize(("color", "width", "names"), [
    ((205, 165, 80), 2, {"gold"}),
    ((175, 178, 185), 2, {"silver", "clear"}),
    ((20, 20, 22), 4, {"black"}),
    ((110, 65, 35), 4, {"tortoise"}),
], ids=["gold", "silver", "black", "tortoise"])
def test_the_frame_color_is_measured(astronaut: np.ndarray, astronaut_detection,
                                     color: tuple[int, int, int], width: int,
                                     names: set[str]) -> None:
    """Frames painted in a color are named by it (silver may read as clear plastic, its
    neighbour in the style's palette)."""
    attrs = _measure(_with_frames(astronaut, astronaut_detection.landmarks, color, width),
                     astronaut_detection)
    assert attrs.glasses == "eyeglasses" and attrs.glasses_color in names
    assert attrs.to_dict()["glasses_color"] == attrs.glasses_color
    assert attrs.traits()["glasses_color"][0] == attrs.glasses_color


def test_no_frame_color_without_eyeglasses(base: Attributes) -> None:
    assert base.glasses == "none" and base.glasses_color is None
    assert "glasses_color" not in base.traits()


def test_glints_beside_the_eyes_are_lens_glare(astronaut: np.ndarray, astronaut_detection,
                                                base: Attributes) -> None:
    image = astronaut.copy()
    p = astronaut_detection.landmarks
    for idx in (slice(36, 42), slice(42, 48)):
        c, w = p[idx].mean(axis=0), np.ptp(p[idx][:, 0])
        glint = (round(c[0] + 0.7 * w), round(c[1] - 0.1 * w))
        cv2.ellipse(image, glint, (max(2, round(0.1 * w)), max(2, round(0.06 * w))), 0, 0, 360,
                    (250, 250, 250), -1, cv2.LINE_AA)
    glare = _measure(image, astronaut_detection).features["glare"]
    assert base.features["glare"][1] < 0.01  # bare skin around the eyes
    assert glare[1] > base.features["glare"][1] + 0.02
    assert glare[0] > base.features["glare"][0]


def test_painted_beard_is_facial_hair(astronaut: np.ndarray, astronaut_detection) -> None:
    image = astronaut.copy()
    p = astronaut_detection.landmarks
    rng = np.random.default_rng(0)
    beard = np.zeros(image.shape[:2], np.uint8)
    cv2.fillPoly(beard, [np.round(np.concatenate([p[3:14], p[[54, 57, 48]]])).astype(np.int32)], 1)
    cv2.fillPoly(beard, [np.round(p[[31, 33, 35, 54, 51, 48]]).astype(np.int32)], 1)
    cv2.fillPoly(beard, [np.round(p[48:60]).astype(np.int32)], 0)  # keep the lips
    hair = rng.normal(45, 15, (int(beard.sum()), 1)) * np.array([[1.0, 0.85, 0.7]])
    image[beard.astype(bool)] = np.clip(hair, 0, 255).astype(np.uint8)
    assert _measure(image, astronaut_detection).facial_hair in {"beard", "goatee"}


@pytest.mark.parametrize(("lab", "name"), [
    ((12.0, 1.0, 2.0), "black"), ((30.0, 6.0, 14.0), "brown"), ((62.0, 5.0, 25.0), "blonde"),
    ((50.0, 28.0, 30.0), "red"), ((32.0, 20.0, 16.0), "auburn"), ((60.0, 0.5, 1.0), "gray"),
    ((88.0, 0.5, 3.0), "white"),
    ((55.0, -30.0, -30.0), "other"),  # vivid teal: dyed
    ((50.0, 45.0, -40.0), "other"),  # vivid purple: dyed
    ((64.0, -6.0, 22.0), "blonde"),  # blonde in greenish light (hue 105°): not dyed
    ((79.0, -1.0, -22.0), "gray"),  # a pale sky read as hair: not vivid enough for dye
])
def test_name_hair(lab, name: str) -> None:
    assert name_hair(lab) == name


def test_unseen_or_dyed_hair_is_named_without_the_model() -> None:
    vector = np.zeros(31)
    assert decide_hair_name(lab_measure(np.empty((0, 3)), 0.0), vector) == ("other", 0.0)
    teal = lab_measure(np.array([[55.0, -30.0, -30.0]]), 1.0)
    assert decide_hair_name(teal, vector)[0] == "other"


def test_name_hair_thresholds() -> None:
    # a warm mid-light hair is blonde by default and brown when blonde starts lighter
    assert name_hair((50.0, 5.0, 25.0)) == "blonde"
    assert name_hair((50.0, 5.0, 25.0), HairNaming(blonde=60.0)) == "brown"
    # very light hair is white under a warm or a cool light
    assert name_hair((85.0, 3.0, 30.0)) == "white"
    assert name_hair((85.0, 3.0, -25.0)) == "white"
    # dark and colorless is black, dark and warm is brown
    assert name_hair((30.0, 1.0, 2.0)) == "black"
    assert name_hair((30.0, 6.0, 14.0)) == "brown"


def test_saturated_copper_hair_is_red_or_auburn() -> None:
    copper = (30.0, 12.0, 19.2)  # C* 22.6 at a hue of 58°, just outside "reddish"
    assert name_hair(copper) == "auburn"
    assert name_hair(copper, HairNaming(red_chroma=99.0)) == "brown"


def test_hair_color_reads_the_lit_strands() -> None:
    rng = np.random.default_rng(0)
    # dark, colorless shadows between the strands, lit brown strands and a little white shine
    shadows = np.column_stack([rng.uniform(3, 10, 450), rng.normal(0.5, 0.3, 450),
                               rng.normal(1.0, 0.3, 450)])
    strands = np.column_stack([rng.uniform(30, 40, 500), rng.normal(8, 1, 500),
                               rng.normal(20, 1, 500)])
    shine = np.column_stack([rng.uniform(90, 98, 50), np.zeros(50), np.zeros(50)])
    color = hair_color(np.vstack([shadows, strands, shine]), 1.0)
    assert 30 <= color.lab[0] <= 40 and math.hypot(*color.lab[1:]) > 18
    assert name_hair(color.lab) == "brown"


def test_white_balance_strength() -> None:
    image = np.full((64, 64, 3), (200, 160, 120), np.uint8)
    cast = np.array([0.8, 1.0, 4 / 3])  # what makes this color gray
    level_only = white_balance_gains(image, cast, 0.0)
    assert np.allclose(level_only, level_only[0])
    full = white_balance_gains(image, cast, 1.0) * (200, 160, 120)
    assert np.allclose(full, full[0])


def test_darker_skin_reads_darker(base: Attributes, astronaut: np.ndarray,
                                  astronaut_detection) -> None:
    face = np.zeros(astronaut.shape[:2], np.uint8)
    cv2.fillPoly(face, [np.round(astronaut_detection.landmarks[0:17]).astype(np.int32)], 1)
    image = astronaut.copy()
    image[face.astype(bool)] = (image[face.astype(bool)] * (0.45, 0.38, 0.33)).astype(np.uint8)
    darker = _measure(image, astronaut_detection)
    assert darker.skin.lab[0] < base.skin.lab[0] - 15
    assert darker.monk_score > base.monk_score + 0.3


def test_bad_input(astronaut: np.ndarray, astronaut_detection) -> None:
    with pytest.raises(BadImage):
        measure(astronaut[..., 0], astronaut_detection)
    with pytest.raises(BadImage):
        measure(astronaut, SimpleNamespace(box=(0, 0, 1, 1), landmarks=np.zeros((5, 2))))
    tiny = astronaut_detection.landmarks * 0.01
    with pytest.raises(BadImage):
        measure(astronaut, SimpleNamespace(box=(0, 0, 5, 5), landmarks=tiny))


def test_draw_debug(base: Attributes, astronaut: np.ndarray, astronaut_detection) -> None:
    out = draw_debug(astronaut, SimpleNamespace(detection=astronaut_detection, attributes=base))
    assert out.dtype == np.uint8 and out.ndim == 3
    assert out.shape[0] == astronaut.shape[0] and out.shape[1] > astronaut.shape[1]
    panel = out[:, astronaut.shape[1]:]
    # the skin swatch shows the measured skin color
    assert np.abs(panel[20, 30].astype(int) - base.skin.rgb).max() <= 1
    assert not np.array_equal(out[:, : astronaut.shape[1]], astronaut)


def _skin_forehead(image: np.ndarray, detection, hair_mask: np.ndarray,
                   height: float | None, textured: bool = False) -> np.ndarray:
    """Paint the head above the brows with the cheek's skin, up to ``height`` IOD above the
    brows (``None``: the whole skull, a bald head), shading it slightly darker upwards;
    ``textured``: with the cheek's own texture tiled over it (the hair segmenter sees a flat
    paint as neither skin nor hair)."""
    p = detection.landmarks
    iod = float(np.linalg.norm(p[42:48].mean(axis=0) - p[36:42].mean(axis=0)))
    brow = float(p[17:27, 1].min())
    cx, cy = np.round((p[2] + p[31]) / 2).astype(int)
    skin = np.median(rgb2lab(image[cy - 4: cy + 4, cx - 4: cx + 4] / 255.0).reshape(-1, 3), 0)
    skull = np.zeros(image.shape[:2], np.uint8)
    cv2.ellipse(skull, (round(p[27, 0]), round(brow)),
                (round(0.62 * np.ptp(p[0:17, 0])), round(1.9 * iod)), 0, 180, 360, 1, -1)
    yy = np.mgrid[: image.shape[0], : image.shape[1]][0]
    region = (skull.astype(bool) | hair_mask) & (yy < brow - 0.05 * iod)
    if height is not None:
        region &= yy > brow - height * iod
    lab = np.tile(skin, (region.sum(), 1))
    lab[:, 0] -= 2.0 * (brow - yy[region]) / iod
    paint = np.clip(lab2rgb(lab[None])[0], 0, 1) * 255
    if textured:
        patch = image[cy - 8: cy + 8, cx - 8: cx + 8].astype(np.float64)
        reps = (image.shape[0] // 16 + 1, image.shape[1] // 16 + 1, 1)
        grain = np.tile(patch - patch.mean(axis=(0, 1)), reps)[: image.shape[0], : image.shape[1]]
        paint = paint + grain[region]
    out = image.copy()
    out[region] = np.clip(paint, 0, 255).astype(np.uint8)
    return out


def _presenting(monkeypatch: pytest.MonkeyPatch, female: float, age: float = 40.0) -> None:
    """Make the age and gender model see every face as ``female`` (its probability) of
    ``age``."""
    from facemoji.face import attributes
    from facemoji.face.age_gender import AgeGender

    monkeypatch.setattr(attributes, "estimate", lambda *_: AgeGender(age=age, female=female))


@pytest.mark.parametrize(("height", "bald", "receding"), [
    (None, True, False), (1.4, False, True), (0.9, False, False),
], ids=["bald", "receding", "low-forehead"])
def test_bald_and_receding_follow_the_skin_line(base: Attributes, astronaut: np.ndarray,
                                                astronaut_detection, height, bald,
                                                receding, monkeypatch) -> None:
    _presenting(monkeypatch, female=0.0)
    image = _skin_forehead(astronaut, astronaut_detection, base.hair_mask, height)
    attrs = _measure(image, astronaut_detection)
    assert (attrs.bald, attrs.receding) == (bald, receding)
    assert (attrs.hair_name == "bald") == bald
    assert (attrs.hair_length.name == "bald") == bald


@pytest.mark.parametrize("age", [30.0, 60.0])
def test_an_older_bald_head_keeps_a_fringe_beside_the_crown(base: Attributes,
                                                             astronaut: np.ndarray,
                                                             astronaut_detection, age,
                                                             monkeypatch) -> None:
    """From FRINGE_AGE a bald crown is drawn with the hair left at the sides (receding,
    its color the fringe's); a younger bald head is shaved bare: no hair, named bald."""
    from facemoji.face.hair import FRINGE_AGE

    _presenting(monkeypatch, female=0.0, age=age)
    image = _skin_forehead(astronaut, astronaut_detection, base.hair_mask, None)
    attrs = _measure(image, astronaut_detection)
    older = age >= FRINGE_AGE
    assert attrs.bald and attrs.receding is older
    assert (attrs.hair_name == "bald") is not older
    mask = attrs.hair_mask
    if older:  # the fringe lies beside the crown (half an IOD either side of the nose)
        p = astronaut_detection.landmarks
        iod = float(np.linalg.norm(p[42:48].mean(axis=0) - p[36:42].mean(axis=0)))
        cols = np.flatnonzero(mask.any(axis=0))
        assert len(cols) and np.all(np.abs(cols - p[27, 0]) > 0.45 * iod)
    else:
        assert not mask.any()


def test_a_face_presenting_as_a_woman_is_not_called_bald(base: Attributes,
                                                          astronaut: np.ndarray,
                                                          astronaut_detection,
                                                          monkeypatch) -> None:
    # blonde hair can be skin-colored; bald women are rare
    _presenting(monkeypatch, female=0.9)
    image = _skin_forehead(astronaut, astronaut_detection, base.hair_mask, None)
    assert not _measure(image, astronaut_detection).bald


@pytest.mark.parametrize(("age", "bald"), [(65.0, False), (35.0, True)],
                         ids=["older-white-hair", "young-shine"])
def test_white_hair_along_the_top_of_an_older_head_is_not_bald(base: Attributes,
                                                               astronaut: np.ndarray,
                                                               astronaut_detection, age,
                                                               bald, monkeypatch) -> None:
    """A high forehead under a cap of white hair fills most of the crown with skin; the
    near-neutral band along the head's top edge is white hair on an older face, and a
    shaved scalp's shine on a younger one (BaldRule.top_light). The rule is asked about
    the measured crown: painted flat, the skin and the white band read as a cap to the hair
    segmenter, and a hat hides the crown from the bald rule."""
    from facemoji.face.hair import BaldRule

    _presenting(monkeypatch, female=0.0, age=age)
    image = _skin_forehead(astronaut, astronaut_detection, base.hair_mask, None)
    p = astronaut_detection.landmarks
    iod = float(np.linalg.norm(p[42:48].mean(axis=0) - p[36:42].mean(axis=0)))
    yy = np.mgrid[: image.shape[0], : image.shape[1]][0]
    top = (image != astronaut).any(axis=2) & (yy < p[17:27, 1].min() - 1.5 * iod)
    image[top] = (222, 221, 218)  # white hair, near-neutral
    crown = _measure(image, astronaut_detection).features["scalp"]
    assert BaldRule()(crown, feminine=False, age=age) is bald


def test_a_head_the_frame_cuts_off_is_not_called_bald(base: Attributes,
                                                      astronaut: np.ndarray,
                                                      astronaut_detection,
                                                      monkeypatch) -> None:
    """A photo whose top edge runs through the forehead shows no crown: its skin says
    nothing about baldness (Scalp.cut), while the same head framed whole is bald."""
    import dataclasses

    _presenting(monkeypatch, female=0.0)
    image = _skin_forehead(astronaut, astronaut_detection, base.hair_mask, None)
    assert _measure(image, astronaut_detection).bald
    p = astronaut_detection.landmarks
    iod = float(np.linalg.norm(p[42:48].mean(axis=0) - p[36:42].mean(axis=0)))
    top = int(p[17:27, 1].min() - 0.8 * iod)
    x0, y0, x1, y1 = astronaut_detection.box
    cropped = dataclasses.replace(astronaut_detection, landmarks=p - [0, top],
                                  box=(x0, max(y0 - top, 0), x1, y1 - top))
    attrs = _measure(image[top:], cropped)
    assert attrs.features["scalp"].cut > 0.5
    assert not attrs.bald


@pytest.mark.parametrize(("age", "texture", "bald"), [
    (35.0, 0.3, True), (70.0, 0.3, False), (35.0, 1.5, False),
], ids=["young-shine", "older-white-hair", "young-textured"])
def test_a_smooth_crown_with_no_dark_hair_is_bald_only_on_a_younger_face(
        age: float, texture: float, bald: bool) -> None:
    """A shaved head's shine is not skin-colored: with no dark hair on the crown, a smooth
    crown is bald on a face under BaldRule.shine_age; on an older face the same crown is
    white hair, and a textured one is hair at any age."""
    from facemoji.face.hair import BaldRule, Scalp

    shiny = Scalp(skin=0.4, dark=0.0, top_dark=0.0, texture=texture)
    assert BaldRule()(shiny, feminine=False, age=age) is bald
    assert not BaldRule()(shiny, feminine=True, age=age)
    assert not BaldRule()(Scalp(0.4, 0.3, 0.5, texture), feminine=False, age=age)


def test_a_black_and_white_photo_is_read_by_the_black_and_white_models(
        astronaut: np.ndarray, astronaut_detection, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where a model has a variant fitted on black-and-white copies, a black-and-white
    photo is read by it, and a color photo never."""
    from facemoji.face import bangs, clothing, hair, learned

    asked: list[tuple[str, bool]] = []
    original = learned.model

    def recording(name: str, grayscale: bool = False):
        asked.append((name, grayscale))
        return original(name, grayscale)

    for module in (learned, clothing, hair, bangs):
        monkeypatch.setattr(module, "model", recording)
    _presenting(monkeypatch, female=0.0)  # a woman's face is never asked about a beard
    variants = {"facial_hair", "tie", "jacket", "hair_type"}
    for name in variants:
        color, gray = original(name), original(name, grayscale=True)
        assert gray.classes == color.classes
        # fitted apart (the black-and-white curl model also reads fewer numbers)
        assert gray.weights.shape != color.weights.shape \
            or not np.allclose(gray.weights, color.weights)
    assert np.array_equal(original("smile", grayscale=True).weights, original("smile").weights)
    _measure(astronaut, astronaut_detection)
    assert not any(grayscale for _, grayscale in asked)
    asked.clear()
    _measure(_black_and_white(astronaut), astronaut_detection)
    assert variants <= {name for name, grayscale in asked if grayscale}


def test_a_black_and_white_photo_s_skin_tone_is_read_by_its_own_model(
        astronaut: np.ndarray, astronaut_detection) -> None:
    from facemoji.face.skin import estimate_monk

    attrs = _measure(_black_and_white(astronaut), astronaut_detection)
    tone = attrs.features["tone"]
    assert attrs.monk_score == pytest.approx(estimate_monk(tone, grayscale=True))
    assert abs(estimate_monk(tone, grayscale=True) - estimate_monk(tone)) > 0.01
    assert 1.0 <= attrs.monk_score <= 5.0  # her light skin stays light


def test_a_skin_gray_crown_in_black_and_white_is_bald_only_on_a_younger_face() -> None:
    """In black and white, white hair has the skin's gray: from BaldRule.shine_age a crown
    that is all skin-gray is not called bald there, as it is in color."""
    from facemoji.face.hair import BaldRule, Scalp

    crown, rule = Scalp(skin=1.0, dark=0.0, top_dark=0.0), BaldRule()
    assert rule(crown, age=70.0) and not rule(crown, age=70.0, grayscale=True)
    assert rule(crown, age=rule.shine_age - 20, grayscale=True)


def test_a_crown_the_hair_segmenter_sees_bare_is_bald_however_dark() -> None:
    """A shaved dark scalp reads as dark hair to the color rules; the hair segmenter sees
    skin there. A crown it sees neither as hair nor as skin (a cap) stays unbald, and a
    face presenting as a woman's is never called bald."""
    from facemoji.face.hair import BaldRule, Scalp

    rule = BaldRule()
    shaved = Scalp(skin=0.2, dark=0.6, top_dark=0.5, hair=0.0, bare=0.9)
    assert rule(shaved, age=35.0)
    assert not rule(Scalp(skin=0.2, dark=0.6, top_dark=0.5, hair=0.3, bare=0.6), age=35.0)
    assert not rule(Scalp(skin=0.2, dark=0.6, top_dark=0.5, hair=0.0, bare=0.1), age=35.0)
    assert not rule(shaved, feminine=True, age=35.0)
    # without the segmenter (hair 1, bare 0) the color rules decide as before
    assert not rule(Scalp(skin=0.2, dark=0.6, top_dark=0.5), age=35.0)


@pytest.mark.parametrize(("lab", "shaded"), [
    ((30.0, 10.0, 17.0), True),    # dark brown skin (L* 45) in shadow: same hue, chroma in step
    ((30.0, 1.0, 2.0), False),     # black hair: as dark, next to no chroma
    ((30.0, -8.0, 17.0), False),   # a hue 50° away from the skin's
], ids=["skin-in-shadow", "black-hair", "other-hue"])
def test_shaded_skin_keeps_the_skins_hue_and_chroma_per_lightness(lab, shaded) -> None:
    """A bald crown's shadowed top edge is not dark hair (the bald rule's ``dark`` share)."""
    from facemoji.face.hair import shaded_skin

    skin = lab_measure(np.array([[45.0, 15.0, 25.0]]), 1.0)
    assert bool(shaded_skin(np.array([lab]), skin)[0]) is shaded


def test_hair_down_to_the_brows_is_bangs(base: Attributes, astronaut: np.ndarray,
                                         astronaut_detection, monkeypatch) -> None:
    """Her own hair moved down over the forehead to just above the brows is a fringe; the
    same head with a skin forehead up to 0.9 IOD has none. (A flat brown patch there no
    longer passes for hair: the hair segmenter sees no strands in it; nor does a flat skin
    paint pass for skin, so the forehead gets the cheek's grain.)"""
    _presenting(monkeypatch, female=0.9)
    p = astronaut_detection.landmarks
    iod = float(np.linalg.norm(p[42:48].mean(axis=0) - p[36:42].mean(axis=0)))
    brow = float(p[17:27, 1].min())
    fringe = astronaut.copy()
    x0, x1 = int(p[19, 0]), int(p[24, 0])
    top, bottom, shift = int(brow - 1.2 * iod), int(brow - 0.1 * iod), int(0.6 * iod)
    fringe[top:bottom, x0:x1] = astronaut[top - shift: bottom - shift, x0:x1]
    assert _measure(fringe, astronaut_detection).bangs
    forehead = _skin_forehead(astronaut, astronaut_detection, base.hair_mask, 0.9,
                              textured=True)
    assert not _measure(forehead, astronaut_detection).bangs


def test_the_gray_share_rises_with_gray_hair(base: Attributes, astronaut: np.ndarray,
                                             astronaut_detection) -> None:
    """``hair_gray`` (the color model's probability of gray or white) is low for her own
    brown hair and for the same hair painted black, high painted gray; it is in the JSON."""
    assert 0.0 <= base.hair_gray < 0.2
    assert base.to_dict()["hair"]["gray"] == round(base.hair_gray, 2)
    shares = {name: _measure(_recolor(astronaut, base.hair_mask, lab),
                             astronaut_detection).hair_gray
              for name, lab in (("black", (14.0, 1.0, 2.0)), ("gray", (62.0, 0.0, 1.0)))}
    assert shares["black"] < 0.2 < 0.5 < shares["gray"] <= 1.0
