"""scripts/fit_measures.py: how the refit chooses a model's L2 strength."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("fit_measures", ROOT / "scripts" / "fit_measures.py")
assert spec and spec.loader
fit_measures = importlib.util.module_from_spec(spec)
sys.modules["fit_measures"] = fit_measures
spec.loader.exec_module(fit_measures)


def test_the_best_held_out_strength_wins_and_a_tie_keeps_the_shipped_one() -> None:
    scores = {0.03: 0.925, 0.3: 0.923, 3.0: 0.925, 30.0: 0.924}
    assert fit_measures.choose_strength(scores, shipped=3.0) == 3.0
    assert fit_measures.choose_strength(scores, shipped=0.03) == 0.03
    assert fit_measures.choose_strength(scores, shipped=None) == 0.03  # the first best
    assert fit_measures.choose_strength({**scores, 30.0: 0.93}, shipped=3.0) == 30.0
