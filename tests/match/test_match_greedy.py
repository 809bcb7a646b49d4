import pytest

from facemoji.errors import UnknownFeature
from facemoji.match.greedy import greedy, rank_feature, visit_order
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


def test_a_shortlist_mapping_leaves_unlisted_features_to_the_cheap_terms(
        style, embedder, target, make_analysis):
    objective = Objective([make_analysis(target, embedder)], style, embedder=embedder)
    start = target.update({"glasses": "none", "nose": "wide"})
    found = greedy(objective, start, order=["glasses", "nose"], rounds=1,
                   shortlist={"nose": 2})
    # nose: its 2 best options by the cheap terms plus the current one; glasses: none
    assert 0 < objective.embed_count <= 3
    assert found.params["glasses"] != "none"  # the measured trait, without identity
    glasses = found.rankings["glasses"]
    assert sorted(v for v, _ in glasses) == sorted(style.schema.feature("glasses").ids)
    # cheap-only rankings are on the final score's scale (same identity assumed)
    assert glasses[0] == (found.params["glasses"], pytest.approx(found.evaluation.score))


def test_a_shortlist_of_zero_never_embeds(style, embedder, target, make_analysis):
    objective = Objective([make_analysis(target, embedder)], style, embedder=embedder)
    ranking = rank_feature(objective, target, "hair", shortlist=0, identity_offset=2.0)
    assert objective.embed_count == 0
    cheap = objective.cheap_score(target.set("hair", ranking[0][0]))
    assert ranking[0][1] == pytest.approx(cheap + 2.0)
    assert [s for _, s in ranking] == sorted((s for _, s in ranking), reverse=True)


def test_a_following_color_is_visited_before_the_color_it_follows(style):
    order = visit_order(style.schema)
    assert sorted(order) == sorted(style.schema.names)
    assert order.index("brow_color") < order.index("hair_color")
    assert order.index("lip_color") < order.index("skin")


@pytest.mark.parametrize(("hair", "brows", "name", "drawn_brows"), [
    # gray hair, darker brows: the brows get their own color, the hair stays gray (visited
    # after the hair, the following brows pulled it dark)
    ("#a19e9b", "#2e2623", "gray", "#2e2623"),
    # black hair, brows measured lighter (thin hairs photograph mixed with skin): the
    # brows follow the hair
    ("#1f1b1a", "#a7855a", "black", None),
])
def test_brows_never_pull_the_hair_color(style, target, make_analysis, hair, brows, name,
                                         drawn_brows):
    person = target.update({"hair_color": hair, "brow_color": brows})
    analysis = make_analysis(person, None)
    analysis.attributes.hair_name = name
    analysis.attributes.hair.confidence = 0.8  # hair is measured less surely than brows
    objective = Objective([analysis], style)
    start = person.update({"hair_color": hair, "brow_color": None})
    found = greedy(objective, start, rounds=1, shortlist=0)
    assert found.params["hair_color"] == hair
    assert found.params["brow_color"] == drawn_brows
