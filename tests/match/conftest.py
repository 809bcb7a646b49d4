"""Fakes for the match tests: an embedder that needs no model, and face analyses built
directly from avatar params (so the "photo" of a person is an avatar with known truth)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import numpy as np
import pytest

from facemoji.avatar.color import hex_to_lab
from facemoji.avatar.schema import Params
from facemoji.avatar.style import Style, get_style
from facemoji.match.mapping.facemoji import FACEMOJI
from facemoji.match.objective import render_chip


class FakeEmbedder:
    """A fixed random projection of a small aligned chip, unit length (as dlib's nearly
    are): same pixels, same vector."""

    name = "fake"
    dim = 32

    def __init__(self, input_size: int = 32) -> None:
        self.input_size = input_size
        rng = np.random.default_rng(0)
        self._proj = rng.normal(size=(self.input_size * self.input_size * 3, self.dim))

    def align_transform(self, landmarks: np.ndarray) -> np.ndarray:
        """Similarity transform putting the eye centers at fixed chip positions."""
        pts = np.asarray(landmarks, np.float64)
        left, right = pts[36:42].mean(axis=0), pts[42:48].mean(axis=0)
        s = self.input_size
        dst_l, dst_r = np.array([0.3 * s, 0.4 * s]), np.array([0.7 * s, 0.4 * s])
        d_src, d_dst = right - left, dst_r - dst_l
        scale = np.hypot(*d_dst) / np.hypot(*d_src)
        ang = np.arctan2(d_dst[1], d_dst[0]) - np.arctan2(d_src[1], d_src[0])
        c, si = scale * np.cos(ang), scale * np.sin(ang)
        rot = np.array([[c, -si], [si, c]])
        shift = dst_l - rot @ left
        return np.hstack([rot, shift[:, None]])

    def embed_chips(self, chips: np.ndarray) -> np.ndarray:
        flat = np.asarray(chips, np.float64).reshape(len(chips), -1) / 255.0
        out = flat @ self._proj
        return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def _color(hex_color: str) -> SimpleNamespace:
    return SimpleNamespace(lab=hex_to_lab(hex_color), rgb=None, confidence=1.0)


def fake_analysis(params: Params, embedder: FakeEmbedder | None) -> SimpleNamespace:
    """A FaceAnalysis-like object whose measurements are exactly those of ``params``."""
    style = get_style(params.style)
    # what analysis would measure: each trait the avatar shows (the first of a choice);
    # not "coily", which fuse derives from the skin tone
    traits = {k: (v[0] if isinstance(v, tuple) else v, 1.0)
              for k, v in FACEMOJI.traits(params).items() if v is not None and k != "coily"}
    attributes = SimpleNamespace(
        skin=_color(params.color("skin")), hair=_color(params.color("hair_color")),
        eyes=_color(params.color("eye_color")), brows=_color(params.color("brow_color")),
        lips=_color(params.color("lip_color")), hair_name=None, traits=lambda: traits,
        geometry_z={k: 2 * params.scalar(k) for k in FACEMOJI.scalars},
    )
    embedding = None
    if embedder is not None:
        embedding = embedder.embed_chips(render_chip(style, params, embedder)[None])[0]
    return SimpleNamespace(attributes=attributes, embedding=embedding, image=None, chip=None)


@pytest.fixture
def embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def style() -> Style:
    return get_style("facemoji")


@pytest.fixture
def target(style: Style) -> Params:
    """A man with a beard and glasses (a random avatar with those forced)."""
    return style.schema.random(seed=5).update(
        {"facial_hair": "full_beard", "glasses": "round", "mouth": "neutral",
         "eyes": "almond", "headwear": "none", "hair": "side_part", "lashes": "none",
         "lip_color": None})


@pytest.fixture
def make_analysis() -> Callable[[Params, FakeEmbedder | None], SimpleNamespace]:
    """The :func:`fake_analysis` factory."""
    return fake_analysis
