"""The measures that decide what an avatar shows: hair length, smile, clothing, skin tone,
apparent age and presentation, on the astronaut and copies the tests edit."""

from __future__ import annotations

import numpy as np
import pytest

from facemoji.face.attributes import measure
from facemoji.face.clothing import measure_clothing
from facemoji.face.color import lab_measure
from facemoji.face.detect import Detection
from facemoji.face.expression import TEETH_L, SmileFeatures, classify_smile
from facemoji.face.hair_length import (
    BANDS,
    SEEN_BANDS,
    classify_length,
    hair_end,
    length_vector,
)
from facemoji.face.learned import model as learned_model
from facemoji.face.portrait import portrait_view


def _warp_back(view_mask: np.ndarray, landmarks: np.ndarray, shape: tuple[int, ...]
               ) -> np.ndarray:
    """A view-frame mask drawn back onto the photo."""
    import cv2

    from facemoji.face.person import portrait_matrix
    from facemoji.face.portrait import EYE_Y, WIDTH_IOD

    matrix = portrait_matrix(landmarks, WIDTH_IOD, EYE_Y)
    return cv2.warpAffine(view_mask.astype(np.uint8), matrix, (shape[1], shape[0]),
                          flags=cv2.INTER_NEAREST | cv2.WARP_INVERSE_MAP) > 0


def test_the_astronaut_has_short_hair_and_smiles(astronaut: np.ndarray,
                                                 astronaut_detection: Detection) -> None:
    found = measure(astronaut, astronaut_detection)
    assert found.hair_length is not None and not found.hair_length.long
    assert found.smile in ("closed", "teeth")
    assert found.age_gender is not None and found.age_gender.gender == "female"
    assert found.monk <= 4  # light skin
    traits = dict(found.traits())
    assert traits["hair_length"][0] == found.hair_length.name
    assert traits["smile"][0] == found.smile


def test_hair_painted_down_beside_the_neck_makes_it_long(astronaut: np.ndarray,
                                                         astronaut_detection: Detection) -> None:
    landmarks = astronaut_detection.landmarks
    view = portrait_view(astronaut, landmarks)
    base = measure(astronaut, astronaut_detection)
    # two curtains of the astronaut's own hair color from the temples to below the chin
    off = view.off_center()
    curtains = np.zeros(view.inside.shape, bool)
    curtains[view.below_eyes(-0.5): view.below_eyes(3.2)] = ((off > 0.9) & (off < 1.7))[None, :]
    painted = astronaut.copy()
    mask = _warp_back(curtains, landmarks, astronaut.shape)
    painted[mask] = base.hair.rgb
    longer = measure(painted, astronaut_detection)
    assert longer.hair_length.long
    assert longer.hair_length.end > base.hair_length.end


def test_the_length_model_reads_presentation_where_the_profile_is_unclear() -> None:
    # a little hair beside the neck: pulled back or fallen behind a woman's shoulders,
    # a man's short cut against a dark collar
    model = learned_model("hair_length")
    assert model is not None
    profile, silhouette = np.full(len(BANDS), 0.2), np.full(len(BANDS), 0.5)
    segmented = np.full(len(SEEN_BANDS), 0.1)
    for female, age, length in ((1.0, 30.0, "long"), (0.0, 30.0, "short"),
                                # over 60, presentation says little: read as the profile says
                                (1.0, 70.0, "short")):
        name = model.predict(length_vector(profile, silhouette, segmented, female, age))[0]
        assert (name == "short") == (length == "short")
    # a clear profile decides whatever the presentation: hair beside the face and neck all
    # the way down, in color and to the hair segmenter
    long_hair = length_vector(np.full(len(BANDS), 0.9), np.ones(len(BANDS)),
                              np.full(len(SEEN_BANDS), 0.8), 0.0, 30.0)
    assert model.predict(long_hair)[0] != "short"


def test_hair_length_reads_where_the_lateral_hair_stops() -> None:
    profile = np.where(BANDS < 2.0, 0.6, 0.02)  # hair down to 2 IOD below the eyes
    assert hair_end(profile) == (2.0, True)
    assert classify_length(profile, bald=False, receding=False).name == "chin"
    assert classify_length(np.full(len(BANDS), 0.01), bald=False, receding=False).name == "short"
    # the photo ends (NaN) while the hair still shows: at least that long, less sure
    cut = np.where(BANDS < 3.0, 0.7, np.nan)
    seen = classify_length(np.where(BANDS < 3.0, 0.7, 0.0), bald=False, receding=False)
    unseen = classify_length(cut, bald=False, receding=False)
    assert unseen.name == seen.name == "shoulder" and unseen.confidence < seen.confidence
    assert classify_length(cut, bald=True, receding=False).name == "bald"


@pytest.mark.parametrize(("smile", "gap", "light", "expected"), [
    (0.05, 0.0, float("nan"), "none"), (0.8, 0.01, float("nan"), "closed"),
    (0.8, 0.2, TEETH_L + 30.0, "teeth"),
    (0.8, 0.2, TEETH_L - 20.0, "closed"),  # open but dark: not a grin
])
def test_smile_classes(smile: float, gap: float, light: float, expected: str) -> None:
    name, confidence = classify_smile(SmileFeatures(smile, gap, light))
    assert name == expected and 0 < confidence <= 1


def test_the_smile_model_tells_a_grin_from_speech(astronaut: np.ndarray,
                                                  astronaut_detection: Detection) -> None:
    """The shipped model reads the astronaut's grin as teeth; the same face with the jaw
    dropped and the mouth corners barely raised (talking, shouting) as no smile, which
    the smile blendshape alone (the rules) calls a grin."""
    import dataclasses

    from facemoji.face.expression import decide_smile, smile_features
    from facemoji.face.mesh import BLENDSHAPES, face_mesh

    grin = smile_features(astronaut, face_mesh(astronaut, astronaut_detection.landmarks))
    assert decide_smile(grin)[0] == "teeth"
    shapes = dict(zip(BLENDSHAPES, grin.shapes, strict=True))
    shapes.update(mouthSmileLeft=0.2, mouthSmileRight=0.2, jawOpen=0.5)
    speech = dataclasses.replace(grin, smile=0.2, shapes=tuple(shapes[n] for n in BLENDSHAPES))
    assert classify_smile(speech)[0] == "teeth"
    name, confidence = decide_smile(speech)
    assert name == "none" and confidence > 0.5
    # without blendshapes (features from before they were kept) the rules decide
    bare = SmileFeatures(grin.smile, grin.gap, grin.light)
    assert decide_smile(bare) == classify_smile(bare)


def test_a_frown_is_not_a_smile(astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    from facemoji.face.expression import smile_features
    from facemoji.face.mesh import face_mesh

    landmarks = astronaut_detection.landmarks
    smiling = smile_features(astronaut, face_mesh(astronaut, landmarks))
    # pull both mouth corners down by warping the lower face
    import cv2

    h, w = astronaut.shape[:2]
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    corners = landmarks[[48, 54]]
    dy = np.zeros((h, w), np.float32)
    for cx, cy in corners:
        dy += 9 * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * 9.0**2))
    frown = cv2.remap(astronaut, xx, yy - dy, cv2.INTER_LINEAR)
    frowning = smile_features(frown, face_mesh(frown, landmarks))
    assert frowning.smile < smiling.smile - 0.2


SKIN = lab_measure(np.array([[75.0, 12.0, 18.0]]), 1.0)
"""A light skin color for the clothing tests, kept apart from the painted clothes."""


def _chest(image: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """What the hair segmenter sees on the chest of ``image`` (the jacket model's input)."""
    from facemoji.face.parts import chest_features, part_probabilities
    from facemoji.face.person import portrait, portrait_matrix

    m = portrait_matrix(landmarks)
    crop, inside = portrait(image, m)
    return chest_features(part_probabilities(crop), inside, landmarks @ m[:, :2].T + m[:, 2])


def _paint_suit(astronaut: np.ndarray, landmarks: np.ndarray, from_iod: float,
                tie_band: float = 0.0, jacket: tuple[int, int, int] = (30, 45, 90),
                shirt: tuple[int, int, int] = (245, 245, 245)) -> np.ndarray:
    """The astronaut with a ``jacket`` (navy) and a ``shirt`` front (white; within 0.5 IOD
    of the middle) painted from ``from_iod`` below the eyes down, and a red blade within
    ``tie_band`` of the middle."""
    view = portrait_view(astronaut, landmarks)
    off = view.off_center()[None, :]
    rows = np.zeros(view.inside.shape, bool)
    rows[view.below_eyes(from_iod):] = True
    painted = astronaut.copy()
    for region, rgb in (((off >= 0.5), jacket), ((off < 0.5), shirt),
                        ((off < tie_band), (190, 30, 40))):
        painted[_warp_back(rows & region, landmarks, astronaut.shape)] = rgb
    return painted


def test_clothing_color_and_jacket_from_a_painted_shirt(astronaut: np.ndarray,
                                                        astronaut_detection: Detection) -> None:
    landmarks = astronaut_detection.landmarks
    suit = _paint_suit(astronaut, landmarks, 3.0)
    found = measure_clothing(portrait_view(suit, landmarks), SKIN, _chest(suit, landmarks))
    assert found.jacket
    r, g, b = found.color.rgb
    assert b > r + 20 and max(r, g, b) < 120  # navy
    view = portrait_view(astronaut, landmarks)
    rows = np.zeros(view.inside.shape, bool)
    rows[view.below_eyes(3.0):] = True
    plain = astronaut.copy()
    plain[_warp_back(rows, landmarks, astronaut.shape)] = (200, 40, 40)
    tee = measure_clothing(portrait_view(plain, landmarks), SKIN, _chest(plain, landmarks))
    assert not tee.jacket and tee.color.rgb[0] > 150 > tee.color.rgb[2] + 60


def test_a_red_tie_on_a_white_shirt_front_is_found_in_its_color(
        astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    """A jacket, a white shirt front and a red blade down its middle: the tie model sees a
    tie and its color is the blade's red, not the shirt's white. Without the blade the
    middle and the sides are alike (the model's strongest input; its decision also leans on
    how often suited men wear ties, so it is not asserted here)."""
    from facemoji.face.clothing import TIE_BAND

    landmarks = astronaut_detection.landmarks
    suit = _paint_suit(astronaut, landmarks, 2.0)
    plain_front = measure_clothing(portrait_view(suit, landmarks), SKIN, _chest(suit, landmarks))
    suit = _paint_suit(astronaut, landmarks, 2.0, 0.8 * TIE_BAND)
    tied = measure_clothing(portrait_view(suit, landmarks), SKIN, _chest(suit, landmarks))
    assert tied.tie
    middle_to_sides = 7  # the place of that distance in the tie model's input
    assert plain_front.tie_features[middle_to_sides] < 5 < 40 < tied.tie_features[middle_to_sides]
    r, g, b = tied.tie_color.rgb
    assert r > 140 and r > g + 80 and r > b + 80  # red, not the white shirt


@pytest.mark.parametrize(("jacket", "shirt", "tie"), [
    ((30, 45, 90), (205, 222, 245), True),  # a light blue shirt and a tie, navy jacket
    ((200, 200, 196), (25, 25, 28), False),  # a black top under a light gray jacket
], ids=["light-blue-under-navy", "black-under-gray"])
def test_what_shows_under_a_jacket_is_measured_in_its_color(
        astronaut: np.ndarray, astronaut_detection: Detection, jacket, shirt, tie) -> None:
    """The shirt front's color, not the jacket's nor the tie's, is what shows under a
    jacket; without a jacket nothing is said of a shirt."""
    from facemoji.avatar.color import hex_to_lab
    from facemoji.face.clothing import TIE_BAND, shirt_front, shirt_paint

    landmarks = astronaut_detection.landmarks
    blade = 0.8 * TIE_BAND if tie else 0.0
    suit = _paint_suit(astronaut, landmarks, 2.0, blade, jacket, shirt)
    view = portrait_view(suit, landmarks)
    found = measure_clothing(view, SKIN, _chest(suit, landmarks))
    front = shirt_front(view, np.ones(view.inside.shape, bool))
    red = lab_measure(np.array([hex_to_lab("#be1e28")]), 1.0) if tie else None
    painted = shirt_paint(view, front, SKIN, lab_measure(np.array([hex_to_lab(
        "#{:02x}{:02x}{:02x}".format(*jacket))]), 1.0), red)
    assert np.abs(np.subtract(painted.rgb, shirt)).max() < 25 and painted.confidence > 0
    assert found.shirt.confidence == 0 or np.abs(np.subtract(found.shirt.rgb, shirt)).max() < 25
    plain = astronaut.copy()
    rows = np.zeros(view.inside.shape, bool)
    rows[view.below_eyes(2.0):] = True
    plain[_warp_back(rows, landmarks, astronaut.shape)] = (200, 40, 40)
    assert measure_clothing(portrait_view(plain, landmarks), SKIN,
                            _chest(plain, landmarks)).shirt.confidence == 0


def test_exposure_moves_the_skin_tone_less_than_a_step(astronaut: np.ndarray,
                                                      astronaut_detection: Detection) -> None:
    """A photo taken darker (exposure) must not read as darker skin: the skin model is
    built to be steady under light (scripts/fit_skin_tone.py, TOLERANCE)."""
    base = measure(astronaut, astronaut_detection)
    dimmer = measure((astronaut * 0.7).astype(np.uint8), astronaut_detection)
    assert abs(dimmer.monk_score - base.monk_score) < 1.0


def test_a_smooth_cover_on_the_head_is_a_hat_and_the_same_backdrop_is_not(
        astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    """The head above the brows painted one smooth blue: a hat when the person segmenter
    says those pixels are the person's, nothing when it says they are backdrop (the rest
    of the photo as the segmenter sees it; with every other pixel called the person's,
    sky included, the second call was a coin toss, 0.53, and a refit flipped it)."""
    import dataclasses

    from facemoji.avatar.color import hex_to_lab
    from facemoji.face.chip import CHIP_H, CHIP_W, make_chip
    from facemoji.face.features import measure_brows
    from facemoji.face.hair import IOD, measure_hair
    from facemoji.face.headwear import decide_headwear, headwear_features
    from facemoji.face.person import portrait, portrait_matrix, segment, to_frame

    landmarks = np.asarray(astronaut_detection.landmarks, float)
    chip = make_chip(astronaut, landmarks, np.ones(3))
    crop = portrait_matrix(landmarks)
    seen = to_frame(segment(portrait(astronaut, crop)[0]), crop, chip.matrix,
                    (CHIP_W, CHIP_H))
    top = int(chip.landmarks[17:27, 1].min())
    band = np.zeros(chip.valid.shape, bool)
    band[max(0, top - int(1.8 * IOD)): max(0, top - int(0.3 * IOD))] = True
    lab = chip.lab.copy()
    lab[band] = hex_to_lab("#2050e0")
    painted = dataclasses.replace(chip, lab=lab)
    skin = lab_measure(chip.lab[int(chip.landmarks[30, 1]), 100:150], 1.0)
    brows, _ = measure_brows(painted, skin)
    for prob, expected in ((np.maximum(seen, band.astype(np.float32)), "hat"),
                           (np.where(band, 0.0, seen).astype(np.float32), "none")):
        hair = measure_hair(painted, skin, prob)
        f = headwear_features(painted, skin, brows, hair.skin_like, prob)
        assert decide_headwear(f, hair.features)[0] == expected


def test_facial_hair_the_rules_cannot_name_is_a_mustache_where_the_lip_is_darkest() -> None:
    """Faint hair (no region hairy enough for the kind rules) that the shipped presence
    model finds (on darker skin, Monk 6): a mustache when the region over the lip is the
    darkest, else stubble."""
    from facemoji.face.accessories import FacialHairFeatures, Region, decide_facial_hair

    faint, fainter, chin = Region(35.0, 0.9), Region(33.0, 0.9), Region(10.0, 0.9)
    lip_darkest = FacialHairFeatures(faint, chin, fainter, fainter)
    assert decide_facial_hair(lip_darkest, 6.0)[0] == "mustache"
    assert decide_facial_hair(FacialHairFeatures(fainter, chin, faint, faint), 6.0)[0] == "stubble"
    clean = Region(0.0, 1.0)
    assert decide_facial_hair(FacialHairFeatures(clean, clean, clean, clean), 6.0)[0] == "none"


def test_a_chin_lighter_than_the_cheeks_under_found_facial_hair_is_a_gray_beard() -> None:
    """A white or gray beard lightens the chin, where dark hair darkens it."""
    from facemoji.face.accessories import FacialHairFeatures, Region, decide_facial_hair

    lip, jaw = Region(35.0, 0.6), Region(5.0, 0.7)
    gray_chin = FacialHairFeatures(lip, Region(-6.0, 1.4), jaw, jaw)
    assert decide_facial_hair(gray_chin, 3.0)[0] == "beard"
    assert decide_facial_hair(FacialHairFeatures(lip, Region(6.0, 1.0), jaw, jaw), 3.0)[0] \
        == "mustache"


def test_a_light_colorless_lip_region_is_a_white_mustache_on_a_mans_face() -> None:
    """White hair over the lip is lighter and duller than the cheeks (John Bolton's): a
    mustache, where the presence model, fitted on dark facial hair, sees none; a region
    as light but as colorful as the skin (a highlight on the lip) is not one."""
    from facemoji.face.accessories import (
        FacialHairFeatures,
        Region,
        decide_facial_hair,
        white_mustache,
    )

    clean = Region(0.0, 1.0)
    white = FacialHairFeatures(Region(-14.0, 0.4, 1.2), clean, clean, clean)
    assert decide_facial_hair(white, 3.0, female=0.0)[0] == "mustache"
    assert decide_facial_hair(white, 3.0, female=0.99)[0] == "none"
    shine = FacialHairFeatures(Region(-14.0, 0.9, 1.2), clean, clean, clean)
    assert white_mustache(white) and not white_mustache(shine)


def test_no_facial_hair_is_found_on_a_face_presenting_as_a_womans() -> None:
    from facemoji.face.accessories import (
        BEARDLESS_FEMALE,
        FacialHairFeatures,
        Region,
        decide_facial_hair,
    )

    lip, jaw = Region(35.0, 0.6), Region(5.0, 0.7)
    dark = FacialHairFeatures(lip, Region(6.0, 1.0), jaw, jaw)
    assert decide_facial_hair(dark, 3.0, female=0.1)[0] == "mustache"
    assert decide_facial_hair(dark, 3.0, female=BEARDLESS_FEMALE - 0.01)[0] == "mustache"
    assert decide_facial_hair(dark, 3.0, female=0.93) == ("none", pytest.approx(0.93))


def test_hairs_over_the_lip_raise_its_texture_whatever_their_color(
        astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    """Fine strands painted over the upper lip, mostly lighter than the skin (a gray
    mustache): the region does not darken, but its texture against the cheeks rises."""
    import dataclasses

    from facemoji.face.accessories import facial_hair_features
    from facemoji.face.chip import make_chip

    chip = make_chip(astronaut, np.asarray(astronaut_detection.landmarks, float), np.ones(3))
    skin = lab_measure(chip.lab[int(chip.landmarks[30, 1]), 100:150], 1.0)
    p = chip.landmarks
    lab = chip.lab.copy()
    y0, y1 = int(p[33, 1]), int(p[51, 1])
    x0, x1 = int(p[48, 0]), int(p[54, 0])
    stripes = np.where(np.arange(x1 - x0) % 3 == 0, -12.0, 6.0)
    lab[y0:y1, x0:x1, 0] = skin.lab[0] + stripes
    before = facial_hair_features(chip, skin).mustache
    after = facial_hair_features(dataclasses.replace(chip, lab=lab), skin).mustache
    assert after.texture > 2 * before.texture
    assert after.darkening < 0


def test_the_hair_below_a_hat_is_measured_without_the_hat(
        astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    """A red hat over dark hair: the hair's color and name come from the dark hair that
    shows outside the hat; all under the hat, nothing is known of it."""
    import dataclasses

    from facemoji.avatar.color import hex_to_lab
    from facemoji.face.chip import make_chip
    from facemoji.face.hair import IOD, color_vector, decide_hair_name, hair_beside, measure_hair

    chip = make_chip(astronaut, np.asarray(astronaut_detection.landmarks, float), np.ones(3))
    skin = lab_measure(chip.lab[int(chip.landmarks[30, 1]), 100:150], 1.0)
    hair = measure_hair(chip, skin, np.ones(chip.valid.shape, np.float32))
    rows = np.arange(chip.valid.shape[0])[:, None] < chip.landmarks[17:27, 1].min() - 0.6 * IOD
    covered = np.broadcast_to(rows, hair.mask.shape) & hair.mask
    assert covered.sum() > 500 and (hair.mask & ~covered).sum() > 0.5 * IOD * IOD
    lab = chip.lab.copy()
    lab[covered] = hex_to_lab("#c0392b")
    lab[hair.mask & ~covered] = hex_to_lab("#2e2623")
    painted = dataclasses.replace(chip, lab=lab)
    color, features = hair_beside(painted, hair, covered, skin)
    assert np.linalg.norm(np.subtract(color.lab, hex_to_lab("#2e2623"))) < 3
    assert color.confidence > 0 and np.allclose(features[15:18], color.lab)
    name, _ = decide_hair_name(color, color_vector(features, color, 40.0, 0.0))
    assert name in ("black", "brown")
    assert hair_beside(painted, hair, hair.mask, skin)[0].confidence == 0.0


def test_a_hats_color_is_the_photos_before_the_white_balance(
        astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    """A white cap in a photo whose white balance boosts blue: the chip shows it pale blue,
    the measured hat color is the photo's white."""
    import dataclasses

    from facemoji.face.chip import make_chip
    from facemoji.face.color import to_lab
    from facemoji.face.hair import IOD, skin_likeness
    from facemoji.face.headwear import hat

    gains = np.array([0.85, 0.95, 1.15], np.float32)
    chip = make_chip(astronaut, np.asarray(astronaut_detection.landmarks, float), gains)
    top = int(chip.landmarks[17:27, 1].min())
    band = np.zeros(chip.valid.shape, bool)
    band[max(0, top - int(1.8 * IOD)): max(0, top - int(0.3 * IOD))] = True
    rgb = chip.rgb.copy()
    rgb[band] = np.float32(0.8) * gains  # a light gray-white, unclipped
    painted = dataclasses.replace(chip, rgb=rgb, lab=to_lab(rgb))
    skin = lab_measure(chip.lab[int(chip.landmarks[30, 1]), 100:150], 1.0)
    _, color = hat(painted, "hat", skin, skin_likeness(painted, skin),
                   band.astype(np.float32), gains, 0.8)
    assert painted.lab[band][0, 2] < -5  # the chip's white is blue
    assert color.lab[0] > 80 and abs(color.lab[1]) < 2 and abs(color.lab[2]) < 2
    assert color.confidence == 0.8


def test_a_painted_white_beard_is_measured_white(astronaut: np.ndarray,
                                                 astronaut_detection: Detection) -> None:
    import dataclasses

    from facemoji.face.accessories import facial_hair_color, lower_face
    from facemoji.face.chip import make_chip
    from facemoji.face.color import polygon_mask
    from facemoji.face.skin import measure_skin

    chip = make_chip(astronaut, np.asarray(astronaut_detection.landmarks, float), np.ones(3))
    skin, _ = measure_skin(chip)
    beard = np.zeros(chip.valid.shape, bool)
    for poly in lower_face(chip).values():
        beard |= polygon_mask(chip.valid.shape, poly)
    lab = chip.lab.copy()
    lab[beard] = (85.0, 0.0, 2.0)
    found = facial_hair_color(dataclasses.replace(chip, lab=lab), skin)
    assert found.confidence > 0.9
    assert found.lab[0] == pytest.approx(85.0) and np.hypot(*found.lab[1:]) < 3


def test_a_colorless_hair_is_never_named_by_a_hue() -> None:
    """A model that prefers blonde names a hair with no chroma black, brown, gray or white
    (the likeliest of those), and a yellow one blonde."""
    from facemoji.face.hair import COLORLESS, COLORLESS_CHROMA, learned_name
    from facemoji.face.learned import LinearModel

    classes = ("black", "brown", "blonde", "red", "auburn", "gray", "white")
    bias = np.array([0.0, 0.5, 3.0, 0.0, 0.0, 1.0, 0.0])
    blonde_first = LinearModel(classes, np.zeros(1), np.ones(1), np.zeros((1, 7)), bias)
    name, sure = learned_name(blonde_first, np.zeros(1), (62.0, 0.0, COLORLESS_CHROMA / 2))
    assert name == "gray" and name in COLORLESS
    colorless = np.exp(bias[[0, 1, 5, 6]])
    assert sure == pytest.approx(np.exp(1.0) / colorless.sum())  # renormalized over them
    assert learned_name(blonde_first, np.zeros(1), (62.0, 2.0, 25.0))[0] == "blonde"


def test_red_and_auburn_compete_with_brown_as_one_color() -> None:
    """A copper head the model splits between red (0.3) and auburn (0.25) is red, not
    brown (0.4); a head where brown outweighs both together stays brown."""
    from facemoji.face.hair import learned_name
    from facemoji.face.learned import LinearModel

    classes = ("black", "brown", "blonde", "red", "auburn", "gray", "white")

    def named(p: list[float]) -> tuple[str, float]:
        bias = np.log(np.array(p) + 1e-9)
        split = LinearModel(classes, np.zeros(1), np.ones(1), np.zeros((1, 7)), bias)
        return learned_name(split, np.zeros(1), (30.0, 20.0, 25.0))

    name, sure = named([0.02, 0.4, 0.03, 0.3, 0.25, 0.0, 0.0])
    assert name == "red" and sure == pytest.approx(0.55, abs=1e-6)
    assert named([0.02, 0.4, 0.03, 0.2, 0.3, 0.05, 0.0])[0] == "auburn"
    assert named([0.02, 0.6, 0.03, 0.2, 0.15, 0.0, 0.0]) == ("brown", pytest.approx(0.6))


def test_the_lengths_past_the_jaw_compete_with_short_hair_as_one() -> None:
    """Hair the length model splits between chin (0.25), shoulder (0.2) and long (0.15)
    is long hair (the likeliest of the three, chin), not short (0.4), as analysis names
    it; short hair that outweighs the three together stays short."""
    from facemoji.face.hair_length import LONG_LENGTHS
    from facemoji.face.learned import LinearModel

    classes = ("short", "chin", "shoulder", "long")

    def named(p: list[float]) -> tuple[str, float]:
        bias = np.log(np.array(p))
        split = LinearModel(classes, np.zeros(1), np.ones(1), np.zeros((1, 4)), bias)
        assert split.predict(np.zeros(1))[0] == classes[int(np.argmax(p))]
        return split.predict_family(np.zeros(1), LONG_LENGTHS)

    name, sure = named([0.4, 0.25, 0.2, 0.15])
    assert name == "chin" and sure == pytest.approx(0.6)
    assert named([0.55, 0.25, 0.1, 0.1]) == ("short", pytest.approx(0.55))


@pytest.mark.parametrize(("name", "monk", "length", "named"), [
    ("blonde", 7.0, "buzz", "black"),      # a shaved dark head's shine
    ("blonde", 6.0, "bald", "black"),      # a bald head's fringe, as measured
    ("blonde", 5.0, "short", "blonde"),    # lighter skin: the name stands
    ("blonde", 7.0, "long", "blonde"),     # long blonde hair on dark skin stands
    ("brown", 8.0, "short", "brown"),      # only blonde is discounted
])
def test_close_cropped_blonde_on_dark_skin_is_named_black(name: str, monk: float,
                                                          length: str, named: str) -> None:
    from facemoji.face.hair import close_cropped_name

    assert close_cropped_name(name, monk, length) == named


@pytest.mark.parametrize(("forehead", "feminine", "age", "receding"), [
    (1.2, False, 30.0, True), (1.1, False, 30.0, False), (1.1, False, 55.0, True),
    (1.1, True, 55.0, False), (0.95, False, 70.0, False)])
def test_a_high_forehead_recedes_sooner_on_an_older_man(forehead: float, feminine: bool,
                                                       age: float, receding: bool) -> None:
    from facemoji.face.hair import receding_forehead

    assert receding_forehead(forehead, feminine, age) is receding


def test_the_frame_color_is_read_from_what_the_segmenter_sees_worn_around_the_eyes(
        astronaut: np.ndarray, astronaut_detection: Detection) -> None:
    """Gold painted where the segmenter sees a frame: the vector holds gold's CIELAB and
    gold less the skin; what is worn far from the eyes is not read, and a frame the
    segmenter barely sees is not read at all."""
    import dataclasses

    from facemoji.avatar.color import hex_to_lab
    from facemoji.face.accessories import (
        FRAME_MIN_PIXELS,
        FRAME_READ,
        decide_frame_color,
        frame_color_vector,
    )
    from facemoji.face.chip import IOD, make_chip

    chip = make_chip(astronaut, np.asarray(astronaut_detection.landmarks, float), np.ones(3))
    skin = lab_measure(chip.lab[int(chip.landmarks[30, 1]), 100:150], 1.0)
    eyes = chip.landmarks[36:48]
    y, x0 = int(eyes[:, 1].mean() - 0.3 * IOD), int(eyes[:, 0].min())
    rims = np.zeros(chip.valid.shape, bool)
    rims[y:y + 3, x0:int(eyes[:, 0].max())] = True  # the rims' tops
    far = np.zeros_like(rims)
    far[:10, :] = True  # something worn far above the eyes (a hat's crown): not the frame
    lab = chip.lab.copy()
    gold = np.asarray(hex_to_lab("#c9a45c"))
    lab[rims], lab[far] = gold, hex_to_lab("#1f3fbf")
    worn = np.where(rims | far, 0.9, 0.0).astype(np.float32)
    vector = frame_color_vector(dataclasses.replace(chip, lab=lab), worn, skin, "thin")
    assert np.allclose(vector[4:7], gold, atol=0.5)
    assert np.allclose(vector[:3], gold - np.asarray(skin.lab), atol=0.5)
    assert vector[7] == pytest.approx(np.log1p(rims.sum()))
    assert vector[FRAME_READ] == 1.0 and list(vector[-3:]) == [0.0, 1.0, 0.0]

    def rim(n: int) -> np.ndarray:  # n worn pixels on the rim's top
        few = np.zeros_like(worn)
        few[y, x0:x0 + n] = 0.9
        return few

    read = frame_color_vector(chip, rim(FRAME_MIN_PIXELS), skin, "thin")
    assert read[FRAME_READ] == 1.0 and read[7] == pytest.approx(np.log1p(FRAME_MIN_PIXELS))
    unread = frame_color_vector(chip, rim(FRAME_MIN_PIXELS - 1), skin, "thick")
    assert not unread[:7].any() and unread[FRAME_READ] == 0.0
    assert unread[7] == pytest.approx(np.log1p(FRAME_MIN_PIXELS - 1))
    assert list(unread[-3:]) == [1.0, 0.0, 0.0]
    # a frame too faint to read gets no color of its own (the avatar's follows the kind)
    assert decide_frame_color(unread) == (None, 0.0)


def test_the_frame_color_model_names_the_style_s_glasses_presets() -> None:
    from facemoji.avatar.style import get_style
    from facemoji.face.accessories import FRAME_COLOR_NAMES

    presets = {p.id for p in get_style("facemoji").schema.feature("glasses_color").presets}
    assert set(FRAME_COLOR_NAMES) <= presets
    shipped = learned_model("glasses_color")
    assert shipped is not None and shipped.classes == FRAME_COLOR_NAMES
