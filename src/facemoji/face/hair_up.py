"""Hair worn up (a bun, a ponytail, braids) or down, from the hair's outline and profile.

Hair pulled back leaves the outline of a short cut on a face that presents as a woman's:
little hair beside the face and the neck, a crown close to the head. A learned model
(:mod:`.learned`, fitted by ``scripts/fit_measures.py``) reads the hair-type features
(:func:`.hair_type.type_features`: the hair's area, texture, height, width and fullness)
and the hair-length model's input (:func:`.hair_length.length_vector`: the lateral hair
profile and presentation). It does not say which up-do: the labelled photos hold too few
of each (25 buns, 19 ponytails, 7 braids on the faceset). No model, or no hair read: no
answer (``None``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

UP_DOS = ("bun", "ponytail", "braids")
"""The ``hair_up`` trait values (``facemoji.match.traits``) that hair found up stands for."""


def up_vector(type_features: NDArray[np.float64], length_features: NDArray[np.float64]
              ) -> NDArray[np.float64]:
    """The model's input: the hair-type features and the hair-length model's input."""
    return np.concatenate([type_features, length_features])


def decide_hair_up(type_features: NDArray[np.float64] | None,
                   length_features: NDArray[np.float64]) -> tuple[bool | None, float]:
    """Whether the hair is worn up, and the model's probability of that answer (``None``,
    0 without a fitted model or without hair to read)."""
    from .learned import model

    learned = model("hair_up")
    if type_features is None or learned is None:
        return None, 0.0
    name, probability = learned.predict(up_vector(type_features, length_features))
    return name == "up", probability
