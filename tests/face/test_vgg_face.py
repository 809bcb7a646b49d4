"""The VGG-Face network and its weight loading (needs torch: `pip install torch torchfile`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
torchfile = pytest.importorskip("torchfile")

from facemoji.errors import BadArgument, FacemojiError  # noqa: E402
from facemoji.face.vgg import (  # noqa: E402
    LAYERS,
    MODULE_NAMES,
    VggFaceEmbedder,
    build_network,
    load_weights,
    resolve_layer,
    state_dict_from_t7,
)


@pytest.fixture(scope="module")
def network() -> torch.nn.Sequential:
    torch.manual_seed(0)
    return build_network()


def test_layer_indices_follow_torch7(network: torch.nn.Sequential) -> None:
    assert len(MODULE_NAMES) == 40
    assert LAYERS["fc7"] == 38 and LAYERS["pool5"] == 32  # the original experiment's modules
    assert MODULE_NAMES[31 - 1] == "pool5" and MODULE_NAMES[33 - 1] == "fc6"
    assert resolve_layer(36) == 36
    assert VggFaceEmbedder.from_network(network, layer="fc8").dim == 2622
    with pytest.raises(BadArgument, match="fc7"):
        resolve_layer("fc9")
    with pytest.raises(BadArgument, match=r"1\.\.40"):
        resolve_layer(41)


@pytest.mark.parametrize(("layer", "dim"), [("fc7", 4096), ("pool5", 25088), (31, 25088)])
def test_output_shapes(network: torch.nn.Sequential, layer: str | int, dim: int) -> None:
    embedder = VggFaceEmbedder.from_network(network, layer=layer)
    count = 2 if layer == "fc7" else 1
    chips = np.random.default_rng(0).integers(0, 255, (count, 224, 224, 3), dtype=np.uint8)
    out = embedder.embed_chips(chips)
    assert embedder.dim == dim and embedder.input_size == 224
    assert out.shape == (count, dim) and out.dtype == np.float32
    assert np.isfinite(out).all()
    if layer == "fc7":
        assert (out >= 0).all()  # taken after fc7's ReLU, as module 38 was
        assert np.allclose(embedder.embed_chips(chips[:1])[0], out[0], atol=1e-4)


def _t7_like(network: torch.nn.Sequential) -> torchfile.TorchObject:
    """What torchfile.load returns for VGG_FACE.t7: nn.Sequential with a module list
    (bytes keys, SpatialConvolutionMM weights flattened to 2-D, BGR input channels)."""
    modules = []
    for name, module in network.named_children():
        kind = type(module).__name__
        fields: dict[bytes, object] = {}
        if kind == "Conv2d":
            weight = module.weight.detach().numpy()
            if name == "conv1_1":
                weight = weight[:, ::-1]
            fields = {b"weight": np.ascontiguousarray(weight).reshape(weight.shape[0], -1),
                      b"bias": module.bias.detach().numpy(),
                      b"nInputPlane": weight.shape[1], b"nOutputPlane": weight.shape[0]}
            typename = b"nn.SpatialConvolutionMM"
        elif kind == "Linear":
            fields = {b"weight": module.weight.detach().numpy(),
                      b"bias": module.bias.detach().numpy()}
            typename = b"nn.Linear"
        else:
            typename = b"nn." + kind.encode()
        modules.append(torchfile.TorchObject(typename, fields))
    return torchfile.TorchObject(b"nn.Sequential", {b"modules": modules})


def test_t7_conversion(network: torch.nn.Sequential) -> None:
    state = state_dict_from_t7(_t7_like(network))
    reference = network.state_dict()
    assert set(state) == set(reference)
    for key, value in state.items():
        assert value.shape == tuple(reference[key].shape), key
        assert np.array_equal(value, reference[key].numpy()), key  # BGR undone for conv1_1
    with pytest.raises(FacemojiError, match="not a VGG-Face"):
        state_dict_from_t7(torchfile.TorchObject(b"nn.Sequential", {b"modules": []}))


def _tiny_state(conv_prefix: str = "conv") -> dict[str, torch.Tensor]:
    """Every key VGG-Face needs, with small tensors (load_weights checks names, not sizes)."""
    state = {}
    for name in [m for m in MODULE_NAMES if m.startswith(("conv", "fc"))]:
        key = name.replace("conv", conv_prefix, 1)
        state[f"{key}.weight"] = torch.arange(2 * 3 * 1 * 2, dtype=torch.float32).reshape(
            2, 3, 1, 2)
        state[f"{key}.bias"] = torch.zeros(2)
    return state


def test_state_dict_loading(tmp_path: Path) -> None:
    path = tmp_path / "vgg_face.pth"
    extra = {**_tiny_state("conv_"), "meta.version": torch.zeros(1)}
    torch.save(extra, path)  # conv_1_1.weight style of conversion, plus a stray key
    state = load_weights(path)
    assert set(state) == {f"{n}.{p}" for n in MODULE_NAMES if n.startswith(("conv", "fc"))
                          for p in ("weight", "bias")}
    assert state["fc6.weight"].shape == (2, 6)  # convolution-shaped fc6 flattened
    flipped = load_weights(path, bgr=True)
    assert torch.equal(flipped["conv1_1.weight"], state["conv1_1.weight"].flip(1))


def test_bad_weight_files(tmp_path: Path) -> None:
    with pytest.raises(BadArgument, match="not found"):
        load_weights(tmp_path / "missing.pth")
    partial = tmp_path / "partial.pth"
    torch.save({"conv1_1.weight": torch.zeros(1)}, partial)
    with pytest.raises(FacemojiError, match="missing"):
        load_weights(partial)
    junk = tmp_path / "junk.pth"
    junk.write_bytes(b"not torch")
    with pytest.raises(FacemojiError, match="state dict"):
        load_weights(junk)
    with pytest.raises(BadArgument, match="not found"):
        VggFaceEmbedder(weights=tmp_path / "missing.t7")
    tiny = tmp_path / "tiny.pth"
    torch.save(_tiny_state(), tiny)  # every name, wrong sizes
    with pytest.raises(FacemojiError, match="do not fit"):
        VggFaceEmbedder(weights=tiny)
