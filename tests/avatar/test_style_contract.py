"""Contract tests run over every registered style."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from lxml import etree

import facemoji
from facemoji.avatar.render import rasterize_svg, render
from facemoji.avatar.schema import Choice
from facemoji.types import FIVE_FROM_68

STYLES = facemoji.list_styles()
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("FACEMOJI_UPDATE_GOLDEN") == "1"


def test_builtin_styles_registered() -> None:
    assert "facemoji" in STYLES


@pytest.mark.parametrize("name", STYLES)
def test_defaults_and_random_samples_render_valid_svg(name: str) -> None:
    style = facemoji.get_style(name)
    samples = [style.schema.defaults()] + [style.schema.random(seed=i) for i in range(100)]
    for params in samples:
        svg = style.svg(params)
        root = etree.fromstring(svg.encode())  # well-formed XML
        assert root.tag.endswith("svg")
        assert 'fill=""' not in svg
        ids = root.xpath("//@id")
        assert len(ids) == len(set(ids)), f"duplicate ids in {params}"


@pytest.mark.parametrize("name", STYLES)
def test_same_seed_same_pixels_and_seeds_differ(name: str) -> None:
    schema = facemoji.get_style(name).schema
    a = render(schema.random(seed=3), 128)
    b = render(schema.random(seed=3), 128)
    assert a.dtype == np.uint8 and a.shape == (128, 128, 3)
    assert np.array_equal(a, b)
    hashes = {render(schema.random(seed=i), 64).tobytes() for i in range(100)}
    assert len(hashes) == 100


@pytest.mark.parametrize("name", STYLES)
def test_json_round_trip(name: str) -> None:
    schema = facemoji.get_style(name).schema
    for seed in range(20):
        p = schema.random(seed=seed)
        text = p.to_json()
        assert json.loads(text)["style"] == name
        assert facemoji.load_params(text) == p


@pytest.mark.parametrize("name", STYLES)
def test_landmarks_inside_the_face(name: str) -> None:
    style = facemoji.get_style(name)
    for seed in range(10):
        p = style.schema.random(seed=seed)
        for size in (150, 512):
            pts = style.landmarks(p, size)
            assert pts.shape == (68, 2)
            five = style.landmarks5(p, size)
            assert five.shape == (5, 2) and not np.isnan(five).any()
            np.testing.assert_allclose(five, pts[list(FIVE_FROM_68)])
            x0, y0, x1, y1 = style.face_box(p, size)
            ok = pts[~np.isnan(pts).any(axis=1)]
            assert len(ok) >= 5
            assert (ok >= 0).all() and (ok <= size).all()
            assert ((ok[:, 0] >= x0) & (ok[:, 0] <= x1) & (ok[:, 1] >= y0)
                    & (ok[:, 1] <= y1)).all()
            # image-left eye is left of the image-right eye, both above the nose bottom
            assert five[2, 0] < five[0, 0] and five[4, 1] > five[:4, 1].max()


@pytest.mark.parametrize("name", STYLES)
def test_every_choice_option_renders(name: str) -> None:
    style = facemoji.get_style(name)
    base = style.schema.defaults()
    for feature in style.schema.of_kind("choice"):
        assert isinstance(feature, Choice)
        for option in feature.ids:
            svg = style.svg(base.set(feature.name, option))
            image = rasterize_svg(svg, 64)
            assert image.shape == (64, 64, 3)


@pytest.mark.parametrize("name", STYLES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_golden_svg(name: str, seed: int) -> None:
    """The SVG of fixed seeds is stable; run with FACEMOJI_UPDATE_GOLDEN=1 after an art change."""
    svg = facemoji.get_style(name).svg(facemoji.get_style(name).schema.random(seed=seed))
    path = GOLDEN / f"{name}-seed{seed}.svg"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.skip(f"no golden file {path.name}; create it with FACEMOJI_UPDATE_GOLDEN=1")
        path.parent.mkdir(exist_ok=True)
        path.write_text(svg, encoding="utf-8")
    assert svg == path.read_text(encoding="utf-8"), (
        f"{path.name} changed; if intended, rerun with FACEMOJI_UPDATE_GOLDEN=1 and look at it"
    )
