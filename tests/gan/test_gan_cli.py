"""The documented CLI walk-through on tiny sizes: synth, train, refuse to overwrite a
run, resume, export, translate (the photo is skimage's astronaut). Exact resumption
mid-run is tested in test_gan_training.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("onnxscript")

from PIL import Image
from skimage import data

from facemoji.cli import main


@pytest.mark.slow
def test_synth_train_resume_export_translate(tmp_path: Path, capsys) -> None:
    photos, avatars, run = tmp_path / "photos", tmp_path / "avatars", tmp_path / "run"
    photos.mkdir()
    Image.fromarray(data.astronaut()).save(photos / "astronaut.jpg")
    assert main(["gan", "synth", "-n", "4", "-o", str(avatars), "--size", "32"]) == 0
    assert main(["gan", "synth", "-n", "4", "-o", str(avatars), "--size", "32"]) == 2
    assert "--force" in capsys.readouterr().err
    train = ["gan", "train", "--photos", str(photos), "--avatars", str(avatars),
             "--out", str(run), "--threads", "1", "--workers", "0"]
    tiny = ["--size", "32", "--ngf", "4", "--ndf", "4", "--n-blocks", "1", "--landmarks",
            "--save-every", "2", "--sample-every", "2"]
    assert main([*train, *tiny, "--max-steps", "4"]) == 0
    assert main([*train, *tiny, "--max-steps", "4"]) == 2  # exists: must say --resume
    assert "--resume" in capsys.readouterr().err
    assert main([*train, "--resume", "--precision", "bf16"]) == 2  # the run is fp32
    assert "--precision" in capsys.readouterr().err
    assert main([*train, "--resume"]) == 0  # already finished: nothing more to do
    assert main(["gan", "export", str(run), "-o", str(tmp_path / "g.onnx")]) == 0
    capsys.readouterr()
    assert main(["gan", "translate", str(photos), "-m", str(tmp_path / "g.onnx"),
                 "-o", str(tmp_path / "out"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["written"] == [str(tmp_path / "out" / "astronaut.png")]
    assert Image.open(tmp_path / "out" / "astronaut.png").size == (32, 32)
    again = ["gan", "translate", str(photos), "-m", str(tmp_path / "g.onnx"),
             "-o", str(tmp_path / "out")]
    assert main(again) == 2  # never replaces a cartoon silently
    assert "--force" in capsys.readouterr().err
    assert main([*again, "--force"]) == 0
    capsys.readouterr()
    # the bridge: the editable avatar is fitted to the GAN's cartoon of the photo
    assert main(["generate", str(photos / "astronaut.jpg"), "-o", str(tmp_path / "avatar"),
                 "--via-gan", str(tmp_path / "g.onnx"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["style"] == "facemoji" and Path(result["files"]["png"]).is_file()
