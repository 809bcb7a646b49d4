import pytest

from facemoji.errors import UnknownFeature
from facemoji.match.greedy import greedy, rank_feature
from facemoji.match.objective import Objective, Weights


def test_rank_feature_tries_every_option_best_first(style, embedder, target, make_analysis):
    objective = Objective([make_analysis(target, embedder)], style, embedder=embedder)
    start = target.set("eyes", "round")
    ranking = rank_feature(objective, start, "eyes")
    assert sorted(v for v, _ in ranking) == sorted(style.schema.feature("eyes").ids)
    scores = [s for _, s in ranking]
    assert scores == sorted(scores, reverse=True)
    assert ranking[0][0] == target["eyes"]


def test_greedy_recovers_features_in_domain(style, embedder, target, make_analysis):
    objective = Objective([make_analysis(target, embedder)], style, embedder=embedder,
                          weights=Weights(rarity=0.0))
    start = target.update({"glasses": "none", "mouth": "grin", "nose": "wide"})
    found = greedy(objective, start, order=["glasses", "mouth", "nose"], rounds=2)
    assert found.params["nose"] == target["nose"]
    assert found.params["mouth"] == target["mouth"]
    assert found.params["glasses"] != "none"
    assert set(found.rankings) == {"glasses", "mouth", "nose"}
    assert found.evaluation.score >= objective.evaluate([start])[0].score


def test_greedy_rejects_unknown_features(style, target, make_analysis):
    objective = Objective([make_analysis(target, None)], style)
    with pytest.raises(UnknownFeature):
        greedy(objective, target, order=["hat_size"])
