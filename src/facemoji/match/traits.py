"""The visible traits a person and an avatar share, and what a mismatch costs.

Face analysis measures a person's traits (each with a confidence); a style's mapping reads
the same traits off an avatar's params. :func:`mismatch` prices the difference, and the
objective's *attributes* term charges it, so that measurement decides what is visible
(hair length, glasses, beard, smile, age, presentation) and the identity term only
chooses among avatars that agree with it.

Trait values (strings; a bool for ``receding`` and ``bangs``):

==================  ==========================================================
trait               values
==================  ==========================================================
glasses             none, eyeglasses, sunglasses
glasses_frame       none, thick, thin, rimless
glasses_color       black, tortoise, gold, silver, clear  (eyeglasses' frame; an
                    avatar may also show red or navy, which analysis does not name)
facial_hair         none, stubble, mustache, goatee, beard
headwear            none, hat, headscarf
receding            bool
hair_length         bald, buzz, short, chin, shoulder, long  (ordered; bald is a length)
hair_type           straight, wavy, curly, coily  (ordered; analysis asks for straight,
                    or for curly or coily)
hair_up             none, bun, ponytail, braids, twin  (twin: two buns or tails; analysis
                    asks for none, or for any of bun, ponytail or braids: it cannot
                    tell two tails from one, and an adult's hair pulled back is seldom
                    in two)
coily               bool  (a cut of coily hair: close-cropped coils, an afro, cornrows,
                    box braids, locs; a person on light skin asks for none)
bangs               bool
fringe              blunt, swept  (how bangs fall: cut straight across, or swept to
                    one side)
fringe_side         left, right  (the side of the image a swept fringe falls to)
hair_top            close, medium, full  (ordered; how full short hair is on top)
hair_part           center, side  (where hair to the chin or longer, without bangs, is
                    parted)
part_side           left, right  (the side of the image a side part is on)
smile               none, closed, teeth  (ordered)
mouth_open          parted, open, wide  (ordered; how far a smile showing teeth opens)
age_band            18-29, 30-44, 45-59, 60+  (ordered)
gender              female, male
jacket              bool  (a jacket, blazer or coat over a shirt or top)
tie                 bool  (a necktie)
lipstick            bool  (colored lips)
hair_presentation   female, male  (whose cut it reads as; for a person: their gender)
brow_presentation   female, male  (arched brows read as a woman's, flat ones as
                    either; for a person: their gender)
eye_shape           round, narrow, upturned, downturned, almond
brow_weight         thin, medium, thick
nose_shape          wide, narrow, long, short, average
eye_color           brown, hazel, green, blue  (the irises' color)
==================  ==========================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

Traits = dict[str, Any]
"""Trait name → value (see the module docstring)."""

HAIR_LENGTHS = ("bald", "buzz", "short", "chin", "shoulder", "long")
LONG_HAIR = frozenset(("chin", "shoulder", "long"))
"""Hair that reaches the jaw: the line a friend notices first."""
SMILES = ("none", "closed", "teeth")
MOUTH_OPENINGS = ("parted", "open", "wide")
MOUTH_OPEN_CUTS = (0.16, 0.244)
"""The inner-lip gaps (over the eye distance) between :data:`MOUTH_OPENINGS`: the
midpoints between the native style's grin, open smile and laugh as its own landmarks
draw them (0.115, 0.205, 0.283), so that a smile shows the drawn mouth nearest its own
opening. Over the labelled photos whose smile shows teeth, the gap's median is 0.18 and
its 10th and 90th percentiles 0.11 and 0.28."""
AGE_BANDS = ("18-29", "30-44", "45-59", "60+")
HAIR_TYPES = ("straight", "wavy", "curly", "coily")
HAIR_TOPS = ("close", "medium", "full")
ORDERED = {"hair_length": HAIR_LENGTHS, "smile": SMILES, "age_band": AGE_BANDS,
           "hair_type": HAIR_TYPES, "mouth_open": MOUTH_OPENINGS, "hair_top": HAIR_TOPS}

WEIGHTS: dict[str, float] = {
    "glasses": 1.0, "glasses_frame": 0.3, "glasses_color": 0.3, "facial_hair": 1.0,
    "headwear": 1.0,
    "receding": 0.5, "hair_length": 0.6, "hair_type": 0.5, "hair_up": 0.5,
    "bangs": 0.4, "fringe": 0.3, "fringe_side": 0.2, "hair_top": 0.3,
    "hair_part": 0.3, "part_side": 0.2,
    "smile": 0.5, "mouth_open": 0.3, "age_band": 0.3, "gender": 1.0,
    "jacket": 0.3, "tie": 0.3,
    "lipstick": 0.5, "hair_presentation": 0.4, "brow_presentation": 0.4,
    "eye_shape": 0.2, "brow_weight": 0.2, "nose_shape": 0.2, "eye_color": 0.2,
}
"""What a full mismatch of each trait costs, in units of the objective's *attributes*
term; ordered traits cost this per step, and hair across the short/long line (see
:data:`LONG_HAIR`) costs :data:`LONG_LINE` more."""
LONG_LINE = 1.5

HINTS = frozenset(("eye_shape", "brow_weight", "nose_shape"))
"""Traits read off the geometry z-scores by rules no label checked (see
:func:`.measured.shape_traits`): they choose the starting point, but the objective does
not charge for them, so the identity term decides the eyes, brows and nose. Charging them
(weight 0.2) cut the identity benchmark's top-1 from 0.68 to 0.35 on the same analyses."""


def mouth_opening(gap: float) -> str:
    """The :data:`MOUTH_OPENINGS` name of an inner-lip ``gap`` (see :data:`MOUTH_OPEN_CUTS`)."""
    return MOUTH_OPENINGS[int(np.searchsorted(MOUTH_OPEN_CUTS, gap))]


def _cost(name: str, shown: Any, wanted: Any) -> float:
    """The unweighted cost of showing ``shown`` for a measured ``wanted`` (a tuple on either
    side: the cheapest of its values)."""
    if isinstance(shown, tuple):
        return min(_cost(name, value, wanted) for value in shown)
    if isinstance(wanted, tuple):
        return min(_cost(name, shown, value) for value in wanted)
    if shown == wanted:
        return 0.0
    if name not in ORDERED:
        return 1.0
    order = ORDERED[name]
    steps = float(abs(order.index(shown) - order.index(wanted)))
    if name == "hair_length" and (shown in LONG_HAIR) != (wanted in LONG_HAIR):
        steps += LONG_LINE
    return steps


def mismatch(avatar: Mapping[str, Any], person: Mapping[str, Any],
             confidence: Mapping[str, float] | None = None) -> float:
    """The cost of ``avatar``'s traits against the ``person``'s measured ones.

    Only traits both sides have are compared (a style that cannot show a trait, or a
    trait that was not measured, costs nothing); an avatar trait given as a tuple suits
    each of its values, and so does a measured tuple (a group the measure cannot split).
    Each trait costs :data:`WEIGHTS` per step (ordered traits) or per
    mismatch, times the measurement's ``confidence`` (default 1).
    """
    confidence = confidence or {}
    total = 0.0
    for name, wanted in person.items():
        shown = avatar.get(name)
        if wanted is None or shown is None:
            continue
        cost = _cost(name, shown, wanted)
        if cost:
            total += WEIGHTS.get(name, 1.0) * float(confidence.get(name, 1.0)) * cost
    return total
