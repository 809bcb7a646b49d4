"""Convert MediaPipe's selfie (person) segmentation model from TFLite to ONNX.

Run once by a maintainer; its output ships as ``src/facemoji/data/person_segmenter.onnx``
so that facemoji runs it on onnxruntime (already a dependency) and downloads nothing:

    pip download --no-deps mediapipe==0.10.14 -d /tmp/mp   # the last wheels that ship it
    unzip -o /tmp/mp/mediapipe-0.10.14-*.whl \\
        'mediapipe/modules/selfie_segmentation/selfie_segmentation.tflite' -d /tmp/mp
    pip install tflite onnx ai-edge-litert                   # this script's own needs
    python scripts/convert_person_segmenter.py \\
        /tmp/mp/mediapipe/modules/selfie_segmentation/selfie_segmentation.tflite \\
        src/facemoji/data/person_segmenter.onnx

The model (Apache License 2.0, Google) is a small MobileNetV3-style encoder-decoder with
float16 weights; ``tflite_onnx`` maps its 11 op types one by one, and this script checks the
ONNX model against the TFLite interpreter on random and smooth inputs. Input: NHWC float32
RGB in 0..1, 256 × 256; output: NHWC person probability.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnx
from tflite_onnx import convert, max_differences

DOC = ("MediaPipe selfie segmentation (general, 256x256), Apache License 2.0, Google LLC; "
       "converted from TFLite by scripts/convert_person_segmenter.py")


def main(source: str, target: str) -> None:
    tflite_bytes = Path(source).read_bytes()
    model = convert(tflite_bytes, "person_segmenter", ["input"], ["output"], DOC)
    onnx.save(model, target)
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[:256, :256] / 255.0
    smooth = np.stack([xx, yy, 1 - (xx - 0.5) ** 2 - (yy - 0.5) ** 2], -1)
    feeds = [[x[None].astype(np.float32)] for x in (rng.random((256, 256, 3)), smooth)]
    (worst,) = max_differences(tflite_bytes, Path(target).read_bytes(), feeds)
    print(f"max |tflite - onnx| = {worst:.2e}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
