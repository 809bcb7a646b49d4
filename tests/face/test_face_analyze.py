"""analyze() and the `facemoji analyze` command on the astronaut."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from facemoji.cli import main
from facemoji.errors import NoFaceFound
from facemoji.face.analyze import FaceAnalysis, analyze
from facemoji.face.detect import Detection

CONTRACT_KEYS = {"faces", "face_index", "box", "landmarks", "image_size", "skin", "hair",
                 "eyes", "glasses", "facial_hair", "geometry"}


@pytest.fixture(scope="module")
def astronaut_path(tmp_path_factory: pytest.TempPathFactory, astronaut: np.ndarray) -> Path:
    path = tmp_path_factory.mktemp("photos") / "astronaut.png"
    Image.fromarray(astronaut).save(path)
    return path


@pytest.fixture(scope="module")
def analysis(astronaut_path: Path) -> FaceAnalysis:
    return analyze(astronaut_path)


def test_analysis_fields(analysis: FaceAnalysis, astronaut_detection: Detection) -> None:
    assert analysis.image_size == (512, 512)
    assert (analysis.faces, analysis.face_index) == (1, 0)
    assert analysis.detection.box == astronaut_detection.box
    assert analysis.chip.shape == (150, 150, 3) and analysis.chip.dtype == np.uint8
    assert analysis.embedding is not None
    assert analysis.embedding.shape == (128,) and analysis.embedding.dtype == np.float32


def test_to_dict_is_the_json_contract(analysis: FaceAnalysis) -> None:
    data = json.loads(json.dumps(analysis.to_dict()))  # plain JSON types only
    assert set(data) >= CONTRACT_KEYS
    assert data["box"] == list(analysis.detection.box)
    assert data["image_size"] == [512, 512]
    assert len(data["landmarks"]) == 68 and all(len(p) == 2 for p in data["landmarks"])
    assert np.allclose(data["landmarks"], analysis.detection.landmarks, atol=0.05)
    assert 1 <= data["skin"]["monk"] <= 10 and len(data["skin"]["rgb"]) == 3


def test_analyze_without_embedding_and_without_a_face(astronaut: np.ndarray) -> None:
    assert analyze(astronaut, embed=False, method="hog").embedding is None
    with pytest.raises(NoFaceFound, match=r"no face found in empty\.png"):
        analyze(np.full((120, 120, 3), 200, np.uint8), method="hog", name="empty.png")


def test_cli_json(astronaut_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(astronaut_path), "--json", "--detector", "hog"]) == 0
    data = json.loads(capsys.readouterr().out)  # stdout holds the JSON document alone
    assert set(data) >= CONTRACT_KEYS
    assert data["faces"] == 1 and len(data["landmarks"]) == 68


def test_cli_summary(astronaut_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(astronaut_path)]) == 0
    out = capsys.readouterr().out
    assert "faces: 1" in out and "skin:" in out and "glasses:" in out
    # what else analysis measures is in the summary too: the astronaut grins, has short
    # hair and looks under 30
    assert "smile: teeth" in out and "looks: 30-44, presents female" in out
    assert "short" in out.split("hair:")[1].splitlines()[0]


def test_the_summary_names_the_hair_cues() -> None:
    from facemoji.cli.face import _summary

    data = {"faces": 1, "face_index": 0, "box": [0, 0, 10, 10],
            "hair": {"name": "brown", "rgb": [90, 60, 40], "length": "long", "type": "curly",
                     "bangs": True, "receding": False, "up": True}}
    hair = next(line for line in _summary(data).splitlines() if line.startswith("hair:"))
    assert hair == "hair: brown  #5a3c28, long, curly, bangs, worn up"
    data["hair"]["fringe"] = "swept"
    hair = next(line for line in _summary(data).splitlines() if line.startswith("hair:"))
    assert hair == "hair: brown  #5a3c28, long, curly, swept bangs, worn up"
    data["hair"].update(gray=0.3)  # a color's name and a gray share: graying
    hair = next(line for line in _summary(data).splitlines() if line.startswith("hair:"))
    assert hair == "hair: brown  #5a3c28, long, curly, graying, swept bangs, worn up"
    data["hair"].update(name="gray", gray=0.9)  # gray hair is gray, not graying
    assert "graying" not in _summary(data)
    data["hair"].update(name="brown", gray=0.1, bangs=False, up=False, part="left")
    hair = next(line for line in _summary(data).splitlines() if line.startswith("hair:"))
    assert hair == "hair: brown  #5a3c28, long, curly, parted on the image's left"
    data["hair"].update(length="short", part=None, top="full")
    hair = next(line for line in _summary(data).splitlines() if line.startswith("hair:"))
    assert hair == "hair: brown  #5a3c28, short, curly, full on top"


def test_the_summary_names_the_eye_color() -> None:
    from facemoji.cli.face import _summary

    data = {"faces": 1, "face_index": 0, "box": [0, 0, 10, 10],
            "eyes": {"rgb": [74, 100, 140], "name": "blue"}}
    assert "eyes: blue  #4a648c" in _summary(data).splitlines()
    del data["eyes"]["name"]  # not named: behind sunglasses, or no model
    assert "eyes: #4a648c" in _summary(data).splitlines()


def test_the_summary_names_the_jacket_the_top_under_it_and_the_tie() -> None:
    from facemoji.cli.face import _summary

    data = {"faces": 1, "face_index": 0, "box": [0, 0, 10, 10],
            "clothing": {"rgb": [43, 58, 103], "jacket": True, "tie": True,
                         "shirt_color": {"rgb": [238, 241, 244], "confidence": 1.0},
                         "tie_color": {"rgb": [184, 50, 58], "confidence": 1.0}}}
    line = next(x for x in _summary(data).splitlines() if x.startswith("clothing:"))
    assert line == "clothing: #2b3a67, jacket over #eef1f4, tie #b8323a"
    data["clothing"].update(jacket=False, tie=False, shirt_color={"confidence": 0.0})
    line = next(x for x in _summary(data).splitlines() if x.startswith("clothing:"))
    assert line == "clothing: #2b3a67"


def test_cli_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "notes.jpg"
    text.write_text("hello")
    assert main(["analyze", str(text), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "not an image" in captured.err
    assert main(["analyze", str(tmp_path / "missing.png")]) == 2


def test_cli_face_index_out_of_range(astronaut_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(astronaut_path), "--face-index", "1", "--detector", "hog"]) == 2
    assert "out of range" in capsys.readouterr().err


def test_cli_debug_image(astronaut_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "debug.png"
    assert main(["analyze", str(astronaut_path), "--debug-image", str(out)]) == 0
    with Image.open(out) as im:  # the photo, maybe upscaled, plus a panel of swatches
        assert im.mode == "RGB" and im.width > im.height >= 512


def test_stage_names_each_step_as_it_starts(astronaut: np.ndarray) -> None:
    steps: list[str] = []
    analyze(astronaut, embed=False, method="hog", stage=steps.append)
    assert steps == ["detecting", "measuring"]
    steps.clear()
    with pytest.raises(NoFaceFound):
        analyze(np.full((120, 120, 3), 200, np.uint8), method="hog", stage=steps.append)
    assert steps == ["detecting"]  # nothing to measure


@pytest.mark.parametrize("size", [(1, 1), (9, 9), (20000, 20), (3000, 12)])
def test_cli_tiny_and_thin_images_exit_2(size: tuple[int, int], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tiny.png"
    Image.new("RGB", size, (200, 120, 90)).save(path)
    assert main(["analyze", str(path), "--detector", "cnn"]) == 2
    err = capsys.readouterr().err
    assert "tiny.png: the image is too small or too thin" in err and err.count("\n") == 1


def test_big_photos_are_analysed_at_the_working_size(astronaut: np.ndarray,
                                                     analysis: FaceAnalysis) -> None:
    """A 4096 px photo is decoded at 1600 px: the same face, measured the same way."""
    import cv2

    big = cv2.resize(astronaut, (4096, 4096), interpolation=cv2.INTER_CUBIC)
    found = analyze(Image.fromarray(big), embed=False)
    assert found.image_size == (1600, 1600)
    scale = 1600 / 512  # the same landmarks, within a few pixels of the 512 px photo
    error = np.abs((found.detection.landmarks + 0.5) / scale - 0.5 - analysis.detection.landmarks)
    assert np.median(error) < 2.0
    assert found.attributes.glasses == analysis.attributes.glasses == "none"
    assert found.attributes.hair_name == analysis.attributes.hair_name
