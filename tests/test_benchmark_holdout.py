"""benchmarks/attributes.py's held-out scoring: a person is judged with the setting chosen
on everyone else (of the sets the rules were chosen on), never with the one that suits
them best."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from attributes import RULE_SETS, leave_one_person_out


def _samples(*people: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(person=p, set="shared") for p in people]


def test_each_person_gets_the_setting_the_others_chose() -> None:
    samples = _samples("a", "a", "b", "c")
    # setting 0 suits b and c; setting 1 suits only a
    table = [[0, 0, 1, 1],
             [1, 1, 0, 0]]
    held = leave_one_person_out(samples, table)
    assert held[:2] == [0.0, 0.0]  # a is judged with setting 0, chosen on b and c
    # leaving out b: setting 0 scores 1 on the others (c), setting 1 scores 2 (a's photos)
    assert held[2] == 0.0 and held[3] == 0.0


def test_ties_on_the_others_share_the_held_out_score() -> None:
    samples = _samples("a", "b")
    table = [[1, 1],
             [1, 0]]
    # leaving out b, both settings score 1 on a: b gets the mean of 1 and 0
    assert leave_one_person_out(samples, table) == pytest.approx([1.0, 0.5])


def test_only_the_sets_the_rules_were_chosen_on_choose_a_setting_held_out() -> None:
    # a third set's person takes no part in choosing: leaving out a, only b chooses
    # (setting 0); were c choosing too, settings 0 and 1 would tie and a would get 0.5
    samples = [*_samples("a", "b"), SimpleNamespace(person="c", set="portraits")]
    table = [[1, 1, 0],
             [0, 0, 1]]
    assert "portraits" not in RULE_SETS
    assert leave_one_person_out(samples, table) == [1.0, 1.0, 0.0]
