"""Rendering: sizes, backgrounds, PNG/SVG output, batch rendering, errors."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

import facemoji
from facemoji.avatar.render import (
    rasterize_svg,
    reframe_svg,
    render_batch,
    render_png,
    render_rgba,
    save,
    sized_svg,
    svg_to_png,
    svg_viewbox,
)
from facemoji.errors import BadArgument, InvalidParams

SQUARE = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">'
          '<rect x="0" y="0" width="5" height="10" fill="#ff0000"/></svg>')


def test_rasterize_scales_viewbox_and_backgrounds() -> None:
    img = rasterize_svg(SQUARE, 40)
    assert img.shape == (40, 40, 3)
    assert tuple(img[20, 5]) == (255, 0, 0) and tuple(img[20, 35]) == (255, 255, 255)
    blue = rasterize_svg(SQUARE, 40, background="#0000ff")
    assert tuple(blue[20, 35]) == (0, 0, 255)
    rgba = rasterize_svg(SQUARE, 40, background=None)
    assert rgba.shape == (40, 40, 4) and rgba[20, 35, 3] == 0 and rgba[20, 5, 3] == 255


def test_sized_svg_replaces_only_root_size() -> None:
    out = sized_svg(SQUARE, 99)
    assert out.count('width="99"') == 1 and 'width="5"' in out


def test_reframe_crops_and_transforms() -> None:
    assert svg_viewbox(SQUARE) == (0.0, 0.0, 10.0, 10.0)
    left_half = reframe_svg(SQUARE, (0, 0, 5, 10))  # only the red rectangle
    assert svg_viewbox(left_half) == (0.0, 0.0, 5.0, 10.0)
    assert tuple(rasterize_svg(left_half, 20)[10, 10]) == (255, 0, 0)
    moved = reframe_svg(SQUARE, (0, 0, 10, 10), transform="translate(5 0)")
    img = rasterize_svg(moved, 40)
    assert tuple(img[20, 5]) == (255, 255, 255) and tuple(img[20, 35]) == (255, 0, 0)
    with pytest.raises(InvalidParams):
        svg_viewbox('<svg xmlns="http://www.w3.org/2000/svg"></svg>')


def test_bad_svg_and_sizes() -> None:
    with pytest.raises(InvalidParams):
        rasterize_svg("<html/>", 32)
    with pytest.raises(InvalidParams):
        rasterize_svg('<svg xmlns="http://www.w3.org/2000/svg"><rect', 32)
    with pytest.raises(BadArgument):
        rasterize_svg(SQUARE, 2)
    with pytest.raises(BadArgument):
        rasterize_svg(SQUARE, 32, background="plaid")


def test_render_outputs_agree() -> None:
    p = facemoji.get_style("facemoji").schema.random(seed=5)
    rgb = facemoji.render(p, 96)
    png = Image.open(io.BytesIO(render_png(p, 96)))
    assert png.size == (96, 96)
    assert np.abs(np.asarray(png.convert("RGB")).astype(int) - rgb).max() <= 1
    assert render_rgba(p, 96).shape == (96, 96, 4)
    assert svg_to_png(facemoji.render_svg(p), 32)[:8] == b"\x89PNG\r\n\x1a\n"


def test_batch_matches_single_and_keeps_order() -> None:
    schema = facemoji.get_style("facemoji").schema
    params = [schema.random(seed=i) for i in range(6)]
    seen = []
    batch = render_batch(params, 64, workers=2, progress=seen.append)
    assert len(batch) == 6 and sum(seen) == 6
    for p, img in zip(params, batch, strict=True):
        assert np.array_equal(img, facemoji.render(p, 64))


def test_save_never_overwrites_silently(tmp_path) -> None:
    p = facemoji.get_style("facemoji").schema.defaults()
    for suffix in (".svg", ".png", ".json"):
        out = save(p, tmp_path / f"a{suffix}", size=64)
        assert out.stat().st_size > 0
        with pytest.raises(BadArgument, match="exists"):
            save(p, out)
    with pytest.raises(BadArgument, match="must end in"):
        save(p, tmp_path / "a.gif")
    assert facemoji.load_params((tmp_path / "a.json").read_text()) == p
