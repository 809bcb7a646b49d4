import numpy as np
import pytest

from facemoji.errors import UnknownName
from facemoji.match.similarity import similarity


def test_normalized_dot_is_one_for_a_reference_against_itself():
    refs = np.random.default_rng(0).normal(size=(3, 8))
    sim = similarity(refs, refs, "normalized-dot")
    assert np.allclose(np.diag(sim.per_ref), 1.0)


def test_with_normalized_dot_a_longer_embedding_outranks_the_reference_itself():
    ref = np.array([[1.0, 0.0, 0.0]])
    longer = np.array([[1.2, 0.3, 0.0]])  # another face, a longer vector
    dot = similarity(np.vstack([ref, longer]), ref, "normalized-dot").mean
    assert dot[0] == pytest.approx(1.0) and dot[1] > dot[0]
    cos = similarity(np.vstack([ref, longer]), ref, "cosine").mean
    assert cos[0] == pytest.approx(1.0) and cos[1] < cos[0]


def test_cosine_ignores_scale_and_euclidean_is_zero_for_identical():
    a = np.array([[1.0, 2.0, 3.0]])
    assert similarity(a * 5, a, "cosine").mean[0] == pytest.approx(1.0)
    assert similarity(a, a, "euclidean").mean[0] == pytest.approx(0.0)
    assert similarity(a, -a, "cosine").mean[0] == pytest.approx(-1.0)


def test_mean_is_the_average_over_references():
    rng = np.random.default_rng(1)
    a, refs = rng.normal(size=(4, 5)), rng.normal(size=(3, 5))
    sim = similarity(a, refs, "euclidean")
    assert sim.per_ref.shape == (4, 3)
    assert np.allclose(sim.mean, sim.per_ref.mean(axis=1))
    assert sim.per_ref[0, 1] == pytest.approx(-np.linalg.norm(a[0] - refs[1]))


def test_unknown_metric_lists_valid_ones():
    with pytest.raises(UnknownName, match="cosine"):
        similarity(np.ones((1, 2)), np.ones((1, 2)), "manhattan")
