"""The VGG-Face network (Parkhi, Vedaldi and Zisserman, BMVC 2015) as a facemoji embedder.

Optional: needs ``pip install 'facemoji[vgg]'`` (PyTorch; torchfile for Torch7 weights)
and the weights, which facemoji never downloads. Point to them with the ``weights``
argument or the ``FACEMOJI_VGG_WEIGHTS`` environment variable:

- ``VGG_FACE.t7``, the Torch7 model the authors publish on the VGG-Face page
  (https://www.robots.ox.ac.uk/~vgg/software/vgg_face/, "vgg_face_torch.tar.gz"), or
- a PyTorch state dict (``.pth``/``.pt``) from a well-known conversion, with keys
  ``conv1_1.weight`` … ``fc8.weight`` (e.g. ``vgg_face_dag.pth``; ``conv_1_1.*`` names
  are accepted too).

The network mirrors the Torch7 ``nn.Sequential`` module list, so a layer is named
(``"fc7"``, ``"pool5"``, …) or given as the 1-based Torch7 module index whose output is
taken: ``fc7`` is module 38 (after fc7's ReLU and dropout), ``pool5`` is module 32 (the
flattened pool5, which keeps more color). Input: 224 px RGB chips, the training set's
mean color subtracted, no scaling (as the original).
"""

from __future__ import annotations

import logging
import os
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import BadArgument, FacemojiError, missing_extra
from .embed import BaseEmbedder

if TYPE_CHECKING:  # pragma: no cover
    import torch

log = logging.getLogger(__name__)

WEIGHTS_ENV = "FACEMOJI_VGG_WEIGHTS"
MEAN_RGB = (129.1863, 104.7624, 93.5940)
"""The VGG-Face training set's mean color, subtracted from 0..255 RGB input."""
INPUT_SIZE = 224

# (block, convolutions, channels) of the 16-layer network
_BLOCKS = ((1, 2, 64), (2, 2, 128), (3, 3, 256), (4, 3, 512), (5, 3, 512))
_PARAM_LAYERS = tuple(
    [f"conv{b}_{i}" for b, n, _ in _BLOCKS for i in range(1, n + 1)] + ["fc6", "fc7", "fc8"]
)


def _module_names() -> list[str]:
    """Names of the 40 modules in Torch7 order (index i + 1 is Torch7's module i + 1)."""
    names: list[str] = []
    for block, convs, _ in _BLOCKS:
        for i in range(1, convs + 1):
            names += [f"conv{block}_{i}", f"relu{block}_{i}"]
        names.append(f"pool{block}")
    names.append("flatten")
    for fc in (6, 7):
        names += [f"fc{fc}", f"relu{fc}", f"drop{fc}"]
    names += ["fc8", "prob"]
    return names


MODULE_NAMES: tuple[str, ...] = tuple(_module_names())
LAYERS: dict[str, int] = {
    "pool5": MODULE_NAMES.index("flatten") + 1,  # 32: pool5, flattened
    "fc6": MODULE_NAMES.index("drop6") + 1,  # 35
    "fc7": MODULE_NAMES.index("drop7") + 1,  # 38
    "fc8": MODULE_NAMES.index("fc8") + 1,  # 39
    "prob": MODULE_NAMES.index("prob") + 1,  # 40
}
"""Named layers → 1-based Torch7 module index whose output is the embedding."""


def _torch() -> Any:
    try:
        import torch
    except ImportError:
        raise missing_extra("torch (needed for the vgg-face embedder)", "vgg") from None
    return torch


def build_network(num_classes: int = 2622) -> torch.nn.Sequential:
    """The VGG-Face architecture with random weights, modules named as in
    :data:`MODULE_NAMES` (so its state-dict keys are ``conv1_1.weight`` … ``fc8.bias``)."""
    nn = _torch().nn
    modules: OrderedDict[str, Any] = OrderedDict()
    channels = 3
    for block, convs, width in _BLOCKS:
        for i in range(1, convs + 1):
            modules[f"conv{block}_{i}"] = nn.Conv2d(channels, width, 3, padding=1)
            modules[f"relu{block}_{i}"] = nn.ReLU(inplace=True)
            channels = width
        modules[f"pool{block}"] = nn.MaxPool2d(2, 2)
    modules["flatten"] = nn.Flatten()
    features = channels * 7 * 7
    for fc in (6, 7):
        modules[f"fc{fc}"] = nn.Linear(features, 4096)
        modules[f"relu{fc}"] = nn.ReLU(inplace=True)
        modules[f"drop{fc}"] = nn.Dropout(0.5)
        features = 4096
    modules["fc8"] = nn.Linear(4096, num_classes)
    modules["prob"] = nn.Softmax(dim=1)
    return nn.Sequential(modules)


def _output_dim(network: torch.nn.Sequential) -> int:
    """Length of the flattened output of ``network`` for one 224 px chip."""
    nn = _torch().nn
    channels, side, flat = 3, INPUT_SIZE, 0
    for module in network:
        if isinstance(module, nn.Conv2d):
            channels = module.out_channels
        elif isinstance(module, nn.MaxPool2d):
            side //= 2
        elif isinstance(module, nn.Flatten):
            flat = channels * side * side
        elif isinstance(module, nn.Linear):
            flat = module.out_features
    return flat or channels * side * side


def resolve_layer(layer: str | int) -> int:
    """A layer name or 1-based Torch7 module index → the index (1..40)."""
    if isinstance(layer, str):
        if layer not in LAYERS:
            raise BadArgument(f"unknown VGG-Face layer {layer!r}; use one of "
                              f"{', '.join(LAYERS)} or a module index 1..{len(MODULE_NAMES)}")
        return LAYERS[layer]
    if not 1 <= layer <= len(MODULE_NAMES):
        raise BadArgument(f"VGG-Face module index must be 1..{len(MODULE_NAMES)}, got {layer}")
    return layer


def state_dict_from_t7(model: Any) -> dict[str, np.ndarray]:
    """Weights of a Torch7 VGG-Face model as read by ``torchfile.load`` → a state dict
    with this module's names (``conv1_1.weight`` …), input channels in RGB order.

    The Torch7 model takes BGR input (as the authors' demo feeds it), so conv1_1's input
    channels are reversed here.
    """
    layers = [m for m in _field(model, "modules") or [] if _field(m, "weight") is not None]
    if len(layers) != len(_PARAM_LAYERS):
        raise FacemojiError(
            f"not a VGG-Face Torch7 model: expected {len(_PARAM_LAYERS)} layers with weights, "
            f"found {len(layers)}"
        )
    state: dict[str, np.ndarray] = {}
    for name, module in zip(_PARAM_LAYERS, layers, strict=True):
        weight = np.asarray(_field(module, "weight"), dtype=np.float32)
        if name.startswith("conv"):
            out_planes = int(_field(module, "nOutputPlane") or weight.shape[0])
            in_planes = int(_field(module, "nInputPlane") or weight.size // (out_planes * 9))
            weight = weight.reshape(out_planes, in_planes, 3, 3)
        state[f"{name}.weight"] = weight
        state[f"{name}.bias"] = np.asarray(_field(module, "bias"), dtype=np.float32)
    state["conv1_1.weight"] = state["conv1_1.weight"][:, ::-1].copy()
    return state


def _field(obj: Any, key: str) -> Any:
    """A field of a torchfile object (its keys may be bytes) or a plain mapping."""
    if isinstance(obj, Mapping):
        return obj.get(key, obj.get(key.encode()))
    return getattr(obj, key, None)


def _normalize_key(key: str) -> str:
    """``conv_1_1.weight`` (another common conversion) → ``conv1_1.weight``."""
    return key.replace("conv_", "conv", 1) if key.startswith("conv_") else key


def load_weights(path: str | os.PathLike[str], *, bgr: bool = False) -> dict[str, Any]:
    """Read VGG-Face weights from a Torch7 ``.t7`` file or a PyTorch state dict.

    ``bgr``: the state dict's conv1_1 expects BGR input (a conversion from Caffe or
    Torch7 that kept the channel order); ignored for ``.t7`` files, which always are.
    Returns a state dict for :func:`build_network`.
    """
    torch = _torch()
    path = Path(path)
    if not path.is_file():
        raise BadArgument(f"VGG-Face weights not found: {path}")
    if path.suffix.lower() == ".t7":
        try:
            import torchfile
        except ImportError:
            raise missing_extra("torchfile (needed to read .t7 weights)", "vgg") from None
        arrays = state_dict_from_t7(torchfile.load(str(path)))
        return {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in arrays.items()}
    try:
        raw = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises many types for a bad file
        raise FacemojiError(f"{path}: not a PyTorch state dict ({exc})") from None
    if not isinstance(raw, Mapping):
        raise FacemojiError(f"{path}: expected a state dict, got {type(raw).__name__}")
    state = {_normalize_key(k): torch.as_tensor(v) for k, v in raw.items()}
    missing = [f"{n}.{p}" for n in _PARAM_LAYERS for p in ("weight", "bias")
               if f"{n}.{p}" not in state]
    if missing:
        raise FacemojiError(f"{path}: not VGG-Face weights (missing {', '.join(missing[:3])})")
    if state["fc6.weight"].ndim == 4:  # converted as a 7×7 convolution
        state["fc6.weight"] = state["fc6.weight"].reshape(state["fc6.weight"].shape[0], -1)
    if bgr:
        state["conv1_1.weight"] = state["conv1_1.weight"].flip(1)
    return {f"{n}.{p}": state[f"{n}.{p}"] for n in _PARAM_LAYERS for p in ("weight", "bias")}


class VggFaceEmbedder(BaseEmbedder):
    """VGG-Face features of 224 px chips, from the layer chosen (default ``fc7``).

    ``weights``: a ``.t7`` or state-dict path (default: ``$FACEMOJI_VGG_WEIGHTS``);
    ``layer``: a name in :data:`LAYERS` or a 1-based Torch7 module index;
    ``bgr``: see :func:`load_weights`. Raises :class:`~facemoji.errors.MissingExtra`
    without torch and :class:`~facemoji.errors.FacemojiError` without weights.
    """

    name = "vgg-face"
    input_size = INPUT_SIZE

    def __init__(
        self,
        weights: str | os.PathLike[str] | None = None,
        *,
        layer: str | int = "fc7",
        bgr: bool = False,
    ) -> None:
        _torch()  # a missing extra is the first thing to report
        self.layer = resolve_layer(layer)
        source = weights or os.environ.get(WEIGHTS_ENV)
        if not source:
            raise FacemojiError(
                "the vgg-face embedder needs weights: download VGG_FACE.t7 from "
                "https://www.robots.ox.ac.uk/~vgg/software/vgg_face/ (Torch model) or a "
                f"PyTorch conversion, then set {WEIGHTS_ENV}=/path/to/file"
            )
        state = load_weights(source, bgr=bgr)
        network = build_network()
        try:
            network.load_state_dict(state)
        except RuntimeError as exc:  # right names, wrong shapes
            raise FacemojiError(f"{source}: the weights do not fit VGG-Face ({exc})") from None
        self._init(network)
        log.info("loaded VGG-Face weights from %s (layer %d)", source, self.layer)

    @classmethod
    def from_network(
        cls, network: torch.nn.Sequential, *, layer: str | int = "fc7"
    ) -> VggFaceEmbedder:
        """An embedder over an already built network (e.g. random weights in tests)."""
        self = cls.__new__(cls)
        self.layer = resolve_layer(layer)
        self._init(network)
        return self

    def _init(self, network: torch.nn.Sequential) -> None:
        self._network = network[: self.layer].eval()
        self.dim = _output_dim(self._network)

    def embed_chips(self, chips: np.ndarray, batch_size: int = 16) -> np.ndarray:
        """Embed 224×224 chips → ``float32 (N, dim)``, in batches of ``batch_size``."""
        torch = _torch()
        chips = self._check_chips(chips)
        mean = torch.tensor(MEAN_RGB, dtype=torch.float32).view(1, 3, 1, 1)
        out = []
        with torch.no_grad():
            for start in range(0, len(chips), batch_size):
                batch = torch.tensor(chips[start:start + batch_size], dtype=torch.float32)
                features = self._network(batch.permute(0, 3, 1, 2) - mean)
                out.append(features.reshape(len(batch), -1).numpy())
        if not out:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.concatenate(out).astype(np.float32)
