"""The native style's features, as data.

Scalars are in ``[-1, 1]`` with 0 the average face; ±1 is about two standard
deviations of human variation, exaggerated a little as cartoons do. Option weights are
random-sampling probabilities (0: selectable but never sampled).
"""

from __future__ import annotations

import numpy as np

from ....avatar.schema import Choice, Color, Option, Preset, Scalar, Schema, Value

VERSION = "1"

# Monk Skin Tone scale (MST 1-10), as given in ART.md, plus in-between and warm/cool
# variants so that measured skin can land close to a preset.
SKIN_PRESETS = (
    Preset("monk_01", "#f6ede4"),
    Preset("monk_02", "#f3e7db"),
    Preset("monk_03", "#f7ead0"),
    Preset("monk_04", "#eadaba"),
    Preset("monk_05", "#d7bd96"),
    Preset("monk_06", "#a07e56"),
    Preset("monk_07", "#825c43"),
    Preset("monk_08", "#604134"),
    Preset("monk_09", "#3a312a"),
    Preset("monk_10", "#292420"),
    Preset("porcelain_pink", "#f4dcd2", 0.6),
    Preset("light_warm", "#eecfb0", 0.8),
    Preset("light_olive", "#dcc59c", 0.7),
    Preset("medium_tan", "#c49a6c", 0.9),
    Preset("golden_brown", "#b48455", 0.8),
    Preset("warm_brown", "#8d5a3b", 0.8),
    Preset("deep_cool", "#4b3530", 0.6),
    Preset("deep_warm", "#51331f", 0.6),
)

HAIR_PRESETS = (
    Preset("black", "#1f1b1a", 2.2),
    Preset("soft_black", "#2e2623", 1.6),
    Preset("dark_brown", "#3f2a1f", 2.2),
    Preset("brown", "#5e3d27", 1.8),
    Preset("chestnut", "#7a4a2c", 1.0),
    Preset("light_brown", "#8c6544", 1.0),
    Preset("dark_blonde", "#a7855a", 0.8),
    Preset("blonde", "#d5b27a", 0.8),
    Preset("golden_blonde", "#e0b964", 0.5),
    Preset("platinum", "#ece1c8", 0.35),
    Preset("strawberry_blonde", "#d49a6a", 0.35),
    Preset("ginger", "#c8672c", 0.45),
    Preset("copper_red", "#b8461f", 0.45),
    Preset("bright_red", "#c4301c", 0.25),
    Preset("auburn", "#7f3520", 0.5),
    Preset("salt_pepper", "#76726e", 0.35),
    Preset("gray", "#a19e9b", 0.4),
    Preset("silver", "#c9c7c4", 0.25),
    Preset("white", "#ecebe6", 0.2),
    Preset("dyed_blue", "#3164c4", 0.05),
    Preset("dyed_pink", "#e2679f", 0.05),
    Preset("dyed_purple", "#7445b5", 0.05),
    Preset("dyed_green", "#2f9a6a", 0.03),
)

EYE_PRESETS = (
    Preset("dark_brown", "#3b2416", 3.0),
    Preset("brown", "#6b4226", 2.0),
    Preset("hazel", "#8a6a35", 1.0),
    Preset("amber", "#a8702a", 0.4),
    Preset("green", "#4d7a46", 0.7),
    Preset("blue", "#4a7ab8", 1.0),
    Preset("gray", "#7b8a96", 0.5),
)

CLOTHING_PRESETS = (
    Preset("navy", "#2b3a67"),
    Preset("charcoal", "#3a3d44"),
    Preset("white", "#eeeeee", 0.7),
    Preset("heather_gray", "#9aa0a6"),
    Preset("black", "#202226", 0.8),
    Preset("red", "#c0392b", 0.6),
    Preset("forest", "#2f6b4f", 0.6),
    Preset("mustard", "#d4a017", 0.5),
    Preset("sky", "#6fa8dc", 0.7),
    Preset("coral", "#f08a6c", 0.5),
    Preset("lavender", "#a58fd0", 0.5),
    Preset("teal", "#1f8a8a", 0.6),
    Preset("burgundy", "#7b2941", 0.5),
    Preset("olive", "#6b6b3a", 0.4),
)

LIP_PRESETS = (
    Preset("rose", "#c0606e"),
    Preset("red", "#b3262d"),
    Preset("berry", "#7d2a45", 0.5),
    Preset("nude", "#b8826e"),
    Preset("coral", "#e0705f"),
    Preset("plum", "#5e2a4a", 0.5),
)
"""Colored lips; unset (following the skin), the lips take the skin's own natural tone."""

GLASSES_PRESETS = (
    Preset("black", "#1d1d1f", 2.0),
    Preset("tortoise", "#6b3f22", 1.0),
    Preset("gold", "#c9a45c", 0.7),
    Preset("silver", "#a9adb3", 0.7),
    Preset("clear", "#c8ccd2", 0.3),
    Preset("red", "#b3262d", 0.3),
    Preset("navy", "#243a6b", 0.3),
)


def _options(*items: tuple[str, float] | tuple[str, float, str]) -> tuple[Option, ...]:
    out = []
    for item in items:
        oid, weight, *tags = item
        tagset = frozenset(tags[0].split()) if tags else frozenset()
        out.append(Option(oid, weight=weight, tags=tagset))
    return tuple(out)


# tags: "long" hair hides the ears' tops and falls over the shoulders; "covers" headwear
# hides the hair; "bald"/"receding" mark hairlines (face analysis can tell them).
HAIR = _options(
    ("short_straight", 2.0, "short"), ("short_wavy", 1.4, "short"), ("short_curly", 1.2, "short"),
    ("crew_cut", 1.4, "short"), ("buzz", 1.0, "short"), ("side_part", 1.6, "short"),
    ("quiff", 1.0, "short"), ("pompadour", 0.6, "short"), ("slicked_back", 0.7, "short"),
    ("undercut", 0.8, "short"), ("mohawk", 0.2, "short"), ("curtains", 0.8, "short"),
    ("messy", 0.9, "short"), ("short_coily", 1.0, "short"), ("afro", 0.8, "short"),
    ("pixie", 0.8, "short"), ("short_layered", 0.9, "short"), ("bob", 1.2, "medium"),
    ("lob", 1.0, "medium"), ("lob_wavy", 0.9, "medium"), ("curly_medium", 0.9, "medium"),
    ("shag", 0.6, "medium"), ("long_straight", 1.6, "long"),
    ("long_wavy", 1.4, "long"), ("long_curly", 1.0, "long"), ("long_bangs", 1.0, "long"),
    ("ponytail", 1.0, "long"), ("high_bun", 0.8, "medium"), ("top_knot", 0.5, "short"),
    ("space_buns", 0.3, "medium"), ("pigtails", 0.3, "long"), ("box_braids", 0.7, "long"),
    ("cornrows", 0.4, "short"), ("locs", 0.6, "long"), ("afro_puff", 0.4, "medium"),
    ("receding", 0.8, "short receding"), ("balding", 0.6, "bald receding"),
    ("bald", 0.7, "bald"), ("curly_crop", 0.9, "short"), ("swept_back", 0.6, "medium"),
    ("long_swept", 1.0, "long"), ("bob_swept", 1.0, "medium"), ("long_side", 1.2, "long"),
    ("long_wavy_center", 1.0, "long"), ("lob_wavy_side", 0.8, "medium"),
)

HAIR_FLIPS = _options(("none", 1.0), ("mirrored", 1.0))
"""The hair as drawn, or mirrored left to right: which side a part or a swept fringe falls
to (``long_swept`` sweeps to the image right as drawn, ``pixie`` to the left)."""

EYES = _options(
    ("round", 1.0), ("almond", 1.5), ("narrow", 0.8), ("hooded", 0.8), ("monolid", 0.8),
    ("downturned", 0.7), ("upturned", 0.7), ("wide", 0.8), ("sleepy", 0.3), ("happy", 0.0),
    ("wink", 0.0),
)

BROWS = _options(
    ("natural", 1.5), ("straight", 1.0), ("arched", 1.0), ("soft_arch", 1.2), ("thin", 0.6),
    ("thick", 0.9), ("bushy", 0.5), ("angled", 0.7), ("rounded", 0.6), ("raised", 0.0),
    ("furrowed", 0.0),
)

NOSE = _options(
    ("button", 1.2), ("straight", 1.2), ("wide", 0.9), ("narrow", 0.8), ("roman", 0.6),
    ("upturned", 0.7), ("snub", 0.7), ("broad", 0.7), ("pointed", 0.5),
)

MOUTH = _options(
    ("neutral", 1.4), ("soft_smile", 1.8), ("smile", 1.5), ("grin", 1.0), ("open_smile", 0.6),
    ("smirk", 0.3), ("serious", 0.6), ("pout", 0.2), ("laugh", 0.0), ("tongue", 0.0),
)

EARS = _options(("round", 1.5), ("oval", 1.0), ("small", 0.8), ("protruding", 0.5))

FACIAL_HAIR = _options(
    ("none", 14.0), ("stubble", 1.4), ("mustache", 0.5), ("pencil_mustache", 0.2),
    ("handlebar", 0.1), ("chevron", 0.3), ("goatee", 0.5), ("circle_beard", 0.6),
    ("soul_patch", 0.15), ("chin_strap", 0.3), ("short_beard", 1.0), ("full_beard", 0.9),
    ("mutton_chops", 0.1), ("long_beard", 0.2),
)

GLASSES = _options(
    ("none", 9.0), ("round", 0.7), ("wire", 0.8), ("rectangular", 0.9), ("cat_eye", 0.4),
    ("rimless", 0.4), ("browline", 0.4), ("oversized", 0.3), ("aviator_sunglasses", 0.25),
    ("wayfarer_sunglasses", 0.25),
)

HEADWEAR = _options(
    ("none", 18.0), ("cap", 0.6), ("beanie", 0.5), ("fedora", 0.25), ("headband", 0.3),
    ("headscarf", 0.35, "covers"), ("turban", 0.25, "covers"), ("bucket_hat", 0.2),
)

# tags: "collar" clothing has a shirt collar that a tie is drawn under
CLOTHING = _options(
    ("crew_tee", 2.0), ("v_neck", 1.0), ("hoodie", 1.0), ("collared_shirt", 1.0, "collar"),
    ("blazer", 0.7, "collar"), ("turtleneck", 0.6), ("sweater", 0.8), ("tank_top", 0.3),
)
COLLARED = frozenset(o.id for o in CLOTHING if "collar" in o.tags)
OWN_HAIRLINE = frozenset(o.id for o in HAIR if o.tags & {"bald", "receding"})
"""Cuts that draw their own receded hairline, which ``forehead`` leaves where it is."""
"""The clothing a tie is drawn with."""

SHIRT_PRESETS = (
    Preset("white", "#eef1f4"),
    Preset("light_blue", "#cddcef", 0.8),
    Preset("pink", "#f1d3dc", 0.3),
    Preset("gray", "#9aa0a6", 0.4),
    Preset("charcoal", "#3a3d44", 0.5),
    Preset("black", "#202226", 0.6),
)
"""What shows under a blazer: a shirt or a top."""

TIES = _options(("none", 3.0), ("tie", 1.0))
TIE_PRESETS = (
    Preset("burgundy", "#7b2941"),
    Preset("red", "#b8323a"),
    Preset("navy", "#27365e"),
    Preset("sky", "#6f9fd0", 0.7),
    Preset("charcoal", "#3a3d44"),
    Preset("silver", "#a9adb3", 0.6),
    Preset("gold", "#c9a13f", 0.5),
    Preset("forest", "#2f6b4f", 0.5),
    Preset("purple", "#5b3f8c", 0.5),
    Preset("pink", "#e58fa5", 0.4),
)

FRECKLES = _options(("none", 8.0), ("light", 1.0), ("heavy", 0.4))
AGE_LINES = _options(("none", 7.0), ("light", 1.5), ("deep", 0.8))
LASHES = _options(("none", 1.0), ("natural", 1.0), ("long", 0.6))

SCALARS = (
    ("face_width", "head"), ("face_length", "head"), ("jaw_width", "head"),
    ("chin_shape", "head"), ("cheek_fullness", "head"), ("eye_size", "eyes"),
    ("eye_spacing", "eyes"), ("eye_tilt", "eyes"), ("brow_thickness", "brows"),
    ("nose_width", "nose"), ("nose_length", "nose"), ("mouth_width", "mouth"),
    ("lip_fullness", "mouth"), ("ear_size", "ears"),
)


def _long(oid: str) -> bool:
    return "long" in HAIR[[o.id for o in HAIR].index(oid)].tags


def _plausible(values: dict[str, Value], rng: np.random.Generator) -> None:
    """Joint sampling rules: a face is shaved or bearded as a whole; age shows together."""
    hair = str(values["hair"])
    # long-haired faces are rarely bearded in a random lineup; beards on bald heads are common
    if values["facial_hair"] != "none" and _long(hair) and rng.random() < 0.8:
        values["facial_hair"] = "none"
    # most faces with long lashes have no beard
    if values["facial_hair"] not in ("none", "stubble") and values["lashes"] == "long":
        values["lashes"] = "natural"
    # gray or white hair comes with age lines, and age lines usually with graying hair
    gray = values["hair_color"] in ("#76726e", "#a19e9b", "#c9c7c4", "#ecebe6")
    if gray and values["age_lines"] == "none" and rng.random() < 0.75:
        values["age_lines"] = "light" if rng.random() < 0.6 else "deep"
    if values["age_lines"] == "deep" and not gray and rng.random() < 0.5:
        values["hair_color"] = ("#76726e", "#a19e9b", "#c9c7c4", "#ecebe6")[int(rng.integers(4))]
    # headwear that covers the head goes with hair that fits under it
    if values["headwear"] in ("headscarf", "turban"):
        values["facial_hair"] = values["facial_hair"] if values["headwear"] == "turban" else "none"
    # hats don't sit on hair that sticks up, and a headband needs hair to hold
    tall = ("high_bun", "top_knot", "space_buns", "afro_puff", "mohawk", "afro")
    if values["headwear"] in ("cap", "fedora", "bucket_hat", "beanie") and hair in tall:
        values["headwear"] = "none"
    if hair in ("bald", "balding") and values["headwear"] == "headband":
        values["headwear"] = "none"
    # a tie needs a collar to sit under
    if values["clothing"] not in COLLARED:
        values["tie"] = "none"


def build_schema() -> Schema:
    """The native style's schema."""
    features = [
        Choice("hair", HAIR, "short_straight", group="hair"),
        Color("hair_color", HAIR_PRESETS, "dark_brown", group="hair", random_hue_weight=0.08),
        *(Scalar(name, -1.0, 1.0, 0.0, group=group) for name, group in SCALARS),
        Color("skin", SKIN_PRESETS, "monk_04", group="head"),
        Choice("ears", EARS, "round", group="ears"),
        Choice("eyes", EYES, "almond", group="eyes"),
        Color("eye_color", EYE_PRESETS, "brown", group="eyes"),
        Choice("lashes", LASHES, "natural", group="eyes"),
        Choice("eyebrows", BROWS, "natural", group="brows"),
        Color("brow_color", HAIR_PRESETS, None, follows="hair_color", group="brows"),
        Choice("nose", NOSE, "button", group="nose"),
        Choice("mouth", MOUTH, "soft_smile", group="mouth"),
        Color("lip_color", LIP_PRESETS, None, follows="skin", group="mouth",
              follow_probability=0.85),
        Choice("facial_hair", FACIAL_HAIR, "none", group="facial hair"),
        Color("facial_hair_color", HAIR_PRESETS, None, follows="hair_color",
              group="facial hair"),
        Choice("glasses", GLASSES, "none", group="glasses"),
        Color("glasses_color", GLASSES_PRESETS, "black", group="glasses"),
        Choice("headwear", HEADWEAR, "none", group="headwear"),
        Color("headwear_color", CLOTHING_PRESETS, None, follows="clothing_color",
              group="headwear"),
        Choice("freckles", FRECKLES, "none", group="skin"),
        Choice("age_lines", AGE_LINES, "none", group="skin"),
        Choice("clothing", CLOTHING, "crew_tee", group="clothing"),
        Color("clothing_color", CLOTHING_PRESETS, "navy", group="clothing"),
        Color("shirt_color", SHIRT_PRESETS, "white", group="clothing"),
        Choice("tie", TIES, "none", group="clothing"),
        Color("tie_color", TIE_PRESETS, "burgundy", group="clothing"),
        # last, so that adding them left every earlier feature's random draws as they were
        Scalar("hair_volume", -1.0, 1.0, 0.0, group="hair"),
        Scalar("forehead", -1.0, 1.0, 0.0, group="head"),
        Scalar("mouth_height", -1.0, 1.0, 0.0, group="mouth"),
        Choice("hair_flip", HAIR_FLIPS, "none", group="hair"),
        Scalar("hair_gray", 0.0, 1.0, 0.0, group="hair"),
    ]
    return Schema("facemoji", VERSION, features, constraints=(_plausible,))
