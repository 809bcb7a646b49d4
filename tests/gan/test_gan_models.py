"""The CycleGAN networks and one training iteration, on synthetic tensors."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from facemoji.errors import BadArgument  # noqa: E402
from facemoji.gan.config import TrainConfig  # noqa: E402
from facemoji.gan.cyclegan import LOSS_NAMES, CycleGAN  # noqa: E402
from facemoji.gan.heatmaps import N_CHANNELS  # noqa: E402
from facemoji.gan.models import (  # noqa: E402
    ImagePool,
    PatchDiscriminator,
    UnetResnetGenerator,
    lsgan_loss,
)

TINY = {"size": 32, "ngf": 8, "ndf": 8, "n_blocks": 2, "max_steps": 100}


@pytest.mark.parametrize("in_channels", [3, 3 + N_CHANNELS])
def test_generator_keeps_the_image_shape_in_tanh_range(in_channels: int) -> None:
    net = UnetResnetGenerator(in_channels, 3, ngf=8, n_blocks=2)
    y = net(torch.randn(2, in_channels, 32, 48))
    assert y.shape == (2, 3, 32, 48)
    assert y.abs().max() <= 1.0


def test_generator_depth_follows_n_blocks() -> None:
    assert len(UnetResnetGenerator(ngf=8, n_blocks=5).blocks) == 5
    assert len(UnetResnetGenerator(ngf=8, n_blocks=1).blocks) == 1


def test_patch_discriminator_scores_70px_patches() -> None:
    # with n_layers=3 a 256 px image gives the classic 30×30 grid of 70×70 patches
    d = PatchDiscriminator(3, ndf=4, n_layers=3)
    assert d(torch.zeros(1, 3, 256, 256)).shape == (1, 1, 30, 30)


def test_lsgan_loss_is_squared_distance_to_the_label() -> None:
    scores = torch.tensor([0.0, 1.0, 3.0])
    assert lsgan_loss(scores, True).item() == pytest.approx((1 + 0 + 4) / 3)
    assert lsgan_loss(scores, False).item() == pytest.approx((0 + 1 + 9) / 3)


def test_image_pool_fills_then_returns_older_images() -> None:
    pool = ImagePool(size=3, seed=0)
    first = [torch.full((1, 3, 2, 2), float(i)) for i in range(3)]
    for image in first:
        assert torch.equal(pool.query(image), image)  # filling: passed through
    outs = [pool.query(torch.full((1, 3, 2, 2), 99.0)) for _ in range(20)]
    older = [o for o in outs if o[0, 0, 0, 0].item() != 99.0]
    assert older, "a full pool must sometimes return a stored image"
    assert len(pool.images) == 3


def test_optimize_returns_every_loss_and_steps_the_schedule() -> None:
    config = TrainConfig(**{**TINY, "max_steps": 4, "decay_fraction": 0.5})
    model = CycleGAN(config)
    model.set_input({"A": torch.rand(1, 3, 32, 32) * 2 - 1, "B": torch.rand(1, 3, 32, 32) * 2 - 1})
    lrs = []
    for _ in range(4):
        lrs.append(model.opt_G.param_groups[0]["lr"])
        losses = model.optimize()
    assert tuple(losses) == LOSS_NAMES
    assert all(v >= 0 for v in losses.values())
    assert lrs == pytest.approx([2e-4, 2e-4, 2e-4, 1e-4])  # constant, then linear decay
    assert model.step == 4


def _smooth_batch() -> dict[str, torch.Tensor]:
    """Image-like inputs: low-frequency content, not white noise."""
    torch.manual_seed(1)

    def smooth() -> torch.Tensor:
        coarse = torch.rand(2, 3, 4, 4) * 2 - 1
        return torch.nn.functional.interpolate(coarse, size=32, mode="bilinear")

    return {"A": smooth(), "B": smooth()}


@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_a_few_steps_lower_the_cycle_loss_on_a_fixed_batch(precision: str) -> None:
    batch = _smooth_batch()
    model = CycleGAN(TrainConfig(**{**TINY, "lr": 1e-3, "precision": precision}))
    model.set_input(batch)
    first = model.optimize()
    for _ in range(14):
        last = model.optimize()
    assert last["cycle_A"] < 0.7 * first["cycle_A"]
    assert last["cycle_B"] < 0.7 * first["cycle_B"]


def test_landmark_conditioning_adds_generator_input_channels() -> None:
    model = CycleGAN(TrainConfig(**TINY, landmarks=True))
    assert model.G_A.stem[1].in_channels == 3 + N_CHANNELS
    batch = {k: torch.rand(1, 3, 32, 32) * 2 - 1 for k in ("A", "B")}
    batch |= {f"{k}_heat": torch.zeros(1, N_CHANNELS, 32, 32) - 1 for k in ("A", "B")}
    model.set_input(batch)
    assert set(model.optimize()) == set(LOSS_NAMES)


def test_a_bf16_step_gives_finite_losses_close_to_fp32_and_keeps_fp32_weights() -> None:
    batch = _smooth_batch()
    fp32 = CycleGAN(TrainConfig(**TINY))
    bf16 = CycleGAN(TrainConfig(**TINY, precision="bf16"))
    for model in (fp32, bf16):
        model.set_input(batch)
    expected, got = fp32.optimize(), bf16.optimize()
    assert all(torch.isfinite(torch.tensor(v)) for v in got.values())
    for name in LOSS_NAMES:  # bfloat16 keeps ~3 significant digits: a loose tolerance
        assert got[name] == pytest.approx(expected[name], rel=0.05, abs=0.02), name
    assert got != expected, "bf16 autocast must actually change the arithmetic"
    params = [*bf16.G_A.parameters(), *bf16.D_A.parameters()]
    assert {p.dtype for p in params} == {torch.float32}
    assert {t.dtype for t in bf16.pool_B.images} == {torch.float32}


def test_an_unknown_precision_is_refused() -> None:
    with pytest.raises(BadArgument, match="precision"):
        TrainConfig(precision="fp16")  # type: ignore[arg-type]
