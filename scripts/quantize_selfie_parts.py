"""Quantize the hair segmenter's encoder to int8: it then runs in half the time.

Run once by a maintainer, after ``scripts/convert_selfie_parts.py``; its output replaces
``src/facemoji/data/selfie_parts.onnx``:

    python scripts/convert_selfie_parts.py <the .tflite> /tmp/selfie_parts_float.onnx
    python scripts/quantize_selfie_parts.py /tmp/selfie_parts_float.onnx \\
        src/facemoji/data/selfie_parts.onnx            # needs ../shared/data/faces

The segmenter is about 110 ms of facemoji's 280 ms analysis on one core, and convolutions
are 86% of it. Quantizing every convolution breaks it (the hair mask then overlaps the
float model's at a median IoU of 0.25–0.82), but the first :data:`QUANTIZED` convolutions
(the encoder, at the high resolutions where most of the time goes) quantize cleanly:
onnxruntime's static quantization, QDQ, int8 weights per channel, activation ranges
calibrated (min-max, averaged over the crops, which keeps one outlier from
widening a range) on head-and-shoulders crops of half the people in ``../shared/data/faces``.
The other half checks the result against the float model: the hair mask's IoU (over
probability 0.5), printed beside the float model's own IoU on the same crops moved by a
pixel; the script writes nothing under :data:`MIN_IOU` or a median under
:data:`MEDIAN_IOU`.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
from onnx import numpy_helper
from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

from facemoji.errors import NoFaceFound
from facemoji.face.detect import detect_face
from facemoji.face.image import load_image
from facemoji.face.parts import HAIR, SURE
from facemoji.face.person import portrait, portrait_matrix

QUANTIZED = 48
"""How many of the model's 85 convolutions, in graph order, run in int8. With 40, 56 or 64
the check crops' hair masks agree with the float model's as well (median IoU 0.99,
lowest 0.84) in about the same time; with all 85 they do not (0.76, lowest 0.15)."""
MIN_IOU = 0.8
MEDIAN_IOU = 0.95
"""The least hair-mask IoU against the float model over the check crops, and its median.
The float model itself, given the same crops moved by one pixel, scores 0.81 and 0.98:
small hair regions (a receding crown) have a ragged edge."""
FACES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "faces"


def float_weights(model: onnx.ModelProto) -> onnx.ModelProto:
    """``model`` with its float16-stored weights (``convert_selfie_parts.weights_as_half``)
    back as float32 initializers, and every node named, so that the quantizer sees the
    convolutions' weights and can be told which nodes to quantize."""
    graph = model.graph
    halves = {init.name: init for init in graph.initializer}
    folded, nodes = [], []
    for node in graph.node:
        if node.op_type == "Cast" and node.input[0] in halves and node.input[0].endswith("_h"):
            value = numpy_helper.to_array(halves.pop(node.input[0])).astype(np.float32)
            folded.append(numpy_helper.from_array(value, node.output[0]))
        else:
            nodes.append(node)
    for index, node in enumerate(nodes):
        node.name = node.name or f"{node.op_type.lower()}_{index}"
    del graph.node[:]
    graph.node.extend(nodes)
    kept = list(halves.values())
    del graph.initializer[:]
    graph.initializer.extend(kept + folded)
    onnx.checker.check_model(model)
    return model


def crops(people: list[str]) -> list[np.ndarray]:
    """The segmenter's input (−1..1 NHWC float32) for every photo of ``people``."""
    out = []
    with open(FACES / "manifest.csv", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["identity"] in people]
    for row in rows:
        image = load_image(FACES / row["file"])
        try:
            face, _ = detect_face(image)
        except NoFaceFound:
            continue
        crop, _ = portrait(image, portrait_matrix(face.landmarks))
        out.append((crop.astype(np.float32) / 127.5 - 1.0)[None])
    return out


class _Reader(CalibrationDataReader):
    def __init__(self, batches: list[np.ndarray]) -> None:
        self.batches = iter(batches)

    def get_next(self) -> dict[str, np.ndarray] | None:
        batch = next(self.batches, None)
        return None if batch is None else {"input": batch}


def _probabilities(model: bytes, batches: list[np.ndarray]) -> list[np.ndarray]:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    run = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    out = []
    for batch in batches:
        scores = run.run(None, {"input": batch})[0][0]
        e = np.exp(scores - scores.max(axis=-1, keepdims=True))
        out.append(e / e.sum(axis=-1, keepdims=True))
    return out


def _hair_iou(a: np.ndarray, b: np.ndarray) -> float:
    ha, hb = a[..., HAIR] > SURE, b[..., HAIR] > SURE
    union = (ha | hb).sum()
    return float((ha & hb).sum() / union) if union else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="the float model (convert_selfie_parts.py's output)")
    parser.add_argument("target", help="where to write the quantized model")
    args = parser.parse_args()
    if not (FACES / "manifest.csv").exists():
        sys.exit(f"needs the labelled photos in {FACES}")
    source = Path(args.source).read_bytes()
    model = float_weights(onnx.load_from_string(source))
    convs = [n.name for n in model.graph.node if n.op_type == "Conv"]
    with open(FACES / "manifest.csv", newline="") as f:
        people = sorted({r["identity"] for r in csv.DictReader(f)})
    calibrate, check = crops(people[0::2]), crops(people[1::2])
    print(f"{len(convs)} convolutions, the first {QUANTIZED} quantized; "
          f"{len(calibrate)} calibration crops, {len(check)} check crops")
    with tempfile.TemporaryDirectory() as tmp:
        plain, quantized = Path(tmp) / "float.onnx", Path(tmp) / "int8.onnx"
        onnx.save(model, plain)
        quantize_static(plain, quantized, _Reader(calibrate), quant_format=QuantFormat.QDQ,
                        per_channel=True, activation_type=QuantType.QUInt8,
                        weight_type=QuantType.QInt8, nodes_to_quantize=convs[:QUANTIZED],
                        extra_options={"CalibMovingAverage": True})
        result = quantized.read_bytes()
    reference = _probabilities(source, check)
    moved = _probabilities(source, [np.roll(batch, 1, axis=2) for batch in check])
    ious = [_hair_iou(a, b) for a, b in zip(reference, _probabilities(result, check),
                                            strict=True)]
    jitter = [_hair_iou(a[:, :-1], b[:, 1:]) for a, b in zip(reference, moved, strict=True)]
    print(f"hair IoU against the float model: median {np.median(ious):.3f}, "
          f"lowest {min(ious):.3f} (the float model on crops moved by a pixel: "
          f"{np.median(jitter):.3f}, {min(jitter):.3f})")
    if min(ious) < MIN_IOU or np.median(ious) < MEDIAN_IOU:
        sys.exit("the quantized model's hair masks differ too much from the float model's")
    Path(args.target).write_bytes(result)


if __name__ == "__main__":
    main()
