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


def test_generate_without_a_report(tmp_path, fakes):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["generate", "me.jpg", "-o", str(out), "--method",
                                      "attributes", "--no-report"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["avatar.json", "avatar.png", "avatar.svg"]
    assert "report:" not in result.stdout and "avatar: " in result.stdout
    # an earlier run's report would describe another avatar: like the other files, it is
    # replaced (here: removed) only with --force
    for name in ("avatar.json", "avatar.png", "avatar.svg"):
        (out / name).unlink()
    (out / "report.html").write_text("earlier")
    args = ["generate", "me.jpg", "-o", str(out), "--method", "attributes", "--no-report"]
    assert main(args) == 2 and (out / "report.html").exists()
    doc = json.loads(CliRunner().invoke(app, [*args, "--force", "--json"]).stdout)
    assert sorted(doc["files"]) == ["json", "png", "svg"]
    assert sorted(p.name for p in out.iterdir()) == ["avatar.json", "avatar.png", "avatar.svg"]


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


@pytest.fixture
def counted(monkeypatch, target, make_analysis):
    """Like ``fakes``, with the face index each photo was analysed with recorded; each
    photo shows two faces."""
    import facemoji.face.embed as embed

    fake = FakeEmbedder()
    monkeypatch.setattr(embed, "get_embedder", lambda name="dlib": fake)
    asked: list = []

    def analyse(photo, name, stage, face_index=None):
        asked.append(face_index)
        analysis = make_analysis(target, fake)
        analysis.faces, analysis.face_index = 2, face_index or 0
        return analysis

    monkeypatch.setattr(importlib.import_module("facemoji.match.generate"), "_analyze",
                        analyse)
    return asked


def test_generate_warns_about_group_photos_and_takes_a_face_index(tmp_path, capsys, counted):
    out = tmp_path / "out"
    code = main(["generate", "a.jpg", "b.jpg", "-o", str(out), "--method", "attributes",
                 "--json", "--face-index", "0", "--face-index", "1"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert counted == [0, 1]
    assert "warning: photo 1: the largest of 2 faces was used" in captured.err
    assert "warning: photo 2: face 1 (largest first) of 2 faces was used" in captured.err
    assert len(json.loads(captured.out)["warnings"]) == 2


@pytest.mark.parametrize("argv, message", [
    (["--seed", "-1"], "seed must be"),
    (["--seed", str(2 ** 64)], "seed must be"),
    (["--face-index", "0", "--face-index", "1", "--face-index", "2"], "3 face indices"),
    (["-o", "{tmp}/file"], "is not a folder"),
    (["-o", "{tmp}/missing/out"], "does not exist"),
    (["-o", "{tmp}/linked"], "symbolic link"),
])
def test_generate_checks_everything_before_the_work(tmp_path, capsys, counted, argv, message):
    (tmp_path / "file").write_text("not a folder")
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / "report.html").symlink_to(tmp_path / "elsewhere.html")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if "-o" not in argv:
        argv += ["-o", str(tmp_path / "out")]
    code = main(["generate", "a.jpg", "b.jpg", "--method", "attributes", *argv])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert counted == []  # no photo was analysed
    assert not (tmp_path / "elsewhere.html").exists()


def test_generate_reports_a_folder_it_cannot_write_before_the_work(tmp_path, capsys, counted,
                                                                   monkeypatch):
    from facemoji import outputs

    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(outputs.tempfile, "TemporaryFile", read_only)
    code = main(["generate", "a.jpg", "-o", str(tmp_path), "--method", "attributes"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot write in" in err and "Read-only" in err
    assert counted == []
