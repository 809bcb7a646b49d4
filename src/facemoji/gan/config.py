"""``TrainConfig``: every setting of a CycleGAN run, frozen, saved as ``RUN/config.json``.

Torch-free, so the CLI can validate options before torch is imported.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import BadArgument, InvalidParams

PRECISIONS = ("fp32", "bf16")
"""Values of :attr:`TrainConfig.precision`."""


@dataclass(frozen=True, kw_only=True)
class TrainConfig:
    """The resolved configuration of one training run.

    Defaults are the CPU-friendly ones (128 px, ``ngf`` 32: about 0.7 s per iteration
    on 2 cores); the Bitmoji experiment used a GPU, 256 px, ``ngf`` 64 and 240k steps.
    Learning rate: ``lr`` for the first ``1 - decay_fraction`` of the steps, then linear
    decay to 0 at ``max_steps``.
    """

    size: int = 128
    """Image side in pixels (a multiple of 4)."""
    max_steps: int = 5000
    batch_size: int = 1
    ngf: int = 32
    """Generator width (filters of the first layer)."""
    ndf: int = 32
    """Discriminator width."""
    n_blocks: int = 5
    """ResNet blocks in the generator's bottleneck."""
    n_layers: int = 3
    """Discriminator depth (3: 70×70 patches)."""
    landmarks: bool = False
    """Feed 68-point landmark heatmaps to the generators as extra channels."""
    heatmap_sigma: float = 2.0
    """Gaussian radius of the landmark heatmaps, in pixels at ``size``."""
    padding: float = 0.5
    """Margin around the face in the aligned chips (as used by face alignment)."""
    lambda_cycle: float = 10.0
    lambda_identity: float = 0.5
    """Identity loss weight, relative to ``lambda_cycle``."""
    pool_size: int = 50
    lr: float = 2e-4
    beta1: float = 0.5
    decay_fraction: float = 0.5
    sample_every: int = 100
    """Steps between sample grids (photo, cartoon, reconstruction)."""
    save_every: int = 100
    """Steps between checkpoints."""
    seed: int = 0
    precision: Literal["fp32", "bf16"] = "fp32"
    """``bf16``: forward passes and losses under bfloat16 autocast (weights, optimizer
    steps and checkpoints stay fp32); about 1.5× faster per 128 px iteration on a CPU
    with native bfloat16 (``docs/benchmarks.md``)."""

    def __post_init__(self) -> None:
        checks = {
            "size must be a multiple of 4 between 16 and 1024": (
                self.size % 4 == 0 and 16 <= self.size <= 1024),
            "max_steps must be at least 1": self.max_steps >= 1,
            "batch_size must be at least 1": self.batch_size >= 1,
            "ngf and ndf must be at least 1": self.ngf >= 1 and self.ndf >= 1,
            "n_blocks must be at least 0": self.n_blocks >= 0,
            "n_layers must be between 1 and 5": 1 <= self.n_layers <= 5,
            "decay_fraction must be between 0 and 1": 0 <= self.decay_fraction <= 1,
            "sample_every and save_every must be at least 1": (
                self.sample_every >= 1 and self.save_every >= 1),
            f"precision must be one of {', '.join(PRECISIONS)}": self.precision in PRECISIONS,
        }
        for message, ok in checks.items():
            if not ok:
                raise BadArgument(message)

    def to_json(self) -> str:
        """The config as indented JSON."""
        return json.dumps(dataclasses.asdict(self), indent=2)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        """A config from :meth:`to_json`'s data; unknown keys raise :class:`InvalidParams`."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InvalidParams(f"unknown training settings: {', '.join(unknown)}")
        return cls(**data)

    @classmethod
    def load(cls, path: Path) -> TrainConfig:
        """Read ``config.json``."""
        try:
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as exc:
            raise BadArgument(f"cannot read the run's config {path}: {exc}") from None
