import numpy as np
import pytest

from facemoji.errors import BadArgument
from facemoji.match.lineup import lineup
from facemoji.match.objective import render_chip


def test_an_avatar_ranks_itself_first_with_score_one(style, embedder):
    # the fake's embeddings are unit length, where normalized dot equals cosine; with
    # dlib's (lengths vary) a self-score of 1.0 need not rank first (see test_match_similarity)
    gallery = [style.schema.random(seed=s) for s in range(6)]
    me = gallery[4]
    ref = embedder.embed_chips(render_chip(style, me, embedder)[None])
    result = lineup([], gallery, metric="normalized-dot", embedder=embedder,
                    ref_embeddings=ref, image_size=48)
    assert result.entries[0].params == me
    assert result.entries[0].score == pytest.approx(1.0, abs=1e-5)
    assert [e.score for e in result.entries] == sorted((e.score for e in result.entries),
                                                       reverse=True)
    sheet = result.sheet(top=3)
    assert sheet.ndim == 3 and sheet.shape[2] == 3
    assert result.to_dict(top=2)["ranking"][0]["score"] == pytest.approx(1.0, abs=1e-5)


def test_a_folder_of_params_is_a_gallery(style, embedder, tmp_path):
    for s in range(3):
        (tmp_path / f"a{s}.json").write_text(style.schema.random(seed=s).to_json())
    ref = embedder.embed_chips(
        render_chip(style, style.schema.random(seed=2), embedder)[None])
    result = lineup([], tmp_path, embedder=embedder, ref_embeddings=ref, image_size=48)
    assert result.entries[0].label == "a2"
    assert len(result.entries) == 3


def test_an_empty_folder_is_refused(embedder, tmp_path):
    with pytest.raises(BadArgument):
        lineup([], tmp_path, embedder=embedder, ref_embeddings=np.ones((1, embedder.dim)))
