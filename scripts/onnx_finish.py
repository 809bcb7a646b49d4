"""What every ONNX model that facemoji's conversion scripts write has in common."""

from __future__ import annotations

import onnx
from onnx import helper


def finish_model(graph: onnx.GraphProto, doc: str) -> onnx.ModelProto:
    """The model of ``graph``, described by ``doc``: opset 17 and IR version 8, which
    onnxruntime releases from 1.14 on read, checked by ``onnx.checker``."""
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="facemoji", ir_version=8)
    model.doc_string = doc
    onnx.checker.check_model(model)
    return model
