"""Visible traits: the mismatch cost, the confidence-weighted vote, and the mappings that
let measurement decide what an avatar shows."""

from __future__ import annotations

import itertools
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

from facemoji.avatar.color import hex_to_lab
from facemoji.avatar.style import get_style
from facemoji.face.hair_type import TYPE_GROUPS
from facemoji.match.mapping import initial_params, mapping_for
from facemoji.match.measured import Measured, fuse
from facemoji.match.traits import LONG_LINE, MOUTH_OPEN_CUTS, WEIGHTS, mismatch, mouth_opening


def test_equal_traits_cost_nothing_and_unmeasured_ones_are_free() -> None:
    shown = {"glasses": "none", "hair_length": "long", "smile": "teeth"}
    assert mismatch(shown, shown) == 0.0
    assert mismatch(shown, {"glasses": None, "beard_style": "x"}) == 0.0
    assert mismatch({}, {"glasses": "sunglasses"}) == 0.0


def test_ordered_traits_cost_per_step_and_more_across_the_long_hair_line() -> None:
    w = WEIGHTS["hair_length"]
    assert mismatch({"hair_length": "chin"}, {"hair_length": "long"}) == pytest.approx(2 * w)
    assert mismatch({"hair_length": "buzz"}, {"hair_length": "short"}) == pytest.approx(w)
    # short → chin is one step, but it crosses what a friend notices first
    assert mismatch({"hair_length": "short"}, {"hair_length": "chin"}) == \
        pytest.approx(w * (1 + LONG_LINE))
    assert mismatch({"smile": "none"}, {"smile": "teeth"}) == pytest.approx(2 * WEIGHTS["smile"])


def test_a_tuple_suits_each_of_its_values_and_confidence_scales_the_cost() -> None:
    shown = {"hair_type": ("curly", "coily"), "glasses": "none"}
    assert mismatch(shown, {"hair_type": "coily"}) == 0.0
    # the cheapest of the tuple's values: curly, two steps from straight
    assert mismatch(shown, {"hair_type": "straight"}) == pytest.approx(2 * WEIGHTS["hair_type"])
    half = mismatch(shown, {"glasses": "eyeglasses"}, {"glasses": 0.5})
    assert half == pytest.approx(0.5 * WEIGHTS["glasses"])


def _photo(**traits: tuple[object, float]) -> SimpleNamespace:
    return SimpleNamespace(attributes=SimpleNamespace(traits=lambda: traits))


def test_fuse_votes_by_confidence() -> None:
    measured = fuse([_photo(glasses=("eyeglasses", 0.9)), _photo(glasses=("none", 0.3)),
                     _photo(glasses=("none", 0.3))])
    assert measured.trait("glasses") == "eyeglasses"
    assert 0 < measured.confidence["glasses"] < 0.9
    sure = fuse([_photo(glasses=("none", 0.9))] * 3)
    assert sure.confidence["glasses"] == pytest.approx(0.9)


def test_a_bald_person_s_fringe_is_voted_by_the_photos_that_saw_a_bald_crown() -> None:
    """Photos that see hair on top say nothing of a bald crown's fringe (Hans Blix: two
    bald photos with a fringe, two not bald and not receding)."""
    bald = [_photo(hair_length=("bald", 0.8), receding=(True, 0.6))] * 2
    hair = [_photo(hair_length=("short", 0.9), receding=(False, 0.6))] * 2
    assert fuse([*bald, *hair]).trait("receding") is True
    assert fuse([*hair, *bald]).trait("receding") is True
    shaved = [_photo(hair_length=("bald", 0.8), receding=(False, 0.6))] * 3
    assert fuse([*shaved, hair[0]]).trait("receding") is False


def _measured(**traits: object) -> Measured:
    return Measured(traits=dict(traits), confidence=dict.fromkeys(traits, 1.0))


@pytest.mark.parametrize("style", ["facemoji", "avataaars"])
@pytest.mark.parametrize("length", ["bald", "short", "chin", "shoulder", "long"])
def test_the_initial_hair_shows_the_measured_length(style: str, length: str) -> None:
    schema = get_style(style).schema
    params = initial_params(_measured(hair_length=length, hair_type="straight"), schema)
    shown = mapping_for(style).traits(params)["hair_length"]
    assert length == shown or length in shown


@pytest.mark.parametrize(("bangs", "cut"), [(False, "side_part"), (True, "short_straight")])
def test_a_man_s_short_straight_hair_has_a_fringe_only_where_measured(bangs: bool,
                                                                      cut: str) -> None:
    schema = get_style("facemoji").schema
    measured = _measured(hair_length="short", hair_type="straight", gender="male",
                         hair_presentation="male", bangs=bangs)
    assert initial_params(measured, schema).choice("hair") == cut


def test_straight_hair_to_the_shoulders_gets_the_straight_lob() -> None:
    schema = get_style("facemoji").schema
    measured = _measured(hair_length="shoulder", hair_type="straight", gender="female")
    assert initial_params(measured, schema).choice("hair") == "lob"


@pytest.mark.parametrize("length", ["short", "long"])
def test_measured_curls_give_a_curly_cut_and_straight_hair_a_straight_one(length: str) -> None:
    schema = get_style("facemoji").schema
    for wanted in TYPE_GROUPS.values():  # what analysis asks for
        params = initial_params(_measured(hair_length=length, hair_type=wanted), schema)
        shown = mapping_for("facemoji").traits(params)["hair_type"]
        group = wanted if isinstance(wanted, tuple) else (wanted,)
        assert set(shown if isinstance(shown, tuple) else (shown,)) & set(group)
    # a group costs nothing for its members, a step per neighbour beyond them
    w = WEIGHTS["hair_type"]
    assert mismatch({"hair_type": "coily"}, {"hair_type": ("curly", "coily")}) == 0.0
    assert mismatch({"hair_type": "wavy"}, {"hair_type": ("curly", "coily")}) == pytest.approx(w)
    assert mismatch({"hair_type": "straight"}, {"hair_type": "coily"}) == pytest.approx(3 * w)


@pytest.mark.parametrize(("style", "fringe", "bare"), [("facemoji", "balding", "bald"),
                                                      ("avataaars", "sides", "none")])
def test_a_bald_crown_with_a_fringe_keeps_hair_at_the_sides(style, fringe, bare) -> None:
    schema = get_style(style).schema
    for receding, hair in ((True, fringe), (False, bare)):
        params = initial_params(_measured(hair_length="bald", receding=receding, gender="male",
                                          hair_presentation="male"), schema)
        assert params.choice("hair") == hair


def test_a_man_with_short_curls_gets_close_cropped_curls_not_an_afro_or_a_perm() -> None:
    schema = get_style("facemoji").schema
    params = initial_params(_measured(hair_length="short", hair_type=("curly", "coily"),
                                      gender="male", hair_presentation="male"), schema)
    assert params.choice("hair") == "short_coily"


def test_a_man_with_short_curls_on_light_skin_gets_a_man_s_curly_cut() -> None:
    # coily ruled out (light skin): before curly_crop, such a man was drawn short_wavy,
    # nearly straight, since short_curly reads as a woman's perm
    schema = get_style("facemoji").schema
    params = initial_params(_measured(hair_length="short", hair_type=("curly", "coily"),
                                      coily=False, gender="male",
                                      hair_presentation="male"), schema)
    assert params.choice("hair") == "curly_crop"
    woman = initial_params(_measured(hair_length="short", hair_type=("curly", "coily"),
                                     coily=False, gender="female",
                                     hair_presentation="female"), schema)
    assert woman.choice("hair") == "short_curly"
    receding = initial_params(_measured(hair_length="short", hair_type=("curly", "coily"),
                                        coily=False, receding=True, gender="male",
                                        hair_presentation="male"), schema)
    assert receding.choice("hair") == "receding"  # the hairline shows before the curls


@pytest.mark.parametrize("hair_type", ["straight", "wavy"])
@pytest.mark.parametrize("length", ["chin", "shoulder"])
def test_a_man_with_smooth_hair_to_the_chin_gets_a_man_s_longer_cut(length: str,
                                                                    hair_type: str) -> None:
    # before swept_back, such a man got a woman's cut (lob_wavy) or curly_medium's curls
    schema = get_style("facemoji").schema
    for receding in (False, True):
        man = initial_params(_measured(hair_length=length, hair_type=hair_type,
                                       receding=receding, gender="male",
                                       hair_presentation="male"), schema)
        assert man.choice("hair") == "swept_back"
    woman = initial_params(_measured(hair_length=length, hair_type=hair_type, hair_up="none",
                                     gender="female", hair_presentation="female"), schema)
    assert woman.choice("hair") != "swept_back"


@pytest.mark.parametrize("length", ["short", "chin"])
def test_a_woman_with_short_smooth_hair_gets_a_woman_s_short_cut(length: str) -> None:
    schema = get_style("facemoji").schema
    params = initial_params(_measured(hair_length=length, hair_type="straight", bangs=False,
                                      hair_up="none", gender="female",
                                      hair_presentation="female"), schema)
    shown = mapping_for("facemoji").traits(params)
    # a cut that reads as a woman's (not one either could wear), without a fringe
    assert shown["hair_presentation"] == "female" and not shown["bangs"]
    assert shown["hair_up"] == "none"
    assert length == shown["hair_length"] or length in shown["hair_length"]


@pytest.mark.parametrize("length", ["short", "chin", "shoulder"])
def test_a_woman_s_hair_pulled_back_is_one_tail_or_bun_not_two(length: str) -> None:
    """Analysis reads hair up, not how many tails: pigtails drew women whose hair was
    pulled back into a bun or ponytail (Sonia Gandhi, Chanda Rubin)."""
    from facemoji.face.hair_up import UP_DOS

    schema = get_style("facemoji").schema
    params = initial_params(_measured(hair_length=length, hair_type="straight",
                                      hair_up=UP_DOS, gender="female",
                                      hair_presentation="female"), schema)
    assert params.choice("hair") in ("ponytail", "high_bun", "top_knot")


def test_the_native_style_shows_presentation_smile_and_age() -> None:
    schema = get_style("facemoji").schema
    woman = initial_params(_measured(gender="female", smile="teeth", age_band="60+"), schema)
    man = initial_params(_measured(gender="male", smile="none", age_band="18-29"), schema)
    assert woman.choice("lashes") != "none" and man.choice("lashes") == "none"
    assert woman.choice("mouth") in ("grin", "open_smile", "laugh")
    assert man.choice("mouth") in ("neutral", "serious")
    assert woman.choice("age_lines") == "deep" and man.choice("age_lines") == "none"


def test_a_man_is_charged_for_arched_brows_and_a_woman_for_none() -> None:
    """The identity term chose arched brows for 7 of 14 men of a blind round: arched and
    natural brows of one weight cost the same, so only the presentation tells them apart.
    A woman's brows may be flat."""
    schema = get_style("facemoji").schema
    shown = mapping_for("facemoji").traits

    def cost(gender: str, brows: str) -> float:
        measured = fuse([_photo(gender=(gender, 0.9))] * 3)
        assert measured.trait("brow_presentation") == gender
        avatar = shown(initial_params(measured, schema).set("eyebrows", brows))
        return mismatch(avatar, measured.traits, measured.confidence)

    assert cost("male", "arched") == pytest.approx(cost("male", "natural")
                                                   + WEIGHTS["brow_presentation"] * 0.9)
    assert cost("female", "natural") == pytest.approx(cost("female", "arched"))
    assert shown(initial_params(fuse([]), schema).set("eyebrows", "raised"))[
        "brow_presentation"] == ("female", "male")


def test_glasses_follow_kind_and_frame() -> None:
    schema = get_style("facemoji").schema
    rimless = initial_params(_measured(glasses="eyeglasses", glasses_frame="rimless"), schema)
    shades = initial_params(_measured(glasses="sunglasses", glasses_frame="thick"), schema)
    thin = initial_params(_measured(glasses="eyeglasses", glasses_frame="thin"), schema)
    assert rimless.choice("glasses") == "rimless"
    assert shades.choice("glasses") == "wayfarer_sunglasses"
    # most thin frames are soft rectangles of metal, not round
    assert thin.choice("glasses") == "wire" and thin["glasses_color"] == "#a9adb3"


def test_a_measured_frame_color_is_painted_on_eyeglasses_only() -> None:
    schema = get_style("facemoji").schema
    gold = initial_params(_measured(glasses="eyeglasses", glasses_frame="thin",
                                    glasses_color="gold"), schema)
    tortoise = initial_params(_measured(glasses="eyeglasses", glasses_frame="thick",
                                        glasses_color="tortoise"), schema)
    # a color voted from the photos with eyeglasses does not recolor sunglasses
    shades = initial_params(_measured(glasses="sunglasses", glasses_frame="thick",
                                      glasses_color="gold"), schema)
    assert gold.choice("glasses") == "wire" and gold["glasses_color"] == "#c9a45c"
    assert tortoise["glasses_color"] == "#6b3f22"
    assert shades["glasses_color"] == "#1d1d1f"
    # and the avatar reports the painted preset, so the report and the objective see it
    shown = mapping_for("facemoji").traits
    assert shown(gold)["glasses_color"] == "gold" and shown(tortoise)["glasses_color"] == "tortoise"
    assert shown(shades)["glasses_color"] is None
    assert shown(gold.set("glasses_color", "#123456"))["glasses_color"] is None
    # a color the search nudged a little still shows its preset
    assert shown(gold.set("glasses_color", "#cba65a"))["glasses_color"] == "gold"


def test_every_option_of_the_mapped_features_has_its_traits() -> None:
    from facemoji.match.mapping import avataaars, facemoji

    for module, style in ((facemoji, "facemoji"), (avataaars, "avataaars")):
        schema = get_style(style).schema
        for feature, table in (("hair", module.HAIR), ("glasses", module.GLASSES),
                               ("facial_hair", module.FACIAL_HAIR),
                               ("headwear", module.HEADWEAR), ("mouth", module.MOUTH)):
            assert set(schema.feature(feature).ids) == set(table), (style, feature)


def test_a_gray_beard_under_dark_hair_gets_its_own_color_and_a_dark_one_follows_the_hair(
        ) -> None:
    schema = get_style("facemoji").schema

    def beard_under_black_hair(beard_lab: tuple[float, float, float],
                               age: float = 60.0) -> object:
        measured = replace(_measured(facial_hair="beard", gender="male"), age=age)
        measured.colors.update({"hair": (np.array([15.0, 1.0, 2.0]), 1.0),
                                "facial_hair_color": (np.array(beard_lab), 0.8)})
        return initial_params(measured, schema)["facial_hair_color"]

    gray = beard_under_black_hair((60.0, 0.0, 3.0))
    assert gray is not None and hex_to_lab(gray)[0] > 45  # a gray, not the black hair's
    assert beard_under_black_hair((25.0, 2.0, 4.0)) is None  # dark: follows the hair
    assert beard_under_black_hair((55.0, 12.0, 20.0)) is None  # brown (skin between hairs)
    # on a face under 45 the same light, colorless reading is stubble and skin: hair's color
    assert beard_under_black_hair((60.0, 0.0, 3.0), age=32.0) is None


def test_a_measured_tie_is_drawn_under_a_collar_only() -> None:
    """A tie goes with the blazer a jacket asks for; without a jacket the clothing has no
    collar to tie it under, and no tie is drawn rather than a shirt invented for it."""
    schema = get_style("facemoji").schema
    suited = initial_params(_measured(jacket=True, tie=True), schema)
    assert suited["clothing"] == "blazer" and suited["tie"] == "tie"
    assert initial_params(_measured(jacket=True, tie=False), schema)["tie"] == "none"
    open_collar = initial_params(_measured(jacket=False, tie=True), schema)
    assert open_collar["tie"] == "none" or open_collar["clothing"] in ("collared_shirt",)


def test_the_mouth_opening_cuts_lie_between_the_native_style_s_drawn_mouths() -> None:
    """MOUTH_OPEN_CUTS are the midpoints of the drawn grin, open smile and laugh (their
    inner-lip gap on the style's own landmarks): an art change must move them too."""
    style = get_style("facemoji")

    def gap(mouth: str) -> float:
        p = np.asarray(style.landmarks(style.schema.params(mouth=mouth), 512))
        return float(np.linalg.norm(p[62] - p[66])
                     / np.linalg.norm(p[42:48].mean(axis=0) - p[36:42].mean(axis=0)))

    drawn = [gap(m) for m in ("grin", "open_smile", "laugh")]
    midpoints = [(a + b) / 2 for a, b in itertools.pairwise(drawn)]
    assert midpoints == pytest.approx(MOUTH_OPEN_CUTS, abs=0.01)


@pytest.mark.parametrize(("gaps", "mouth"), [
    ([0.08, 0.12, 0.5], "grin"),     # one photo laughs; the median smile barely parts
    ([0.2, 0.18], "open_smile"),
    ([0.3, 0.35, 0.1], "laugh"),
])
def test_a_toothy_smile_gets_the_mouth_that_opens_as_far(gaps, mouth) -> None:
    photos = [SimpleNamespace(attributes=SimpleNamespace(
        traits=lambda: {"smile": ("teeth", 0.9)}, smile="teeth", mouth_gap=g)) for g in gaps]
    # a closed smile's gap says nothing of a toothy one
    photos.append(SimpleNamespace(attributes=SimpleNamespace(
        traits=lambda: {"smile": ("closed", 0.3)}, smile="closed", mouth_gap=0.9)))
    measured = fuse(photos)
    assert measured.trait("mouth_open") == mouth_opening(float(np.median(gaps)))
    params = initial_params(measured, get_style("facemoji").schema)
    assert params.choice("mouth") == mouth



def test_the_hair_name_is_the_one_closest_to_every_photo_s_name() -> None:
    """Brown, black and (in warm light) red: the plain vote took the surest single photo,
    red; black and brown are neighbours, red is two steps from black."""
    def photos(*names: tuple[str, float]) -> list[SimpleNamespace]:
        return [SimpleNamespace(attributes=SimpleNamespace(
            traits=dict, hair_name=n, hair_name_confidence=c,
            hair=SimpleNamespace(confidence=1.0))) for n, c in names]

    assert fuse(photos(("brown", 0.49), ("red", 0.63), ("black", 0.56))).hair_name == "black"
    # red and auburn together outweigh the surest photo, black
    assert fuse(photos(("red", 0.6), ("auburn", 0.5), ("black", 0.7))).hair_name == "red"
    assert fuse(photos(("blonde", 0.55), ("black", 0.76))).hair_name == "black"


def test_the_outfit_comes_from_one_photo() -> None:
    def dressed(jacket: str, shirt: str | None) -> SimpleNamespace:
        def color(value: str | None) -> SimpleNamespace | None:
            return None if value is None else SimpleNamespace(lab=hex_to_lab(value),
                                                              confidence=0.8)
        return SimpleNamespace(attributes=SimpleNamespace(
            traits=lambda: {}, clothing=color(jacket), shirt_color=color(shirt)))

    navy, charcoal, white, black = "#1b2a4a", "#3a3d44", "#eeeeee", "#111111"
    # a navy suit over a white shirt, a charcoal one over a black shirt, a white jacket
    # over a white shirt: the charcoal photo is the middle one, and its black shirt comes
    # with it (the medians were a charcoal jacket over a white shirt, worn in no photo)
    measured = fuse([dressed(navy, white), dressed(charcoal, black), dressed(white, white)])
    assert measured.hex("clothing") == charcoal
    assert measured.hex("shirt_color") == black
    # where the chosen photo saw no shirt, the others' median stands in
    measured = fuse([dressed(navy, white), dressed(charcoal, None), dressed(white, white)])
    assert (measured.hex("clothing"), measured.hex("shirt_color")) == (charcoal, white)
