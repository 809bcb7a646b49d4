"""The pieces every style's mapping is made of: :class:`StyleMapping`, the cheapest option
for the measured traits (:func:`best_option`) and the natural colors to paint
(:func:`natural_colors`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ...avatar.color import lab_to_hex
from ...avatar.schema import Choice, Params, Schema
from ..measured import Measured
from ..natural import monk_skin, natural_hair
from ..traits import Traits, mismatch


@dataclass(frozen=True)
class StyleMapping:
    """How measurements land on one style's schema.

    ``colors`` maps a measured color name to a color feature; ``scalars`` maps a
    ``geometry_z`` key to a scalar feature; ``initial(measured, schema)`` builds params;
    ``traits(params)`` reads an avatar's visible traits back (an empty dict: the style
    cannot tell). ``shape`` lists the features worth an identity evaluation (shapes the
    photos do not measure well); the others are chosen by the cheap terms alone.
    ``None``: every feature.
    """

    colors: Mapping[str, str]
    scalars: Mapping[str, str]
    initial: Callable[[Measured, Schema], Params]
    traits: Callable[[Params], Traits]
    shape: tuple[str, ...] | None = None


def best_option(options: Mapping[str, Any], wanted: Traits, measured: Measured, schema: Schema,
                feature: str, key: str | None = None) -> str:
    """The option of ``feature`` whose traits cost least against the ``wanted`` ones (the
    measured traits, weighted by ``measured.confidence``); ties go to the likelier option.

    ``options[option]`` is that option's traits, or with ``key`` the value of trait ``key``.
    Options missing from ``options`` are not considered.
    """
    choice = schema.feature(feature)
    assert isinstance(choice, Choice)

    def cost(option: str) -> tuple[float, float]:
        shown = options[option] if key is None else {key: options[option]}
        return mismatch(shown, wanted, measured.confidence), -choice.option(option).weight

    return min((o for o in choice.ids if o in options), key=cost)


def scalar_values(style: str, measured: Measured, scalars: Mapping[str, str]
                  ) -> dict[str, float]:
    """Each mapped scalar's value for the measured geometry: the value whose avatar shows
    the measured ratio's z-score among avatars (:mod:`..calibration`)."""
    from ..calibration import scalar_for

    return {feature: round(scalar_for(style, feature, key, measured.geometry_z[key]), 3)
            for key, feature in scalars.items() if key in measured.geometry_z}


def natural_colors(measured: Measured) -> dict[str, str]:
    """``skin`` and ``hair`` as an avatar should paint them (``#rrggbb``): the skin from its
    Monk tone, the hair on the natural scale its name allows (:mod:`..natural`), and
    ``clothing``, ``headwear_color`` and ``tie_color`` as measured; each only where it was
    measured."""
    out: dict[str, str] = {}
    if "skin" in measured.colors:
        lab = measured.colors["skin"][0]
        out["skin"] = lab_to_hex(tuple(monk_skin(measured.monk, lab))) \
            if measured.monk is not None else lab_to_hex(tuple(lab))
    if "hair" in measured.colors:
        out["hair"] = lab_to_hex(tuple(natural_hair(measured.colors["hair"][0],
                                                    measured.hair_name,
                                                    by_lightness=measured.grayscale)))
    for name in ("clothing", "headwear_color", "tie_color"):
        if name in measured.colors:
            out[name] = lab_to_hex(tuple(measured.colors[name][0]))
    return out
