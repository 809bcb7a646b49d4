"""Batches for training: unpaired, randomly flipped, reproducible by step number.

Batch ``k`` is drawn from a generator seeded with ``(seed, k)``, so it does not depend
on worker processes or on where a run was resumed: a resumed run sees exactly the
batches an uninterrupted one would.
"""

from __future__ import annotations

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from .data import Domain
from .heatmaps import landmark_heatmaps


def to_tensor(images: np.ndarray) -> torch.Tensor:
    """uint8 ``(N, H, W, 3)`` → float ``(N, 3, H, W)`` in [-1, 1]."""
    return torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2).float() / 127.5 - 1


def to_images(tensor: torch.Tensor) -> np.ndarray:
    """float ``(N, 3, H, W)`` in [-1, 1] → uint8 ``(N, H, W, 3)``."""
    scaled = (tensor.detach().float().clamp(-1, 1) + 1) * 127.5
    return scaled.round().byte().permute(0, 2, 3, 1).cpu().numpy()


class StepBatches(Dataset):
    """Item ``k`` is the whole batch for training step ``k``: ``A`` photos and ``B``
    cartoons (independent random picks, each flipped with probability 0.5), plus
    ``A_heat``/``B_heat`` landmark heatmaps when ``heatmap_sigma`` is given."""

    def __init__(self, photos: Domain, cartoons: Domain, batch_size: int, seed: int,
                 heatmap_sigma: float | None = None) -> None:
        self.domains = {"A": photos, "B": cartoons}
        self.batch_size = batch_size
        self.seed = seed
        self.sigma = heatmap_sigma

    def __len__(self) -> int:
        return 2**62  # unbounded: the sampler decides which steps are drawn

    def __getitem__(self, step: int) -> dict[str, torch.Tensor]:
        rng = np.random.default_rng([self.seed, step])
        batch: dict[str, torch.Tensor] = {}
        for key, domain in self.domains.items():
            picks = rng.integers(len(domain), size=self.batch_size)
            flips = rng.random(self.batch_size) < 0.5
            images = domain.images[picks]
            images = np.where(flips[:, None, None, None], images[:, :, ::-1], images)
            batch[key] = to_tensor(images)
            if self.sigma is not None:
                if domain.landmarks is None:
                    raise ValueError(f"domain {key} has no landmarks")
                size = images.shape[1]
                heat = np.stack([landmark_heatmaps(domain.landmarks[i], size, self.sigma)
                                 for i in picks])
                heat = np.where(flips[:, None, None, None], heat[..., ::-1], heat)
                batch[f"{key}_heat"] = torch.from_numpy(np.ascontiguousarray(heat))
        return batch


def step_loader(batches: StepBatches, first_step: int, last_step: int,
                workers: int) -> DataLoader:
    """Batches for steps ``first_step`` … ``last_step - 1``, in order, prepared by
    ``workers`` processes (0: in this process)."""
    return DataLoader(batches, batch_size=None, sampler=range(first_step, last_step),
                      num_workers=workers, persistent_workers=False,
                      prefetch_factor=4 if workers else None)
