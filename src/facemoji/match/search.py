"""Global search over a style's whole mixed space with nevergrad.

Every searched feature is one coordinate of a vector in ``[0, 1]``: a choice's option
index (``floor(x · n)``), a scalar's position in its range, and each color's L*, a*, b*
within a box around its starting value (so searched colors stay close to what was
measured). Choices and continuous coordinates are two ``ng.p.Array`` (integer-cast
arrays cost far less bookkeeping than ``ng.p.Choice``, and search better).

Evaluations are staged: the cheap terms (color, geometry, attributes, prior) score every
candidate; the identity embedding — the expensive part — is computed only for
candidates whose best possible score can still beat the incumbent. ``budget`` counts
those embeddings.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..avatar.color import hex_to_lab, lab_to_hex
from ..avatar.schema import Choice, Color, Feature, Params, Scalar
from ..errors import BadArgument
from .objective import Evaluation, Objective

log = logging.getLogger(__name__)

COLOR_BOX = np.array([8.0, 6.0, 6.0])
"""Half-widths of the L*, a*, b* box a searched color moves in."""


class Encoding:
    """Maps params ↔ two vectors in ``[0, 1]``: choices and continuous coordinates."""

    def __init__(self, start: Params, features: Sequence[str] | None = None) -> None:
        schema = start.schema
        names = list(features) if features is not None else list(schema.names)
        self.start = start
        self.choices: list[Choice] = []
        self.scalars: list[Scalar] = []
        self.colors: list[Color] = []
        for name in names:
            f: Feature = schema.feature(name)
            if isinstance(f, Choice):
                self.choices.append(f)
            elif isinstance(f, Scalar):
                self.scalars.append(f)
            elif start[name] is not None:  # a following color stays as it is
                self.colors.append(f)
        self.color_center = {c.name: np.asarray(hex_to_lab(str(start[c.name])))
                             for c in self.colors}

    def encode(self, params: Params) -> tuple[np.ndarray, np.ndarray]:
        """``(choice coordinates, continuous coordinates)`` of ``params``."""
        ch = np.array([(c.ids.index(params.choice(c.name)) + 0.5) / len(c.ids)
                       for c in self.choices])
        cont = [(params.scalar(s.name) - s.lo) / (s.hi - s.lo) for s in self.scalars]
        for c in self.colors:
            lab = np.asarray(hex_to_lab(params.color(c.name)))
            rel = (lab - self.color_center[c.name]) / COLOR_BOX / 2.0 + 0.5
            cont.extend(np.clip(rel, 0.0, 1.0))
        return ch, np.array(cont, np.float64)

    def decode(self, ch: np.ndarray, cont: np.ndarray) -> Params:
        """Params from coordinates (clipped into range)."""
        values: dict[str, object] = {}
        for c, x in zip(self.choices, ch, strict=True):
            values[c.name] = c.ids[min(len(c.ids) - 1, max(0, math.floor(x * len(c.ids))))]
        for s, x in zip(self.scalars, cont, strict=False):
            values[s.name] = round(s.clip(s.lo + float(x) * (s.hi - s.lo)), 3)
        rest = np.clip(cont[len(self.scalars):], 0.0, 1.0).reshape(-1, 3)
        for c, rel in zip(self.colors, rest, strict=True):
            values[c.name] = lab_to_hex(self.color_center[c.name] + (rel - 0.5) * 2.0 * COLOR_BOX)
        return self.start.update(values)


@dataclass(frozen=True)
class SearchResult:
    """The best params found, their evaluation, the history of best scores
    (``(evaluations asked, score)``), embeddings computed and candidates asked."""

    params: Params
    evaluation: Evaluation
    history: list[tuple[int, float]]
    embeddings: int
    asked: int


def search(
    objective: Objective,
    start: Params,
    *,
    budget: int = 40,
    seconds: float | None = None,
    optimizer: str = "DiscreteLenglerOnePlusOne",
    features: Sequence[str] | None = None,
    seed: int = 0,
    margin: float = 0.02,
    progress: Callable[[int], None] | None = None,
) -> SearchResult:
    """Search from ``start`` for the params that maximise ``objective``.

    ``budget`` is the number of identity embeddings to spend (candidates scored by the
    cheap terms alone are not counted; at most ``20 × budget`` are asked); ``seconds``
    stops earlier. ``margin`` is how much better than the best identity seen so far a
    candidate's identity is assumed able to be when deciding whether to embed it.
    Same inputs and ``seed``, same result. ``progress`` is called with 1 per embedding.
    """
    import nevergrad as ng

    if budget < 1:
        raise BadArgument(f"budget must be at least 1, not {budget}")
    enc = Encoding(start, features)
    ch0, cont0 = enc.encode(start)
    parts = {}
    if len(ch0):
        parts["choices"] = ng.p.Array(init=ch0, lower=0.0, upper=1.0).set_mutation(sigma=0.35)
    if len(cont0):
        parts["cont"] = ng.p.Array(init=cont0, lower=0.0, upper=1.0).set_mutation(sigma=0.12)
    if not parts:
        raise BadArgument("nothing to search: no features selected")
    param = ng.p.Dict(**parts)
    param.random_state.seed(seed)
    opt = ng.optimizers.registry[optimizer](parametrization=param, budget=20 * budget,
                                            num_workers=1)
    use_id = objective.has_identity
    best = objective.evaluate([start], identity=use_id)[0]
    ids_seen = [best.terms["identity"]] if use_id else []
    history = [(0, best.score)]
    embeds = 1 if use_id else 0
    t0 = time.perf_counter()
    asked = 0
    while embeds < budget and asked < 20 * budget:
        if seconds is not None and time.perf_counter() - t0 > seconds:
            break
        cand = opt.ask()
        asked += 1
        params = enc.decode(cand.value.get("choices", np.empty(0)),
                            cand.value.get("cont", np.empty(0)))
        cheap = objective.evaluate([params], identity=False)[0]
        if not use_id:
            value = cheap.score
            ev = cheap
        else:
            w = objective.weights.identity
            if cheap.score + w * (max(ids_seen) + margin) < best.score:
                value = cheap.score + w * min(ids_seen)  # pessimistic: not worth embedding
                ev = None
            else:
                ev = objective.evaluate([params])[0]
                ids_seen.append(float(ev.terms["identity"] or 0.0))
                value = ev.score
                embeds += 1
                if progress:
                    progress(1)
        opt.tell(cand, -value)
        if ev is not None and ev.score > best.score:
            best = ev
            history.append((asked, best.score))
    log.info("search: %d asked, %d embedded, best %.4f", asked, embeds, best.score)
    return SearchResult(best.params, best, history, embeds, asked)
