"""The CycleGAN model: two generators, two discriminators, their optimizers and
schedulers, with a fixed lifecycle ``set_input`` → ``forward`` → ``optimize``.

Domain A is photos, domain B cartoons; ``G_A`` translates A → B (the exported model),
``G_B`` B → A. With ``config.landmarks`` each generator also reads the landmark
heatmaps of its input image (the translation keeps the layout, so a fake is
translated back with the heatmaps of the image it came from).

With ``config.precision == "bf16"`` the forward passes and losses run under bfloat16
autocast; backward passes, optimizer steps, weights and the image pools stay fp32.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from .config import TrainConfig
from .heatmaps import N_CHANNELS
from .models import (
    ImagePool,
    PatchDiscriminator,
    UnetResnetGenerator,
    init_weights,
    lsgan_loss,
)

LOSS_NAMES = ("D_A", "G_A", "cycle_A", "idt_A", "D_B", "G_B", "cycle_B", "idt_B")
"""Keys of the dict :meth:`CycleGAN.optimize` returns, in ``log.csv`` order."""


def build_generator(config: TrainConfig) -> UnetResnetGenerator:
    """An initialized generator for ``config`` (input channels include the heatmaps)."""
    extra = N_CHANNELS if config.landmarks else 0
    net = UnetResnetGenerator(3 + extra, 3, ngf=config.ngf, n_blocks=config.n_blocks)
    return init_weights(net)  # type: ignore[return-value]


class CycleGAN:
    """Networks, losses and optimizers of one run; see the module docstring.

    ``torch.manual_seed(config.seed)`` is called first, so the same config gives the
    same initial weights.
    """

    def __init__(self, config: TrainConfig, device: str | torch.device = "cpu") -> None:
        self.config = config
        self.device = torch.device(device)
        torch.manual_seed(config.seed)
        self.G_A = build_generator(config).to(self.device)
        self.G_B = build_generator(config).to(self.device)
        self.D_A = init_weights(PatchDiscriminator(3, config.ndf, config.n_layers)).to(self.device)
        self.D_B = init_weights(PatchDiscriminator(3, config.ndf, config.n_layers)).to(self.device)
        betas = (config.beta1, 0.999)
        self.opt_G = torch.optim.Adam([*self.G_A.parameters(), *self.G_B.parameters()],
                                      lr=config.lr, betas=betas)
        self.opt_D = torch.optim.Adam([*self.D_A.parameters(), *self.D_B.parameters()],
                                      lr=config.lr, betas=betas)
        self.schedulers = [torch.optim.lr_scheduler.LambdaLR(opt, self._lr_factor)
                           for opt in (self.opt_G, self.opt_D)]
        # pool of fake B images for D_A (which judges cartoons), fake A for D_B
        self.pool_B = ImagePool(config.pool_size, seed=config.seed + 1)
        self.pool_A = ImagePool(config.pool_size, seed=config.seed + 2)
        self.step = 0

    def autocast(self) -> torch.autocast:
        """The precision context of forward passes and losses (a no-op for ``fp32``)."""
        return torch.autocast(device_type=self.device.type, dtype=torch.bfloat16,
                              enabled=self.config.precision == "bf16")

    def _lr_factor(self, step: int) -> float:
        total = self.config.max_steps
        decay_start = total * (1.0 - self.config.decay_fraction)
        if step < decay_start:
            return 1.0
        return max(0.0, (total - step) / max(1.0, total - decay_start))

    # lifecycle ---------------------------------------------------------------------

    def set_input(self, batch: dict[str, torch.Tensor]) -> None:
        """Take a batch: ``A`` photos and ``B`` cartoons ``(N, 3, S, S)`` in [-1, 1],
        and with landmarks ``A_heat`` / ``B_heat`` ``(N, N_CHANNELS, S, S)``."""
        self.real_A = batch["A"].to(self.device)
        self.real_B = batch["B"].to(self.device)
        if self.config.landmarks:
            self.heat_A: torch.Tensor | None = batch["A_heat"].to(self.device)
            self.heat_B: torch.Tensor | None = batch["B_heat"].to(self.device)
        else:
            self.heat_A = self.heat_B = None

    @staticmethod
    def run(net: nn.Module, image: torch.Tensor, heat: torch.Tensor | None) -> torch.Tensor:
        """``net`` applied to ``image``, with the heatmaps appended as channels if given."""
        return net(image if heat is None else torch.cat([image, heat], dim=1))

    def forward(self) -> None:
        """Translate both ways and back (fills ``fake_*`` and ``rec_*``)."""
        self.fake_B = self.run(self.G_A, self.real_A, self.heat_A)
        self.rec_A = self.run(self.G_B, self.fake_B, self.heat_A)
        self.fake_A = self.run(self.G_B, self.real_B, self.heat_B)
        self.rec_B = self.run(self.G_A, self.fake_A, self.heat_B)

    def _generator_losses(self) -> dict[str, torch.Tensor]:
        c = self.config
        l1 = nn.functional.l1_loss
        losses = {
            "G_A": lsgan_loss(self.D_A(self.fake_B), True),
            "G_B": lsgan_loss(self.D_B(self.fake_A), True),
            "cycle_A": l1(self.rec_A, self.real_A) * c.lambda_cycle,
            "cycle_B": l1(self.rec_B, self.real_B) * c.lambda_cycle,
        }
        if c.lambda_identity > 0:
            weight = c.lambda_cycle * c.lambda_identity
            idt_a = self.run(self.G_A, self.real_B, self.heat_B)
            idt_b = self.run(self.G_B, self.real_A, self.heat_A)
            losses["idt_A"] = l1(idt_a, self.real_B) * weight
            losses["idt_B"] = l1(idt_b, self.real_A) * weight
        else:
            losses["idt_A"] = losses["idt_B"] = torch.zeros((), device=self.device)
        return losses

    def _discriminator_loss(self, net: nn.Module, real: torch.Tensor,
                            fake: torch.Tensor) -> torch.Tensor:
        return 0.5 * (lsgan_loss(net(real), True) + lsgan_loss(net(fake.detach()), False))

    def optimize(self) -> dict[str, float]:
        """One training iteration on the current input; returns every loss as a float.

        Generators first (discriminators frozen), then both discriminators on
        pooled fakes; then the learning-rate schedulers step.
        """
        for net in (self.D_A, self.D_B):
            net.requires_grad_(False)
        self.opt_G.zero_grad(set_to_none=True)
        with self.autocast():
            self.forward()
            g_losses = self._generator_losses()
        sum(g_losses.values()).backward()  # type: ignore[union-attr]
        self.opt_G.step()

        for net in (self.D_A, self.D_B):
            net.requires_grad_(True)
        self.opt_D.zero_grad(set_to_none=True)
        # the pools keep fp32 fakes, so checkpoints do not depend on the precision
        fake_b = self.pool_B.query(self.fake_B.float())
        fake_a = self.pool_A.query(self.fake_A.float())
        with self.autocast():
            d_a = self._discriminator_loss(self.D_A, self.real_B, fake_b)
            d_b = self._discriminator_loss(self.D_B, self.real_A, fake_a)
        (d_a + d_b).backward()
        self.opt_D.step()

        for scheduler in self.schedulers:
            scheduler.step()
        self.step += 1
        values = {name: float(v.detach()) for name, v in g_losses.items()}
        values |= {"D_A": float(d_a.detach()), "D_B": float(d_b.detach())}
        return {name: values[name] for name in LOSS_NAMES}

    # checkpoints -------------------------------------------------------------------

    def state_dict(self) -> dict[str, Any]:
        """Everything needed to continue exactly: weights, optimizers, schedulers,
        image pools, the step and torch's RNG state."""
        return {
            "step": self.step,
            "nets": {name: getattr(self, name).state_dict()
                     for name in ("G_A", "G_B", "D_A", "D_B")},
            "opt_G": self.opt_G.state_dict(),
            "opt_D": self.opt_D.state_dict(),
            "schedulers": [s.state_dict() for s in self.schedulers],
            "pools": {"A": self.pool_A.state_dict(), "B": self.pool_B.state_dict()},
            "torch_rng": torch.get_rng_state(),
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore what :meth:`state_dict` returned."""
        self.step = int(state["step"])
        for name, weights in state["nets"].items():
            getattr(self, name).load_state_dict(weights)
        self.opt_G.load_state_dict(state["opt_G"])
        self.opt_D.load_state_dict(state["opt_D"])
        for scheduler, s in zip(self.schedulers, state["schedulers"], strict=True):
            scheduler.load_state_dict(s)
        self.pool_A.load_state_dict(state["pools"]["A"], self.device)
        self.pool_B.load_state_dict(state["pools"]["B"], self.device)
        torch.set_rng_state(state["torch_rng"])
