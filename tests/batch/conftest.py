"""People for the batch tests, made from scikit-image's astronaut: a person with two
good photos and an unreadable one, a person with one photo, a person whose only photo
has no face, a person with an empty folder, and a folder that is not a person."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image


@pytest.fixture
def people(tmp_path: Path, astronaut: np.ndarray) -> Path:
    root = tmp_path / "people"
    for name in ("alice", "bob", "nobody", "empty", "_group"):
        (root / name).mkdir(parents=True)
    Image.fromarray(astronaut).save(root / "alice" / "1.jpg", quality=90)
    Image.fromarray(astronaut[:, ::-1]).save(root / "alice" / "2.png")
    (root / "alice" / "3.jpg").write_bytes(b"not a photo")
    (root / "alice" / "notes.txt").write_text("not a photo either")
    Image.fromarray(astronaut[::2, ::2]).save(root / "bob" / "1.png")
    Image.fromarray(np.full((200, 200, 3), 128, np.uint8)).save(root / "nobody" / "1.png")
    Image.fromarray(astronaut).save(root / "_group" / "1.jpg")
    return root


def _read_lines(out: Path) -> list[dict]:
    text = (out / "results.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def read_lines() -> Callable[[Path], list[dict]]:
    """Every line of ``OUT/results.jsonl``, parsed."""
    return _read_lines
