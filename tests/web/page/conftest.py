"""Fixtures of the page's browser tests: the served app, Chromium, a page in a fresh
browser context, and photo files (the astronaut, a mirrored copy, a blank wall)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

try:  # without the `web` extra the page cannot be served
    import fastapi  # noqa: F401
except ImportError:
    collect_ignore_glob = ["test_*.py"]

from .support import launch_chromium, open_page, png_file, serve_app


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    yield from serve_app()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch_chromium()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    page = open_page(browser, server)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def me(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    return png_file(tmp_path_factory.mktemp("photos") / "me.png", np.asarray(astronaut))


@pytest.fixture(scope="module")
def me_too(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    """Another photo of the same face (mirrored: other bytes, so not a duplicate)."""
    return png_file(tmp_path_factory.mktemp("photos") / "me-mirrored.png",
                    np.ascontiguousarray(np.asarray(astronaut)[:, ::-1]))


@pytest.fixture(scope="module")
def wall(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return png_file(tmp_path_factory.mktemp("photos") / "wall.png",
                    np.full((240, 240, 3), 180, np.uint8))
