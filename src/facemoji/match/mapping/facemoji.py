"""The native style's mapping: measured traits and colors → ``facemoji`` params.

The tables say which visible traits (:mod:`facemoji.match.traits`) each option shows; the
initial params take, for every feature, the option whose traits cost least against what
was measured, so hair length, glasses, beard, smile, age and presentation come from the
photos and every feature varies with the person.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np

from ...avatar.color import hex_to_lab, lab_to_hex
from ...avatar.schema import Color, Params, Preset, Schema
from ...face.hair import graying_hair
from ..measured import Measured
from ..natural import OWN_BROWS, natural_hair
from ..traits import Traits
from .base import StyleMapping, best_option, natural_colors, scalar_values

_YOUNG = ("18-29", "30-44")

SMOOTH = ("straight", "wavy")
"""The type of hair drawn smooth and pulled back: a curly head's up-do is its own option
(``afro_puff``, braids, locs)."""

PULLED_BACK = ("short", "chin", "shoulder")
"""The lengths a ponytail suits: hair pulled back measures as short as the hair left
beside the face, or to the shoulder where the tail shows beside the neck. Not ``long``:
hair measured long in most photos and up in a few is more often worn down (with ``long``
a paired review sheet drew Salma Hayek's loose hair as a ponytail)."""

HAIR: dict[str, Traits] = {
    "short_straight": {"hair_length": "short", "hair_type": "straight", "bangs": True,
                       "fringe": "swept", "hair_top": "medium"},
    "short_wavy": {"hair_length": "short", "hair_type": "wavy"},
    "short_curly": {"hair_length": "short", "hair_type": "curly"},
    "crew_cut": {"hair_length": ("buzz", "short"), "hair_type": "straight", "hair_top": "close"},
    "buzz": {"hair_length": "buzz", "hair_type": ("straight", "wavy", "curly", "coily"),
             "hair_top": "close"},
    "side_part": {"hair_length": "short", "hair_type": "straight", "hair_top": "medium"},
    "quiff": {"hair_length": "short", "hair_type": ("straight", "wavy"), "hair_top": "full"},
    "pompadour": {"hair_length": "short", "hair_type": ("straight", "wavy"),
                  "hair_top": "full"},
    "slicked_back": {"hair_length": "short", "hair_type": "straight", "hair_top": "medium"},
    "undercut": {"hair_length": "short", "hair_type": "straight", "hair_top": "medium"},
    "mohawk": {"hair_length": "short", "hair_type": "straight", "hair_top": "full"},
    "curtains": {"hair_length": "short", "hair_type": "straight", "bangs": True,
                 "hair_top": "medium"},
    "messy": {"hair_length": "short", "hair_type": "wavy", "hair_top": "full"},
    "short_coily": {"hair_length": ("buzz", "short"), "hair_type": "coily"},
    "curly_crop": {"hair_length": "short", "hair_type": "curly"},
    "afro": {"hair_length": "chin", "hair_type": "coily"},
    "pixie": {"hair_length": "short", "hair_type": "straight", "bangs": True,
              "fringe": "swept", "hair_top": "medium"},
    "short_layered": {"hair_length": ("short", "chin"), "hair_type": SMOOTH},
    "bob": {"hair_length": "chin", "hair_type": "straight", "bangs": True, "fringe": "blunt"},
    "bob_swept": {"hair_length": "chin", "hair_type": "straight", "bangs": True,
                  "fringe": "swept"},
    "lob": {"hair_length": "shoulder", "hair_type": "straight", "hair_part": "side"},
    "lob_wavy": {"hair_length": ("chin", "shoulder"), "hair_type": "wavy",
                 "hair_part": "center"},
    "lob_wavy_side": {"hair_length": ("chin", "shoulder"), "hair_type": "wavy",
                      "hair_part": "side"},
    "curly_medium": {"hair_length": ("chin", "shoulder"), "hair_type": ("curly", "coily")},
    "swept_back": {"hair_length": ("chin", "shoulder"), "hair_type": SMOOTH,
                   "receding": (False, True)},
    "shag": {"hair_length": "shoulder", "hair_type": "wavy", "bangs": True},
    "long_straight": {"hair_length": "long", "hair_type": "straight", "hair_part": "center"},
    "long_side": {"hair_length": "long", "hair_type": "straight", "hair_part": "side"},
    "long_wavy": {"hair_length": "long", "hair_type": "wavy", "hair_part": "side"},
    "long_wavy_center": {"hair_length": "long", "hair_type": "wavy", "hair_part": "center"},
    "long_curly": {"hair_length": "long", "hair_type": ("curly", "coily")},
    "long_bangs": {"hair_length": "long", "hair_type": "straight", "bangs": True,
                   "fringe": "blunt"},
    "long_swept": {"hair_length": "long", "hair_type": "straight", "bangs": True,
                   "fringe": "swept"},
    "ponytail": {"hair_length": PULLED_BACK, "hair_type": SMOOTH, "hair_up": "ponytail"},
    "high_bun": {"hair_length": "short", "hair_type": SMOOTH, "hair_up": "bun"},
    "top_knot": {"hair_length": "short", "hair_type": SMOOTH, "hair_up": "bun"},
    "space_buns": {"hair_length": "short", "hair_type": SMOOTH, "hair_up": "twin"},
    "pigtails": {"hair_length": "shoulder", "hair_type": SMOOTH, "hair_up": "twin"},
    "box_braids": {"hair_length": "long", "hair_type": "coily", "hair_up": "braids"},
    "cornrows": {"hair_length": "buzz", "hair_type": "coily", "hair_up": "braids"},
    "locs": {"hair_length": "long", "hair_type": "coily", "hair_up": "braids"},
    "afro_puff": {"hair_length": "short", "hair_type": "coily", "hair_up": "bun"},
    "receding": {"hair_length": "short", "hair_type": ("straight", "wavy", "curly"),
                 "receding": True},
    "balding": {"hair_length": "bald", "hair_type": None, "receding": True},
    "bald": {"hair_length": "bald", "hair_type": None},
}
"""What each hair option shows; a tuple: any of these (the option suits each). Unlisted
traits default to ``hair_up`` none, no ``bangs``, not ``receding``; a cut with bangs shows
its ``fringe`` where it is drawn blunt or swept, and a man's short cut how full it is on
top (``hair_top``: a crew cut close, a side part medium, a quiff full; the curly and coily
cuts say nothing of it: measured on close coils, it drew them taller, and paired reviewers
chose them without it). ``short_straight`` is
drawn with a fringe swept across the forehead, so it shows bangs: a man measured without
them gets ``side_part`` (paired blind review 21–11 and 19–13, docs/benchmarks.md).
``receding`` suits curls too: a receding hairline is what a friend sees first, and thin
white hair read curly drew John Paul II with a full ``curly_crop``. ``swept_back``, a
man's chin-length cut swept off a high forehead, suits a hairline either way: men whose
smooth hair reaches the chin had only women's cuts or ``curly_medium``'s curls.
``pigtails`` and ``space_buns`` show ``hair_up`` ``twin``, which analysis never asks for:
it finds hair up, not how many tails, and ``pigtails`` drew 4 of the 6 labelled people
whose hair was measured up (women with a bun or ponytail; blind reviewers named it)."""

SWEEP_SIDE = {"short_straight": "right", "pixie": "left", "short_layered": "right",
              "bob_swept": "right", "long_swept": "right"}
"""The side of the image each cut's swept fringe falls to as drawn; ``hair_flip``
mirrors it to the side measured (:func:`hair_flip`)."""
PART_SIDE = {"lob": "left", "long_side": "left", "long_wavy": "left", "lob_wavy_side": "left"}
"""The side of the image each side-parted cut without bangs is parted on as drawn."""


def _as_drawn(side: str | None, flip: str) -> str | None:
    """``side`` of the image, or the other one where the hair is drawn mirrored."""
    if side is None or flip == "none":
        return side
    return "left" if side == "right" else "right"


def fringe_side(hair: str, flip: str) -> str | None:
    """The side of the image cut ``hair``'s fringe falls to, drawn with ``hair_flip``
    ``flip`` (``None``: the cut sweeps no fringe to a side)."""
    return _as_drawn(SWEEP_SIDE.get(hair), flip)


def part_side(hair: str, flip: str) -> str | None:
    """The side of the image cut ``hair`` is parted on, drawn with ``hair_flip`` ``flip``
    (``None``: no side part without bangs)."""
    return _as_drawn(PART_SIDE.get(hair), flip)


def hair_flip(hair: str, wanted: Traits) -> str:
    """``mirrored`` where cut ``hair`` sweeps its fringe, or is parted, on the other side
    than the measured one, else ``none``."""
    for drawn, measured in ((fringe_side(hair, "none"), wanted.get("fringe_side")),
                            (part_side(hair, "none"), wanted.get("part_side"))):
        if drawn is not None and measured is not None and drawn != measured:
            return "mirrored"
    return "none"


GLASSES: dict[str, Traits] = {
    "none": {"glasses": "none", "glasses_frame": "none"},
    "round": {"glasses": "eyeglasses", "glasses_frame": "thin"},
    "wire": {"glasses": "eyeglasses", "glasses_frame": "thin"},
    "rectangular": {"glasses": "eyeglasses", "glasses_frame": "thick"},
    "cat_eye": {"glasses": "eyeglasses", "glasses_frame": "thick"},
    "rimless": {"glasses": "eyeglasses", "glasses_frame": "rimless"},
    "browline": {"glasses": "eyeglasses", "glasses_frame": "thick"},
    "oversized": {"glasses": "eyeglasses", "glasses_frame": "thick"},
    "aviator_sunglasses": {"glasses": "sunglasses", "glasses_frame": "thin"},
    "wayfarer_sunglasses": {"glasses": "sunglasses", "glasses_frame": "thick"},
}
"""What each glasses option shows. A thin frame is drawn as ``wire``, a soft rectangle of
thin metal and the likelier option where it ties with ``round``. Most thin frames are that
shape: two labelling passes found round lenses in 3 of the 133 photos with eyeglasses, and
blind reviewers preferred ``wire`` to ``round`` 14–3 and 11–6 (docs/benchmarks.md)."""
FACIAL_HAIR = {
    "none": "none", "stubble": "stubble", "mustache": "mustache", "pencil_mustache": "mustache",
    "handlebar": "mustache", "chevron": "mustache", "goatee": "goatee",
    "soul_patch": "goatee", "circle_beard": "goatee", "chin_strap": "beard",
    "short_beard": "beard", "full_beard": "beard", "mutton_chops": "beard",
    "long_beard": "beard",
}
HEADWEAR = {"none": "none", "cap": "hat", "beanie": "hat", "fedora": "hat",
            "headband": "none", "headscarf": "headscarf", "turban": "headscarf",
            "bucket_hat": "hat"}
MOUTH: dict[str, Traits] = {
    "neutral": {"smile": "none"}, "serious": {"smile": "none"}, "pout": {"smile": "none"},
    "soft_smile": {"smile": "closed"}, "smile": {"smile": "closed"},
    "smirk": {"smile": "closed"}, "grin": {"smile": "teeth", "mouth_open": "parted"},
    "open_smile": {"smile": "teeth", "mouth_open": "open"},
    "laugh": {"smile": "teeth", "mouth_open": "wide"},
    "tongue": {"smile": "teeth", "mouth_open": "open"}}
"""What each mouth shows: the smile, and how far a toothy one opens (its inner lips'
gap as the style's landmarks draw it: :data:`..traits.MOUTH_OPEN_CUTS`)."""
FRAME_COLORS = {"thick": "black", "thin": "silver", "rimless": "clear"}
"""Glasses colors by frame, where analysis measured no frame color (sunglasses, black and
white photos): thick frames are usually dark plastic, thin ones metal."""
CLOTHING = {"crew_tee": False, "v_neck": False, "hoodie": False, "collared_shirt": False,
            "blazer": True, "turtleneck": False, "sweater": False, "tank_top": False}
EYES = {"round": "round", "wide": "round", "almond": "almond", "narrow": "narrow",
        "hooded": "narrow", "monolid": "narrow", "sleepy": "narrow", "downturned": "downturned",
        "upturned": "upturned", "happy": None, "wink": None}
BROWS = {"natural": "medium", "straight": "medium", "arched": "medium", "soft_arch": "medium",
         "thin": "thin", "thick": "thick", "bushy": "thick", "angled": "medium",
         "rounded": "medium", "raised": None, "furrowed": None}
BROW_ARCH = {"arched", "soft_arch", "angled", "rounded"}
"""Brows shaped into an arch: a feminine presentation's cue (ART.md: hair, facial hair,
brows, lashes, jaw and lips carry gender)."""
NOSE = {"button": "short", "straight": "average", "wide": "wide", "narrow": "narrow",
        "roman": "long", "upturned": "short", "snub": "short", "broad": "wide", "pointed": "long"}
AGE_LINES = {"none": _YOUNG, "light": ("45-59",), "deep": ("60+",)}
LASHES = {"none": "male", "natural": "female", "long": "female"}

SCALARS = {name: name for name in (
    "face_width", "face_length", "jaw_width", "chin_shape", "cheek_fullness", "eye_size",
    "eye_spacing", "eye_tilt", "brow_thickness", "nose_width", "nose_length", "mouth_width",
    "lip_fullness", "mouth_height")}
DARK_TOP_L = 37.5
"""Under this L* a measured top under a jacket is dark and drawn as measured, over it light
(drawn as the style's white shirt): over the three labelled sets the measured tops' lightness is
thinnest from 35 to 40 (1 photo of 280 there, 3 from 30 to 35, 5 from 40 to 45), and white
shirts in shade measure anywhere from 40 up (no label names a shirt's color)."""
GRAY_BEARD_CHROMA = 10.0
GRAY_BEARD_LIGHTER = 20.0
"""A measured facial-hair color under this chroma (C*) and this much lighter (L*) than the
hair is a gray or white beard of its own color. Not fitted (no label names a beard's
color): set by looking at the measured colors of 7 bearded or mustached faceset people
(Mohammad Khatami's gray beard under a black turban, L* 25-45 over the hair; John
Bolton's white mustache; dark beards on light skin stay within 20 or are browner)."""
GRAY_BEARD_AGE = 45.0
"""Under this apparent age a beard follows the hair: gray beards under dark hair come with
age, and on younger faces the measured beard color is stubble blended with the skin
(Ben Affleck's stubble was drawn as a gray beard, named by reviewers in blind rounds 11
and 12). The edge of the age band 45-59 (:data:`facemoji.face.age_gender.AGE_BANDS`)."""

COLORS = {"skin": "skin", "hair": "hair_color", "eyes": "eye_color", "brows": "brow_color",
          "clothing": "clothing_color", "headwear_color": "headwear_color",
          "tie_color": "tie_color"}
# identity changed greedy's choice of these (docs/benchmarks.md); it never changed the
# colors, accessories, ears or cheeks, and gained at most 0.004 (mean score) for jaw,
# chin, lips, brow thickness, ear size and age lines. The hair is left to what was
# measured: among the cuts that fit it, the face descriptor (which barely sees hair)
# mostly swapped a side part for a crew cut, and paired blind reviewers preferred the
# measured cut 34–14 (2026-12-02)
SHAPE = ("face_width", "face_length", "eye_size", "eye_spacing", "eye_tilt",
         "nose_width", "nose_length", "mouth_width", "eyes", "lashes", "eyebrows", "nose",
         "mouth")


MASCULINE_CUTS = frozenset({"short_straight", "crew_cut", "side_part", "quiff", "pompadour",
                            "slicked_back", "undercut", "mohawk", "curtains", "messy",
                            "receding", "curly_crop", "swept_back"})
FEMININE_STYLES = frozenset({"short_curly", "pixie", "short_layered", "bob", "bob_swept", "lob",
                             "lob_wavy", "lob_wavy_side", "shag", "long_straight", "long_side",
                             "long_wavy", "long_wavy_center", "long_curly", "long_bangs",
                             "long_swept", "ponytail", "high_bun", "space_buns", "pigtails",
                             "box_braids", "afro_puff"})
"""Cuts that read as a man's or a woman's (the rest read as either): a woman whose hair
is pulled back shows little of it, and a men's crew cut is not what a friend sees. The
native ``short_curly`` is a full, rounded set of curls: on a man's face it reads as a
perm, where ``short_coily`` reads as close-cropped curls and ``curly_crop`` as a man's
short curls, fuller on top (drawn for a man whose curls are not coily: on light skin,
:data:`..measured.COILY_MONK`; where coily is possible the likelier ``short_coily``
wins the tie)."""


def hair_traits(option: str) -> Traits:
    """The visible traits of hair ``option`` (defaults filled in)."""
    presentation = ("male" if option in MASCULINE_CUTS else
                    "female" if option in FEMININE_STYLES else ("female", "male"))
    return {"hair_up": "none", "bangs": False, "receding": False,
            "hair_presentation": presentation, "coily": HAIR[option]["hair_type"] == "coily",
            **HAIR[option]}


def traits(params: Params) -> Traits:
    """The visible traits of a ``facemoji`` avatar."""
    headwear = params.choice("headwear")
    age = AGE_LINES[params.choice("age_lines")]
    return {
        **GLASSES[params.choice("glasses")],
        "facial_hair": FACIAL_HAIR[params.choice("facial_hair")],
        "headwear": HEADWEAR[headwear],
        **hair_traits(params.choice("hair")),
        "fringe_side": fringe_side(params.choice("hair"), params.choice("hair_flip")),
        "part_side": part_side(params.choice("hair"), params.choice("hair_flip")),
        **MOUTH[params.choice("mouth")],
        "age_band": age if len(age) > 1 else age[0],
        "gender": LASHES[params.choice("lashes")],
        "jacket": CLOTHING[params.choice("clothing")],
        "tie": params.choice("tie") == "tie" and _collared(params.schema,
                                                           params.choice("clothing")),
        "eye_shape": EYES[params.choice("eyes")],
        "brow_weight": BROWS[params.choice("eyebrows")],
        "brow_presentation": brow_presentation(params.choice("eyebrows")),
        "nose_shape": NOSE[params.choice("nose")],
        "lipstick": params["lip_color"] is not None,
        "glasses_color": _frame_color(params),
        "eye_color": _eye_color(params),
    }


def _eye_color(params: Params) -> str | None:
    feature = params.schema.feature("eye_color")
    assert isinstance(feature, Color)
    return eye_family(feature, params.color("eye_color"))


PRESET_NEAR = 10.0
"""A frame painted within this CIELAB distance of a glasses preset shows that preset (the
``search`` method nudges colors)."""


def _frame_color(params: Params) -> str | None:
    """The preset eyeglasses' frames are painted in, or near (:data:`PRESET_NEAR`);
    ``None`` without eyeglasses or in a color near no preset."""
    if GLASSES[params.choice("glasses")]["glasses"] != "eyeglasses":
        return None
    feature = params.schema.feature("glasses_color")
    assert isinstance(feature, Color)
    nearest, distance = _nearest_preset(feature, hex_to_lab(params.color("glasses_color")))
    return nearest.id if distance <= PRESET_NEAR else None


def _nearest_preset(feature: Color, lab: Any, among: Collection[str] | None = None
                    ) -> tuple[Preset, float]:
    """The preset of color ``feature`` nearest CIELAB ``lab`` (the first of equals), and
    its distance; only the presets whose ids are ``among``, where given."""
    presets = [p for p in feature.presets if among is None or p.id in among]
    lab = np.asarray(lab, np.float64)
    distances = [float(np.linalg.norm(np.asarray(hex_to_lab(p.hex)) - lab)) for p in presets]
    best = int(np.argmin(distances))
    return presets[best], distances[best]


EYE_FAMILIES = {"brown": ("dark_brown", "brown"), "hazel": ("hazel", "amber"),
                "green": ("green",), "blue": ("blue", "gray")}
"""The eye-color presets of each measured eye color's name (:mod:`facemoji.face.iris`)."""
EYE_FAMILY_OF = {preset: name for name, ids in EYE_FAMILIES.items() for preset in ids}
"""Each eye-color preset's name (:data:`EYE_FAMILIES`)."""


def eye_paint(feature: Color, lab: Any, name: str | None) -> Preset:
    """The eye-color preset for irises measured ``lab`` and named ``name``: the nearest
    preset of the name's family (:data:`EYE_FAMILIES`), or of all where it is unnamed. The
    name decides the hue because an iris's few, shaded pixels measure darker and duller
    than the eye looks: nearly every measured color lay nearest a brown."""
    return _nearest_preset(feature, lab, EYE_FAMILIES.get(name or ""))[0]


def eye_family(feature: Color, hex_color: str) -> str | None:
    """The name (:data:`EYE_FAMILIES`) of the eye color painted ``hex_color``."""
    return EYE_FAMILY_OF.get(_nearest_preset(feature, hex_to_lab(hex_color))[0].id)


def frame_paint(glasses: str | None, frame: str | None, measured: str | None) -> str | None:
    """The glasses preset a frame is painted in: the ``measured`` frame color on
    eyeglasses, else the color by ``frame`` kind (:data:`FRAME_COLORS`); ``None`` without
    a frame."""
    if glasses == "eyeglasses" and measured is not None:
        return measured
    return FRAME_COLORS.get(frame or "none")


def _collared(schema: Schema, clothing: str) -> bool:
    """Whether ``clothing`` has a collar that a tie is drawn under (its schema tag)."""
    return "collar" in schema.feature("clothing").option(clothing).tags


def _colors(measured: Measured, schema: Schema) -> dict[str, Any]:
    values: dict[str, Any] = {COLORS[k]: v for k, v in natural_colors(measured).items()}
    if "eyes" in measured.colors:
        eyes = schema.feature("eye_color")
        assert isinstance(eyes, Color)
        values["eye_color"] = eye_paint(eyes, measured.colors["eyes"][0],
                                        measured.trait("eye_color")).hex
    if measured.trait("lipstick") and "lips" in measured.colors:
        lips = schema.feature("lip_color")
        assert isinstance(lips, Color)
        lab = measured.colors["lips"][0]
        # the lips' hue decides; their measured lightness is mostly their shading
        values["lip_color"] = min((p.hex for p in lips.presets if p.weight >= 1.0),
                                  key=lambda h: float(np.linalg.norm(
                                      (hex_to_lab(h) - lab) * (0.25, 1.0, 1.0))))
    # a dark top under a jacket as measured; a light one stays the style's white shirt (a
    # light shirt's measured tint is mostly the photo's light: paired reviewers chose the
    # white over light shirts drawn in their measured tints)
    if "shirt_color" in measured.colors and measured.colors["shirt_color"][0][0] < DARK_TOP_L:
        values["shirt_color"] = lab_to_hex(tuple(measured.colors["shirt_color"][0]))
    # brows follow the hair, but gray and white hair often keeps darker brows
    if measured.hair_name in OWN_BROWS and "brows" in measured.colors \
            and "hair" in measured.colors:
        brows, hair = measured.colors["brows"][0], measured.colors["hair"][0]
        if brows[0] < hair[0] - 20:
            values["brow_color"] = lab_to_hex(tuple(natural_hair(brows, None)))
    # facial hair follows the hair too, but a gray or white beard often grows under darker
    # hair (or under a dark turban or cap, where the hair's color is the hat's)
    if "facial_hair_color" in measured.colors and "hair" in measured.colors:
        beard, hair = measured.colors["facial_hair_color"][0], measured.colors["hair"][0]
        if gray_beard(beard, hair, measured.age):
            values["facial_hair_color"] = lab_to_hex(tuple(natural_hair(beard, None)))
    return values


def gray_beard(beard: Any, hair: Any, age: float | None) -> bool:
    """Whether facial hair measured ``beard`` (CIELAB) is drawn gray or white of its own
    color rather than in the hair's (``hair``): under :data:`GRAY_BEARD_CHROMA` and
    :data:`GRAY_BEARD_LIGHTER` lighter than the hair, on a face of :data:`GRAY_BEARD_AGE`
    or more (``age`` ``None``: unknown, any)."""
    older = age is None or age >= GRAY_BEARD_AGE
    return older and float(np.hypot(beard[1], beard[2])) < GRAY_BEARD_CHROMA \
        and beard[0] > hair[0] + GRAY_BEARD_LIGHTER


def brow_presentation(option: str) -> str | tuple[str, ...]:
    """Whose brows ``option`` reads as: arched (:data:`BROW_ARCH`) a woman's, any other
    either. So a man is charged for arched brows, which the face descriptor chose for 7 of
    14 men of a blind round, and a woman is not charged for flat ones: forced into an arch,
    women's brows came out "stern" and "quizzical" to a looks reviewer (old 23–5) for
    little likeness (docs/benchmarks.md, "Brows that read as the person's presentation")."""
    return "female" if option in BROW_ARCH else ("female", "male")


def _brows(wanted: Traits, measured: Measured, schema: Schema) -> str:
    """Brows of the measured weight, arched for a feminine presentation."""
    feminine = wanted.get("gender") == "female"
    options = {o: w for o, w in BROWS.items() if w is not None
               and (o in BROW_ARCH) == feminine}
    return best_option(options, wanted, measured, schema, "eyebrows", "brow_weight")


VOLUME_PER_SD = 1.5
"""``hair_volume`` per standard deviation of the hair's measured spread beside the face
(``facemoji.match.measured.hair_spread``), clipped to ±1. Chosen by paired blind review:
against 0.75 (the brows' gain), two reviewers preferred 1.5 by 14–6 and 14–7 on the
faceset (2–1 and 1–2 on ``../shared``; docs/benchmarks.md). The first fit sets the volume
and it is no target of the objective's cheap terms: as one more scalar target it would
have diluted the pull of each face proportion. So greedy keeps it; only the identity term
of ``search`` may move it."""


def volume_for(spread_z: float) -> float:
    """``hair_volume`` for a spread ``spread_z`` standard deviations from the norm."""
    return round(float(np.clip(VOLUME_PER_SD * spread_z, -1.0, 1.0)), 3)


def hair_volume(measured: Measured) -> dict[str, float]:
    """``hair_volume`` for the measured spread (none where it was not measured)."""
    spread = measured.geometry_z.get("hair_volume")
    return {} if spread is None else {"hair_volume": volume_for(spread)}


GRAYING_FULL = 0.5
"""The :attr:`.Measured.hair_gray` drawn as fully graying (``hair_gray`` 1): from about
there the hair is named gray."""


def graying(measured: Measured) -> dict[str, float]:
    """``hair_gray`` for graying hair (:func:`facemoji.face.hair.graying_hair`): silver
    temples on dark, brown or blonde hair (none where it is named gray or white, or is not
    graying)."""
    share = measured.hair_gray
    if share is None or not graying_hair(measured.hair_name, share):
        return {}
    return {"hair_gray": round(min(1.0, share / GRAYING_FULL), 2)}


def forehead(measured: Measured) -> dict[str, float]:
    """``forehead`` for the measured forehead height (none where the hairline did not show
    it), as face proportions measured from pixels are drawn
    (:data:`..calibration.PIXEL_MEASURED`). Not one of :data:`SCALARS`: like
    ``hair_volume`` it is no target of the objective's cheap terms."""
    return scalar_values("facemoji", measured, {"forehead": "forehead"})


def initial(measured: Measured, schema: Schema) -> Params:
    """Params that show what ``measured`` found (see the module docstring)."""
    wanted = measured.traits
    values: dict[str, Any] = {
        "hair": best_option({o: hair_traits(o) for o in HAIR}, wanted, measured, schema,
                            "hair"),
        "glasses": best_option(GLASSES, wanted, measured, schema, "glasses"),
        "facial_hair": best_option(FACIAL_HAIR, wanted, measured, schema, "facial_hair",
                                   "facial_hair"),
        "headwear": best_option(HEADWEAR, wanted, measured, schema, "headwear", "headwear"),
        "mouth": best_option(MOUTH, wanted, measured, schema, "mouth"),
        "lashes": best_option(LASHES, wanted, measured, schema, "lashes", "gender"),
        "age_lines": best_option(AGE_LINES, wanted, measured, schema, "age_lines",
                                 "age_band"),
        "clothing": best_option(CLOTHING, wanted, measured, schema, "clothing", "jacket"),
        "eyes": best_option(EYES, wanted, measured, schema, "eyes", "eye_shape"),
        "nose": best_option(NOSE, wanted, measured, schema, "nose", "nose_shape"),
        "eyebrows": _brows(wanted, measured, schema),
    }
    values["hair_flip"] = hair_flip(values["hair"], wanted)
    # a tie only where the clothing has a collar to tie it under (the tie model, fitted on
    # photos with a jacket, drew ties on a quarter of the open collars and T-shirts)
    if wanted.get("tie") and _collared(schema, values["clothing"]):
        values["tie"] = "tie"
    paint = frame_paint(wanted.get("glasses"), wanted.get("glasses_frame"),
                        wanted.get("glasses_color"))
    if paint is not None:
        values["glasses_color"] = paint
    values.update(_colors(measured, schema))
    values.update(scalar_values(schema.style, measured, SCALARS))
    values.update(hair_volume(measured))
    values.update(graying(measured))
    values.update(forehead(measured))
    return schema.params(values)


FACEMOJI = StyleMapping(COLORS, SCALARS, initial, traits, SHAPE)
