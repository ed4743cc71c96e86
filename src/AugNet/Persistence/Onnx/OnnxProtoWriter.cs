using Google.Protobuf;

namespace AugNet.Persistence.Onnx;

/// <summary>
/// Serialises an <see cref="OnnxModel"/> as the ONNX protobuf (onnx.proto, proto2) without generated classes: no
/// protoc is needed, and the exporter writes only the fields below. Field numbers are onnx.proto's (checked against
/// the onnx 1.12 Python package's descriptors). Repeated numbers are written unpacked, proto2's default encoding,
/// which every protobuf parser accepts. A nested message is written to its own buffer first, because its length
/// prefix has to precede it.
/// </summary>
internal static class OnnxProtoWriter
{
    // ModelProto
    const int ModelIrVersion = 1, ModelProducerName = 2, ModelProducerVersion = 3, ModelGraph = 7, ModelOpsetImport = 8;
    // OperatorSetIdProto
    const int OpsetDomain = 1, OpsetVersion = 2;
    // GraphProto
    const int GraphNode = 1, GraphName = 2, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12;
    // NodeProto
    const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeAttribute = 5;
    // AttributeProto
    const int AttrName = 1, AttrF = 2, AttrI = 3, AttrS = 4, AttrInts = 8, AttrType = 20;
    // TensorProto
    const int TensorDims = 1, TensorDataType = 2, TensorName = 8, TensorRawData = 9;
    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    const int ValueInfoName = 1, ValueInfoType = 2, TypeTensorType = 1, TensorTypeElemType = 1, TensorTypeShape = 2;
    const int ShapeDim = 1, DimValue = 1, DimParam = 2;

    public static byte[] ToBytes(OnnxModel model) => Message(o => WriteModel(o, model));

    static void WriteModel(CodedOutputStream o, OnnxModel m)
    {
        WriteInt64(o, ModelIrVersion, m.IrVersion);
        WriteString(o, ModelProducerName, m.ProducerName);
        WriteString(o, ModelProducerVersion, m.ProducerVersion);
        WriteMessage(o, ModelGraph, g => WriteGraph(g, m));
        // The default domain is the empty string.
        WriteMessage(o, ModelOpsetImport, s => { WriteString(s, OpsetDomain, ""); WriteInt64(s, OpsetVersion, m.Opset); });
    }

    static void WriteGraph(CodedOutputStream o, OnnxModel m)
    {
        foreach (var node in m.Nodes) WriteMessage(o, GraphNode, n => WriteNode(n, node));
        WriteString(o, GraphName, m.GraphName);
        foreach (var init in m.Initializers) WriteMessage(o, GraphInitializer, t => WriteInitializer(t, init));
        foreach (var input in m.Inputs) WriteMessage(o, GraphInput, v => WriteValueInfo(v, input));
        foreach (var output in m.Outputs) WriteMessage(o, GraphOutput, v => WriteValueInfo(v, output));
    }

    static void WriteNode(CodedOutputStream o, OnnxNode node)
    {
        foreach (var input in node.Inputs) WriteString(o, NodeInput, input);
        foreach (var output in node.Outputs) WriteString(o, NodeOutput, output);
        WriteString(o, NodeName, node.Name);
        WriteString(o, NodeOpType, node.OpType);
        foreach (var attribute in node.Attributes) WriteMessage(o, NodeAttribute, a => WriteAttribute(a, attribute));
    }

    static void WriteAttribute(CodedOutputStream o, OnnxAttribute a)
    {
        WriteString(o, AttrName, a.Name);
        switch (a.Type)
        {
            case OnnxAttributeType.Float:
                o.WriteTag(AttrF, WireFormat.WireType.Fixed32);
                o.WriteFloat(a.F);
                break;
            case OnnxAttributeType.Int:
                WriteInt64(o, AttrI, a.I);
                break;
            case OnnxAttributeType.String:
                // AttributeProto.s is bytes; ONNX's string attributes are UTF-8.
                WriteString(o, AttrS, a.S ?? "");
                break;
            case OnnxAttributeType.Ints:
                foreach (long v in a.Ints ?? []) WriteInt64(o, AttrInts, v);
                break;
            default:
                throw new InvalidOperationException($"Attribute type {a.Type} has no writer.");
        }
        WriteInt64(o, AttrType, (long)a.Type);
    }

    static void WriteInitializer(CodedOutputStream o, OnnxInitializer t)
    {
        foreach (long d in t.Dims) WriteInt64(o, TensorDims, d);
        WriteInt64(o, TensorDataType, (long)t.DataType);
        WriteString(o, TensorName, t.Name);
        o.WriteTag(TensorRawData, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(UnsafeByteOperations.UnsafeWrap(t.RawData));
    }

    static void WriteValueInfo(CodedOutputStream o, OnnxValueInfo v)
    {
        WriteString(o, ValueInfoName, v.Name);
        WriteMessage(o, ValueInfoType, type => WriteMessage(type, TypeTensorType, tensor =>
        {
            WriteInt64(tensor, TensorTypeElemType, (long)v.ElementType);
            WriteMessage(tensor, TensorTypeShape, shape =>
            {
                foreach (var dim in v.Shape)
                    WriteMessage(shape, ShapeDim, d =>
                    {
                        if (dim.Param is { } param) WriteString(d, DimParam, param);
                        else WriteInt64(d, DimValue, dim.Value);
                    });
            });
        }));
    }

    static void WriteInt64(CodedOutputStream o, int field, long value)
    {
        o.WriteTag(field, WireFormat.WireType.Varint);
        o.WriteInt64(value);
    }

    static void WriteString(CodedOutputStream o, int field, string value)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteString(value);
    }

    static void WriteMessage(CodedOutputStream o, int field, Action<CodedOutputStream> body)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(UnsafeByteOperations.UnsafeWrap(Message(body)));
    }

    /// <summary>The bytes <paramref name="body"/> writes: a message's content, without its tag and length.</summary>
    static byte[] Message(Action<CodedOutputStream> body)
    {
        using var buffer = new MemoryStream();
        using (var o = new CodedOutputStream(buffer, leaveOpen: true))
        {
            body(o);
            o.Flush();
        }
        return buffer.ToArray();
    }
}
