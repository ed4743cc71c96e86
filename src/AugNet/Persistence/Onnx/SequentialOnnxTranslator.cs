using AugNet.NN;
using AugNet.NN.Kernels;
using AugNet.NN.Layers;
using AugNet.NN.Layers.Preprocessing;
using static AugNet.Persistence.Onnx.OnnxAttribute;

namespace AugNet.Persistence.Onnx;

/// <summary>
/// Translates a built <see cref="Sequential"/> into an ONNX graph, layer by layer, in the form keras-model-format.md
/// §5.2 recommends (the graph tf2onnx produces for a Keras model): NHWC input, NCHW Conv/pooling/BatchNormalization
/// with OIHW weights, a Transpose back to NHWC before Flatten so Keras's Dense kernel is used unchanged, Dense as Gemm
/// (or MatMul + Add above rank 2), Dropout left out, and an output named after the last layer in Keras's layout.
/// Layouts are tracked in one <see cref="OnnxTensorState"/>; see there for when tensors switch.
/// </summary>
internal sealed class SequentialOnnxTranslator
{
    readonly Sequential _model;
    readonly OnnxGraphBuilder _graph = new();
    OnnxTensorState _x;

    SequentialOnnxTranslator(Sequential model, string inputName, bool channelsFirstInput)
    {
        _model = model;
        _x = new OnnxTensorState(inputName, model.InputShape!, channelsFirstInput);
    }

    /// <summary>The whole model; <paramref name="model"/> must be built and <paramref name="options"/> validated.</summary>
    public static OnnxModel Translate(Sequential model, OnnxExportOptions options, string producerVersion)
    {
        string inputName = options.InputName ?? KerasInputName(model);
        string outputName = model.Layers[^1].Name;
        var t = new SequentialOnnxTranslator(model, inputName, options.ChannelsFirstInput);
        t._graph.Reserve(inputName);
        t._graph.Reserve(outputName);
        foreach (var layer in model.Layers) t.Emit(layer);
        t.ToKerasLayout(outputName);
        t._graph.NameFinalOutput(t._x.Name, outputName);

        var batch = OnnxDim.Symbolic(options.BatchDimension);
        int[] inputDims = options.ChannelsFirstInput ? ChannelsFirst(model.InputShape!) : model.InputShape!;
        return new OnnxModel(
            OnnxVersions.IrVersionFor(options.Opset), options.Opset, "AugNet", producerVersion, model.Name,
            t._graph.Nodes, t._graph.Initializers,
            [new OnnxValueInfo(inputName, OnnxDataType.Float, [batch, .. inputDims.Select(d => OnnxDim.Fixed(d))])],
            [new OnnxValueInfo(outputName, OnnxDataType.Float, [batch, .. model.OutputShape!.Select(d => OnnxDim.Fixed(d))])]);
    }

    /// <summary>Keras's input tensor name: the InputLayer's name, else the first layer's name + "_input" (tf.keras 2).</summary>
    public static string KerasInputName(Sequential model) =>
        model.Layers.OfType<InputLayer>().FirstOrDefault()?.Name ?? model.Layers[0].Name + "_input";

    /// <summary>(H, W, C) → (C, H, W).</summary>
    public static int[] ChannelsFirst(int[] hwc) => [hwc[2], hwc[0], hwc[1]];

    void Emit(Layer layer)
    {
        switch (layer)
        {
            case InputLayer: break;  // the graph input itself
            case Dropout: break;     // the identity at inference
            case ImagePreprocessingLayer { IsIdentityAtInference: true }: break;  // random augmentation: the identity at inference
            case Resizing or CenterCrop or RandomCrop: _x = ResizeLayerOnnx.Emit(_graph, _x, (ImagePreprocessingLayer)layer); break;
            case Conv2D c: EmitConv(c); break;
            case MaxPooling2D p: EmitPool("MaxPool", p); break;
            // TensorFlow leaves padded cells out of the average.
            case AveragePooling2D p: EmitPool("AveragePool", p, Int("count_include_pad", 0)); break;
            case GlobalAveragePooling2D g: EmitGlobalPool("GlobalAveragePool", g); break;
            case GlobalMaxPooling2D g: EmitGlobalPool("GlobalMaxPool", g); break;
            case Flatten f: EmitFlatten(f); break;
            case Dense d: EmitDense(d); break;
            case BatchNormalization bn: EmitBatchNormalization(bn); break;
            case Activation a: EmitActivation(a, Sequential.ActivationOf(a)); break;
            case Rescaling r: EmitRescaling(r); break;
            default: throw new NotSupportedException($"Layer '{layer.Name}' ({layer.TypeName}) cannot be exported to ONNX.");
        }
    }

    void EmitConv(Conv2D c)
    {
        ToChannelsFirst(c);
        var (kh, kw) = c.KernelSize;
        int cin = c.InputShape[2];
        string kernel = _graph.AddFloats($"{c.Name}/kernel", [c.Filters, cin, kh, kw], OnnxWeights.HwioToOihw(c.Kernel.Value.Span, kh, kw, cin, c.Filters));
        List<string> inputs = [_x.Name, kernel];
        if (c.Bias is { } bias) inputs.Add(AddParameter(c, bias));
        string y = _graph.AddNode("Conv", $"{c.Name}/Conv", inputs,
            IntList("kernel_shape", kh, kw), IntList("strides", c.Strides.H, c.Strides.W), IntList("dilations", 1, 1),
            Int("group", 1), IntList("pads", Pads(c.InputShape, (kh, kw), c.Strides, c.Padding)));
        _x = new OnnxTensorState(y, c.OutputShape, ChannelsFirst: true);
        EmitActivation(c, Sequential.ActivationOf(c));
    }

    void EmitPool(string opType, Pooling2D p, params OnnxAttribute[] extra)
    {
        ToChannelsFirst(p);
        string y = _graph.AddNode(opType, $"{p.Name}/{opType}", [_x.Name],
            [IntList("kernel_shape", p.PoolSize.H, p.PoolSize.W), IntList("strides", p.Strides.H, p.Strides.W),
             IntList("pads", Pads(p.InputShape, p.PoolSize, p.Strides, p.Padding)), .. extra]);
        _x = new OnnxTensorState(y, p.OutputShape, ChannelsFirst: true);
    }

    /// <summary>Global pooling leaves (N, C, 1, 1); Flatten(axis=1) gives Keras's (N, C).</summary>
    void EmitGlobalPool(string opType, Layer g)
    {
        ToChannelsFirst(g);
        string pooled = _graph.AddNode(opType, $"{g.Name}/{opType}", [_x.Name]);
        string y = _graph.AddNode("Flatten", $"{g.Name}/Flatten", [pooled], Int("axis", 1));
        _x = new OnnxTensorState(y, g.OutputShape, ChannelsFirst: false);
    }

    /// <summary>Keras flattens in (H, W, C) order, so the tensor goes back to NHWC first (spec §2, option A).</summary>
    void EmitFlatten(Flatten f)
    {
        ToKerasLayout(f.Name);
        if (_x.Rank > 2)
        {
            string shape = _graph.AddInt64Vector($"{f.Name}/shape", [-1, f.OutputShape[0]]);
            _x = new OnnxTensorState(_graph.AddNode("Reshape", $"{f.Name}/Reshape", [_x.Name, shape]), f.OutputShape, ChannelsFirst: false);
        }
    }

    /// <summary>Gemm takes only 2-D input; Dense on higher ranks works on the last axis, which is MatMul's broadcasting.</summary>
    void EmitDense(Dense d)
    {
        ToKerasLayout(d.Name);
        string kernel = AddParameter(d, d.Kernel);
        string? bias = d.Bias is { } b ? AddParameter(d, b) : null;
        string y;
        if (_x.Rank == 2)
            y = _graph.AddNode("Gemm", $"{d.Name}/Gemm", bias is null ? [_x.Name, kernel] : [_x.Name, kernel, bias]);
        else
        {
            y = _graph.AddNode("MatMul", $"{d.Name}/MatMul", [_x.Name, kernel]);
            if (bias is not null) y = _graph.AddNode("Add", $"{d.Name}/Add", [y, bias]);
        }
        _x = new OnnxTensorState(y, d.OutputShape, ChannelsFirst: false);
        EmitActivation(d, Sequential.ActivationOf(d));
    }

    /// <summary>ONNX normalises axis 1: the channels of NCHW images, the features of (N, C) vectors.</summary>
    void EmitBatchNormalization(BatchNormalization bn)
    {
        if (_x.Rank == 4) ToChannelsFirst(bn);
        else if (_x.Rank != 2)
            throw new NotSupportedException($"Layer '{bn.Name}' (BatchNormalization) on input {ShapeText.Batch(bn.InputShape)} cannot be exported to ONNX: only 2-D and 4-D inputs are supported.");
        var p = bn.Parameters;  // gamma, beta, moving_mean, moving_variance: ONNX's scale, B, input_mean, input_var
        string y = _graph.AddNode("BatchNormalization", $"{bn.Name}/BatchNormalization",
            [_x.Name, .. p.Select(param => AddParameter(bn, param))], Float("epsilon", (float)bn.Epsilon));
        _x = _x with { Name = y };
    }

    /// <summary>Mul then Add, two roundings like Keras's x * scale + offset; adding a zero offset is exact, so it is left out.</summary>
    void EmitRescaling(Rescaling r)
    {
        string scale = _graph.AddFloats($"{r.Name}/scale", [], [(float)r.Scale]);
        string y = _graph.AddNode("Mul", $"{r.Name}/Mul", [_x.Name, scale]);
        if (r.Offset != 0)
        {
            string offset = _graph.AddFloats($"{r.Name}/offset", [], [(float)r.Offset]);
            y = _graph.AddNode("Add", $"{r.Name}/Add", [y, offset]);
        }
        _x = _x with { Name = y };
    }

    /// <summary>Softmax runs over Keras's last axis, which is axis 1 while an image is held NCHW.</summary>
    void EmitActivation(Layer layer, ActivationFunction f)
    {
        string? op = f switch
        {
            ActivationFunction.Linear => null,
            ActivationFunction.Relu => "Relu",
            ActivationFunction.Sigmoid => "Sigmoid",
            ActivationFunction.Tanh => "Tanh",
            ActivationFunction.Softmax => "Softmax",
            _ => throw new NotSupportedException($"Layer '{layer.Name}' ({layer.TypeName}): activation {f} cannot be exported to ONNX."),
        };
        if (op is null) return;
        OnnxAttribute[] attributes = f == ActivationFunction.Softmax ? [Int("axis", _x.ChannelsFirst ? 1 : -1)] : [];
        _x = _x with { Name = _graph.AddNode(op, $"{layer.Name}/{op}", [_x.Name], attributes) };
    }

    void ToChannelsFirst(Layer layer)
    {
        if (_x.Rank != 4)
            throw new NotSupportedException($"Layer '{layer.Name}' ({layer.TypeName}) on input {ShapeText.Batch(layer.InputShape)} cannot be exported to ONNX: it needs (batch, height, width, channels).");
        if (!_x.ChannelsFirst)
            _x = _x with { Name = _graph.AddNode("Transpose", $"{layer.Name}/to_nchw", [_x.Name], IntList("perm", 0, 3, 1, 2)), ChannelsFirst = true };
    }

    void ToKerasLayout(string layerName)
    {
        if (_x.ChannelsFirst)
            _x = _x with { Name = _graph.AddNode("Transpose", $"{layerName}/to_nhwc", [_x.Name], IntList("perm", 0, 2, 3, 1)), ChannelsFirst = false };
    }

    /// <summary>An initializer named "layer/parameter" holding the parameter as the engine stores it.</summary>
    string AddParameter(Layer layer, Parameter p) =>
        _graph.AddFloats($"{layer.Name}/{p.Name}", [.. p.Value.Shape.Select(d => (long)d)], p.Value.Span);

    /// <summary>
    /// ONNX pads [top, left, bottom, right] for a window over an (H, W, C) input: zeros for 'valid'; for 'same',
    /// TensorFlow's split with the odd pixel at the bottom/right (<see cref="Conv2DGeometry"/>).
    /// </summary>
    static long[] Pads(int[] hwc, (int H, int W) window, (int H, int W) strides, Padding padding)
    {
        if (padding == Padding.Valid) return [0, 0, 0, 0];
        var g = Conv2DGeometry.Create(1, hwc[0], hwc[1], hwc[2], window.H, window.W, hwc[2], strides.H, strides.W, padding);
        int totalH = Math.Max((g.OH - 1) * strides.H + window.H - hwc[0], 0);
        int totalW = Math.Max((g.OW - 1) * strides.W + window.W - hwc[1], 0);
        return [g.PadTop, g.PadLeft, totalH - g.PadTop, totalW - g.PadLeft];
    }
}
