namespace AugNet.Persistence.Onnx;

// The subset of ONNX's protobuf messages the exporter writes, as plain immutable data: the translator builds these
// and OnnxProtoWriter serialises them, so neither needs to know about the other's concerns.

/// <summary>ONNX TensorProto.DataType values the exporter uses.</summary>
internal enum OnnxDataType { Float = 1, Int64 = 7 }

/// <summary>One axis of a graph input or output: a fixed size, or a symbolic name (the batch).</summary>
internal readonly record struct OnnxDim(long Value, string? Param)
{
    public static OnnxDim Fixed(long value) => new(value, null);
    public static OnnxDim Symbolic(string name) => new(0, name);
}

/// <summary>A graph input or output (ValueInfoProto) of a tensor type.</summary>
internal sealed record OnnxValueInfo(string Name, OnnxDataType ElementType, IReadOnlyList<OnnxDim> Shape);

/// <summary>A constant tensor (TensorProto) stored as little-endian raw_data.</summary>
internal sealed record OnnxInitializer(string Name, OnnxDataType DataType, long[] Dims, byte[] RawData);

/// <summary>The attribute kinds the exporter writes (AttributeProto.AttributeType values).</summary>
internal enum OnnxAttributeType { Float = 1, Int = 2, String = 3, Ints = 7 }

/// <summary>One node attribute; only the member for its <see cref="Type"/> is meaningful.</summary>
internal sealed record OnnxAttribute(string Name, OnnxAttributeType Type, float F = 0, long I = 0, long[]? Ints = null, string? S = null)
{
    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeType.Float, F: value);
    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeType.Int, I: value);
    public static OnnxAttribute String(string name, string value) => new(name, OnnxAttributeType.String, S: value);
    public static OnnxAttribute IntList(string name, params long[] values) => new(name, OnnxAttributeType.Ints, Ints: values);
}

/// <summary>One operator of the default domain (NodeProto).</summary>
internal sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes);

/// <summary>A whole model: ModelProto with its one GraphProto.</summary>
internal sealed record OnnxModel(
    long IrVersion, int Opset, string ProducerName, string ProducerVersion, string GraphName,
    IReadOnlyList<OnnxNode> Nodes, IReadOnlyList<OnnxInitializer> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs, IReadOnlyList<OnnxValueInfo> Outputs);
