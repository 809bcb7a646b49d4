"""Geometry calibration: the scalar found for a proportion reproduces it on the avatar."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from facemoji.avatar.style import get_style
from facemoji.face.geometry import ratios
from facemoji.match.calibration import EXAGGERATION, avatar_norms, response, scalar_for, table

MOVING = ("face_width", "face_length", "jaw_width", "cheek_fullness", "eye_spacing", "nose_width",
          "nose_length", "mouth_width", "lip_fullness", "mouth_height")


@pytest.mark.parametrize("feature", MOVING)
@pytest.mark.parametrize("value", [-0.6, 0.0, 0.5])
def test_an_avatars_own_proportion_gives_back_its_scalar(feature: str, value: float) -> None:
    style = get_style("facemoji")
    params = style.schema.defaults().set(feature, value)
    measured = ratios(style.landmarks(params, 512), 0.0)[feature]
    mean, sd = avatar_norms("facemoji")[feature]
    z = (measured - mean) / sd / EXAGGERATION  # the person this avatar caricatures
    assert scalar_for("facemoji", feature, feature, z) == pytest.approx(value, abs=0.06)


def test_bigger_proportions_get_bigger_scalars_and_stay_in_range() -> None:
    values = [scalar_for("facemoji", "nose_width", "nose_width", z) for z in (-9, -1, 0, 1, 9)]
    assert values == sorted(values) and values[0] == -1.0 and values[-1] == 1.0
    _, ratio = response("facemoji", "mouth_width", "mouth_width")
    assert ratio[-1] > ratio[0]  # a wider mouth scalar draws a wider mouth


def test_an_average_mouth_gets_an_average_width_whatever_the_expressions_draw() -> None:
    # the norms measure mouths at rest: a grin's own widening must not make every
    # average person's mouth wider
    assert abs(scalar_for("facemoji", "mouth_width", "mouth_width", 0.0)) < 0.1


def test_a_ratio_its_scalar_does_not_move_falls_back_to_half_the_z_score() -> None:
    # the ears' size does not move the face's width, and brows are measured from pixels
    assert scalar_for("facemoji", "ear_size", "face_width", 1.2) == \
        pytest.approx(0.6 * EXAGGERATION)
    assert scalar_for("facemoji", "brow_thickness", "brow_thickness", -1.0) == \
        pytest.approx(-0.5 * EXAGGERATION)


@pytest.mark.parametrize("style", ["facemoji", "avataaars"])
def test_the_shipped_table_is_what_the_style_draws_now(style: str) -> None:
    # scripts/calibration_tables.py writes it; rerun it after changing a style's drawing
    shipped = json.loads((files("facemoji") / "data" / f"calibration_{style}.json").read_text())
    measured = table(style)
    assert shipped["norms"].keys() == measured["norms"].keys()
    for key, value in measured["norms"].items():
        assert shipped["norms"][key] == pytest.approx(value, abs=1e-9)
    assert shipped["responses"].keys() == measured["responses"].keys()
    for feature, rows in measured["responses"].items():
        for got, want in zip(shipped["responses"][feature], rows, strict=True):
            assert got == pytest.approx(want, abs=1e-9)
