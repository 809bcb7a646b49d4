import numpy as np
import pytest

from facemoji.match.pool import PooledEmbedder, pooled, usable_cores


def test_without_extra_workers_the_embedder_itself_is_used():
    pytest.importorskip("dlib")
    from facemoji.face.embed import get_embedder

    with pooled("dlib", workers=0) as embedder:
        assert embedder is get_embedder("dlib")
    assert usable_cores() >= 1


@pytest.mark.slow
def test_a_pooled_batch_equals_the_embedder_s_own(style):
    pytest.importorskip("dlib")
    from facemoji.face.embed import get_embedder
    from facemoji.match.objective import render_chip

    base = get_embedder("dlib")
    chips = np.stack([render_chip(style, style.schema.random(seed=s), base) for s in range(3)])
    with PooledEmbedder(base, workers=1) as embedder:
        assert embedder.input_size == base.input_size  # the rest is the base's
        got = embedder.embed_chips(chips)
        one = embedder.embed_chips(chips[:1])
    assert got.shape == (3, base.dim)
    np.testing.assert_allclose(got, base.embed_chips(chips), atol=1e-5)
    np.testing.assert_allclose(one, got[:1], atol=1e-5)
