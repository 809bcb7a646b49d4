"""The original experiment's feature-by-feature choice, with rankings.

For each feature in turn, every option is tried with the other features fixed and the
best is kept; rounds repeat until nothing changes or ``rounds`` is reached. Choices try
all their options, colors their presets (plus the current color, and "follow" where
allowed), scalars a grid over their range.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..avatar.schema import Choice, Color, Feature, Params, Value
from .objective import Evaluation, Objective

log = logging.getLogger(__name__)

Ranking = list[tuple[Value, float]]
"""``[(option, score), ...]``, best first."""


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
) -> Ranking:
    """Score every candidate value of feature ``name`` with the others fixed.

    With ``shortlist``, all candidates are scored by the cheap terms and only the best
    ``shortlist`` of them (and the current value) get the identity term too; the others
    rank below them by their cheap score.
    """
    feature = params.schema.feature(name)
    values = candidates(feature, params[name], scalar_grid)
    variants = [params.set(name, v) for v in values]
    if shortlist is None or not objective.has_identity:
        scores = [e.score for e in objective.evaluate(variants)]
        order = np.argsort(scores, kind="stable")[::-1]
        return [(values[i], float(scores[i])) for i in order]
    cheap = [e.score for e in objective.evaluate(variants, identity=False)]
    by_cheap = list(np.argsort(cheap, kind="stable")[::-1])
    keep = [*by_cheap[:shortlist], values.index(params[name])]
    keep = list(dict.fromkeys(int(i) for i in keep))
    full = objective.evaluate([variants[i] for i in keep])
    top = sorted(((values[i], e.score) for i, e in zip(keep, full, strict=True)),
                 key=lambda item: -item[1])
    floor = top[-1][1] if top else 0.0
    rest = [(values[i], min(floor, cheap[i])) for i in by_cheap if i not in keep]
    return top + rest


def greedy(
    objective: Objective,
    start: Params,
    *,
    order: Sequence[str] | None = None,
    rounds: int = 2,
    scalar_grid: int = 5,
    shortlist: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> GreedyResult:
    """Choose features one at a time from ``start`` (see the module docstring).

    ``order`` lists the features to visit (default: every feature, schema order);
    ``shortlist`` as in :func:`rank_feature` (``None``: the original, every option gets
    the identity term); ``progress`` is called with 1 after each feature.
    """
    names = list(order) if order is not None else list(start.schema.names)
    for name in names:
        start.schema.feature(name)  # unknown names fail before any work
    params = start
    rankings: dict[str, Ranking] = {}
    before = objective.eval_count
    for r in range(max(1, rounds)):
        changed = False
        for name in names:
            ranking = rank_feature(objective, params, name, scalar_grid=scalar_grid,
                                   shortlist=shortlist)
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
    return GreedyResult(params, evaluation, rankings, objective.eval_count - before)
