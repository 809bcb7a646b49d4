"""The ``avataaars`` style: an adapter over python-avatars."""

from __future__ import annotations

import io
from collections import Counter
from enum import Enum

import numpy as np
import pytest
import python_avatars as pa

import facemoji
from facemoji.avatar.render import rasterize_svg
from facemoji.avatar.schema import Choice, Color
from facemoji.avatar.styles.avataaars.document import CANVAS, PAD_X, sanitize
from facemoji.avatar.styles.avataaars.schema import NO_ACCESSORY_SLOT, NO_FACIAL_HAIR_SLOT
from facemoji.types import FIVE_FROM_68

STYLE = facemoji.get_style("avataaars")
SCHEMA = STYLE.schema

# feature → the python-avatars enum whose every member it must offer
CHOICES: dict[str, type[Enum]] = {
    "hair": pa.HairType,
    "headwear": pa.HatType,
    "eyebrows": pa.EyebrowType,
    "eyes": pa.EyeType,
    "nose": pa.NoseType,
    "mouth": pa.MouthType,
    "facial_hair": pa.FacialHairType,
    "glasses": pa.AccessoryType,
    "clothing": pa.ClothingType,
    "clothing_graphic": pa.ClothingGraphic,
    "frame": pa.AvatarStyle,
}
COLORS: dict[str, type[Enum]] = {
    "skin": pa.SkinColor,
    "hair_color": pa.HairColor,
    "facial_hair_color": pa.HairColor,
    "clothing_color": pa.ClothingColor,
    "headwear_color": pa.ClothingColor,
    "background_color": pa.BackgroundColor,
}
# options that must never appear in random samples (ART.md: plausible, neutral or smiling)
NEVER_SAMPLED = {
    "eyes": {"wink", "wink_wacky", "cry", "eye_roll", "heart", "x_dizzy", "closed"},
    "mouth": {"tongue", "vomit", "scream_open", "eating", "grimace", "disbelief"},
    "eyebrows": {"none", "angry", "angry_natural", "up_down", "up_down_natural"},
    "glasses": {"eyepatch"},
    "hair": {"astronaut", "evil_spike", "hat", "bride"},
    "headwear": {"chef_cap", "jedi", "gladiator_helmet"},
    "clothing": {"none", "astronaut_suit", "chef", "gladiator", "jedi_robe"},
}


@pytest.fixture(scope="module")
def samples() -> list[facemoji.Params]:
    return [SCHEMA.random(seed=seed) for seed in range(300)]


def test_registered_and_described() -> None:
    assert "avataaars" in facemoji.list_styles()
    assert STYLE.name == "avataaars" and STYLE.description
    assert SCHEMA.style == "avataaars"


@pytest.mark.parametrize("name", sorted(CHOICES))
def test_choices_cover_every_enum_member(name: str) -> None:
    feature = SCHEMA.feature(name)
    assert isinstance(feature, Choice)
    expected = {m.name.lower() for m in CHOICES[name]}
    if name == "headwear":  # python-avatars has no "no hat": the hair is drawn instead
        expected.add("none")
    assert set(feature.ids) == expected
    assert len(feature.ids) == len(expected)
    for option in feature.options:
        assert option.id == option.id.lower() and " " not in option.id
        assert option.label and option.label[0].isupper()


@pytest.mark.parametrize("name", sorted(COLORS))
def test_color_presets_are_the_package_colors(name: str) -> None:
    feature = SCHEMA.feature(name)
    assert isinstance(feature, Color)
    assert {p.id: p.hex for p in feature.presets} == {
        m.name.lower(): str(m.value).lower() for m in COLORS[name]
    }
    # any hex is accepted as well as the presets
    assert SCHEMA.defaults().set(name, "#123456")[name] == "#123456"


def test_hair_has_the_51_package_styles() -> None:
    assert len(SCHEMA.options("hair")) == len(pa.HairType) == 51


def test_random_samples_never_pick_weight_zero_options(samples) -> None:
    for name, banned in NEVER_SAMPLED.items():
        feature = SCHEMA.feature(name)
        assert isinstance(feature, Choice)
        assert all(feature.option(o).weight == 0 for o in banned)
        picked = {p.choice(name) for p in samples}
        assert not picked & banned, f"{name}: sampled {picked & banned}"
    assert all(p.choice("frame") == "transparent" for p in samples)
    assert all(p.color("skin") != pa.SkinColor.YELLOW.value.lower() for p in samples)


def test_random_samples_look_like_people(samples) -> None:
    facial_hair = Counter(p.choice("facial_hair") for p in samples)
    assert facial_hair["none"] > 0.6 * len(samples)
    assert len(facial_hair) > 3  # but beards and moustaches do appear
    natural = {pa.HairColor[n].value.lower() for n in ("BLACK", "BROWN", "BROWN_DARK",
                                                      "AUBURN", "BLONDE", "BLONDE_GOLDEN")}
    assert sum(p.color("hair_color") in natural for p in samples) > 0.7 * len(samples)
    assert len({p.choice("hair") for p in samples}) > 30


def test_samples_only_ask_for_parts_the_top_can_draw(samples) -> None:
    for p in samples:
        top = p.choice("headwear") if p.choice("headwear") != "none" else p.choice("hair")
        if top in NO_FACIAL_HAIR_SLOT:
            assert p.choice("facial_hair") == "none"
        if top in NO_ACCESSORY_SLOT:
            assert p.choice("glasses") == "none"


def test_slot_lists_match_the_package() -> None:
    """A top without a facial-hair or accessory slot silently drops that part."""
    probe = SCHEMA.defaults().update({"facial_hair": "beard_medium", "glasses": "round"})
    for name in ("hair", "headwear"):
        for top in SCHEMA.options(name):
            if top == "none" and name == "headwear":
                continue
            params = probe.update({"hair": top} if name == "hair" else {"headwear": top})
            svg = STYLE.svg(params)
            assert ('id="beard_medium_' not in svg) == (top in NO_FACIAL_HAIR_SLOT), top
            assert ('id="round_' not in svg) == (top in NO_ACCESSORY_SLOT), top


def test_sampled_hair_styles_follow_the_hair_color() -> None:
    hair = SCHEMA.feature("hair")
    assert isinstance(hair, Choice)
    for option in hair.options:
        if option.weight > 0:
            params = SCHEMA.params(hair=option.id, hair_color="#0a0b0c")
            assert 'fill="#0a0b0c"' in STYLE.svg(params), option.id


def test_svg_has_no_empty_fill_and_is_square(samples) -> None:
    tricky = [
        SCHEMA.defaults(),
        SCHEMA.params(hair="shaggy"),  # leaves a fill="" <use>
        SCHEMA.params(frame="circle"),  # leaves a fill="" fabric layer
        SCHEMA.params(headwear="hijab"),
    ]
    for params in tricky + samples[:60]:
        svg = STYLE.svg(params)
        assert 'fill=""' not in svg
        assert svg.startswith("<svg") and f'viewBox="0 0 {CANVAS:g} {CANVAS:g}"' in svg


def test_sanitize_keeps_first_id_and_renames_repeats() -> None:
    svg = '<g id="a" fill=""/><g id="a"/><g id="a-2"/><g fill="#fff" id="a"/>'
    out = sanitize(svg)
    assert 'fill=""' not in out and 'fill="#fff"' in out
    assert out.count('id="a"') == 1 and 'id="a-3"' in out and 'id="a-4"' in out


def test_circle_frame_background_is_not_black() -> None:
    params = SCHEMA.params(frame="circle", background_color="#ffffff")
    image = rasterize_svg(STYLE.svg(params), 280, background=(0, 128, 0))
    # inside the frame's circle (center (140, 160), radius 120), beside the head
    assert tuple(image[160, 30]) == (255, 255, 255)
    # outside the circle: the page background
    assert tuple(image[5, 5]) == (0, 128, 0)


def test_circle_frame_is_not_black_in_resvg_either() -> None:
    """resvg paints ``fill=""`` black, which is why the SVG is sanitized."""
    resvg_py = pytest.importorskip("resvg_py")
    from PIL import Image

    svg = STYLE.svg(SCHEMA.params(frame="circle", background_color="#ffffff"))
    png = bytes(resvg_py.svg_to_bytes(svg_string=svg, width=280, height=280))
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    assert tuple(image[160, 30]) == (255, 255, 255)


@pytest.mark.parametrize("size", [128, 256, 512])
def test_render_is_square_with_dark_eyes_at_the_eye_landmarks(size: int) -> None:
    params = SCHEMA.defaults()
    image = facemoji.render(params, size)
    assert image.shape == (size, size, 3)
    pts = STYLE.landmarks(params, size)
    luma = image.astype(float) @ np.array([0.299, 0.587, 0.114])
    for eye in (pts[36:42], pts[42:48]):
        x, y = np.round(eye.mean(axis=0)).astype(int)
        assert luma[y, x] < 100
    # the cheek beside the eye is skin, not eye
    cx, cy = np.round(pts[36] - [0.06 * size, 0]).astype(int)
    assert luma[cy, cx] > 150
    # the mouth's inside is dark too, the chin point sits on the face's lower edge
    mx, my = np.round(pts[[51, 57]].mean(axis=0)).astype(int)
    assert luma[my, mx] < 100


def test_landmarks_follow_the_size_and_the_drawing() -> None:
    params = SCHEMA.random(seed=5)
    small, big = STYLE.landmarks(params, 140), STYLE.landmarks(params, 560)
    assert small.shape == (68, 2) and np.isfinite(small).all()
    np.testing.assert_allclose(big, small * 4)
    five = STYLE.landmarks5(params, 280)
    np.testing.assert_allclose(five, STYLE.landmarks(params, 280)[list(FIVE_FROM_68)])
    # the face is symmetric about the canvas' vertical mid-line, which is the drawing's
    mid = STYLE.landmarks(params, 280)[[27, 28, 29, 30, 33, 8, 51, 57], 0]
    np.testing.assert_allclose(mid, PAD_X + 132.0)
    # landmarks do not move when the options change (fixed template geometry)
    np.testing.assert_array_equal(STYLE.landmarks(SCHEMA.defaults(), 280),
                                  STYLE.landmarks(params, 280))


def test_landmarks_are_not_shared_state() -> None:
    pts = STYLE.landmarks(SCHEMA.defaults(), 280)
    pts[:] = 0
    assert STYLE.landmarks(SCHEMA.defaults(), 280).any()


def test_same_params_same_bytes_and_no_files_written(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for seed in (0, 7):
        params = SCHEMA.random(seed=seed)
        assert STYLE.svg(params) == STYLE.svg(SCHEMA.from_json(params.to_json()))
    assert list(tmp_path.iterdir()) == []


def test_params_of_another_style_are_refused() -> None:
    with pytest.raises(facemoji.InvalidParams):
        STYLE.svg(facemoji.get_style("facemoji").schema.defaults())
