import cv2
import numpy as np
import pytest

from facemoji.avatar.render import render
from facemoji.match.objective import Objective, Weights, render_chip
from facemoji.match.traits import WEIGHTS

from .conftest import FakeEmbedder


def test_chip_rendered_from_landmarks_matches_render_then_warp(style):
    embedder = FakeEmbedder(input_size=150)  # dlib's chip size: little aliasing in the warp
    params = style.schema.random(seed=3)
    chip = render_chip(style, params, embedder)
    big = render(params, 512)
    matrix = embedder.align_transform(style.landmarks(params, 512))
    size = embedder.input_size
    warped = cv2.warpAffine(big, matrix, (size, size), flags=cv2.INTER_AREA,
                            borderValue=(255, 255, 255))
    inside = cv2.warpAffine(np.ones((512, 512), np.uint8), matrix, (size, size),
                            flags=cv2.INTER_NEAREST, borderValue=0)
    inside = cv2.erode(inside, np.ones((3, 3), np.uint8)).astype(bool)
    assert chip.shape == (size, size, 3)
    assert inside.sum() > size * size / 4  # the comparison covers most of the face
    assert np.abs(chip[inside].astype(float) - warped[inside]).mean() < 8


def test_target_scores_best_and_terms_are_zero_for_itself(style, embedder, target, make_analysis):
    objective = Objective([make_analysis(target, embedder)], style, embedder=embedder)
    mine = objective.evaluate([target])[0]
    assert mine.terms["color"] < 0.5 and mine.terms["attributes"] == 0
    assert mine.terms["identity"] > 0.999
    others = objective.evaluate([style.schema.random(seed=s) for s in range(5)])
    assert all(o.score < mine.score for o in others)


def test_cheap_terms_see_skin_glasses_and_winks(style, target, make_analysis):
    objective = Objective([make_analysis(target, None)], style)
    assert not objective.has_identity
    base = objective.cheap_terms(target)
    darker = objective.cheap_terms(target.set("skin", "#3a312a"))
    assert darker["color"] > base["color"] + 5
    # round glasses are thin-framed eyeglasses: without them both traits are off
    assert objective.cheap_terms(target.set("glasses", "none"))["attributes"] == \
        pytest.approx(WEIGHTS["glasses"] + WEIGHTS["glasses_frame"])
    assert objective.cheap_terms(target.set("eyes", "wink"))["prior"] == 1
    assert objective.cheap_score(target) > objective.cheap_score(target.set("eyes", "wink"))


def test_embeddings_are_cached(style, embedder, target, make_analysis):
    objective = Objective([make_analysis(target, embedder)], style, embedder=embedder,
                          weights=Weights(identity=1.0))
    objective.evaluate([target, target])
    objective.evaluate([target])
    assert objective.embed_count == 1


def test_avatars_with_the_same_chip_are_embedded_once(style, embedder, target, make_analysis):
    objective = Objective([make_analysis(target, embedder)], style, embedder=embedder)
    bare = target.set("glasses", "none")
    # the color of glasses that are not drawn changes nothing in the chip
    same = bare.set("glasses_color", "#ff0000" if bare.color("glasses_color") != "#ff0000"
                    else "#00ff00")
    assert same != bare
    first, second = objective.embeddings([bare, same])
    assert objective.embed_count == 1 and np.array_equal(first, second)
    objective.embeddings([target])
    assert objective.embed_count == 2


def test_shape_hints_choose_the_start_but_cost_nothing(style, target, make_analysis):
    from facemoji.match.mapping import initial_params

    objective = Objective([make_analysis(target, None)], style)
    assert objective.measured.traits["eye_shape"] == "almond"
    # the starting point shows the measured eye shape ...
    assert initial_params(objective.measured, style.schema).choice("eyes") == "almond"
    # ... but the objective leaves the eyes, brows and nose to the identity term
    base = objective.cheap_terms(target)["attributes"]
    for feature, other in (("eyes", "round"), ("eyebrows", "bushy"), ("nose", "wide")):
        assert objective.cheap_terms(target.set(feature, other))["attributes"] == base
