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
    photos is spread over processes instead."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    model = files("facemoji") / "data" / filename
    return onnxruntime.InferenceSession(model.read_bytes(), options,
                                        providers=["CPUExecutionProvider"])
