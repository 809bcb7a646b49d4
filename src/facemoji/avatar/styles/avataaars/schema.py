"""The ``avataaars`` style's features, built from python-avatars' own enums.

Every member of every python-avatars enum is an option, so the whole option space is
reachable; option ids are the enum member names in lowercase (``SHORT_DREADS_1`` →
``short_dreads_1``). Weights only shape random sampling (0: selectable, never sampled):
random avatars are plausible people with neutral or smiling faces (ART.md), so winks,
tongues, eyepatches, costumes and the like have weight 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

import numpy as np
import python_avatars as pa

from ...schema import Choice, Color, Option, Preset, Schema, Value

VERSION = "1"

# Option ids whose python-avatars "top" drawing has no slot for facial hair or for the
# accessory: the package silently drops those parts there (checked against the
# package's SVG files by the tests).
NO_FACIAL_HAIR_SLOT = frozenset(
    {"astronaut", "curly_2", "long_hair_curly", "loose_hair", "hijab"}
)
NO_ACCESSORY_SLOT = frozenset({"long_hair_curly"})

# Relative sampling weights; members not listed weigh 1. "shaved_sides" has no
# hair-color slot (always blonde), so its hair color parameter would lie.
HAIR_WEIGHTS = {
    "shaved_sides": 0.0,
    "none": 0.8, "astronaut": 0.0, "evil_spike": 0.0, "einstein_hair": 0.2, "wild": 0.3,
    "hat": 0.0, "bride": 0.0, "wick": 0.4, "mohawk": 0.3, "half_shaved": 0.4, "frida": 0.3,
    "short_flat": 2.0, "short_round": 1.5, "short_waved": 1.5, "caesar": 1.2,
    "caesar_side_part": 1.2, "straight_1": 1.5, "straight_2": 1.5, "bob": 1.2,
}
HEADWEAR_WEIGHTS = {
    "none": 24.0, "chef_cap": 0.0, "jedi": 0.0, "gladiator_helmet": 0.0, "hat": 0.5,
    "hijab": 0.5, "turban": 0.4, "winter_hat_1": 0.3, "winter_hat_2": 0.3, "winter_hat_3": 0.3,
    "winter_hat_4": 0.1,
}
EYEBROW_WEIGHTS = {
    "none": 0.0, "angry": 0.0, "angry_natural": 0.0, "up_down": 0.0, "up_down_natural": 0.0,
    "frown_natural": 0.3, "sad_concerned": 0.2, "sad_concerned_natural": 0.2,
    "raised_excited": 0.5, "raised_excited_natural": 0.5, "unibrow_natural": 0.3,
    "default": 2.0, "default_natural": 2.0, "flat_natural": 1.5,
}
EYE_WEIGHTS = {
    "default": 4.0, "happy": 1.0, "squint": 0.5, "side": 0.3, "surprised": 0.2,
    "closed": 0.0, "cry": 0.0, "eye_roll": 0.0, "heart": 0.0, "wink": 0.0, "wink_wacky": 0.0,
    "x_dizzy": 0.0,
}
MOUTH_WEIGHTS = {
    "default": 2.0, "smile": 2.0, "twinkle": 1.5, "serious": 1.5, "big_smile": 0.5,
    "concerned": 0.2, "sad": 0.2, "disbelief": 0.0, "eating": 0.0, "grimace": 0.0,
    "scream_open": 0.0, "tongue": 0.0, "vomit": 0.0,
}
FACIAL_HAIR_WEIGHTS = {
    "none": 14.0, "beard_light": 1.4, "beard_medium": 1.0, "beard_magestic": 0.3,
    "moustache_fancy": 0.2, "moustache_magnum": 0.3, "einstein_moustache": 0.1,
    "wick_beard": 0.4,
}
GLASSES_WEIGHTS = {
    "none": 10.0, "eyepatch": 0.0, "kurt": 0.2, "prescription_1": 1.0, "prescription_2": 1.0,
    "round": 0.8, "sunglasses": 0.3, "sunglasses_2": 0.2, "wayfarers": 0.4, "wayfarers_2": 0.2,
}
CLOTHING_WEIGHTS = {
    "none": 0.0, "astronaut_suit": 0.0, "chef": 0.0, "gladiator": 0.0, "jedi_robe": 0.0,
    "bond_suit": 0.3, "shirt_wick": 0.3, "overall": 0.5,
}
# the frame changes the picture, not the person: random avatars stay unframed like the
# native style's, so that renders of different styles compare like with like
FRAME_WEIGHTS = {"circle": 0.0}
SKIN_WEIGHTS = {"yellow": 0.0, "tanned": 0.3}
HAIR_COLOR_WEIGHTS = {
    "black": 2.0, "brown_dark": 2.0, "brown": 2.0, "auburn": 0.8, "blonde": 1.0,
    "blonde_golden": 0.6, "platinum": 0.4, "red": 0.3, "silver_gray": 0.5, "pastel_pink": 0.05,
}

# tags that face analysis can map onto: glasses kinds, hair length, facial hair kinds
TAGS = {
    "glasses": {
        "prescription_1": "eyeglasses", "prescription_2": "eyeglasses", "round": "eyeglasses",
        "kurt": "sunglasses", "sunglasses": "sunglasses", "sunglasses_2": "sunglasses",
        "wayfarers": "sunglasses", "wayfarers_2": "sunglasses",
    },
    "hair": {
        "none": "bald", "sides": "receding", "big_hair": "long", "bob": "medium",
        "bun": "long", "curly": "long", "curvy": "long", "dreads": "long", "frida": "long",
        "fro": "medium",
        "fro_band": "medium", "long_not_too_long": "long", "mia_wallace": "long",
        "shaggy_mullet": "medium", "straight_1": "long", "straight_2": "long",
        "straight_strand": "long", "braids": "long", "bride": "long", "dreadlocks": "long",
        "long_hair_curly": "long", "loose_hair": "long", "twist_long_hair": "long",
        "twist_long_hair_2": "long", "curly_2": "long",
    },
    "facial_hair": {
        "beard_light": "stubble", "beard_medium": "beard", "beard_magestic": "beard",
        "wick_beard": "beard", "moustache_fancy": "mustache", "moustache_magnum": "mustache",
        "einstein_moustache": "mustache",
    },
}


def option_id(member: Enum) -> str:
    """The schema option id of a python-avatars enum member (``HairType.BOB`` → ``bob``)."""
    return member.name.lower()


def _label(member: Enum) -> str:
    return member.name.replace("_", " ").capitalize()


def _choice(
    name: str, enum: type[Enum], default: Enum | None, weights: Mapping[str, float],
    *, label: str = "", group: str = "", none_first: bool = False,
) -> Choice:
    """A choice over every member of ``enum``; ``none_first`` adds a leading "none"."""
    tags = TAGS.get(name, {})
    options = [
        Option(oid, _label(m), weights.get(oid, 1.0),
               frozenset({tags[oid]}) if oid in tags else frozenset())
        for m in enum
        for oid in (option_id(m),)
    ]
    if none_first:
        options.insert(0, Option("none", "None", weights.get("none", 1.0)))
    return Choice(name, tuple(options), "none" if default is None else option_id(default),
                  label=label, group=group)


def _color(
    name: str, enum: type[Enum], default: Enum | None, weights: Mapping[str, float] | None = None,
    *, follows: str | None = None, label: str = "", group: str = "",
    random_hue_weight: float = 0.0,
) -> Color:
    """A color with every member of ``enum`` as a preset (any ``#rrggbb`` is valid too)."""
    presets = tuple(
        Preset(option_id(m), str(m.value), (weights or {}).get(option_id(m), 1.0), _label(m))
        for m in enum
    )
    return Color(name, presets, None if default is None else option_id(default), label=label,
                 group=group, follows=follows, random_hue_weight=random_hue_weight)


def _plausible(values: dict[str, Value], rng: np.random.Generator) -> None:
    """Joint sampling rules: params say what is drawn, long hair rarely with a beard."""
    top = str(values["headwear"] if values["headwear"] != "none" else values["hair"])
    if top in NO_FACIAL_HAIR_SLOT:
        values["facial_hair"] = "none"
    if top in NO_ACCESSORY_SLOT:
        values["glasses"] = "none"
    if values["headwear"] == "none" and TAGS["hair"].get(str(values["hair"])) == "long" and (
        rng.random() < 0.8
    ):
        values["facial_hair"] = "none"


def build_schema() -> Schema:
    """The ``avataaars`` schema: every python-avatars option, package defaults."""
    features = [
        _choice("hair", pa.HairType, pa.HairType.SHORT_FLAT, HAIR_WEIGHTS, group="hair"),
        _color("hair_color", pa.HairColor, pa.HairColor.BROWN, HAIR_COLOR_WEIGHTS,
               group="hair", random_hue_weight=0.03),
        _choice("headwear", pa.HatType, None, HEADWEAR_WEIGHTS, group="headwear",
                none_first=True, label="headwear (replaces the hair)"),
        _color("headwear_color", pa.ClothingColor, pa.ClothingColor.HEATHER,
               group="headwear", label="headwear color"),
        _color("skin", pa.SkinColor, pa.SkinColor.LIGHT, SKIN_WEIGHTS, group="head"),
        _choice("eyebrows", pa.EyebrowType, pa.EyebrowType.DEFAULT, EYEBROW_WEIGHTS,
                group="brows"),
        _choice("eyes", pa.EyeType, pa.EyeType.DEFAULT, EYE_WEIGHTS, group="eyes"),
        _choice("nose", pa.NoseType, pa.NoseType.DEFAULT, {}, group="nose"),
        _choice("mouth", pa.MouthType, pa.MouthType.DEFAULT, MOUTH_WEIGHTS, group="mouth"),
        _choice("facial_hair", pa.FacialHairType, pa.FacialHairType.NONE, FACIAL_HAIR_WEIGHTS,
                group="facial hair"),
        _color("facial_hair_color", pa.HairColor, None, HAIR_COLOR_WEIGHTS,
               follows="hair_color", group="facial hair"),
        _choice("glasses", pa.AccessoryType, pa.AccessoryType.NONE, GLASSES_WEIGHTS,
                group="glasses", label="glasses and accessories"),
        _choice("clothing", pa.ClothingType, pa.ClothingType.SHIRT_CREW_NECK, CLOTHING_WEIGHTS,
                group="clothing"),
        _color("clothing_color", pa.ClothingColor, pa.ClothingColor.HEATHER, group="clothing"),
        _choice("clothing_graphic", pa.ClothingGraphic, pa.ClothingGraphic.SKULL, {},
                group="clothing", label="graphic (on the graphic shirt)"),
        _choice("frame", pa.AvatarStyle, pa.AvatarStyle.TRANSPARENT, FRAME_WEIGHTS,
                group="background"),
        _color("background_color", pa.BackgroundColor, pa.BackgroundColor.DEFAULT,
               group="background", label="background color (circle frame)"),
    ]
    return Schema("avataaars", VERSION, features, constraints=(_plausible,))
