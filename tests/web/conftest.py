"""Fixtures of the web tests: the app (one worker process of each pool) and photos as
uploads. Clients talk to the app as ``http://127.0.0.1`` (the server's Host check
refuses other names)."""

from __future__ import annotations

import asyncio
import io
import struct
import time
import zlib
from collections.abc import Callable, Iterator

import numpy as np
import pytest
from PIL import Image

try:  # without the `web` extra (fastapi) or httpx, the web tests are not collected
    from fastapi.testclient import TestClient

    from facemoji.web import WebConfig, create_app
except ImportError:
    collect_ignore_glob = ["test_*.py"]


def png_bytes(image: np.ndarray) -> bytes:
    """``image`` encoded as PNG."""
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture(scope="session")
def bomb_png() -> bytes:
    """A tiny PNG file whose header claims 30,000 × 30,000 pixels."""
    width = height = 30_000
    data = bytearray(png_bytes(np.zeros((1, 1, 3), np.uint8)))
    ihdr = 8 + 8  # signature, then the IHDR chunk's length and type
    data[ihdr:ihdr + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr - 4:ihdr + 13]))
    data[ihdr + 13:ihdr + 17] = struct.pack(">I", crc)
    return bytes(data)


@pytest.fixture(scope="session")
def astronaut_png(astronaut: np.ndarray) -> bytes:
    """The astronaut photo as PNG bytes."""
    return png_bytes(np.asarray(astronaut))


@pytest.fixture(scope="session")
def blank_png() -> bytes:
    """A gray image with no face in it."""
    return png_bytes(np.full((240, 240, 3), 180, np.uint8))


BASE_URL = "http://127.0.0.1"


def wait_until(condition: Callable[[], bool], timeout: float = 90) -> None:
    """Return once ``condition()`` holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


async def until(condition: Callable[[], bool], timeout: float = 90) -> None:
    """:func:`wait_until` for a test running an event loop."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.05)


@pytest.fixture(scope="session")
def group_png(astronaut: np.ndarray) -> bytes:
    """Two faces: the astronaut, and a smaller copy of her beside her."""
    portrait = Image.fromarray(np.asarray(astronaut))
    canvas = Image.new("RGB", (900, 512), (120, 120, 120))
    canvas.paste(portrait, (0, 0))
    canvas.paste(portrait.resize((360, 360)), (520, 76))
    return png_bytes(np.asarray(canvas))


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """A test client of the app with one worker process per pool (started once per
    module)."""
    with TestClient(create_app(WebConfig(workers=1)), base_url=BASE_URL) as test_client:
        yield test_client
