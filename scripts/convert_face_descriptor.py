"""Convert dlib's face recognition ResNet (the 128-d face descriptor) to ONNX.

Run once by a maintainer; its output ships as ``src/facemoji/data/face_descriptor.onnx`` so
that facemoji computes dlib's face descriptors on onnxruntime, several times faster than
dlib's own CPU code. It runs in facemoji's environment (numpy, onnx, onnxruntime, dlib):

    .venv/bin/python scripts/convert_face_descriptor.py \\
        [dlib_face_recognition_resnet_model_v1.dat] [src/facemoji/data/face_descriptor.onnx]

The source defaults to the file in the installed ``face_recognition_models`` package (CC0
1.0, Davis King), the target to the path above. The script reads dlib's binary
serialization of the network with numpy (the formats of dlib's serialize.h, dnn/core.h,
dnn/layers.h, dnn/input.h and cuda/tensor.h) for the network that dlib's Python
``face_recognition_model_v1`` declares (tools/python/src/face_recognition.cpp, as in
examples/dnn_face_recognition_ex.cpp), checking every layer's kind, sizes and paddings
against that declaration, and writes the same arithmetic with ``onnx.helper``: the input
normalization, 29 convolutions with their affine (frozen batch-norm) layers folded in,
the pools, dlib's zero-padded residual additions and the final projection.

Input ``chips``: uint8 NHWC ``(N, 150, 150, 3)``, RGB 0..255, aligned the way
``dlib.get_face_chip`` cuts them (:func:`facemoji.face.detect.align`). Output
``descriptors``: float32 ``(N, 128)``, what ``compute_face_descriptor`` returns for those
chips. The script checks the ONNX model against dlib on noise, smooth and face chips
(exiting non-zero past :data:`TOLERANCE`) and times both on one thread. Rerunning writes an
identical file.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import onnx
from check_photos import check_photos
from onnx import TensorProto, helper, numpy_helper
from onnx_finish import finish_model

if TYPE_CHECKING:
    import dlib

SOURCE = "dlib_face_recognition_resnet_model_v1.dat"
TARGET = Path(__file__).resolve().parents[1] / "src" / "facemoji" / "data" / "face_descriptor.onnx"
SIZE = 150
"""The chips' side in pixels (dlib's ``input_rgb_image_sized<150>``)."""
DOC = ("dlib face recognition ResNet v1 (dlib_face_recognition_resnet_model_v1.dat, 128-d "
       "descriptors of 150x150 RGB uint8 NHWC chips), CC0 1.0, Davis King; converted from "
       "dlib's serialization by scripts/convert_face_descriptor.py")
TOLERANCE = 1e-4
"""The largest |dlib − onnx| descriptor difference the check accepts."""


@dataclass(frozen=True)
class Layer:
    """One layer of dlib's network, input side first: ``kind`` is a dlib layer (``con``,
    ``affine``, ``relu``, ``max_pool``, ``avg_pool``, ``add_prev``, ``fc``) or a wrapper
    (``tag``, ``skip``); ``n`` its filters (``con``), outputs (``fc``) or tag id, ``size``
    and ``stride`` its window (``size`` 0: the whole input)."""

    kind: str
    n: int = 0
    size: int = 0
    stride: int = 1

    @property
    def padding(self) -> int:
        """dlib's default padding for ``con``/``max_pool``/``avg_pool``: none when strided."""
        return 0 if self.stride != 1 else self.size // 2


def residual(filters: int, down: bool) -> list[Layer]:
    """dlib's ``ares`` (``down``: ``ares_down``): two 3×3 convolutions, each followed by an
    affine layer (and the first by a relu), added to the input (``down``: strided by 2,
    added to the input average-pooled 2×2), then a relu."""
    block = [Layer("con", filters, 3, 2 if down else 1), Layer("affine"), Layer("relu"),
             Layer("con", filters, 3, 1), Layer("affine")]
    if down:
        return [Layer("tag", 1), *block, Layer("tag", 2), Layer("skip", 1),
                Layer("avg_pool", size=2, stride=2), Layer("add_prev", 2), Layer("relu")]
    return [Layer("tag", 1), *block, Layer("add_prev", 1), Layer("relu")]


def network() -> list[Layer]:
    """The layers of dlib's ``anet_type`` after the input, input side first."""
    layers = [Layer("con", 32, 7, 2), Layer("affine"), Layer("relu"),
              Layer("max_pool", size=3, stride=2)]
    for filters, count in ((32, 3), (64, 4), (128, 3), (256, 3), (256, 1)):
        for i in range(count):
            layers += residual(filters, down=i == 0 and filters != 32)
    return [*layers, Layer("avg_pool"), Layer("fc", 128)]


class Reader:
    """Reads dlib's serialization (dlib/serialize.h) out of a byte string."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, count: int) -> bytes:
        """The next ``count`` bytes."""
        if self.pos + count > len(self.data):
            raise ValueError("the file ends early")
        chunk = self.data[self.pos:self.pos + count]
        self.pos += count
        return chunk

    def integer(self) -> int:
        """An integer: a control byte (byte count, 0x80 when negative), then little-endian."""
        control = self.take(1)[0]
        value = int.from_bytes(self.take(control & 0x0F), "little")
        return -value if control & 0x80 else value

    def real(self) -> float:
        """A float or double: integer mantissa and exponent (dlib's ``float_details``)."""
        if self.data[self.pos] & 0x70:
            raise ValueError("old ASCII floats are not supported")
        mantissa, exponent = self.integer(), self.integer()
        if exponent >= 32000:  # float_details::is_inf, is_ninf, is_nan
            raise ValueError("a non-finite number in the network's settings")
        return float(np.ldexp(mantissa, exponent))

    def text(self) -> str:
        """A string: its length, then its bytes."""
        return self.take(self.integer()).decode("ascii")

    def flag(self) -> bool:
        """A bool: the character ``0`` or ``1``."""
        return {b"0": False, b"1": True}[self.take(1)]

    def version(self, *expected: int) -> int:
        """An integer version number, one of ``expected``."""
        value = self.integer()
        if value not in expected:
            raise ValueError(f"version {value} at byte {self.pos}, expected one of {expected}")
        return value

    def name(self, *expected: str) -> str:
        """A string version tag, one of ``expected``."""
        value = self.text()
        if value not in expected:
            raise ValueError(f"{value!r} at byte {self.pos}, expected one of {expected}")
        return value

    def shape(self) -> tuple[int, int, int, int]:
        """An ``alias_tensor``: its shape (num_samples, k, nr, nc)."""
        self.version(1)
        n, k, nr, nc = (self.integer() for _ in range(4))
        return n, k, nr, nc

    def tensor(self) -> np.ndarray:
        """A tensor: shape (num_samples, k, nr, nc), then little-endian float32 values."""
        self.version(2)
        shape = tuple(self.integer() for _ in range(4))
        count = int(np.prod(shape))
        return np.frombuffer(self.take(4 * count), "<f4").reshape(shape).astype(np.float32)


def check(condition: bool, message: str) -> None:
    """Stop with ``message`` unless ``condition`` (the file is not the expected network)."""
    if not condition:
        raise ValueError(message)


def read_input(r: Reader) -> np.ndarray:
    """``input_rgb_image_sized<150>``: the per-channel means (R, G, B) it subtracts."""
    r.name("input_rgb_image_sized")
    means = np.array([r.real() for _ in range(3)], dtype=np.float32)
    check((r.integer(), r.integer()) == (SIZE, SIZE), "the input is not 150×150")
    return means


def read_con(r: Reader, layer: Layer) -> list[np.ndarray]:
    """``con_``: filters ``(n, k, size, size)`` and biases ``(n,)``."""
    version = r.name("con_4", "con_5", "con_6")
    params = r.tensor()
    found = [r.integer() for _ in range(7)]  # filters, rows, cols, strides, paddings
    wanted = [layer.n] + [layer.size] * 2 + [layer.stride] * 2 + [layer.padding] * 2
    check(found == wanted, f"unexpected convolution {found}, wanted {wanted}")
    shape, bias_shape = r.shape(), r.shape()
    for _ in range(4):  # learning rate and weight decay multipliers
        r.real()
    use_bias = r.flag() if version != "con_4" else True
    use_relu = r.flag() if version == "con_6" else False
    check(use_bias and not use_relu and bias_shape == (1, layer.n, 1, 1)
          and params.size == np.prod(shape) + layer.n,
          "a convolution without bias or with a fused relu")
    weights = params.ravel()[:int(np.prod(shape))].reshape(shape)
    return [weights, params.ravel()[weights.size:]]


def read_affine(r: Reader, layer: Layer) -> list[np.ndarray]:
    """``affine_`` in conv mode (batch norm frozen at inference): gamma and beta ``(k,)``."""
    version = r.name("affine_", "affine_2")
    params, gamma, beta, mode = r.tensor().ravel(), r.shape(), r.shape(), r.integer()
    # CONV_MODE (0): one gamma and one beta per channel
    check(mode == 0 and gamma == beta and gamma[0] == 1 and gamma[2:] == (1, 1)
          and params.size == 2 * gamma[1], "an affine layer not in conv mode")
    disabled = r.flag() if version == "affine_2" else False
    check(not disabled, "a disabled affine layer")
    return [params[:gamma[1]], params[gamma[1]:]]


def read_relu(r: Reader, layer: Layer) -> list[np.ndarray]:
    """``relu_``: no parameters."""
    if r.name("relu_", "relu_2") == "relu_2":
        check(not r.flag(), "a disabled relu")
    return []


def read_pool(r: Reader, layer: Layer) -> list[np.ndarray]:
    """``max_pool_``/``avg_pool_``: no parameters, window checked."""
    r.name(f"{layer.kind}_2")
    found = [r.integer() for _ in range(6)]
    wanted = [layer.size] * 2 + [layer.stride] * 2 + [layer.padding] * 2
    check(found == wanted, f"unexpected {layer.kind} {found}, wanted {wanted}")
    return []


def read_add_prev(r: Reader, layer: Layer) -> list[np.ndarray]:
    """``add_prev_``: no parameters."""
    r.name("add_prev_")
    return []


def read_fc(r: Reader, layer: Layer) -> list[np.ndarray]:
    """``fc_`` without bias: the ``(inputs, outputs)`` matrix."""
    version = r.name("fc_2", "fc_3")
    outputs, inputs, params = r.integer(), r.integer(), r.tensor()
    weights, _biases, bias_mode = r.shape(), r.shape(), r.integer()
    check(bias_mode == 1 and outputs == layer.n, "not fc_no_bias<128>")  # 1: FC_NO_BIAS
    check(weights == (inputs, outputs, 1, 1), f"unexpected fc weights {weights}")
    for _ in range(4):  # learning rate and weight decay multipliers
        r.real()
    if version == "fc_3":
        r.flag()  # use_bias, moot without a bias
    return [params.reshape(inputs, outputs)]


READERS: dict[str, Callable[[Reader, Layer], list[np.ndarray]]] = {
    "con": read_con, "affine": read_affine, "relu": read_relu, "max_pool": read_pool,
    "avg_pool": read_pool, "add_prev": read_add_prev, "fc": read_fc,
}


def read_trailer(r: Reader, version: int, first: bool) -> None:
    """What ``add_layer`` writes after its layer: state flags and (usually empty) tensors."""
    for _ in range(3):
        r.flag()
    for _ in range(3 if first or version == 2 else 2):
        r.tensor()
    if first and version == 3:
        r.integer()  # sample expansion factor


def read_model(data: bytes, layers: list[Layer]) -> tuple[np.ndarray, list[list[np.ndarray]]]:
    """The input means and each layer's parameters, read from dlib's serialized
    ``loss_metric<...>`` network. Layers nest, output side outermost: each wrapper writes its
    version, then its inner network, then (``add_layer``) its own layer and state."""
    r = Reader(data)
    r.version(1)
    if r.name("loss_metric_", "loss_metric_2") == "loss_metric_2":
        for _ in range(2):  # margin and distance threshold, for training only
            r.real()
    versions = [r.version(1) if layer.kind in ("tag", "skip") else r.version(1, 2)
                for layer in reversed(layers[1:])][::-1]
    first_version = r.version(2, 3)
    means = read_input(r)
    params = [read_con(r, layers[0])]
    read_trailer(r, first_version, first=True)
    for layer, version in zip(layers[1:], versions, strict=True):
        if layer.kind in ("tag", "skip"):
            params.append([])
            continue
        params.append(READERS[layer.kind](r, layer))
        read_trailer(r, version, first=False)
    check(r.pos == len(data), f"{len(data) - r.pos} bytes left over")
    return means, params


class Graph:
    """An ONNX graph under construction, tracking each value's ``(channels, rows, cols)``."""

    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self.shapes: dict[str, tuple[int, ...]] = {}

    def const(self, name: str, value: np.ndarray) -> str:
        """Add an initializer."""
        self.initializers.append(numpy_helper.from_array(value, name))
        return name

    def add(self, op: str, inputs: list[str], shape: tuple[int, ...], **attrs: object) -> str:
        """Add a node with one output, of per-sample ``shape``; its name is returned."""
        name = f"{op.lower()}{len(self.nodes)}"
        self.nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        self.shapes[name] = shape
        return name

    def pad_to(self, value: str, shape: tuple[int, ...]) -> str:
        """``value`` zero-padded at the end of each axis up to ``shape``."""
        extra = [want - have for want, have in zip(shape, self.shapes[value], strict=True)]
        if not any(extra):
            return value
        pads = np.array([0] * 4 + [0, *extra], dtype=np.int64)
        return self.add("Pad", [value, self.const(f"pads{len(self.nodes)}", pads)], shape)


def conv_output(size: int, layer: Layer) -> int:
    """dlib's output side for a window: ``1 + (size + 2·padding - window) / stride``."""
    return 1 + (size + 2 * layer.padding - layer.size) // layer.stride


def build(means: np.ndarray, layers: list[Layer], params: list[list[np.ndarray]]
          ) -> onnx.ModelProto:
    """The ONNX model: uint8 NHWC chips → dlib's input normalization → the network."""
    g = Graph()
    x = g.add("Cast", ["chips"], (SIZE, SIZE, 3), to=TensorProto.FLOAT)
    x = g.add("Transpose", [x], (3, SIZE, SIZE), perm=[0, 3, 1, 2])
    x = g.add("Sub", [x, g.const("means", means.reshape(1, 3, 1, 1))], (3, SIZE, SIZE))
    x = g.add("Mul", [x, g.const("scale", np.array(1 / 256, np.float32))], (3, SIZE, SIZE))
    tags: dict[int, str] = {}
    for i, (layer, weights) in enumerate(zip(layers, params, strict=True)):
        channels, rows, cols = g.shapes[x]
        if layer.kind == "con":  # with the affine layer after it folded in
            check(layers[i + 1].kind == "affine", "a convolution without an affine layer")
            (filters, bias), (gamma, beta) = weights, params[i + 1]
            w = filters.astype(np.float64) * gamma.astype(np.float64)[:, None, None, None]
            b = bias.astype(np.float64) * gamma + beta
            x = g.add("Conv", [x, g.const(f"w{i}", w.astype(np.float32)),
                               g.const(f"b{i}", b.astype(np.float32))],
                      (layer.n, conv_output(rows, layer), conv_output(cols, layer)),
                      kernel_shape=[layer.size] * 2, strides=[layer.stride] * 2,
                      pads=[layer.padding] * 4)
        elif layer.kind == "relu":
            x = g.add("Relu", [x], g.shapes[x])
        elif layer.kind in ("max_pool", "avg_pool") and layer.size:
            op = "MaxPool" if layer.kind == "max_pool" else "AveragePool"
            x = g.add(op, [x], (channels, conv_output(rows, layer), conv_output(cols, layer)),
                      kernel_shape=[layer.size] * 2, strides=[layer.stride] * 2,
                      pads=[layer.padding] * 4)
        elif layer.kind == "avg_pool":
            x = g.add("GlobalAveragePool", [x], (channels, 1, 1))
        elif layer.kind == "tag":
            tags[layer.n] = x
        elif layer.kind == "skip":
            x = tags[layer.n]
        elif layer.kind == "add_prev":
            # dlib adds tensors of different shapes as if zero-padded at the end of each axis
            other = tags[layer.n]
            shape = tuple(map(max, g.shapes[x], g.shapes[other]))
            x = g.add("Add", [g.pad_to(x, shape), g.pad_to(other, shape)], shape)
        elif layer.kind == "fc":
            x = g.add("Flatten", [x], (channels * rows * cols,), axis=1)
            g.nodes.append(helper.make_node("MatMul", [x, g.const("fc", weights[0])],
                                            ["descriptors"], name="fc"))
    return finish_model(
        helper.make_graph(
            g.nodes, "face_descriptor",
            [helper.make_tensor_value_info("chips", TensorProto.UINT8, ["N", SIZE, SIZE, 3])],
            [helper.make_tensor_value_info("descriptors", TensorProto.FLOAT, ["N", 128])],
            g.initializers), DOC)


def synthetic_chips(rng: np.random.Generator) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Ten noise chips (uniform over 0..255, and over 100..155) and ten smooth gradients."""
    noise = [rng.integers(0, 256, (SIZE, SIZE, 3), dtype=np.uint8) for _ in range(6)]
    noise += [rng.integers(100, 156, (SIZE, SIZE, 3), dtype=np.uint8) for _ in range(4)]
    yy, xx = np.mgrid[:SIZE, :SIZE] / (SIZE - 1)
    smooth = []
    for k in range(10):
        phase = k * np.pi / 5
        planes = [np.cos(phase) * xx + np.sin(phase) * yy,
                  0.5 + 0.5 * np.sin(3 * xx + 2 * yy + phase),
                  1 - (xx - 0.5) ** 2 - (yy - k / 10) ** 2]
        chip = np.stack(planes, -1)
        chip = (chip - chip.min()) / (chip.max() - chip.min())
        smooth.append(np.round(chip * 255).astype(np.uint8))
    return noise, smooth


def face_chips() -> list[np.ndarray]:
    """Aligned face chips (:func:`facemoji.face.detect.align`) of the photos
    :func:`check_photos` gives: each as is, mirrored, brighter and darker."""
    from facemoji.face.detect import align, detect_faces

    chips = []
    for image in check_photos():
        for variant in (image, image[:, ::-1], np.clip(image * 1.3 + 20, 0, 255),
                        image * 0.6):
            variant = np.ascontiguousarray(variant, dtype=np.uint8)
            chips += [align(variant, face.landmarks, SIZE, 0.25)
                      for face in detect_faces(variant)[:1]]
    return chips


def dlib_descriptors(model: dlib.face_recognition_model_v1, chips: list[np.ndarray]) -> np.ndarray:
    """``compute_face_descriptor`` on a list of chips, as facemoji calls it."""
    vectors = model.compute_face_descriptor([np.ascontiguousarray(c) for c in chips])
    return np.array([np.asarray(v) for v in vectors], dtype=np.float32)


def ms_per_chip(run: Callable[[], object], chips: int, repeats: int) -> float:
    """The best of ``repeats`` timings of ``run`` (after one warm-up), in ms per chip."""
    run()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return 1000 * best / chips


def verify(source: Path, target: Path) -> float:
    """Compare the ONNX model with dlib on synthetic and face chips and time both on one
    thread (dlib's CPU code in the dlib-bin wheel uses no BLAS and no threads); the largest
    difference is returned."""
    import dlib
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(target), options,
                                           providers=["CPUExecutionProvider"])
    model = dlib.face_recognition_model_v1(str(source))
    noise, smooth = synthetic_chips(np.random.default_rng(0))
    faces = face_chips()
    worst = 0.0
    for label, chips in (("noise", noise), ("smooth", smooth), ("face", faces)):
        expected = dlib_descriptors(model, chips)
        got = session.run(["descriptors"], {"chips": np.stack(chips)})[0]
        difference = float(np.abs(got - expected).max())
        norm = float(np.linalg.norm(expected, axis=1).mean())
        print(f"{len(chips)} {label} chips: max |dlib - onnx| = {difference:.2e} "
              f"(descriptor norm {norm:.3f})")
        worst = max(worst, difference)
    print(f"all {len(noise) + len(smooth) + len(faces)} chips: max |dlib - onnx| = {worst:.2e}")
    batch = np.stack((faces + smooth)[:8])
    for size in (1, 8):
        chips = list(batch[:size])
        dlib_ms = ms_per_chip(lambda c=chips: dlib_descriptors(model, c), size, 3)
        onnx_ms = ms_per_chip(lambda c=chips: session.run(None, {"chips": np.stack(c)}),
                              size, 20)
        print(f"batch of {size}, one thread: dlib {dlib_ms:.1f} ms per chip, "
              f"onnxruntime {onnx_ms:.1f} ms per chip ({dlib_ms / onnx_ms:.1f}x)")
    return worst


def main() -> None:
    from facemoji.face.detect import models_dir

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, nargs="?", default=models_dir() / SOURCE,
                        help=f"dlib's {SOURCE} (default: face_recognition_models')")
    parser.add_argument("target", type=Path, nargs="?", default=TARGET,
                        help="the .onnx file to write (default: %(default)s)")
    args = parser.parse_args()
    data = args.source.read_bytes()
    layers = network()
    means, params = read_model(data, layers)
    print(f"{args.source}: {len(data):,} bytes, means {means.tolist()}, "
          f"{sum(layer.kind == 'con' for layer in layers)} convolutions")
    onnx.save(build(means, layers, params), args.target)
    worst = verify(args.source, args.target)
    print(f"{args.target}: {args.target.stat().st_size:,} bytes, sha256 "
          f"{hashlib.sha256(args.target.read_bytes()).hexdigest()}")
    if worst > TOLERANCE:
        raise SystemExit(f"the ONNX model differs from dlib by {worst:.2e} > {TOLERANCE}")


if __name__ == "__main__":
    main()
