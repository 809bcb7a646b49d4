"""The ONNX models that ship in ``facemoji/data``, each loaded once per process."""

from __future__ import annotations

import functools
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import onnxruntime


@functools.cache
def session(filename: str) -> onnxruntime.InferenceSession:
    """An onnxruntime session on ``facemoji/data/<filename>``, on one CPU thread: each
    model takes a few ms a call, where threads cost more than they save, and a batch of
    photos is spread over processes instead.

    A quantized graph (the hair segmenter's int8 encoder) runs op by op, its quantize and
    dequantize steps unfused. Fused into int8 convolutions it saturates on x86 CPUs
    without VNNI (AVX2 only) and segments faces with holes, so every measure read from it
    differed from the CPUs it was fitted on. Unfused it gives the same on every CPU, at
    165 ms a crop instead of 123 (on AVX2)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.disable_quant_qdq", "1")
    model = files("facemoji") / "data" / filename
    return onnxruntime.InferenceSession(model.read_bytes(), options,
                                        providers=["CPUExecutionProvider"])
