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


def test_pair_sheets_and_their_key_score_each_versions_wins(tmp_path, capsys) -> None:
    """The rows written for two versions come back, through the key, as each version's
    wins: a reviewer who always picks version b gives b every row."""
    import argparse
    import csv
    import json

    from blind import _write_pairs, score_pair

    photo = tmp_path / "photo.png"
    photo.write_bytes(_png(np.full((40, 30, 3), 90)))
    a, b = _png(np.full((32, 32, 3), 40)), _png(np.full((32, 32, 3), 220))
    rows = [(f"set:person_{i}", photo, a, b) for i in range(11)]
    out, key = tmp_path / "review", tmp_path / "key.json"
    assert _write_pairs(rows, out, key, 3, {"a": "old", "b": "new"}) == 11
    assert sorted(p.name for p in out.glob("group*.png")) == ["group1.png", "group2.png"]
    lefts = {(r["group"], r["row"]): r["left"] for r in json.loads(key.read_text())["rows"]}
    assert set(lefts.values()) == {"a", "b"}  # sides at random
    with open(out / "answers.csv", newline="") as fh:
        answers = list(csv.DictReader(fh))
    for row in answers:
        row["choice"] = "L" if lefts[(int(row["group"]), int(row["row"]))] == "b" else "R"
    with open(out / "answers.csv", "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(answers[0]))
        writer.writeheader()
        writer.writerows(answers)
    score_pair(argparse.Namespace(answers=str(out / "answers.csv"), key=str(key)))
    assert "a (old): 0, b (new): 11" in capsys.readouterr().out
