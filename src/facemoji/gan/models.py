"""The CycleGAN networks: a U-Net generator with a ResNet bottleneck, a PatchGAN
discriminator, the least-squares GAN loss and the image pool.

Shapes: images are float tensors ``(N, C, H, W)`` in ``[-1, 1]``; ``H`` and ``W`` must
be multiples of ``2 ** n_down``. Imports torch: only for ``facemoji[gan]``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import nn


def _norm(channels: int) -> nn.Module:
    return nn.InstanceNorm2d(channels, affine=False, track_running_stats=False)


class ResnetBlock(nn.Module):
    """Two reflection-padded 3×3 convolutions with instance norm, plus the input."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.block = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3), _norm(channels), nn.ReLU(True),
            nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3), _norm(channels),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.block(x)


class UnetResnetGenerator(nn.Module):
    """A U-Net whose bottleneck is ``n_blocks`` ResNet blocks (the Bitmoji experiment's
    generator; 5 blocks was its best trade-off).

    A 7×7 stem, ``n_down`` stride-2 convolutions, the blocks, then transposed
    convolutions that each take the matching encoder level concatenated (the U-Net
    skips), and a 7×7 ``tanh`` head. ``(N, in_channels, H, W) -> (N, out_channels, H, W)``.
    """

    def __init__(self, in_channels: int = 3, out_channels: int = 3, ngf: int = 32,
                 n_blocks: int = 5, n_down: int = 2) -> None:
        super().__init__()
        self.n_down = n_down
        self.stem = nn.Sequential(nn.ReflectionPad2d(3), nn.Conv2d(in_channels, ngf, 7),
                                  _norm(ngf), nn.ReLU(True))
        self.down = nn.ModuleList(
            nn.Sequential(
                nn.Conv2d(ngf * 2**i, ngf * 2 ** (i + 1), 3, stride=2, padding=1,
                          padding_mode="reflect"),
                _norm(ngf * 2 ** (i + 1)), nn.ReLU(True),
            )
            for i in range(n_down)
        )
        deep = ngf * 2**n_down
        self.blocks = nn.Sequential(*(ResnetBlock(deep) for _ in range(n_blocks)))
        self.up = nn.ModuleList(
            nn.Sequential(
                nn.ConvTranspose2d(2 * ngf * 2**k, ngf * 2 ** (k - 1), 3, stride=2, padding=1,
                                   output_padding=1),
                _norm(ngf * 2 ** (k - 1)), nn.ReLU(True),
            )
            for k in range(n_down, 0, -1)
        )
        self.head = nn.Sequential(nn.ReflectionPad2d(3), nn.Conv2d(2 * ngf, out_channels, 7),
                                  nn.Tanh())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.stem(x)
        skips = [h]
        for layer in self.down:
            h = layer(h)
            skips.append(h)
        h = self.blocks(h)
        for layer in self.up:
            h = layer(torch.cat([h, skips.pop()], dim=1))
        return self.head(torch.cat([h, skips.pop()], dim=1))


class PatchDiscriminator(nn.Module):
    """PatchGAN: one real/fake score per overlapping patch (70×70 with ``n_layers=3``).

    ``(N, in_channels, H, W) -> (N, 1, H', W')``.
    """

    def __init__(self, in_channels: int = 3, ndf: int = 32, n_layers: int = 3) -> None:
        super().__init__()
        layers: list[nn.Module] = [nn.Conv2d(in_channels, ndf, 4, stride=2, padding=1),
                                   nn.LeakyReLU(0.2, True)]
        width = ndf
        for n in range(1, n_layers + 1):
            out = ndf * min(2**n, 8)
            stride = 2 if n < n_layers else 1
            layers += [nn.Conv2d(width, out, 4, stride=stride, padding=1), _norm(out),
                       nn.LeakyReLU(0.2, True)]
            width = out
        layers.append(nn.Conv2d(width, 1, 4, stride=1, padding=1))
        self.model = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.model(x)


def init_weights(net: nn.Module, gain: float = 0.02) -> nn.Module:
    """Random-normal init (mean 0, std ``gain``) of every convolution; zero biases."""
    for module in net.modules():
        if isinstance(module, nn.Conv2d | nn.ConvTranspose2d):
            nn.init.normal_(module.weight, 0.0, gain)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
    return net


def lsgan_loss(prediction: torch.Tensor, real: bool) -> torch.Tensor:
    """Least-squares GAN loss: mean squared distance of the scores to 1 (real) or 0."""
    target = torch.ones_like(prediction) if real else torch.zeros_like(prediction)
    return nn.functional.mse_loss(prediction, target)


class ImagePool:
    """A history of generated images for the discriminator (Shrivastava et al.).

    Once full, each query image is swapped for a stored one with probability 0.5, so
    the discriminator also sees older fakes. The pool's random choices come from its
    own seeded generator and are saved with it, so a resumed run draws the same.
    """

    def __init__(self, size: int = 50, seed: int = 0) -> None:
        self.size = size
        self.images: list[torch.Tensor] = []
        self.rng = np.random.default_rng(seed)

    def query(self, images: torch.Tensor) -> torch.Tensor:
        """Images ``(N, C, H, W)`` → as many, some replaced by earlier ones."""
        if self.size == 0:
            return images
        out = []
        for image in images.detach():
            image = image.unsqueeze(0)
            if len(self.images) < self.size:
                self.images.append(image.clone())
                out.append(image)
            elif self.rng.random() < 0.5:
                i = int(self.rng.integers(self.size))
                out.append(self.images[i].clone())
                self.images[i] = image.clone()
            else:
                out.append(image)
        return torch.cat(out, dim=0)

    def state_dict(self) -> dict[str, Any]:
        """The stored images and the generator state (for checkpoints)."""
        return {"images": [t.cpu() for t in self.images], "rng": self.rng.bit_generator.state}

    def load_state_dict(self, state: dict[str, Any], device: torch.device) -> None:
        """Restore what :meth:`state_dict` returned."""
        self.images = [t.to(device) for t in state["images"]]
        self.rng.bit_generator.state = state["rng"]
