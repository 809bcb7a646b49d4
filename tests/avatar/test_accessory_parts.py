"""The native style's glasses, headwear, neck and clothing, checked on rendered pixels."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from skimage.color import deltaE_ciede2000, rgb2lab

import facemoji
from facemoji.avatar.color import hex_to_lab, lab_to_hex
from facemoji.avatar.schema import hex_to_rgb
from facemoji.avatar.styles.facemoji.context import Ctx
from facemoji.avatar.styles.facemoji.geometry import compute
from facemoji.avatar.styles.facemoji.palette import TOP_APART, Palette, apart_from_skin
from facemoji.avatar.styles.facemoji.parts import headwear
from facemoji.avatar.styles.facemoji.schema import CLOTHING, COLLARED, GLASSES, HEADWEAR

STYLE = facemoji.get_style("facemoji")
BASE = STYLE.schema.defaults()
SIZE = 256
CLEAR = [o.id for o in GLASSES if o.id != "none" and not o.id.endswith("sunglasses")]
SUNGLASSES = [o.id for o in GLASSES if o.id.endswith("sunglasses")]


def _render(size: int = SIZE, **values: object):
    return facemoji.render(BASE.update(values), size).astype(np.int32)


def _eyes(size: int = SIZE) -> list[np.ndarray]:
    """The two eyes' landmark points (36-41, 42-47) in pixels."""
    pts = STYLE.landmarks(BASE, size)
    return [pts[36:42], pts[42:48]]


@pytest.mark.parametrize(("feature", "options"),
                         [("glasses", GLASSES), ("headwear", HEADWEAR), ("clothing", CLOTHING)])
def test_every_option_renders_and_differs(feature: str, options) -> None:
    images = {o.id: _render(128, **{feature: o.id}) for o in options}
    for a, b in itertools.combinations(images, 2):
        changed = (np.abs(images[a] - images[b]).sum(-1) > 40).sum()
        assert changed > 30, f"{feature}: {a} and {b} look the same"


@pytest.mark.parametrize("option", [o.id for o in GLASSES if o.id != "none"])
def test_glasses_frame_surrounds_each_eye(option: str) -> None:
    size = 512  # thin rims (rimless) need the full resolution
    changed = np.abs(_render(size, glasses=option) - _render(size)).sum(-1) > 24
    for eye in _eyes(size):
        (x0, y0), (x1, y1) = eye.min(0), eye.max(0)
        cx, cy = int(eye[:, 0].mean()), int(eye[:, 1].mean())
        reach = int((x1 - x0) * 0.9)
        row, col = changed[cy], changed[:, cx]
        # the lens outline passes left, right, above and below every eye landmark
        assert row[int(x0) - reach:int(x0)].any(), f"{option}: no frame left of the eye"
        assert row[int(x1) + 1:int(x1) + reach].any(), f"{option}: no frame right of the eye"
        assert col[int(y0) - reach:int(y0)].any(), f"{option}: no frame above the eye"
        assert col[int(y1) + 1:int(y1) + reach].any(), f"{option}: no frame below the eye"


@pytest.mark.parametrize("option", CLEAR)
def test_clear_lenses_leave_the_iris_visible(option: str) -> None:
    red = "#b3262d"
    with_glasses = _render(glasses=option, glasses_color=red)
    without = _render(glasses_color=red)
    for eye in _eyes():
        x, y = (round(v) for v in eye.mean(0))
        pixel = with_glasses[y, x]
        assert np.abs(pixel - np.array(hex_to_rgb(red))).max() > 60, f"{option}: frame on eye"
        assert np.abs(pixel - without[y, x]).max() < 30, f"{option}: iris hidden"


def _luminance(image: np.ndarray) -> np.ndarray:
    return image @ np.array([0.299, 0.587, 0.114])


@pytest.mark.parametrize("option", SUNGLASSES)
def test_sunglasses_darken_the_eyes(option: str) -> None:
    dark = _luminance(_render(glasses=option))
    plain = _luminance(_render())
    for eye in _eyes():
        (x0, y0), (x1, y1) = eye.min(0).astype(int), eye.max(0).astype(int) + 1
        assert dark[y0:y1, x0:x1].mean() < plain[y0:y1, x0:x1].mean() - 40


def _near(image: np.ndarray, color: str, tolerance: float) -> np.ndarray:
    return np.abs(image - np.array(hex_to_rgb(color))).max(-1) < tolerance


@pytest.mark.parametrize("hair", ["short_straight", "long_straight", "afro"])
@pytest.mark.parametrize("option", sorted(headwear.COVERING))
def test_covering_headwear_hides_the_hair(option: str, hair: str) -> None:
    pink = "#e2679f"  # far from every skin, clothing and scarf color derived from navy
    brow_top = int(STYLE.landmarks(BASE, SIZE)[17:27, 1].min()) - 4
    bare = _near(_render(hair=hair, hair_color=pink)[:brow_top], pink, 40)
    covered = _near(_render(hair=hair, hair_color=pink, headwear=option)[:brow_top], pink, 40)
    assert bare.sum() > 500
    assert covered.sum() < 20


def test_covering_options_are_the_schema_covers_tag() -> None:
    assert {o.id for o in HEADWEAR if "covers" in o.tags} == headwear.COVERING
    params = BASE.set("headwear", "turban")
    assert headwear.covers_hair(Ctx(params, compute(params), Palette.of(params)))


@pytest.mark.parametrize("color", ["#eeeeee", "#202226", "#c0392b", "#d4a017", "#6fa8dc"])
@pytest.mark.parametrize("option", [o.id for o in CLOTHING])
def test_clothing_color_at_the_bottom(option: str, color: str) -> None:
    image = _render(clothing=option, clothing_color=color)
    # left of center, away from plackets, lapels and tank-top armholes
    patch = image[-6:, int(SIZE * 0.32):int(SIZE * 0.44)].reshape(-1, 3)
    lab = rgb2lab(np.median(patch, axis=0)[None, None] / 255.0)
    target = rgb2lab(np.array(hex_to_rgb(color))[None, None] / 255.0)
    assert deltaE_ciede2000(lab, target).item() < 8


@pytest.mark.parametrize("option", [o.id for o in HEADWEAR if o.id != "none"])
def test_headwear_color_follows_the_clothing_color(option: str) -> None:
    top = slice(0, int(SIZE * 0.4))
    navy = _render(headwear=option, clothing_color="#2b3a67")[top]
    red = _render(headwear=option, clothing_color="#c0392b")[top]
    assert np.abs(navy - red).mean() > 2


@pytest.mark.parametrize("option", [o.id for o in HEADWEAR if o.id != "none"])
def test_a_set_headwear_color_is_painted_whatever_the_clothing(option: str) -> None:
    """``headwear_color`` set (a hat measured in the photos): the headwear's median pixel
    is that color, and the clothing color no longer moves it."""
    top = slice(0, int(SIZE * 0.4))
    red = "#c0392b"
    navy = _render(headwear=option, headwear_color=red, clothing_color="#2b3a67")[top]
    gray = _render(headwear=option, headwear_color=red, clothing_color="#8a8a8a")[top]
    assert np.array_equal(navy, gray)
    bare = _render(headwear="none", clothing_color="#2b3a67")[top]
    hat = navy[np.abs(navy - bare).sum(-1) > 40]
    lab = rgb2lab(np.median(hat, axis=0)[None, None] / 255.0)
    target = rgb2lab(np.array(hex_to_rgb(red))[None, None] / 255.0)
    assert deltaE_ciede2000(lab, target).item() < 12


@pytest.mark.parametrize("clothing", sorted(COLLARED))
def test_a_tie_is_painted_in_its_color_under_a_collar(clothing: str) -> None:
    """On a shirt or blazer a tie shows at the bottom's center in ``tie_color``; without
    a collar (a T-shirt) there is nothing to tie it under, and nothing changes."""
    red = "#b8323a"
    bare = _render(clothing=clothing, clothing_color="#2b3a67")
    tied = _render(clothing=clothing, clothing_color="#2b3a67", tie="tie", tie_color=red)
    center = tied[-8:, SIZE // 2 - 2:SIZE // 2 + 3].reshape(-1, 3)
    lab = rgb2lab(np.median(center, axis=0)[None, None] / 255.0)
    target = rgb2lab(np.array(hex_to_rgb(red))[None, None] / 255.0)
    assert deltaE_ciede2000(lab, target).item() < 12
    assert np.abs(tied - bare).sum(-1).astype(bool).mean() < 0.05  # only the tie changed
    tee = _render(clothing="crew_tee")
    assert np.array_equal(tee, _render(clothing="crew_tee", tie="tie", tie_color=red))


def test_sampled_avatars_wear_ties_only_with_collars() -> None:
    rng = np.random.default_rng(3)
    samples = [STYLE.schema.random(rng=rng) for _ in range(300)]
    tied = [p for p in samples if p["tie"] == "tie"]
    assert tied and all(p["clothing"] in COLLARED for p in tied)


@pytest.mark.parametrize("skin", ["#f3d9c9", "#e8c2ae", "#a9835f", "#8a5a3c", "#4a3022"])
@pytest.mark.parametrize("near", [(0, 0, 0), (-4, 2, 3), (5, -2, -3)])
def test_a_top_in_the_skins_color_is_drawn_apart_from_it(skin: str, near: tuple) -> None:
    """A top measured in (about) the skin's color is drawn at least ``TOP_APART`` from it:
    in the skin's own color it read as a bare chest."""
    L, a, b = hex_to_lab(skin)
    top = lab_to_hex((L + near[0], a + near[1], b + near[2]))
    drawn = hex_to_lab(apart_from_skin(top, skin))
    assert np.linalg.norm(np.subtract(drawn, (L, a, b))) >= TOP_APART - 0.5
    image = _render(skin=skin, clothing_color=top)
    patch = image[-6:, int(SIZE * 0.32):int(SIZE * 0.44)].reshape(-1, 3)
    seen = rgb2lab(np.median(patch, axis=0)[None, None] / 255.0)
    assert deltaE_ciede2000(seen, rgb2lab(np.array(hex_to_rgb(skin))[None, None] / 255.0)
                            ).item() > 8


def test_a_top_far_from_the_skin_keeps_its_color() -> None:
    assert apart_from_skin("#2b3a67", "#e8c2ae") == "#2b3a67"
    assert apart_from_skin("#e8c2ae", "#4a3022") == "#e8c2ae"


def test_hair_grays_past_its_temples_only_from_half_gray() -> None:
    """``hair_gray`` up to 0.5 grays only the temples; past it the hair's light tone turns
    silver, fully at 1, and its base and shadows keep the hair's color."""
    from facemoji.avatar.styles.facemoji.palette import Tones, graying, silver

    hair = Tones.of("#3a2a20", shadow=12, light=12)
    assert graying(hair, 0.0) == hair == graying(hair, 0.5)
    gray = graying(hair, 1.0)
    assert gray.light == silver(hair.base)
    assert (gray.base, gray.shadow, gray.deep) == (hair.base, hair.shadow, hair.deep)
    assert graying(hair, 0.75).light not in (hair.light, gray.light)
