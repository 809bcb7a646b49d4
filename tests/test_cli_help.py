"""``--help`` reads plainly: no ``<bool>`` on flags, item types on repeatable options,
``PHOTO...`` for lists of arguments, and help text shown as written."""

from __future__ import annotations

import pytest

from facemoji.cli import main

COMMANDS = [["--help"], ["render", "--help"], ["generate", "--help"], ["lineup", "--help"],
            ["styles", "--help"], ["serve", "--help"], ["gan", "translate", "--help"]]


def help_text(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_help_shows_no_python_types(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    text = help_text(capsys, argv)
    assert "Usage:" in text
    for leak in ("<bool>", "list[", "{photos}", "Path]"):
        assert leak not in text


def test_flags_take_no_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["styles", "--json", "true"]) == 2  # so --help must not show `--json <bool>`
    capsys.readouterr()
    lines = [line for line in help_text(capsys, ["generate", "--help"]).splitlines()
             if "--json" in line or "--output" in line]
    json_line = next(line for line in lines if "--json" in line)
    assert "<" not in json_line  # no value shown for a flag
    assert "<path>" in next(line for line in lines if "--output" in line)


def test_variadic_arguments_and_repeatable_options(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_text(capsys, ["generate", "--help"])
    assert "[OPTIONS] PHOTO..." in text and "PHOTO...      <path>" in text
    assert "--set             <str>" in help_text(capsys, ["render", "--help"])


def test_help_text_is_not_eaten_as_markup(capsys: pytest.CaptureFixture[str]) -> None:
    text = " ".join(help_text(capsys, ["render", "--help"]).split())
    assert "Style name (default: the params' style, or facemoji)." in text.replace("│ ", "")
