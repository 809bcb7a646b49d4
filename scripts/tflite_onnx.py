"""TFLite → ONNX, op by op, for the MediaPipe models facemoji ships (scripts/convert_*.py).

The generic converters stop at these models (``tflite2onnx`` has no HARD_SWISH or PRELU,
``tf2onnx`` needs TensorFlow), and each model uses a dozen op types, so this module maps
those ops one by one and :func:`max_differences` checks the result against the TFLite
interpreter. Needs ``pip install tflite onnx ai-edge-litert onnxruntime``.

Layout: TFLite tensors are NHWC, ONNX convolutions NCHW. Every 4-D tensor is kept NCHW in
the ONNX graph (so a chain of convolutions needs no transposes), every other one as TFLite
has it; ops that name axes (pad, mean, concatenation, transpose) have them remapped, and the
ones that change rank (reshape, strided slice) run in TFLite's layout between transposes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import onnx
import tflite
from onnx import TensorProto, helper, numpy_helper
from onnx_finish import finish_model

OPS = tflite.BuiltinOperator
ACTIVATION = {tflite.ActivationFunctionType.NONE: "Identity",
              tflite.ActivationFunctionType.RELU: "Relu"}
TO_NCHW = (0, 3, 1, 2)
"""Permutation that stores an NHWC tensor as NCHW."""
TO_NHWC = (0, 2, 3, 1)
"""Its inverse; ``TO_NHWC[a]`` is also where NHWC axis ``a`` sits in the NCHW tensor."""
UNARY = {OPS.RELU: "Relu", OPS.HARD_SWISH: "HardSwish", OPS.LOGISTIC: "Sigmoid",
         OPS.NEG: "Neg", OPS.SQRT: "Sqrt"}
BINARY = {OPS.ADD: ("Add", tflite.AddOptions), OPS.MUL: ("Mul", tflite.MulOptions),
          OPS.SUB: ("Sub", tflite.SubOptions), OPS.DIV: ("Div", tflite.DivOptions)}
DTYPES = {tflite.TensorType.FLOAT16: np.float16, tflite.TensorType.FLOAT32: np.float32,
          tflite.TensorType.INT32: np.int32}


def _options(op, cls):
    table = op.BuiltinOptions()
    options = cls()
    options.Init(table.Bytes, table.Pos)
    return options


def _pad(padding: int) -> str:
    return "SAME_UPPER" if padding == tflite.Padding.SAME else "VALID"


class _Converter:
    """One TFLite subgraph being written as ONNX nodes and initializers."""

    def __init__(self, source: bytes, half: bool) -> None:
        self.model = tflite.Model.GetRootAsModel(source, 0)
        self.graph = self.model.Subgraphs(0)
        self.half = half  # store float16 weights as float16, cast to float32 in the graph
        self.consts: dict[int, np.ndarray] = {}
        self.from_half: set[int] = set()
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self.names: dict[int, str] = {}
        self.made: set[str] = set()

    # -- reading TFLite ---------------------------------------------------------------
    def shape(self, index: int) -> list[int]:
        tensor = self.graph.Tensors(index)
        return [int(v) for v in tensor.ShapeAsNumpy()] if tensor.ShapeLength() else []

    def is_const(self, index: int) -> bool:
        tensor = self.graph.Tensors(index)
        return index in self.consts or self.model.Buffers(tensor.Buffer()).DataLength() > 0

    def value(self, index: int) -> np.ndarray:
        """A constant tensor's value, as TFLite lays it out."""
        if index in self.consts:
            return self.consts[index]
        tensor = self.graph.Tensors(index)
        data = self.model.Buffers(tensor.Buffer()).DataAsNumpy()
        return np.frombuffer(data.tobytes(), DTYPES[tensor.Type()]).reshape(self.shape(index))

    # -- writing ONNX -----------------------------------------------------------------
    def const(self, name: str, value: np.ndarray, half: bool = False) -> str:
        """An initializer; float16-born weights stay float16 (with a Cast) when asked."""
        if name not in self.made:
            self.made.add(name)
            value = np.ascontiguousarray(value)
            if half and self.half:
                self.inits.append(numpy_helper.from_array(value.astype(np.float16), name + "_h"))
                self.add("Cast", [name + "_h"], [name], to=TensorProto.FLOAT)
            else:
                self.inits.append(numpy_helper.from_array(value, name))
        return name

    def weight(self, name: str, index: int, value: np.ndarray | None = None) -> str:
        """Constant ``index`` (or ``value`` made from it) as a float32 initializer."""
        data = self.value(index) if value is None else value
        return self.const(name, data.astype(np.float32), index in self.from_half)

    def add(self, op: str, inputs: Sequence[str], outputs: Sequence[str], **attrs) -> None:
        self.nodes.append(helper.make_node(op, list(inputs), list(outputs), **attrs))

    def name(self, index: int) -> str:
        return self.names.get(index, f"t{index}")

    def stored(self, index: int, rank: int) -> np.ndarray:
        """Constant ``index`` laid out to meet an elementwise op whose output has ``rank``:
        for a 4-D output, padded with leading ones (how it broadcasts) and made NCHW."""
        value = self.value(index).astype(np.float32)
        if rank == 4 and value.ndim > 0:
            value = value.reshape((1,) * (4 - value.ndim) + value.shape).transpose(TO_NCHW)
        return value

    def operand(self, index: int, rank: int) -> str:
        """Tensor ``index`` as an input of an elementwise op whose output has ``rank``."""
        if not self.is_const(index):
            if rank == 4 and len(self.shape(index)) != 4:
                raise NotImplementedError(f"tensor {index} broadcast to 4-D")
            return self.name(index)
        return self.const(f"c{index}", self.stored(index, rank), index in self.from_half)

    def tflite_layout(self, index: int) -> str:
        """Tensor ``index`` in TFLite's own layout (a transpose for 4-D tensors)."""
        if len(self.shape(index)) != 4:
            return self.name(index)
        name = f"t{index}_nhwc"
        if name not in self.made:
            self.made.add(name)
            self.add("Transpose", [self.name(index)], [name], perm=TO_NHWC)
        return name

    def store(self, made: str, index: int) -> None:
        """``made`` (TFLite layout) becomes tensor ``index`` in the stored layout."""
        if len(self.shape(index)) == 4:
            self.add("Transpose", [made], [self.name(index)], perm=TO_NCHW)
        else:
            self.add("Identity", [made], [self.name(index)])

    def int64(self, name: str, values) -> str:
        return self.const(name, np.asarray(values, np.int64))

    # -- the ops ----------------------------------------------------------------------
    def op(self, op, code: int, custom: bytes, ins: list[int], out: int) -> None:
        name = self.name(out)
        rank = len(self.shape(out))
        if code == OPS.DEQUANTIZE:
            self.consts[out] = self.value(ins[0]).astype(np.float32)
            if self.graph.Tensors(ins[0]).Type() == tflite.TensorType.FLOAT16:
                self.from_half.add(out)
        elif code in (OPS.CONV_2D, OPS.DEPTHWISE_CONV_2D):
            weights = self.value(ins[1])
            if code == OPS.CONV_2D:
                o = _options(op, tflite.Conv2DOptions)
                kernel, group = weights.transpose(0, 3, 1, 2), 1
            else:
                o = _options(op, tflite.DepthwiseConv2DOptions)
                kernel = weights.transpose(3, 0, 1, 2)  # (1, kh, kw, C) -> (C, 1, kh, kw)
                group = self.shape(ins[0])[3]
            inputs = [self.name(ins[0]), self.weight(f"w{out}", ins[1], kernel)]
            if len(ins) > 2 and ins[2] >= 0:
                inputs.append(self.weight(f"b{out}", ins[2]))
            self.add("Conv", inputs, [name + "_pre"], group=group, auto_pad=_pad(o.Padding()),
                     strides=[o.StrideH(), o.StrideW()],
                     dilations=[o.DilationHFactor(), o.DilationWFactor()],
                     kernel_shape=list(kernel.shape[2:]))
            self.add(ACTIVATION[o.FusedActivationFunction()], [name + "_pre"], [name])
        elif code in BINARY:
            kind, options = BINARY[code]
            o = _options(op, options)
            self.add(kind, [self.operand(ins[0], rank), self.operand(ins[1], rank)],
                     [name + "_pre"])
            self.add(ACTIVATION[o.FusedActivationFunction()], [name + "_pre"], [name])
        elif code == OPS.SQUARED_DIFFERENCE:
            self.add("Sub", [self.operand(ins[0], rank), self.operand(ins[1], rank)],
                     [name + "_d"])
            self.add("Mul", [name + "_d", name + "_d"], [name])
        elif code in UNARY:
            self.add(UNARY[code], [self.name(ins[0])], [name])
        elif code == OPS.RSQRT:
            self.add("Sqrt", [self.name(ins[0])], [name + "_sqrt"])
            self.add("Reciprocal", [name + "_sqrt"], [name])
        elif code == OPS.PRELU:
            # a·x + (1 − a)·relu(x): onnxruntime's own PRelu broadcasts its per-channel slope
            # slowly and breaks its blocked-convolution chain; this ran the face mesh in
            # about 0.6× the time on one core
            x, slope = self.name(ins[0]), self.stored(ins[1], rank)
            half = ins[1] in self.from_half
            self.add("Relu", [x], [name + "_relu"])
            self.add("Mul", [x, self.const(f"c{ins[1]}", slope, half)], [name + "_ax"])
            self.add("Mul", [name + "_relu", self.const(f"c{ins[1]}_1m", 1 - slope)],
                     [name + "_rest"])
            self.add("Add", [name + "_ax", name + "_rest"], [name])
        elif code in (OPS.AVERAGE_POOL_2D, OPS.MAX_POOL_2D):
            o = _options(op, tflite.Pool2DOptions)
            kind = "AveragePool" if code == OPS.AVERAGE_POOL_2D else "MaxPool"
            self.add(kind, [self.name(ins[0])], [name + "_pre"], auto_pad=_pad(o.Padding()),
                     kernel_shape=[o.FilterHeight(), o.FilterWidth()],
                     strides=[o.StrideH(), o.StrideW()])
            self.add(ACTIVATION[o.FusedActivationFunction()], [name + "_pre"], [name])
        elif code == OPS.PAD:
            pads = self.value(ins[1])
            if rank == 4:
                pads = pads[list(TO_NCHW)]
            self.add("Pad", [self.name(ins[0]), self.int64(f"p{out}", pads.T.ravel())], [name])
        elif code == OPS.RESIZE_BILINEAR:
            o = _options(op, tflite.ResizeBilinearOptions)
            mode = ("align_corners" if o.AlignCorners() else
                    "half_pixel" if o.HalfPixelCenters() else "asymmetric")
            n, h, w, c = self.shape(out)
            sizes = self.int64(f"s{out}", [n, c, h, w])
            self.add("Resize", [self.name(ins[0]), "", "", sizes], [name], mode="linear",
                     coordinate_transformation_mode=mode)
        elif code == OPS.RESIZE_NEAREST_NEIGHBOR:
            o = _options(op, tflite.ResizeNearestNeighborOptions)
            # TFLite picks floor(x · scale), or floor((x + ½) · scale) with half-pixel
            # centers: ONNX's half-pixel source x · scale − ½, rounded half up
            mode, nearest = (("align_corners", "round_prefer_ceil") if o.AlignCorners() else
                             ("half_pixel", "round_prefer_ceil") if o.HalfPixelCenters() else
                             ("asymmetric", "floor"))
            n, h, w, c = self.shape(out)
            sizes = self.int64(f"s{out}", [n, c, h, w])
            self.add("Resize", [self.name(ins[0]), "", "", sizes], [name], mode="nearest",
                     coordinate_transformation_mode=mode, nearest_mode=nearest)
        elif code == OPS.SOFTMAX:
            beta = _options(op, tflite.SoftmaxOptions).Beta()
            source = self.name(ins[0])
            if beta != 1.0:
                self.add("Mul", [source, self.const(f"beta{out}", np.float32(beta))],
                         [name + "_b"])
                source = name + "_b"
            self.add("Softmax", [source], [name], axis=1 if rank == 4 else -1)
        elif code == OPS.TRANSPOSE_CONV:
            o = _options(op, tflite.TransposeConvOptions)
            if o.Padding() != tflite.Padding.SAME:
                raise ValueError("unexpected transpose-conv padding")
            kernel = self.value(ins[1]).transpose(3, 0, 1, 2)  # (O, kh, kw, I) -> (I, O, kh, kw)
            n, h, w, c = self.shape(out)
            inputs = [self.name(ins[2]), self.weight(f"w{out}", ins[1], kernel)]
            if len(ins) > 3 and ins[3] >= 0:
                inputs.append(self.weight(f"b{out}", ins[3]))
            self.add("ConvTranspose", inputs, [name + "_pre"],
                     strides=[o.StrideH(), o.StrideW()], kernel_shape=list(kernel.shape[2:]),
                     output_shape=[h, w], auto_pad="SAME_UPPER")
            self.add(ACTIVATION[o.FusedActivationFunction()], [name + "_pre"], [name])
        elif code == OPS.CUSTOM and custom == b"Convolution2DTransposeBias":
            padding, stride_w, stride_h = np.frombuffer(
                op.CustomOptionsAsNumpy().tobytes(), np.int32)
            if padding != 1:  # kTfLitePaddingSame
                raise ValueError(f"unexpected transpose-conv padding {padding}")
            kernel = self.value(ins[1]).transpose(3, 0, 1, 2)  # (O, kh, kw, I) -> (I, O, kh, kw)
            n, h, w, c = self.shape(out)
            self.add("ConvTranspose", [self.name(ins[0]), self.weight(f"w{out}", ins[1], kernel),
                                       self.weight(f"b{out}", ins[2])], [name],
                     strides=[int(stride_h), int(stride_w)], kernel_shape=list(kernel.shape[2:]),
                     output_shape=[h, w], auto_pad="SAME_UPPER")
        elif code == OPS.TRANSPOSE:
            perm = [int(p) for p in self.value(ins[1])]
            if rank == 4:  # NCHW in, NCHW out: undo the storage, permute, redo it
                perm = [TO_NHWC[perm[TO_NCHW[k]]] for k in range(4)]
            self.add("Transpose", [self.name(ins[0])], [name], perm=perm)
        elif code in (OPS.MEAN, OPS.SUM):
            keep = _options(op, tflite.ReducerOptions).KeepDims()
            axes = [int(a) % len(self.shape(ins[0])) for a in np.ravel(self.value(ins[1]))]
            source = self.name(ins[0])
            if len(self.shape(ins[0])) == 4 and keep:
                axes = [TO_NHWC[a] for a in axes]
            elif len(self.shape(ins[0])) == 4 or rank == 4:
                source = self.tflite_layout(ins[0])
                name = name + "_r"
            if code == OPS.MEAN:
                self.add("ReduceMean", [source], [name], axes=axes, keepdims=int(keep))
            else:
                self.add("ReduceSum", [source, self.int64(f"a{out}", axes)], [name],
                         keepdims=int(keep))
            if name != self.name(out):
                self.store(name, out)
        elif code == OPS.CONCATENATION:
            o = _options(op, tflite.ConcatenationOptions)
            axis = o.Axis() % rank
            self.add("Concat", [self.operand(i, rank) for i in ins], [name + "_pre"],
                     axis=TO_NHWC[axis] if rank == 4 else axis)
            self.add(ACTIVATION[o.FusedActivationFunction()], [name + "_pre"], [name])
        elif code == OPS.RESHAPE:
            self.add("Reshape", [self.tflite_layout(ins[0]),
                                 self.int64(f"s{out}", self.shape(out))], [name + "_r"])
            self.store(name + "_r", out)
        elif code == OPS.STRIDED_SLICE:
            self.strided_slice(op, ins, out)
        else:
            raise NotImplementedError(f"op {code} ({custom})")

    def strided_slice(self, op, ins: list[int], out: int) -> None:
        o = _options(op, tflite.StridedSliceOptions)
        if o.EllipsisMask() or o.NewAxisMask():
            raise NotImplementedError("strided slice with ellipsis or new axes")
        begin, end, steps = (self.value(i).astype(np.int64) for i in ins[1:4])
        big = np.iinfo(np.int64).max
        starts, ends, shrink = [], [], []
        for axis, (b, e, s) in enumerate(zip(begin, end, steps, strict=True)):
            bit = 1 << axis
            start = (0 if s > 0 else big) if o.BeginMask() & bit else b
            stop = (big if s > 0 else -big) if o.EndMask() & bit else e
            if o.ShrinkAxisMask() & bit:
                stop, shrink = start + 1, [*shrink, axis]
            starts.append(start)
            ends.append(stop)
        name = self.name(out)
        self.add("Slice", [self.tflite_layout(ins[0]), self.int64(f"sb{out}", starts),
                           self.int64(f"se{out}", ends),
                           self.int64(f"sa{out}", range(len(starts))),
                           self.int64(f"ss{out}", steps)], [name + "_s"])
        made = name + "_s"
        if shrink:
            self.add("Squeeze", [made, self.int64(f"sq{out}", shrink)], [name + "_q"])
            made = name + "_q"
        self.store(made, out)


def convert(source: bytes, graph_name: str, inputs: Sequence[str], outputs: Sequence[str],
            doc: str, half: bool = False) -> onnx.ModelProto:
    """The ONNX model of the TFLite model ``source``, with its inputs and outputs renamed
    (in TFLite's order) and in TFLite's shapes and layouts; ``half`` keeps float16 weights
    as float16 initializers (half the file, same results: the graph casts them up)."""
    c = _Converter(source, half)
    graph, model = c.graph, c.model
    tensor_in, tensor_out = list(graph.InputsAsNumpy()), list(graph.OutputsAsNumpy())
    for index, external in zip(tensor_in, inputs, strict=True):
        if len(c.shape(index)) == 4:
            c.add("Transpose", [external], [c.name(index)], perm=TO_NCHW)
        else:
            c.names[index] = external
    for i in range(graph.OperatorsLength()):
        op = graph.Operators(i)
        entry = model.OperatorCodes(op.OpcodeIndex())
        code = max(entry.BuiltinCode(), entry.DeprecatedBuiltinCode())
        (out,) = list(op.OutputsAsNumpy())
        c.op(op, code, entry.CustomCode(), list(op.InputsAsNumpy()), int(out))
    for index, external in zip(tensor_out, outputs, strict=True):
        if len(c.shape(index)) == 4:
            c.add("Transpose", [c.name(index)], [external], perm=TO_NHWC)
        else:
            c.add("Identity", [c.name(index)], [external])

    def info(name: str, index: int) -> onnx.ValueInfoProto:
        return helper.make_tensor_value_info(name, TensorProto.FLOAT, c.shape(index))

    return finish_model(
        helper.make_graph(c.nodes, graph_name,
                          [info(n, i) for n, i in zip(inputs, tensor_in, strict=True)],
                          [info(n, i) for n, i in zip(outputs, tensor_out, strict=True)],
                          c.inits), doc)


def max_differences(source: bytes, target: bytes, feeds: Sequence[Sequence[np.ndarray]],
                    transform: Callable[[np.ndarray], np.ndarray] = np.asarray) -> list[float]:
    """The largest |TFLite − ONNX| of each output, each side passed through ``transform``
    (e.g. a softmax of class scores), over ``feeds`` (each a list of inputs in the model's
    order), TFLite run by its own interpreter (``ai-edge-litert``)."""
    import onnxruntime
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(model_content=source)
    interpreter.allocate_tensors()
    graph = tflite.Model.GetRootAsModel(source, 0).Subgraphs(0)
    session = onnxruntime.InferenceSession(target, providers=["CPUExecutionProvider"])
    names = [i.name for i in session.get_inputs()]
    worst = [0.0] * len(session.get_outputs())
    for given in feeds:
        feed = [np.asarray(x, np.float32) for x in given]
        for index, x in zip(graph.InputsAsNumpy(), feed, strict=True):
            interpreter.set_tensor(int(index), x)
        interpreter.invoke()
        got = session.run(None, dict(zip(names, feed, strict=True)))
        for k, index in enumerate(graph.OutputsAsNumpy()):
            want = interpreter.get_tensor(int(index))
            worst[k] = max(worst[k], float(np.abs(transform(want) - transform(got[k])).max()))
    return worst
