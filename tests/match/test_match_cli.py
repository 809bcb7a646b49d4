import importlib
import json

import pytest
from typer.testing import CliRunner

from facemoji.cli import app, main

from .conftest import FakeEmbedder


@pytest.fixture
def fakes(monkeypatch, target, make_analysis):
    """Photos analyse to the target avatar; the embedder is the fake one."""
    import facemoji.face.embed as embed

    fake = FakeEmbedder()
    monkeypatch.setattr(embed, "get_embedder", lambda name="dlib": fake)
    generate_module = importlib.import_module("facemoji.match.generate")
    monkeypatch.setattr(generate_module, "_analyze",
                        lambda photo, *_: make_analysis(target, fake))
    return fake


def test_generate_prints_the_json_contract(tmp_path, fakes):
    photo = tmp_path / "me.jpg"
    photo.write_bytes(b"fake")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["generate", str(photo), "-o", str(out), "--method",
                                      "search", "--budget", "3",
                                      "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["style"] == "facemoji"
    assert doc["files"]["json"] == str(out / "avatar.json")
    assert all((out / name).exists() for name in
               ("avatar.json", "avatar.svg", "avatar.png", "report.html"))
    assert isinstance(doc["score"], float) and doc["seconds"] >= 0
    assert doc["params"]["values"]["glasses"] != "none"


def test_generate_refuses_to_overwrite_and_bad_methods(tmp_path, fakes):
    out = tmp_path / "out"
    out.mkdir()
    (out / "avatar.png").write_bytes(b"x")
    assert main(["generate", "me.jpg", "-o", str(out), "--method", "attributes"]) == 2
    assert main(["generate", "me.jpg", "-o", str(out), "--method", "genetic"]) == 2
    assert main(["generate", "me.jpg", "-o", str(out), "--method", "attributes",
                 "--force"]) == 0


def test_lineup_needs_exactly_one_gallery(tmp_path):
    assert main(["lineup", "--refs", "a.jpg"]) == 2
    assert main(["lineup", "--refs", "a.jpg", "--gallery", str(tmp_path), "--style",
                 "facemoji"]) == 2
