import pytest

from facemoji.errors import BadArgument
from facemoji.match.mapping import initial_params
from facemoji.match.objective import Objective
from facemoji.match.search import Encoding, search


def test_encoding_round_trips_choices_and_scalars(style):
    params = style.schema.random(seed=11)
    enc = Encoding(params)
    back = enc.decode(*enc.encode(params))
    for f in style.schema.features:
        if f.kind == "choice":
            assert back[f.name] == params[f.name]
        elif f.kind == "scalar":
            assert back[f.name] == pytest.approx(params[f.name], abs=1e-3)


def test_search_is_deterministic_and_never_worse_than_its_start(
    style, embedder, target, make_analysis
):
    objective = Objective([make_analysis(target, embedder)], style, embedder=embedder)
    start = initial_params(objective.measured, style.schema)
    a = search(objective, start, budget=8, seed=3)
    b = search(objective, start, budget=8, seed=3)
    assert a.params == b.params
    assert a.embeddings <= 8
    assert a.evaluation.score >= objective.evaluate([start])[0].score


def test_search_needs_a_budget(style, target, make_analysis):
    objective = Objective([make_analysis(target, None)], style)
    with pytest.raises(BadArgument):
        search(objective, target, budget=0)


def test_search_is_style_agnostic(embedder, target, make_analysis):
    from facemoji.avatar.style import get_style

    avataaars = get_style("avataaars")
    objective = Objective([make_analysis(target, embedder)], avataaars, embedder=embedder)
    start = initial_params(objective.measured, avataaars.schema)
    found = search(objective, start, budget=4, seed=0)
    assert found.params.style == "avataaars"
    assert found.evaluation.score >= objective.evaluate([start])[0].score
