"""From what photos show to a style's params, and back.

Each style gets a :class:`StyleMapping`: which of its color and scalar features the
measurements land on, how to build params from a :class:`~facemoji.match.measured.Measured`
(``method="attributes"``), and how to read an avatar's visible traits
(:mod:`facemoji.match.traits`) back from params, so that the objective can charge an
avatar for showing what the photos do not. :data:`MAPPINGS` picks one by style name; a
style without one keeps its defaults and is matched by identity alone.
"""

from __future__ import annotations

from ...avatar.schema import Params, Schema
from ..measured import Measured
from .avataaars import AVATAARS
from .base import StyleMapping, best_option, natural_colors
from .facemoji import FACEMOJI

__all__ = ["GENERIC", "MAPPINGS", "StyleMapping", "best_option", "initial_params",
           "mapping_for", "natural_colors"]

GENERIC = StyleMapping({}, {}, lambda measured, schema: schema.defaults(), lambda params: {})
"""For styles without a mapping: defaults, and no measured terms."""

MAPPINGS: dict[str, StyleMapping] = {"facemoji": FACEMOJI, "avataaars": AVATAARS}
"""Style name → its mapping."""


def mapping_for(style: str) -> StyleMapping:
    """The mapping of ``style`` (the generic one if it has none)."""
    return MAPPINGS.get(style, GENERIC)


def initial_params(measured: Measured, schema: Schema) -> Params:
    """Params that match ``measured`` directly: colors, geometry, traits."""
    return mapping_for(schema.style).initial(measured, schema)
