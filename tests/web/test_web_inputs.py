"""Hostile inputs reach the HTTP API as readable 4xx answers, never a 500 (issue 14,
items 6-8): documents that are not photos, images too small to hold a face, malformed
params."""

from __future__ import annotations

import io

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from .conftest import png_bytes


def _error(response, status: int) -> str:
    assert response.status_code == status, response.text
    return response.json()["error"]


@pytest.mark.parametrize("size", [(1, 1), (9, 9), (20000, 20), (3000, 12)])
def test_tiny_or_thin_photos_are_a_4xx(client: TestClient, size: tuple[int, int]) -> None:
    photo = png_bytes(np.full((size[1], size[0], 3), 90, np.uint8))
    message = _error(client.post("/api/analyze", files={"photo": ("strip.png", photo)}), 415)
    assert "strip.png" in message and "too small" in message


def test_postscript_is_refused_unread(client: TestClient) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 40, 40)).save(buf, format="EPS")
    message = _error(client.post("/api/analyze",
                                 files={"photo": ("photo.jpg", buf.getvalue())}), 415)
    assert "PostScript files are not accepted" in message


@pytest.mark.parametrize("skin", [["a", "b", "c"], [None, 1, 2], [[1], [2], [3]],
                                  [10 ** 309, 0, 0], [1e300, -1e300, 0]])
def test_malformed_colors_are_422(client: TestClient, skin: list) -> None:
    message = _error(client.post("/api/render", json={"params": {"skin": skin}}), 422)
    assert "is not a color" in message and len(message) < 400
