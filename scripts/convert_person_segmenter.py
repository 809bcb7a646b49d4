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
float16 weights; the generic converters stop at its ops (``tflite2onnx`` has no HARD_SWISH,
``tf2onnx`` needs TensorFlow), so this script maps its 11 op types one by one and checks
the ONNX model against the TFLite interpreter on random and smooth inputs. Input: NHWC
float32 RGB in 0..1, 256 × 256; output: NHWC person probability.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnx
import tflite
from onnx import TensorProto, helper, numpy_helper

OPS = tflite.BuiltinOperator
ACTIVATION = {tflite.ActivationFunctionType.NONE: None,
              tflite.ActivationFunctionType.RELU: "Relu"}


def _options(op, cls):
    table = op.BuiltinOptions()
    options = cls()
    options.Init(table.Bytes, table.Pos)
    return options


def _pad(padding: int) -> str:
    return "SAME_UPPER" if padding == tflite.Padding.SAME else "VALID"


def convert(source: str, target: str) -> None:
    model = tflite.Model.GetRootAsModel(Path(source).read_bytes(), 0)
    graph = model.Subgraphs(0)

    def array(index: int) -> np.ndarray:
        tensor = graph.Tensors(index)
        data = model.Buffers(tensor.Buffer()).DataAsNumpy()
        dtype = {tflite.TensorType.FLOAT16: np.float16, tflite.TensorType.FLOAT32: np.float32,
                 tflite.TensorType.INT32: np.int32}[tensor.Type()]
        return np.frombuffer(data.tobytes(), dtype).reshape(tensor.ShapeAsNumpy())

    def shape(index: int) -> list[int]:
        return [int(v) for v in graph.Tensors(index).ShapeAsNumpy()]

    consts: dict[int, np.ndarray] = {}
    nodes, inits = [], []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def operand(index: int) -> str:
        """A tensor's ONNX name; 4-D NHWC constants become NCHW initializers."""
        if index not in consts:
            return f"t{index}"
        value = consts[index].astype(np.float32)
        if value.ndim == 4:
            value = value.transpose(0, 3, 1, 2)
        return const(f"c{index}", value)

    def activate(out: str, fused: int) -> None:
        kind = ACTIVATION[fused]
        if kind is None:
            nodes.append(helper.make_node("Identity", [out + "_pre"], [out]))
        else:
            nodes.append(helper.make_node(kind, [out + "_pre"], [out]))

    (first,), (last,) = graph.InputsAsNumpy(), graph.OutputsAsNumpy()
    nodes.append(helper.make_node("Transpose", ["input"], [f"t{first}"], perm=[0, 3, 1, 2]))
    for i in range(graph.OperatorsLength()):
        op = graph.Operators(i)
        code_entry = model.OperatorCodes(op.OpcodeIndex())
        code = max(code_entry.BuiltinCode(), code_entry.DeprecatedBuiltinCode())
        ins, (out,) = list(op.InputsAsNumpy()), list(op.OutputsAsNumpy())
        name = f"t{out}"
        if code == OPS.DEQUANTIZE:
            consts[out] = array(ins[0]).astype(np.float32)
        elif code in (OPS.CONV_2D, OPS.DEPTHWISE_CONV_2D):
            weights = consts[ins[1]]
            if code == OPS.CONV_2D:
                o = _options(op, tflite.Conv2DOptions)
                kernel, group = weights.transpose(0, 3, 1, 2), 1
            else:
                o = _options(op, tflite.DepthwiseConv2DOptions)
                kernel = weights.transpose(3, 0, 1, 2)  # (1, kh, kw, C) -> (C, 1, kh, kw)
                group = kernel.shape[0]
            inputs = [f"t{ins[0]}", const(f"w{out}", kernel)]
            if len(ins) > 2 and ins[2] >= 0:
                inputs.append(const(f"b{out}", consts[ins[2]]))
            nodes.append(helper.make_node(
                "Conv", inputs, [name + "_pre"], group=group, auto_pad=_pad(o.Padding()),
                strides=[o.StrideH(), o.StrideW()],
                dilations=[o.DilationHFactor(), o.DilationWFactor()],
                kernel_shape=list(kernel.shape[2:])))
            activate(name, o.FusedActivationFunction())
        elif code in (OPS.ADD, OPS.MUL):
            o = _options(op, tflite.AddOptions if code == OPS.ADD else tflite.MulOptions)
            nodes.append(helper.make_node("Add" if code == OPS.ADD else "Mul",
                                          [operand(ins[0]), operand(ins[1])], [name + "_pre"]))
            activate(name, o.FusedActivationFunction())
        elif code in (OPS.RELU, OPS.HARD_SWISH, OPS.LOGISTIC):
            kind = {OPS.RELU: "Relu", OPS.HARD_SWISH: "HardSwish", OPS.LOGISTIC: "Sigmoid"}[code]
            nodes.append(helper.make_node(kind, [f"t{ins[0]}"], [name]))
        elif code == OPS.AVERAGE_POOL_2D:
            o = _options(op, tflite.Pool2DOptions)
            nodes.append(helper.make_node(
                "AveragePool", [f"t{ins[0]}"], [name + "_pre"], auto_pad=_pad(o.Padding()),
                kernel_shape=[o.FilterHeight(), o.FilterWidth()],
                strides=[o.StrideH(), o.StrideW()]))
            activate(name, o.FusedActivationFunction())
        elif code == OPS.RESIZE_BILINEAR:
            o = _options(op, tflite.ResizeBilinearOptions)
            mode = ("align_corners" if o.AlignCorners() else
                    "half_pixel" if o.HalfPixelCenters() else "asymmetric")
            n, h, w, c = shape(out)
            sizes = const(f"s{out}", np.array([n, c, h, w], np.int64))
            nodes.append(helper.make_node("Resize", [f"t{ins[0]}", "", "", sizes], [name],
                                          mode="linear", coordinate_transformation_mode=mode))
        elif code == OPS.CUSTOM and code_entry.CustomCode() == b"Convolution2DTransposeBias":
            padding, stride_w, stride_h = np.frombuffer(
                op.CustomOptionsAsNumpy().tobytes(), np.int32)
            if padding != 1:  # kTfLitePaddingSame
                raise ValueError(f"unexpected transpose-conv padding {padding}")
            kernel = consts[ins[1]].transpose(3, 0, 1, 2)  # (O, kh, kw, I) -> (I, O, kh, kw)
            n, h, w, c = shape(out)
            nodes.append(helper.make_node(
                "ConvTranspose", [f"t{ins[0]}", const(f"w{out}", kernel),
                                  const(f"b{out}", consts[ins[2]])], [name],
                strides=[int(stride_h), int(stride_w)], kernel_shape=list(kernel.shape[2:]),
                output_shape=[h, w], auto_pad="SAME_UPPER"))
        else:
            raise NotImplementedError(f"op {code} ({code_entry.CustomCode()})")
    nodes.append(helper.make_node("Transpose", [f"t{last}"], ["output"], perm=[0, 2, 3, 1]))
    n, h, w, c = shape(first)
    model_out = helper.make_model(
        helper.make_graph(nodes, "person_segmenter",
                          [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, h, w, c])],
                          [helper.make_tensor_value_info("output", TensorProto.FLOAT,
                                                         [1, *shape(last)[1:]])],
                          inits),
        opset_imports=[helper.make_opsetid("", 17)], producer_name="facemoji",
        ir_version=8)  # readable by onnxruntime releases from 1.14 on
    model_out.doc_string = ("MediaPipe selfie segmentation (general, 256x256), Apache License "
                            "2.0, Google LLC; converted from TFLite by "
                            "scripts/convert_person_segmenter.py")
    onnx.checker.check_model(model_out)
    onnx.save(model_out, target)


def check(source: str, target: str) -> float:
    """The largest difference between the TFLite and ONNX outputs on test inputs."""
    import onnxruntime
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(source)
    interpreter.allocate_tensors()
    inp, out = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
    session = onnxruntime.InferenceSession(target, providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[:256, :256] / 255.0
    smooth = np.stack([xx, yy, 1 - (xx - 0.5) ** 2 - (yy - 0.5) ** 2], -1)
    worst = 0.0
    for x in (rng.random((1, 256, 256, 3)), smooth[None]):
        x = x.astype(np.float32)
        interpreter.set_tensor(inp["index"], x)
        interpreter.invoke()
        want = interpreter.get_tensor(out["index"])
        got = session.run(None, {"input": x})[0]
        worst = max(worst, float(np.abs(want - got).max()))
    return worst


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2])
    print(f"max |tflite - onnx| = {check(sys.argv[1], sys.argv[2]):.2e}")
