"""Training a CycleGAN run: data, loop, log, sample grids, atomic checkpoints, resume.

A run folder holds ``config.json`` (the resolved :class:`TrainConfig`), ``log.csv``
(one row per step: ``step``, ``lr`` and every loss), ``samples/step_NNNNNN.png``
(photo, cartoon, reconstruction), ``checkpoint.pt`` and ``cache/`` (aligned photo
chips). ``resume=True`` continues from the checkpoint exactly as if never stopped.
"""

from __future__ import annotations

import csv
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import torch

from ..errors import BadArgument
from ..report import contact_sheet, save_image
from .config import TrainConfig
from .cyclegan import LOSS_NAMES, CycleGAN
from .data import Domain, load_avatars, prepare_photos
from .heatmaps import landmark_heatmaps
from .loader import StepBatches, step_loader, to_images, to_tensor

log = logging.getLogger(__name__)

CONFIG_FILE = "config.json"
CHECKPOINT_FILE = "checkpoint.pt"
LOG_FILE = "log.csv"
LOG_COLUMNS = ("step", "lr", *LOSS_NAMES, "seconds")
N_SAMPLES = 4

StepCallback = Callable[[int, dict[str, float]], None]


@dataclass(frozen=True)
class TrainResult:
    """What :func:`train` did: the last step reached, its losses and the wall time."""

    step: int
    losses: dict[str, float]
    seconds: float


def save_checkpoint(model: CycleGAN, path: Path) -> None:
    """Write ``model.state_dict()`` atomically: to a temporary file, flushed to disk,
    then renamed over ``path``; a crash mid-save leaves the previous checkpoint intact."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        torch.save(model.state_dict(), f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def load_checkpoint(path: Path, device: str | torch.device = "cpu") -> dict:
    """Read a checkpoint written by :func:`save_checkpoint`."""
    if not path.is_file():
        raise BadArgument(f"{path} does not exist: nothing to resume or export")
    return torch.load(path, map_location=device, weights_only=False)


def _start_run(config: TrainConfig, run_dir: Path, resume: bool) -> TrainConfig:
    config_path = run_dir / CONFIG_FILE
    if resume:
        if not config_path.is_file():
            raise BadArgument(f"{run_dir} is not a training run (no {CONFIG_FILE}) to resume")
        saved = TrainConfig.load(config_path)
        if saved != config:
            log.warning("resuming with the run's saved configuration %s", config_path)
        return saved
    if (run_dir / CHECKPOINT_FILE).exists():
        raise BadArgument(f"{run_dir} already holds a run: add --resume, or choose another folder")
    run_dir.mkdir(parents=True, exist_ok=True)
    config_path.write_text(config.to_json() + "\n", encoding="utf-8")
    return config


def _open_log(run_dir: Path, step: int) -> tuple[TextIO, Any]:
    """``log.csv`` opened for appending after ``step`` (rows past it are dropped: they
    came after the checkpoint and will be redone)."""
    path = run_dir / LOG_FILE
    rows: list[list[str]] = []
    if step > 0 and path.is_file():
        with open(path, newline="", encoding="utf-8") as f:
            rows = [r for r in csv.reader(f)][1:]
        rows = [r for r in rows if r and int(r[0]) <= step]
    f = open(path, "w", newline="", encoding="utf-8")  # noqa: SIM115 - closed by train()
    writer = csv.writer(f)
    writer.writerow(LOG_COLUMNS)
    writer.writerows(rows)
    return f, writer


def _heat(domain: Domain, indices: range, sigma: float) -> torch.Tensor:
    size = domain.images.shape[1]
    assert domain.landmarks is not None
    return torch.from_numpy(np.stack([landmark_heatmaps(domain.landmarks[i], size, sigma)
                                      for i in indices]))


def sample_grid(model: CycleGAN, photos: Domain) -> np.ndarray:
    """A contact sheet of the first photos: photo, cartoon, reconstruction per row."""
    c = model.config
    picks = range(min(N_SAMPLES, len(photos)))
    real = to_tensor(photos.images[list(picks)]).to(model.device)
    heat = _heat(photos, picks, c.heatmap_sigma).to(model.device) if c.landmarks else None
    with torch.no_grad():
        fake = model.run(model.G_A, real, heat)
        rec = model.run(model.G_B, fake, heat)
    cells = []
    for row in zip(to_images(real), to_images(fake), to_images(rec), strict=True):
        cells.extend(row)
    labels = ["photo", "cartoon", "reconstruction"] * len(picks)
    return contact_sheet(cells, labels, columns=3, cell=max(96, c.size),
                         title=f"step {model.step}")


def train(config: TrainConfig, photos: Path, avatars: Path, run_dir: Path, *,
          resume: bool = False, device: str = "cpu", workers: int = 1,
          on_step: StepCallback | None = None) -> TrainResult:
    """Train (or with ``resume``, continue) a CycleGAN from ``photos`` to ``avatars``.

    ``photos`` is any folder of photos (faces are detected, aligned and cached);
    ``avatars`` a folder of cartoon chips (``facemoji gan synth``). On resume the run's
    saved config is used. ``workers`` processes prepare batches; ``on_step(step,
    losses)`` is called after every step. Raises :class:`BadArgument` for unusable
    folders or runs.
    """
    config = _start_run(config, run_dir, resume)
    if device == "cuda" and not torch.cuda.is_available():
        raise BadArgument("--device cuda: no CUDA GPU is available to torch")
    cache = run_dir / "cache" / f"photos_{config.size}_pad{config.padding:g}"
    photo_domain = prepare_photos(photos, cache, config.size, padding=config.padding)
    cartoon_domain = load_avatars(avatars, config.size, need_landmarks=config.landmarks)
    log.info("training on %d photos and %d cartoons", len(photo_domain), len(cartoon_domain))

    model = CycleGAN(config, device)
    if resume:
        model.load_state_dict(load_checkpoint(run_dir / CHECKPOINT_FILE, device))
    (run_dir / "samples").mkdir(exist_ok=True)
    batches = StepBatches(photo_domain, cartoon_domain, config.batch_size, config.seed,
                          config.heatmap_sigma if config.landmarks else None)
    log_file, writer = _open_log(run_dir, model.step)
    losses: dict[str, float] = {}
    start = time.perf_counter()
    try:
        for batch in step_loader(batches, model.step, config.max_steps, workers):
            t0 = time.perf_counter()
            lr = model.opt_G.param_groups[0]["lr"]
            model.set_input(batch)
            losses = model.optimize()
            writer.writerow([model.step, f"{lr:.6g}",
                             *(f"{losses[k]:.5f}" for k in LOSS_NAMES),
                             f"{time.perf_counter() - t0:.3f}"])
            if model.step % config.sample_every == 0 or model.step == config.max_steps:
                save_image(sample_grid(model, photo_domain),
                           run_dir / "samples" / f"step_{model.step:06d}.png", force=True)
            if model.step % config.save_every == 0 or model.step == config.max_steps:
                log_file.flush()
                save_checkpoint(model, run_dir / CHECKPOINT_FILE)
            if on_step:
                on_step(model.step, losses)
    finally:
        log_file.close()
    return TrainResult(model.step, losses, time.perf_counter() - start)
