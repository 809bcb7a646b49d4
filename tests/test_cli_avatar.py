"""CLI: styles, render, gallery; exit codes and one-line errors."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from facemoji.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_styles_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "styles", "--json")
    assert code == 0
    data = json.loads(out)
    native = next(s for s in data["styles"] if s["name"] == "facemoji")
    kinds = {f["name"]: f for f in native["features"]}
    assert kinds["hair"]["kind"] == "choice" and len(kinds["hair"]["options"]) >= 30
    assert kinds["face_width"]["range"] == [-1.0, 1.0] and kinds["face_width"]["default"] == 0.0
    assert kinds["skin"]["kind"] == "color"
    assert sum(f["kind"] == "scalar" for f in native["features"]) >= 8


def test_styles_human(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "styles")
    assert code == 0 and "facemoji" in out and "hair" in out


def test_render_random_set_and_params_round_trip(tmp_path, capsys) -> None:
    j = tmp_path / "a.json"
    code, _, _ = run(capsys, "render", "--random", "--seed", "4", "--set", "hair=bob",
                     "--set", "eye_size=0.5", "--set", "hair_color=bright_red", "-o", str(j))
    assert code == 0
    values = json.loads(j.read_text())["values"]
    assert values["hair"] == "bob" and values["eye_size"] == 0.5
    assert values["hair_color"] == "#c4301c"
    png = tmp_path / "a.png"
    assert run(capsys, "render", "--params", str(j), "-o", str(png), "--size", "100")[0] == 0
    assert Image.open(png).size == (100, 100)
    svg = tmp_path / "a.svg"
    assert run(capsys, "render", "-p", str(j), "-o", str(svg))[0] == 0
    assert svg.read_text().startswith("<svg")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["render", "--set", "hair=crown", "-o", "{tmp}/x.png"], "valid options"),
        (["render", "--set", "eye_size=9", "-o", "{tmp}/x.png"], "valid range"),
        (["render", "--set", "eye_size=big", "-o", "{tmp}/x.png"], "expected a number"),
        (["render", "--set", "nose", "-o", "{tmp}/x.png"], "feature=value"),
        (["render", "--style", "nope", "-o", "{tmp}/x.png"], "valid styles"),
        (["render", "-o", "{tmp}/x.gif"], "must end in"),
        (["render", "-o", "{tmp}/missing/x.png"], "does not exist"),
        (["render", "--params", "{tmp}/none.json", "-o", "{tmp}/x.png"], "cannot read"),
        (["render", "--params", "{tmp}/bad.json", "-o", "{tmp}/x.png"], "not valid JSON"),
        (["gallery", "-o", "{tmp}/x.svg"], "must end in"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path, capsys, argv, message) -> None:
    (tmp_path / "bad.json").write_text("{nope")
    code, out, err = run(capsys, *[a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert code == 2, err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert out == ""


def test_render_refuses_to_overwrite(tmp_path, capsys) -> None:
    out = tmp_path / "a.svg"
    out.write_text("keep me")
    code, _, err = run(capsys, "render", "-o", str(out))
    assert code == 2 and "--force" in err and out.read_text() == "keep me"
    assert run(capsys, "render", "-o", str(out), "--force")[0] == 0
    assert out.read_text().startswith("<svg")


def test_gallery_sheet(tmp_path, capsys) -> None:
    out = tmp_path / "sheet.png"
    code, _, _ = run(capsys, "gallery", "-n", "6", "--size", "64", "--columns", "3",
                     "-o", str(out))
    assert code == 0
    w, h = Image.open(out).size
    assert w > 3 * 64 and h > 2 * 64


def test_help_and_usage_errors(capsys) -> None:
    assert run(capsys, "--help")[0] == 0
    code, _, err = run(capsys, "render", "--size", "abc", "-o", "x.png")
    assert code == 2 and "Traceback" not in err


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,
    '{"style": "facemoji", "values": {"eye_size": ' + "9" * 309 + "}}",
    '{"style": "facemoji", "values": {"skin": [NaN, 1e999, -1e999]}}',
    '{"style": "facemoji", "values": {"skin": [1e999, 1, 2]}}',
    '{"style": "facemoji", "values": {"skin": ["a", "b", "c"]}}',
    '{"style": "facemoji", "values": {"skin": [null, 1, 2]}}',
    '{"style": "facemoji", "values": {"skin": [[1], [2], [3]]}}',
])
def test_hostile_params_files_are_one_line_exit_2(tmp_path, capsys, text) -> None:
    params = tmp_path / "p.json"
    params.write_text(text)
    code, out, err = run(capsys, "render", "--params", str(params), "-o", str(tmp_path / "a.svg"))
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and len(err) < 300 and out == ""
    assert not (tmp_path / "a.svg").exists()


@pytest.mark.parametrize("argv", [["render", "--random", "--seed", "-1"],
                                  ["gallery", "-n", "2", "--seed", "-5"]])
def test_negative_seeds_are_one_line_exit_2(tmp_path, capsys, argv) -> None:
    code, _, err = run(capsys, *argv, "-o", str(tmp_path / "a.png"))
    assert code == 2 and "seed must be" in err and len(err.strip().splitlines()) == 1
