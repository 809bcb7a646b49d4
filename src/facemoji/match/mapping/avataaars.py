"""The ``avataaars`` style's mapping: measured traits and colors → python-avatars params.

The same idea as the native style's (:mod:`.facemoji`): tables of what each option shows,
and the initial params take the options that cost least against what was measured.
Costume options (astronaut helmet, bride's veil, eyepatch…) are never sampled and show
traits no photo measures, so they are never chosen either.
"""

from __future__ import annotations

from typing import Any

from ...avatar.schema import Params, Schema
from ..measured import Measured
from ..traits import Traits
from .base import StyleMapping, best_option, natural_colors

_S, _W, _C, _K = "straight", "wavy", "curly", "coily"
_ANY = (_S, _W, _C, _K)

HAIR: dict[str, Traits] = {
    "none": {"hair_length": "bald", "hair_type": None},
    "big_hair": {"hair_length": "long", "hair_type": (_W, _C)},
    "bob": {"hair_length": "chin", "hair_type": _S},
    "bun": {"hair_length": "short", "hair_up": "bun"},
    "caesar_side_part": {"hair_length": "short", "hair_type": _S},
    "caesar": {"hair_length": ("buzz", "short"), "hair_type": (_S, _W)},
    "curly": {"hair_length": "long", "hair_type": _C},
    "curvy": {"hair_length": "long", "hair_type": _W},
    "dreads": {"hair_length": "long", "hair_type": _K, "hair_up": "braids"},
    "frida": {"hair_length": "short", "hair_up": "braids"},
    "frizzle": {"hair_length": "short", "hair_type": (_C, _K)},
    "fro_band": {"hair_length": "chin", "hair_type": _K},
    "fro": {"hair_length": "chin", "hair_type": _K},
    "long_not_too_long": {"hair_length": "shoulder", "hair_type": _S},
    "mia_wallace": {"hair_length": "chin", "hair_type": _S, "bangs": True},
    "shaggy_mullet": {"hair_length": ("short", "chin"), "hair_type": _W},
    "shaggy": {"hair_length": "short", "hair_type": _W},
    "shaved_sides": {"hair_length": "long", "hair_type": _S},
    "short_curly": {"hair_length": "short", "hair_type": _C},
    "short_dreads_1": {"hair_length": "short", "hair_type": _K, "hair_up": "braids"},
    "short_dreads_2": {"hair_length": "short", "hair_type": _K, "hair_up": "braids"},
    "short_flat": {"hair_length": "short", "hair_type": _S},
    "short_round": {"hair_length": "short", "hair_type": (_S, _W)},
    "short_waved": {"hair_length": "short", "hair_type": _W},
    "sides": {"hair_length": "bald", "hair_type": None, "receding": True},
    "straight_1": {"hair_length": "long", "hair_type": _S},
    "straight_2": {"hair_length": "long", "hair_type": _S},
    "straight_strand": {"hair_length": "long", "hair_type": _S},
    "braids": {"hair_length": "long", "hair_type": _K, "hair_up": "braids"},
    "buzzcut": {"hair_length": "buzz", "hair_type": _ANY},
    "cornrows": {"hair_length": "buzz", "hair_type": _K, "hair_up": "braids"},
    "curly_2": {"hair_length": "shoulder", "hair_type": _C},
    "dreadlocks": {"hair_length": "shoulder", "hair_type": _K, "hair_up": "braids"},
    "einstein_hair": {"hair_length": "short", "hair_type": (_W, _C), "receding": True},
    "elvis": {"hair_length": "short", "hair_type": _S},
    "half_shaved": {"hair_length": "chin", "hair_type": _S},
    "long_hair_curly": {"hair_length": "long", "hair_type": _C},
    "loose_hair": {"hair_length": "long", "hair_type": _W},
    "mohawk": {"hair_length": "short", "hair_type": _S},
    "mowgli": {"hair_length": "short", "hair_type": _W, "bangs": True},
    "pixie": {"hair_length": "short", "hair_type": _S, "bangs": True},
    "pompadour": {"hair_length": "short", "hair_type": _S},
    "quiff": {"hair_length": "short", "hair_type": (_S, _W)},
    "twist_long_hair": {"hair_length": "long", "hair_type": _K, "hair_up": "braids"},
    "twist_long_hair_2": {"hair_length": "long", "hair_type": _K, "hair_up": "braids"},
    "wick": {"hair_length": "shoulder", "hair_type": _S},
    "wild": {"hair_length": "chin", "hair_type": (_W, _C)},
    "evil_spike": {"hair_length": "short", "hair_type": _S},
    # costumes: a helmet, a veil, a hat (never sampled, never measured)
    "astronaut": {"hair_length": "bald", "headwear": "hat"},
    "bride": {"hair_length": "long", "headwear": "headscarf"},
    "hat": {"hair_length": "short", "headwear": "hat"},
}
GLASSES: dict[str, Traits] = {
    "none": {"glasses": "none", "glasses_frame": "none"},
    "eyepatch": {"glasses": "eyepatch"},
    "kurt": {"glasses": "sunglasses", "glasses_frame": "thick"},
    "prescription_1": {"glasses": "eyeglasses", "glasses_frame": "thin"},
    "prescription_2": {"glasses": "eyeglasses", "glasses_frame": "thick"},
    "round": {"glasses": "eyeglasses", "glasses_frame": "thin"},
    "sunglasses": {"glasses": "sunglasses", "glasses_frame": "thin"},
    "wayfarers": {"glasses": "sunglasses", "glasses_frame": "thick"},
    "sunglasses_2": {"glasses": "sunglasses", "glasses_frame": "thin"},
    "wayfarers_2": {"glasses": "sunglasses", "glasses_frame": "thick"},
}
FACIAL_HAIR = {"none": "none", "beard_light": "stubble", "beard_medium": "beard",
               "beard_magestic": "beard", "wick_beard": "beard", "moustache_fancy": "mustache",
               "moustache_magnum": "mustache", "einstein_moustache": "mustache"}
HEADWEAR = {"none": "none", "hat": "hat", "hijab": "headscarf", "turban": "headscarf",
            "winter_hat_1": "hat", "winter_hat_2": "hat", "winter_hat_3": "hat",
            "winter_hat_4": "hat", "chef_cap": "costume", "jedi": "costume",
            "gladiator_helmet": "costume"}
MOUTH = {"default": "closed", "smile": "teeth", "twinkle": "closed", "serious": "none",
         "big_smile": "teeth", "concerned": "none", "sad": "none", "disbelief": "none",
         "eating": "none", "grimace": "teeth", "scream_open": "teeth", "tongue": "teeth",
         "vomit": "none"}
CLOTHING = {"none": False, "blazer_shirt": True, "blazer_sweater": True,
            "collar_sweater": False, "graphic_shirt": False, "hoodie": False, "overall": False,
            "shirt_crew_neck": False, "shirt_scoop_neck": False, "shirt_v_neck": False,
            "astronaut_suit": False, "bond_suit": True, "chef": False, "gladiator": False,
            "jedi_robe": False, "shirt_wick": False}
COLORS = {"skin": "skin", "hair": "hair_color", "clothing": "clothing_color",
          "headwear_color": "headwear_color"}
SHAPE = ("hair", "eyebrows", "eyes", "nose", "mouth")


def traits(params: Params) -> Traits:
    """The visible traits of an ``avataaars`` avatar."""
    shown = HAIR[params.choice("hair")]
    hair = {"hair_up": "none", "bangs": False, "receding": False,
            "coily": shown.get("hair_type") == _K, **shown}
    headwear = HEADWEAR[params.choice("headwear")]
    if headwear != "none" or "headwear" not in hair:
        hair["headwear"] = headwear
    return {**GLASSES[params.choice("glasses")],
            "facial_hair": FACIAL_HAIR[params.choice("facial_hair")],
            "smile": MOUTH[params.choice("mouth")],
            "jacket": CLOTHING[params.choice("clothing")], **hair}


def initial(measured: Measured, schema: Schema) -> Params:
    """Params that show what ``measured`` found."""
    wanted = measured.traits
    values: dict[str, Any] = {
        "eyes": "default", "eyebrows": "default_natural",
        "hair": best_option(HAIR, wanted, measured, schema, "hair"),
        "glasses": best_option(GLASSES, wanted, measured, schema, "glasses"),
        "facial_hair": best_option(FACIAL_HAIR, wanted, measured, schema, "facial_hair",
                                   "facial_hair"),
        "headwear": best_option(HEADWEAR, wanted, measured, schema, "headwear", "headwear"),
        "mouth": best_option(MOUTH, wanted, measured, schema, "mouth", "smile"),
        "clothing": best_option(CLOTHING, wanted, measured, schema, "clothing", "jacket"),
    }
    values.update({COLORS[k]: v for k, v in natural_colors(measured).items() if k in COLORS})
    return schema.params({k: v for k, v in values.items() if k in schema})


AVATAARS = StyleMapping(COLORS, {}, initial, traits, SHAPE)
