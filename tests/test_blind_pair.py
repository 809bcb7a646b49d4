"""benchmarks/blind.py's paired review leaves out rows whose two avatars look the same."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from blind import SAME_WITHIN, looks_same


def _png(pixels: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8)).save(out, format="PNG")
    return out.getvalue()


def test_avatars_a_few_levels_apart_look_the_same_and_a_visible_change_does_not() -> None:
    skin = np.full((32, 32, 3), (200, 150, 120), np.int16)
    shifted = skin.copy()
    shifted[8:24, 8:24] += SAME_WITHIN  # a skin paint a few levels darker or lighter
    changed = skin.copy()
    changed[8:24, 8:24] += SAME_WITHIN + 6
    assert looks_same(_png(skin), _png(skin), within=0)
    assert looks_same(_png(skin), _png(shifted))
    assert not looks_same(_png(skin), _png(shifted), within=0)
    assert not looks_same(_png(skin), _png(changed))
    assert not looks_same(_png(skin), _png(skin[:16]))  # another size is another picture
