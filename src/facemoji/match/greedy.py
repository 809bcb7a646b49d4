"""The original experiment's feature-by-feature choice, with rankings.

For each feature in turn, every option is tried with the other features fixed and the
best is kept; rounds repeat until nothing changes or ``rounds`` is reached. Choices try
all their options, colors their presets (plus the current color, and "follow" where
allowed), scalars a grid over their range.

The identity embedding is the expensive part (about 56 ms of one core per avatar). A
``shortlist`` per feature says how many of its options, best by the cheap terms, also
get the identity term; features with a shortlist of 0 are chosen by the cheap terms
alone (what photos measure directly: colors, accessories).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..avatar.schema import Choice, Color, Feature, Params, Schema, Value
from .objective import Evaluation, Objective

log = logging.getLogger(__name__)

Ranking = list[tuple[Value, float]]
"""``[(option, score), ...]``, best first."""

Shortlist = int | Mapping[str, int] | None
"""Options per feature that get the identity term: one number for every feature, a
mapping ``{feature: n}`` (features not in it: 0, cheap terms only), or ``None`` (all)."""


@dataclass(frozen=True)
class GreedyResult:
    """The chosen params, their evaluation, every feature's last ranking and the number
    of avatars scored."""

    params: Params
    evaluation: Evaluation
    rankings: dict[str, Ranking]
    evaluations: int


def candidates(feature: Feature, current: Value, scalar_grid: int = 5) -> list[Value]:
    """The values greedy tries for ``feature`` (the current value always among them)."""
    if isinstance(feature, Choice):
        values: list[Value] = list(feature.ids)
    elif isinstance(feature, Color):
        values = [p.hex for p in feature.presets] + ([None] if feature.follows else [])
    else:
        values = [round(float(v), 4) for v in np.linspace(feature.lo, feature.hi, scalar_grid)]
    if current not in values:
        values.append(current)
    return values


def rank_feature(
    objective: Objective,
    params: Params,
    name: str,
    *,
    scalar_grid: int = 5,
    shortlist: int | None = None,
    identity_offset: float = 0.0,
) -> Ranking:
    """Score every candidate value of feature ``name`` with the others fixed.

    With ``shortlist``, all candidates are scored by the cheap terms and only the best
    ``shortlist`` of them (and the current value) get the identity term too; the others
    rank below them by their cheap score. With ``shortlist=0`` no candidate gets the
    identity term and ``identity_offset`` (the weighted identity they are assumed to
    share) is added to every cheap score.
    """
    feature = params.schema.feature(name)
    values = candidates(feature, params[name], scalar_grid)
    current = values.index(params[name])
    variants = [params.set(name, v) for v in values]

    def best_first(scores: Sequence[float]) -> list[int]:
        # ties keep the current value (then the schema's order): a feature nothing
        # measures, like the color of glasses, stays as the initial fit set it
        return sorted(range(len(scores)), key=lambda i: (-scores[i], i != current, i))

    if shortlist is None or not objective.has_identity:
        scores = [e.score for e in objective.evaluate(variants)]
        return [(values[i], float(scores[i])) for i in best_first(scores)]
    cheap = [e.score for e in objective.evaluate(variants, identity=False)]
    by_cheap = best_first(cheap)
    if shortlist <= 0:
        return [(values[i], cheap[i] + identity_offset) for i in by_cheap]
    keep = list(dict.fromkeys([*by_cheap[:shortlist], current]))
    full = [e.score for e in objective.evaluate([variants[i] for i in keep])]
    top = [(values[keep[j]], full[j]) for j in sorted(
        range(len(keep)), key=lambda j: (-full[j], keep[j] != current, keep[j]))]
    floor = top[-1][1] if top else 0.0
    rest = [(values[i], min(floor, cheap[i])) for i in by_cheap if i not in keep]
    return top + rest


def visit_order(schema: Schema) -> list[str]:
    """The schema's features in order, except that a color that may follow another (brows
    that follow the hair) comes just before the color it follows.

    A follower visited after the color it follows leaves that color open to its pull: with
    the brows following the hair, the hair's choice also paid for the brows' distance to
    their own measured color, so gray hair with darker brows came out dark (and, while all
    brows were charged, a black-haired woman whose brows measured lighter came out gray).
    Visited first, the follower settles (on its own color where the followed one is far
    from its target), and the followed color is then chosen for itself.
    """
    names = list(schema.names)
    for feature in schema.features:
        if isinstance(feature, Color) and feature.follows in names:
            names.remove(feature.name)
            names.insert(names.index(feature.follows), feature.name)
    return names


def _per_feature(shortlist: Shortlist, names: Sequence[str]) -> dict[str, int | None]:
    if shortlist is None or isinstance(shortlist, int):
        return {name: shortlist for name in names}
    return {name: int(shortlist.get(name, 0)) for name in names}


def greedy(
    objective: Objective,
    start: Params,
    *,
    order: Sequence[str] | None = None,
    rounds: int = 2,
    scalar_grid: int = 5,
    shortlist: Shortlist = None,
    progress: Callable[[int], None] | None = None,
) -> GreedyResult:
    """Choose features one at a time from ``start`` (see the module docstring).

    ``order`` lists the features to visit (default: every feature, :func:`visit_order`);
    ``shortlist`` as in :data:`Shortlist`; ``progress`` is called with 1 after each
    feature.
    """
    names = list(order) if order is not None else visit_order(start.schema)
    for name in names:
        start.schema.feature(name)  # unknown names fail before any work
    sizes = _per_feature(shortlist, names)
    params = start
    rankings: dict[str, Ranking] = {}
    before = objective.eval_count
    for r in range(max(1, rounds)):
        changed = False
        for name in names:
            ranking = rank_feature(objective, params, name, scalar_grid=scalar_grid,
                                   shortlist=sizes[name])
            rankings[name] = ranking
            best = ranking[0][0]
            if best != params[name]:
                params = params.set(name, best)
                changed = True
            if progress:
                progress(1)
        log.info("greedy round %d: %s", r + 1, "changed" if changed else "stable")
        if not changed:
            break
    evaluation = objective.evaluate([params])[0]
    identity = evaluation.terms.get("identity")
    if identity is not None:
        # cheap-only rankings, around the final params and on the final score's scale
        offset = objective.weights.identity * identity
        for name in names:
            if sizes[name] == 0:
                rankings[name] = rank_feature(objective, params, name, scalar_grid=scalar_grid,
                                              shortlist=0, identity_offset=offset)
    return GreedyResult(params, evaluation, rankings, objective.eval_count - before)
