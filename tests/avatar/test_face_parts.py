"""The native style's face: every face-part option draws and is distinct, every scalar
changes the drawing and moves the landmarks it should, landmarks lie on the drawing,
and the rendered cheek shows the skin parameter's color."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from skimage.color import deltaE_ciede2000, rgb2lab

from facemoji.avatar import get_style
from facemoji.avatar.render import rasterize_svg, render
from facemoji.avatar.schema import hex_to_rgb
from facemoji.avatar.styles.facemoji.geometry import CANVAS, compute, landmarks68
from facemoji.avatar.styles.facemoji.palette import Palette
from facemoji.avatar.styles.facemoji.schema import SCALARS, SKIN_PRESETS
from facemoji.avatar.styles.facemoji.svgkit import path, sample_smooth, smooth

from .support import drawn_outside

SIZE = 256
PARTS = ("eyes", "eyebrows", "nose", "mouth", "ears", "facial_hair", "freckles", "age_lines",
         "lashes")
CLOSED_EYES = ("happy",)
MONK = [p.hex for p in SKIN_PRESETS if p.id.startswith("monk_")]


@pytest.fixture(scope="module")
def schema():
    return get_style("facemoji").schema


@pytest.fixture(scope="module")
def base(schema):
    # a short haircut and no accessories keep the face in view
    return schema.defaults().update({"hair": "buzz", "headwear": "none", "glasses": "none"})


def _lab(rgb: np.ndarray) -> np.ndarray:
    return rgb2lab(np.asarray(rgb, dtype=float) / 255.0)


def _skin_lab(color: str) -> np.ndarray:
    return _lab(np.array([[hex_to_rgb(color)]]))


def _delta(patch_rgb: np.ndarray, lab: np.ndarray) -> np.ndarray:
    """ΔE2000 of every pixel of an RGB patch against one CIELAB color."""
    patch = _lab(patch_rgb)
    return deltaE_ciede2000(patch, np.broadcast_to(lab, patch.shape))


@pytest.mark.parametrize("part", PARTS)
def test_every_option_renders_and_differs(schema, base, part):
    options = schema.options(part)
    images = {o: render(base.set(part, o), SIZE).astype(np.int16) for o in options}
    for a, b in itertools.combinations(options, 2):
        changed = np.abs(images[a] - images[b]).max(axis=2) > 12
        assert changed.sum() >= 20, f"{part}: {a!r} and {b!r} look the same"


def _lm(params) -> np.ndarray:
    return landmarks68(compute(params))


def _spread(points: np.ndarray) -> float:
    return float(points[:, 0].max() - points[:, 0].min())


# scalar -> how its landmarks must grow from -1 to +1
MOVES = {
    "face_width": lambda p: _spread(p[0:17]),
    "face_length": lambda p: p[8, 1],
    "jaw_width": lambda p: p[12, 0] - p[4, 0],
    "chin_shape": lambda p: p[9, 0] - p[7, 0],
    "cheek_fullness": lambda p: p[14, 0] - p[2, 0],
    "eye_size": lambda p: np.hypot(*(p[39] - p[36])),
    "eye_spacing": lambda p: p[42:48].mean(0)[0] - p[36:42].mean(0)[0],
    "eye_tilt": lambda p: (p[39, 1] - p[36, 1]) + (p[42, 1] - p[45, 1]),  # outer corners up
    "nose_width": lambda p: p[35, 0] - p[31, 0],
    "nose_length": lambda p: p[33, 1] - p[27, 1],
    "mouth_width": lambda p: p[54, 0] - p[48, 0],
    "lip_fullness": lambda p: p[57, 1] - p[51, 1],
}


@pytest.mark.parametrize("scalar", [name for name, _ in SCALARS])
def test_scalar_changes_drawing_and_landmarks(base, scalar):
    low, high = base.set(scalar, -1.0), base.set(scalar, 1.0)
    diff = np.abs(render(low, SIZE).astype(np.int16) - render(high, SIZE)).max(axis=2)
    assert (diff > 12).sum() >= 30, f"{scalar} barely changes the drawing"
    if scalar in MOVES:
        assert MOVES[scalar](_lm(high)) > MOVES[scalar](_lm(low)) + 1.0
    elif scalar == "brow_thickness":
        assert compute(high).brow_thickness > compute(low).brow_thickness * 1.3
    elif scalar == "ear_size":
        assert compute(high).ear_height > compute(low).ear_height * 1.2


@pytest.mark.parametrize("scalar", ["face_width", "face_length", "jaw_width", "chin_shape",
                                    "cheek_fullness"])
def test_face_outline_responds_smoothly(base, scalar):
    steps = [_lm(base.set(scalar, float(v)))[0:17] for v in np.linspace(-1, 1, 11)]
    moves = [np.abs(b - a).max() for a, b in itertools.pairwise(steps)]
    # equal scalar steps give similar landmark steps: no jumps, no dead zones
    assert max(moves) <= 2.0 * np.median(moves) + 0.5, moves


def test_jaw_landmarks_lie_on_the_outline(schema):
    for seed in range(5):
        anchors = compute(schema.random(seed=seed))
        curve = np.asarray(sample_smooth(anchors.outline, closed=True, steps=40))
        for point in landmarks68(anchors)[0:17]:
            assert np.hypot(*(curve - point).T).min() < 1.0


@pytest.mark.parametrize("option", [o for o in ("round", "almond", "narrow", "hooded",
                                                "monolid", "wide", "sleepy", "happy", "wink")])
def test_eye_landmarks_lie_on_the_eyes(base, option):
    params = base.set("eyes", option)
    image = render(params, 512)
    skin = _skin_lab(params.color("skin"))
    points = _lm(params)
    for eye in (points[36:42], points[42:48]):
        x, y = np.round(eye.mean(axis=0)).astype(int)
        # closed eyes are a thin crescent through the anchors: look a few px around
        r = 3 if option in CLOSED_EYES or option == "wink" else 0
        patch = image[y - r:y + r + 1, x - r:x + r + 1]
        assert _delta(patch, skin).max() > 20, f"{option}: eye center is skin"


def test_mouth_corners_and_brows_lie_on_the_drawing(schema):
    for seed in range(6):
        params = schema.random(seed=seed).update({"facial_hair": "none", "glasses": "none",
                                                  "headwear": "none", "hair": "buzz"})
        image = render(params, 512)
        skin = _skin_lab(params.color("skin"))
        points = _lm(params)
        for idx in (48, 54):
            x, y = np.round(points[idx]).astype(int)
            patch = image[y - 3:y + 4, x - 3:x + 4]
            assert _delta(patch, skin).max() > 12, f"seed {seed}: corner {idx} is skin"
        for idx in range(17, 27):
            x, y = np.round(points[idx]).astype(int)
            patch = image[y - 1:y + 2, x - 1:x + 2]
            assert _delta(patch, skin).max() > 10, f"seed {seed}: brow {idx}"


@pytest.mark.parametrize("skin", MONK)
def test_cheek_shows_the_skin_color(base, skin):
    params = base.set("skin", skin)
    image = render(params, 512)
    points = _lm(params)
    # the lower cheek on the lit side, between the nose wing and the jaw
    x = int(points[48, 0] - 0.45 * (points[39, 0] - points[36, 0]))
    y = int(points[33, 1] + 8)
    patch = _lab(image[y - 4:y + 5, x - 4:x + 5]).reshape(-1, 3).mean(axis=0)
    assert deltaE_ciede2000(patch, _skin_lab(skin)[0, 0]) < 5


@pytest.mark.parametrize(("beard", "jaw"), list(itertools.product(
    ["circle_beard", "short_beard", "full_beard", "long_beard", "chin_strap", "goatee"],
    [-1.0, 0.0, 1.0])))
def test_beard_strands_stay_inside_the_beard(base, beard, jaw, monkeypatch):
    """Nothing of a beard's strands shows outside the avatar drawn without them (on a
    narrow jaw they once stood out past the beard as stray ticks on the background)."""
    from facemoji.avatar.styles.facemoji.parts import facial_hair

    params = base.update({"facial_hair": beard, "jaw_width": jaw, "face_width": jaw})
    mass = facial_hair._mass
    assert drawn_outside(params, 512, lambda: monkeypatch.setattr(
        facial_hair, "_mass", lambda ctx, points, amp=1.6, strands=None:
        mass(ctx, points, amp))) == 0


@pytest.mark.parametrize("beard", ["circle_beard", "short_beard", "full_beard", "long_beard"])
def test_beards_cover_the_chin_but_not_the_lips(base, beard):
    bare = render(base, 512).astype(np.int16)
    bearded = render(base.set("facial_hair", beard), 512).astype(np.int16)
    points = _lm(base)
    lips = np.round((points[57] + points[66]) / 2).astype(int)  # inside the lower lip
    chin = np.round(points[8] - (0, 8)).astype(int)
    assert np.abs(bearded[lips[1], lips[0]] - bare[lips[1], lips[0]]).max() < 10
    assert np.abs(bearded[chin[1], chin[0]] - bare[chin[1], chin[0]]).max() > 30


def test_smiles_showing_teeth_are_drawn_wide_with_a_band_of_teeth(base):
    def corners(option: str) -> float:
        points = _lm(base.set("mouth", option))
        return float(points[54, 0] - points[48, 0])

    for option in ("grin", "open_smile", "laugh"):
        assert corners(option) > 1.2 * corners("neutral"), f"{option}: as narrow as at rest"
    # the upper teeth reach well down the open smile: white just above the opening's middle
    params = base.set("mouth", "open_smile")
    points = _lm(params)
    x = int(points[62, 0] + 0.5)
    y = int(points[62, 1] + 0.45 * (points[66, 1] - points[62, 1]) + 0.5)
    assert render(params, 512)[y, x].min() > 220


def test_a_smile_showing_teeth_lifts_the_lower_lids(base):
    def lower_lid_depth(mouth: str) -> float:
        points = _lm(base.set("eyes", "round").set("mouth", mouth))
        return float(points[40:42, 1].mean() - points[36:40, 1].mean())

    assert lower_lid_depth("open_smile") < 0.8 * lower_lid_depth("neutral")
    assert lower_lid_depth("smile") == lower_lid_depth("neutral")  # closed smiles: as at rest


def test_open_mouths_show_teeth_and_tongue(base):
    def inside(option: str) -> np.ndarray:
        params = base.set("mouth", option)
        points = _lm(params)
        x, y = np.round((points[62] + points[66]) / 2).astype(int)
        image = render(params, 512)
        return image[y - 6:y + 7, x - 3:x + 4].reshape(-1, 3).astype(int)

    for option in ("grin", "open_smile", "laugh", "tongue"):
        pixels = inside(option)
        assert (pixels.min(axis=1) > 220).any(), f"{option}: no teeth"
    for option in ("laugh", "tongue"):
        r, g = inside(option)[:, :2].T
        assert ((r - g > 60) & (r > 150)).any(), f"{option}: no tongue"


# every facial hair that frames the mouth, on light skin with dark hair and dark skin with red
FRAMING = ["mustache", "pencil_mustache", "handlebar", "chevron", "goatee", "circle_beard",
           "soul_patch", "short_beard", "mutton_chops"]


@pytest.mark.parametrize("skin, color", [("#f3e7db", "#2a1f1a"), ("#3a312a", "#c4301c")])
def test_facial_hair_leaves_both_lips_visible(base, skin, color):
    params = base.update({"skin": skin, "facial_hair_color": color})
    bare = render(params, 512).astype(np.int16)
    points = _lm(params)
    # inside the upper lip (below its middle and both peaks) and inside the lower lip
    probes = [(points[outer] + points[inner]) / 2
              for outer, inner in ((50, 61), (51, 62), (52, 63), (57, 66))]
    for option in FRAMING:
        drawn = render(params.set("facial_hair", option), 512).astype(np.int16)
        assert np.abs(drawn - bare).max() > 60, f"{option}: nothing drawn"
        for x, y in np.round(probes).astype(int):
            assert np.abs(drawn[y, x] - bare[y, x]).max() < 10, f"{option}: lip at {x},{y}"


@pytest.mark.parametrize("skin", MONK)
def test_lips_and_blush_read_on_every_skin(schema, skin):
    pal = Palette.of(schema.defaults().set("skin", skin))
    lips, skin_lab, blush = (_skin_lab(c)[0, 0] for c in (pal.lips.base, skin, pal.blush))
    assert deltaE_ciede2000(lips, skin_lab) > 10
    assert lips[1] > skin_lab[1] + 8  # redder than the skin
    assert blush[1] > skin_lab[1]  # warmer than the skin
    if skin_lab[0] <= 45:  # dark skin: a darker blush would read as a bruise
        assert blush[0] > skin_lab[0] and lips[0] > skin_lab[0]


def _ear_reach(params) -> float:
    """How far the image-left ear reaches beyond the jaw's top landmark, as a fraction of
    the face width (rows around the ear, white background)."""
    image = render(params, 512).astype(int)
    points = _lm(params)
    y = int(points[0, 1])
    drawn = np.abs(image[y - 20:y + 60] - 255).max(axis=2) > 12
    left = min(int(np.argmax(row)) for row in drawn if row.any())
    return float((points[0, 0] - left) / (points[16, 0] - points[0, 0]))


def test_default_ears_are_tucked_and_options_keep_their_order(base):
    reach = {ears: _ear_reach(base.set("ears", ears)) for ears in ("small", "round",
                                                                  "protruding")}
    assert reach["round"] < 0.13  # the default ear sits close to the head
    assert reach["small"] < reach["round"] < reach["protruding"]
    assert _ear_reach(base.set("ear_size", 1.0)) > reach["round"] + 0.01  # range kept


def test_smooth_draws_the_sampled_curve():
    points = [(10.0, 10.0), (60.0, 5.0), (90.0, 50.0), (40.0, 80.0)]
    for closed in (True, False):
        numbers = [float(v) for v in re.findall(r"-?\d+\.\d", smooth(points, closed=closed))]
        ends = np.reshape(numbers[2:], (-1, 6))[:, 4:]  # each cubic segment's end point
        sampled = np.asarray(sample_smooth(points, closed=closed, steps=4))[4::4]
        assert np.allclose(ends, sampled, atol=0.06)


def test_opacity_moves_onto_the_only_paint_and_looks_the_same():
    square = "M8 8H56V56H8Z"
    filled = path(square, "#d02020", opacity=0.5)
    stroked = path(square, "none", stroke="#2020d0", stroke_width=6, opacity=0.5)
    both = path(square, "#d02020", stroke="#2020d0", opacity=0.5)
    assert ' fill-opacity="0.5"' in filled and ' opacity=' not in filled
    assert ' stroke-opacity="0.5"' in stroked and ' opacity=' not in stroked
    assert ' opacity="0.5"' in both  # two paints: only a layer opacity is the same
    for element, reference in ((filled, f'<path d="{square}" fill="#d02020" opacity="0.5"/>'),
                               (stroked, f'<path d="{square}" fill="none" stroke="#2020d0" '
                                         'stroke-width="6" opacity="0.5"/>')):
        images = [rasterize_svg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
                                f'<rect width="64" height="64" fill="#fff"/>{e}</svg>', 64)
                  for e in (element, reference)]
        assert np.abs(images[0].astype(int) - images[1]).max() <= 1


@pytest.mark.parametrize("hair", ["#ece1c8", "#e0c48a", "#d5b27a", "#c9c7c4"])
@pytest.mark.parametrize("skin", ["#eadaba", "#c49a6c", "#a07e56"])
def test_darkened_brows_stay_brown_not_green(base, hair, skin):
    """Light brows darkened to stand out from the skin take a warm brown hue (darkened in
    their own hue, platinum and blonde brows turned olive green)."""
    from facemoji.avatar.color import hex_to_lab
    from facemoji.avatar.styles.facemoji.context import Ctx
    from facemoji.avatar.styles.facemoji.parts.brows import MIN_CONTRAST, brow_color

    params = base.update({"hair_color": hair, "skin": skin})
    ctx = Ctx(params=params, a=compute(params), pal=Palette.of(params))
    light, a, b = hex_to_lab(brow_color(ctx))
    assert light <= hex_to_lab(skin)[0] - MIN_CONTRAST + 1.0  # dark enough to read
    if np.hypot(*hex_to_lab(hair)[1:]) < 4:  # gray hair's brows darken gray
        assert np.hypot(a, b) < 4
    elif np.hypot(a, b) > 4:  # a colored brow is warm: red-yellow, never green
        assert a > 0 and 20 < np.degrees(np.arctan2(b, a)) < 80


def test_a_man_s_neck_is_wider_than_a_woman_s_under_the_same_jaw(base):
    """Without lashes (a man's presentation) the neck is drawn wider: under a woman's
    neck men looked like boys beside their photos."""
    man, woman = base.set("lashes", "none"), base.set("lashes", "natural")
    assert compute(man).jaw_half == compute(woman).jaw_half
    assert compute(man).neck_half > 1.15 * compute(woman).neck_half
    # and it is drawn: skin where the woman's neck ends, just below the chin
    a = compute(man)
    row = round((a.chin[1] + 20) * SIZE / CANVAS)
    col = round((a.cx + 1.1 * compute(woman).neck_half) * SIZE / CANVAS)
    skin = np.array(hex_to_rgb(man["skin"]), float)
    near = [float(np.linalg.norm(render(p, SIZE)[row, col].astype(float) - skin))
            for p in (man, woman)]
    assert near[0] < near[1]
