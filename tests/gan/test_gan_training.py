"""Training runs end to end on tiny generated data: files, resume, export, translation.

The photo side's face detection is replaced by a fake (the detector has its own
tests); images are made here, never taken from the benchmark photos.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("onnxscript")

import cv2  # noqa: E402

from facemoji.gan import data as gan_data  # noqa: E402
from facemoji.gan.config import TrainConfig  # noqa: E402
from facemoji.gan.export import export_onnx  # noqa: E402
from facemoji.gan.train import CHECKPOINT_FILE, load_checkpoint, train  # noqa: E402
from facemoji.gan.translate import Translator  # noqa: E402

SIZE = 32
TINY = {"size": SIZE, "ngf": 4, "ndf": 4, "n_blocks": 1, "n_layers": 2, "pool_size": 2,
        "sample_every": 2, "save_every": 2}


def _landmarks(size: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    return rng.uniform(0.2 * size, 0.8 * size, (68, 2))


def _fake_photo_chip(image: np.ndarray, size: int, padding: float):
    chip = cv2.resize(image, (size, size), interpolation=cv2.INTER_AREA)
    return chip, _landmarks(size)


def _write_images(folder: Path, n: int, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for i in range(n):
        coarse = rng.integers(0, 256, (4, 4, 3), dtype=np.uint8)
        cv2.imwrite(str(folder / f"{i}.png"), cv2.resize(coarse, (48, 48)))


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setattr(gan_data, "photo_chip", _fake_photo_chip)
    photos, avatars = tmp_path / "photos", tmp_path / "avatars"
    _write_images(photos, 3, seed=1)
    _write_images(avatars, 4, seed=2)
    table = {f"{i}.png": (_landmarks(SIZE) * 48 / SIZE).tolist() for i in range(4)}
    (avatars / gan_data.LANDMARKS_FILE).write_text(json.dumps(table))
    return photos, avatars


def _log(run: Path) -> list[dict[str, str]]:
    with open(run / "log.csv", newline="") as f:
        return list(csv.DictReader(f))


def test_a_run_writes_config_log_samples_and_checkpoint(folders, tmp_path: Path) -> None:
    photos, avatars = folders
    config = TrainConfig(**TINY, max_steps=3)
    result = train(config, photos, avatars, tmp_path / "run", workers=0)
    run = tmp_path / "run"
    assert result.step == 3
    assert TrainConfig.load(run / "config.json") == config
    rows = _log(run)
    assert [r["step"] for r in rows] == ["1", "2", "3"]
    assert {"cycle_A", "cycle_B", "G_A", "D_A", "idt_A"} <= set(rows[0])
    assert sorted(p.name for p in (run / "samples").iterdir()) == [
        "step_000002.png", "step_000003.png"]
    assert load_checkpoint(run / CHECKPOINT_FILE)["step"] == 3
    assert not list(run.glob("*.tmp"))
    with pytest.raises(gan_data.BadArgument, match="--resume"):
        train(config, photos, avatars, run, workers=0)


class _Stop(Exception):
    pass


@pytest.mark.parametrize(("landmarks", "precision"),
                         [(False, "fp32"), (True, "fp32"), (False, "bf16")])
def test_resume_continues_exactly_like_an_uninterrupted_run(folders, tmp_path: Path,
                                                            landmarks: bool,
                                                            precision: str) -> None:
    photos, avatars = folders
    config = TrainConfig(**TINY, max_steps=6, landmarks=landmarks, precision=precision)
    train(config, photos, avatars, tmp_path / "whole", workers=0)

    def crash_after_5(step: int, losses: dict[str, float]) -> None:
        if step == 5:  # crash after step 5: the checkpoint of step 4 is the last good one
            raise _Stop

    with pytest.raises(_Stop):
        train(config, photos, avatars, tmp_path / "cut", workers=0, on_step=crash_after_5)
    assert load_checkpoint(tmp_path / "cut" / CHECKPOINT_FILE)["step"] == 4
    # the run's saved config (and so its precision) wins over the one passed in
    train(TrainConfig(**TINY), photos, avatars, tmp_path / "cut", resume=True, workers=0)
    assert TrainConfig.load(tmp_path / "cut" / "config.json").precision == precision
    whole, cut = _log(tmp_path / "whole"), _log(tmp_path / "cut")
    assert [r["step"] for r in cut] == [str(i) for i in range(1, 7)]
    for a, b in zip(whole, cut, strict=True):
        a.pop("seconds"), b.pop("seconds")
        assert a == b


def test_export_matches_torch_and_translates(folders, tmp_path: Path) -> None:
    photos, avatars = folders
    config = TrainConfig(**TINY, max_steps=2, landmarks=True)
    train(config, photos, avatars, tmp_path / "run", workers=0)
    model_path = export_onnx(tmp_path / "run", tmp_path / "g.onnx")
    assert not list(tmp_path.glob("g.onnx.*")), "weights must live inside the ONNX file"

    from facemoji.gan.cyclegan import build_generator

    generator = build_generator(config)
    generator.load_state_dict(load_checkpoint(tmp_path / "run" / CHECKPOINT_FILE)["nets"]["G_A"])
    translator = Translator(model_path)
    x = torch.rand(2, generator.stem[1].in_channels, SIZE, SIZE) * 2 - 1
    with torch.no_grad():
        expected = generator(x).numpy()
    (got,) = translator.session.run(None, {translator.input_name: x.numpy()})
    np.testing.assert_allclose(got, expected, atol=1e-4)

    assert (translator.size, translator.landmarks) == (SIZE, True)
    chip = np.full((64, 64, 3), 128, np.uint8)
    cartoon = translator.translate_aligned(chip, _landmarks(64))
    assert cartoon.shape == (SIZE, SIZE, 3) and cartoon.dtype == np.uint8
