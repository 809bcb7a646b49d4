"""Natural colors: hair stays on the natural scale its name allows, skin comes from the
Monk tone and is never lightened by the light."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from facemoji.avatar.color import hex_to_lab
from facemoji.face.hair import name_hair
from facemoji.match.natural import HAIR_MEASURED, HAIR_SCALE, monk_skin, natural_hair, paint_scale


def _chroma(lab: np.ndarray) -> float:
    return float(np.hypot(lab[1], lab[2]))


def test_muddy_blonde_stays_blonde() -> None:
    # a blonde photographed in shade: dull and dark enough to read as mid-brown
    measured = np.array([52.0, 4.0, 14.0])
    out = natural_hair(measured, "blonde")
    assert out[0] >= hex_to_lab(HAIR_SCALE["blonde"][0])[0] - 0.5
    assert name_hair(tuple(out)) == "blonde"


def _lightness_range(name: str) -> tuple[float, float]:
    return hex_to_lab(HAIR_SCALE[name][0])[0], hex_to_lab(HAIR_SCALE[name][-1])[0]


@pytest.mark.parametrize("name", sorted(HAIR_MEASURED))
def test_hair_of_typical_lightness_gets_the_middle_of_its_stretch(name: str) -> None:
    lo, hi = HAIR_MEASURED[name]
    first, last = _lightness_range(name)
    typical = natural_hair(np.array([(lo + hi) / 2, 5.0, 15.0]), name)
    assert typical[0] == pytest.approx((first + last) / 2, abs=0.5)
    # the darkest and lightest measured hair of the name take the stretch's ends
    assert natural_hair(np.array([lo - 10, 5.0, 15.0]), name)[0] == pytest.approx(first)
    assert natural_hair(np.array([hi + 10, 5.0, 15.0]), name)[0] == pytest.approx(last)
    lighter = [natural_hair(np.array([v, 5.0, 15.0]), name)[0] for v in np.linspace(lo, hi, 6)]
    assert np.all(np.diff(lighter) > 0)


def test_other_names_keep_the_nearest_natural_color() -> None:
    # a brown measured as dark as the darkest brown paint stays that dark
    darkest = hex_to_lab(HAIR_SCALE["brown"][0])
    assert "brown" not in HAIR_MEASURED
    assert natural_hair(darkest, "brown")[0] == pytest.approx(darkest[0], abs=0.5)


def test_black_and_white_hair_is_placed_by_its_lightness() -> None:
    """A gray measured in a black-and-white photo has no hue: the nearest point of the
    brown stretch would be its least colorful, the darkest brown, for every brown head."""
    dark, light = np.array([24.0, 0.0, 0.0]), np.array([40.0, 0.0, 0.0])
    assert np.allclose(natural_hair(dark, "brown"), natural_hair(light, "brown"))
    painted = [natural_hair(lab, "brown", by_lightness=True) for lab in (dark, light)]
    assert [p[0] for p in painted] == pytest.approx([24.0, 40.0], abs=0.5)
    assert all(_chroma(p) > 10 for p in painted)  # brown, not gray
    assert np.allclose(natural_hair(light, "blonde", by_lightness=True),
                       natural_hair(light, "blonde"))  # blonde is placed by lightness anyway


def test_greenish_gray_becomes_neutral_gray() -> None:
    out = natural_hair(np.array([62.0, -6.0, 5.0]), "gray")
    assert _chroma(out) < 4
    assert 45 < out[0] < 80


def test_olive_ginger_becomes_red() -> None:
    out = natural_hair(np.array([50.0, 8.0, 30.0]), "red")
    assert name_hair(tuple(out)) in ("red", "auburn")
    assert out[1] > 20  # clearly reddish


def test_unknown_names_snap_to_the_nearest_natural_color_and_dyes_are_kept() -> None:
    dyed = np.array([50.0, 60.0, -40.0])
    assert np.allclose(natural_hair(dyed, "other"), dyed)
    black = natural_hair(np.array([14.0, 1.0, 2.0]), None)
    assert black[0] < 25


@pytest.mark.parametrize("monk", [1, 3, 5, 7, 9])
def test_skin_follows_the_paint_scale_whatever_the_measured_lightness(monk: int) -> None:
    # the measured color is bright (over-exposed): the avatar's lightness is the scale's
    bright = np.array([85.0, 12.0, 18.0])
    assert monk_skin(monk, bright)[0] == pytest.approx(paint_scale()[monk - 1][0])


def test_the_paint_is_the_monk_swatches_with_even_steps_from_monk_1_to_6() -> None:
    from facemoji.face.skin import MONK_HEX

    swatches = np.array([hex_to_lab(h) for h in MONK_HEX])
    paint = paint_scale()
    for tone in (6, 7, 8, 9, 10):
        assert np.allclose(paint[tone - 1], swatches[tone - 1])
    assert paint[0][0] == pytest.approx(swatches[0][0])
    steps = np.diff(paint[0:6, 0])  # Monk 1 -> 2 -> ... -> 6, in lightness
    assert np.allclose(steps, steps[0])
    # light and medium skin is painted darker than its swatch (they plateau, then drop)
    assert all(paint[t - 1][0] < swatches[t - 1][0] - 1 for t in (2, 3, 4, 5))
    assert paint[1][0] < swatches[1][0] - 5  # Monk 2: no longer near white


def test_light_skin_is_painted_with_the_photographed_skins_hue_not_the_grayish_swatch() -> None:
    from facemoji.face.skin import MONK_HEX
    from facemoji.match.natural import PHOTO_HUE

    swatches = np.array([hex_to_lab(h) for h in MONK_HEX])
    paint = paint_scale()
    for tone, (a, b) in PHOTO_HUE.items():
        assert paint[tone - 1][1:] == pytest.approx([a, b])
    # rosy, as light skin photographs, where the swatches of Monk 1-4 are nearly gray
    assert all(paint[t - 1][1] > swatches[t - 1][1] + 4 for t in (1, 2, 3, 4))
    assert all(paint[t - 1][1] > 8 for t in (1, 2, 3, 4, 5))


def test_skin_darkens_steadily_along_the_scale_and_keeps_some_undertone() -> None:
    lightness = [monk_skin(m)[0] for m in np.linspace(1, 10, 19)]
    assert all(a >= b - 1.0 for a, b in itertools.pairwise(lightness))
    warm = monk_skin(6.0, np.array([50.0, 20.0, 30.0]))
    cool = monk_skin(6.0, np.array([50.0, 5.0, 10.0]))
    assert warm[1] > cool[1] and abs(warm[1] - cool[1]) <= 8.0


@pytest.mark.parametrize("monk", [1, 3, 4, 9])
def test_a_green_cast_never_paints_skin_greener_than_the_scale(monk: int) -> None:
    greenish = np.array([80.0, -8.0, 20.0])  # a photo under green-tinted light
    assert monk_skin(monk, greenish)[1] >= paint_scale()[monk - 1][1] - 1e-9
