"""From measured face attributes to avatar params (``method="attributes"``).

:func:`fuse` merges the attributes of several photos of one person into a
:class:`Measured` (median colors, majority votes, mean geometry). Each style gets a
small :class:`StyleMapping`: which color and scalar features the measurements land on,
how to build the initial params, and how to read an avatar's traits (glasses, facial
hair, baldness, headwear) back from params. :data:`MAPPINGS` picks one by style name;
a style without a mapping keeps its defaults.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..avatar.color import lab_to_hex
from ..avatar.schema import Params, Schema

COLOR_NAMES = ("skin", "hair", "eyes", "brows")
"""The colors face analysis measures."""

Traits = dict[str, Any]
"""An avatar's (or a person's) ``glasses``, ``facial_hair``, ``headwear`` (category
strings as face analysis names them) and ``bald`` (bool)."""


@dataclass(frozen=True)
class Measured:
    """What the photos of one person show, fused over photos.

    ``colors`` maps ``skin``/``hair``/``eyes``/``brows`` to ``(lab (3,), confidence)``;
    categorical traits hold face analysis's category names; ``geometry_z`` holds
    z-scores keyed like the native style's scalars.
    """

    colors: Mapping[str, tuple[np.ndarray, float]] = field(default_factory=dict)
    hair_name: str | None = None
    bald: bool = False
    receding: bool = False
    glasses: str = "none"
    facial_hair: str = "none"
    headwear: str = "none"
    geometry_z: Mapping[str, float] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def traits(self) -> Traits:
        """The categorical traits compared with an avatar's."""
        return {"glasses": self.glasses, "facial_hair": self.facial_hair,
                "headwear": self.headwear, "bald": self.bald}

    def hex(self, name: str) -> str | None:
        """The measured color ``name`` as ``#rrggbb`` (``None`` if not measured)."""
        if name not in self.colors:
            return None
        return lab_to_hex(self.colors[name][0])


def _majority(values: Sequence[Any], default: Any) -> Any:
    values = [v for v in values if v is not None]
    return Counter(values).most_common(1)[0][0] if values else default


def fuse(analyses: Sequence[Any]) -> Measured:
    """Merge the ``.attributes`` of several ``FaceAnalysis`` of one person."""
    attrs = [a.attributes for a in analyses if getattr(a, "attributes", None) is not None]
    colors: dict[str, tuple[np.ndarray, float]] = {}
    for name in COLOR_NAMES:
        found = [getattr(at, name, None) for at in attrs]
        found = [c for c in found if c is not None and getattr(c, "lab", None) is not None]
        if found:
            labs = np.array([np.asarray(c.lab, np.float64) for c in found])
            conf = float(np.mean([float(getattr(c, "confidence", 1.0)) for c in found]))
            colors[name] = (np.median(labs, axis=0), conf)
    keys = sorted({k for at in attrs for k in (getattr(at, "geometry_z", None) or {})})
    geometry = {
        k: float(np.mean([at.geometry_z[k] for at in attrs if k in (at.geometry_z or {})]))
        for k in keys
    }
    votes = lambda name: [getattr(at, name, None) for at in attrs]  # noqa: E731
    return Measured(
        colors=colors,
        hair_name=_majority(votes("hair_name"), None),
        bald=bool(_majority([bool(v) for v in votes("bald") if v is not None], False)),
        receding=bool(_majority([bool(v) for v in votes("receding") if v is not None], False)),
        glasses=str(_majority(votes("glasses"), "none")),
        facial_hair=str(_majority(votes("facial_hair"), "none")),
        headwear=str(_majority(votes("headwear"), "none")),
        geometry_z=geometry,
        extra={"hair_length": _majority(votes("hair_length"), None)},
    )


@dataclass(frozen=True)
class StyleMapping:
    """How measurements land on one style's schema.

    ``colors`` maps a measured color name to a color feature; ``scalars`` maps a
    ``geometry_z`` key to a scalar feature (value ``clip(z / 2, lo, hi)``);
    ``initial(measured, schema)`` builds params; ``traits(params)`` reads an avatar's
    traits back (an empty dict: the style cannot tell). ``shape`` lists the features
    worth an identity evaluation (shapes the photos do not measure well); the others
    (colors, accessories, what the chip barely shows) are chosen by the cheap terms
    alone. ``None``: every feature.
    """

    colors: Mapping[str, str]
    scalars: Mapping[str, str]
    initial: Callable[[Measured, Schema], Params]
    traits: Callable[[Params], Traits]
    shape: tuple[str, ...] | None = None


def _scalar_values(measured: Measured, schema: Schema, scalars: Mapping[str, str]) -> dict:
    out = {}
    for key, feature in scalars.items():
        if key in measured.geometry_z and feature in schema:
            f = schema.feature(feature)
            out[feature] = round(f.clip(measured.geometry_z[key] / 2.0), 3)  # type: ignore[union-attr]
    return out


# --- the native style -----------------------------------------------------------------

_FM_GLASSES = {"none": "none", "eyeglasses": "rectangular", "sunglasses": "wayfarer_sunglasses"}
_FM_FACIAL_HAIR = {"none": "none", "stubble": "stubble", "mustache": "mustache",
                   "goatee": "goatee", "beard": "short_beard"}
_FM_HEADWEAR = {"none": "none", "hat": "cap", "headscarf": "headscarf"}
_FM_HAIR_BY_LENGTH = {"short": "short_straight", "medium": "bob", "long": "long_straight"}
_FM_BEARD_KIND = {
    "stubble": "stubble", "mustache": "mustache", "pencil_mustache": "mustache",
    "handlebar": "mustache", "chevron": "mustache", "goatee": "goatee",
    "soul_patch": "goatee", "circle_beard": "goatee", "chin_strap": "beard",
    "short_beard": "beard", "full_beard": "beard", "mutton_chops": "beard",
    "long_beard": "beard",
}
_FM_SCALARS = {name: name for name in (
    "face_width", "face_length", "jaw_width", "chin_shape", "cheek_fullness", "eye_size",
    "eye_spacing", "eye_tilt", "brow_thickness", "nose_width", "nose_length", "mouth_width",
    "lip_fullness")}
_FM_COLORS = {"skin": "skin", "hair": "hair_color", "eyes": "eye_color", "brows": "brow_color"}
# identity changed greedy's choice of these (docs/benchmarks.md); it never changed the
# colors, accessories, ears or cheeks, and gained at most 0.004 (mean score) for jaw,
# chin, lips, brow thickness, ear size and age lines
_FM_SHAPE = ("hair", "face_width", "face_length", "eye_size", "eye_spacing", "eye_tilt",
             "nose_width", "nose_length", "mouth_width", "eyes", "lashes", "eyebrows", "nose",
             "mouth")


def _facemoji_traits(params: Params) -> Traits:
    glasses = params.choice("glasses")
    headwear = params.choice("headwear")
    return {
        "glasses": "none" if glasses == "none" else
        "sunglasses" if glasses.endswith("_sunglasses") else "eyeglasses",
        "facial_hair": _FM_BEARD_KIND.get(params.choice("facial_hair"), "none"),
        "headwear": "none" if headwear == "none" else
        "headscarf" if headwear in ("headscarf", "turban") else "hat",
        "bald": params.choice("hair") == "bald",
    }


def _facemoji_initial(measured: Measured, schema: Schema) -> Params:
    values: dict[str, Any] = {
        "mouth": "neutral",
        "glasses": _FM_GLASSES.get(measured.glasses, "none"),
        "facial_hair": _FM_FACIAL_HAIR.get(measured.facial_hair, "none"),
        "headwear": _FM_HEADWEAR.get(measured.headwear, "none"),
    }
    if measured.bald:
        values["hair"] = "bald"
    elif measured.receding:
        values["hair"] = "receding"
    elif measured.extra.get("hair_length") in _FM_HAIR_BY_LENGTH:
        values["hair"] = _FM_HAIR_BY_LENGTH[measured.extra["hair_length"]]
    for name in ("skin", "hair", "eyes"):
        color = measured.hex(name)
        if color is not None:
            values[_FM_COLORS[name]] = color
    # brows follow the hair unless they were measured clearly different
    if "brows" in measured.colors and "hair" in measured.colors:
        from skimage.color import deltaE_ciede2000

        if float(deltaE_ciede2000(measured.colors["brows"][0], measured.colors["hair"][0])) > 12:
            values["brow_color"] = measured.hex("brows")
    if measured.hair_name in ("gray", "white"):
        values["age_lines"] = "light"
    values.update(_scalar_values(measured, schema, _FM_SCALARS))
    return schema.params(values)


FACEMOJI = StyleMapping(_FM_COLORS, _FM_SCALARS, _facemoji_initial, _facemoji_traits, _FM_SHAPE)


# --- avataaars ------------------------------------------------------------------------

_AV_GLASSES = {"none": "none", "eyeglasses": "prescription_2", "sunglasses": "sunglasses"}
_AV_FACIAL_HAIR = {"none": "none", "stubble": "beard_light", "mustache": "moustache_fancy",
                   "goatee": "beard_light", "beard": "beard_medium"}
_AV_HEADWEAR = {"none": "none", "hat": "winter_hat_1", "headscarf": "hijab"}
_AV_GLASSES_KIND = {"prescription_1": "eyeglasses", "prescription_2": "eyeglasses",
                    "round": "eyeglasses", "eyepatch": "eyepatch"}
_AV_BEARD_KIND = {"beard_light": "stubble", "beard_medium": "beard", "beard_magestic": "beard",
                  "wick_beard": "beard", "moustache_fancy": "mustache",
                  "moustache_magnum": "mustache", "einstein_moustache": "mustache"}
_AV_COLORS = {"skin": "skin", "hair": "hair_color"}


def _avataaars_traits(params: Params) -> Traits:
    glasses = params.choice("glasses")
    headwear = params.choice("headwear")
    return {
        "glasses": "none" if glasses == "none" else _AV_GLASSES_KIND.get(glasses, "sunglasses"),
        "facial_hair": _AV_BEARD_KIND.get(params.choice("facial_hair"), "none"),
        "headwear": "none" if headwear == "none" else
        "headscarf" if headwear in ("hijab", "turban") else "hat",
        "bald": params.choice("hair") == "none",
    }


def _avataaars_initial(measured: Measured, schema: Schema) -> Params:
    values: dict[str, Any] = {
        "mouth": "default", "eyes": "default", "eyebrows": "default_natural",
        "glasses": _AV_GLASSES.get(measured.glasses, "none"),
        "facial_hair": _AV_FACIAL_HAIR.get(measured.facial_hair, "none"),
        "headwear": _AV_HEADWEAR.get(measured.headwear, "none"),
    }
    if measured.bald:
        values["hair"] = "none"
    elif measured.receding:
        values["hair"] = "sides"
    for name, feature in _AV_COLORS.items():
        color = measured.hex(name)
        if color is not None:
            values[feature] = color
    return schema.params({k: v for k, v in values.items() if k in schema})


AVATAARS = StyleMapping(_AV_COLORS, {}, _avataaars_initial, _avataaars_traits,
                        ("hair", "eyebrows", "eyes", "nose", "mouth"))


# --- fallback and lookup --------------------------------------------------------------

GENERIC = StyleMapping({}, {}, lambda measured, schema: schema.defaults(), lambda params: {})
"""For styles without a mapping: defaults, and no measured terms."""

MAPPINGS: dict[str, StyleMapping] = {"facemoji": FACEMOJI, "avataaars": AVATAARS}
"""Style name → its mapping."""


def mapping_for(style: str) -> StyleMapping:
    """The mapping of ``style`` (the generic one if it has none)."""
    return MAPPINGS.get(style, GENERIC)


def initial_params(measured: Measured, schema: Schema) -> Params:
    """Params that match ``measured`` directly: colors, geometry and accessories."""
    return mapping_for(schema.style).initial(measured, schema)

