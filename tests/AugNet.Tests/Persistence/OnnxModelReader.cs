using Google.Protobuf;

namespace AugNet.Tests.Persistence;

/// <summary>
/// Reads back the parts of an ONNX ModelProto the tests check, straight from the wire format with
/// <see cref="CodedInputStream"/>. It is written independently of the exporter's writer (field numbers from
/// onnx.proto), so a wrong field number or wire type in the writer shows up here, not only as an ORT load error.
/// Accepts packed and unpacked repeated integers, as any protobuf parser must.
/// </summary>
internal sealed record OnnxModelSummary(
    long IrVersion, IReadOnlyList<(string Domain, long Version)> Opsets, string ProducerName, string ProducerVersion,
    string GraphName, IReadOnlyList<OnnxNodeSummary> Nodes, IReadOnlyDictionary<string, long[]> Initializers,
    IReadOnlyList<OnnxValueSummary> Inputs, IReadOnlyList<OnnxValueSummary> Outputs)
{
    public static OnnxModelSummary Parse(byte[] bytes)
    {
        long ir = 0;
        string producer = "", version = "";
        var opsets = new List<(string, long)>();
        GraphParts graph = new();
        Read(bytes, (field, input, wire) =>
        {
            switch (field)
            {
                case 1: ir = input.ReadInt64(); break;
                case 2: producer = input.ReadString(); break;
                case 3: version = input.ReadString(); break;
                case 7: graph = ReadGraph(input.ReadBytes()); break;
                case 8:
                    string domain = "";
                    long v = 0;
                    Read(input.ReadBytes().ToByteArray(), (f, s, wire) => { if (f == 1) domain = s.ReadString(); else if (f == 2) v = s.ReadInt64(); else s.SkipLastField(); });
                    opsets.Add((domain, v));
                    break;
                default: input.SkipLastField(); break;
            }
        });
        return new OnnxModelSummary(ir, opsets, producer, version, graph.Name, graph.Nodes, graph.Initializers, graph.Inputs, graph.Outputs);
    }

    sealed class GraphParts
    {
        public string Name = "";
        public List<OnnxNodeSummary> Nodes = [];
        public Dictionary<string, long[]> Initializers = [];
        public List<OnnxValueSummary> Inputs = [], Outputs = [];
    }

    static GraphParts ReadGraph(ByteString bytes)
    {
        var g = new GraphParts();
        Read(bytes.ToByteArray(), (field, input, wire) =>
        {
            switch (field)
            {
                case 1: g.Nodes.Add(ReadNode(input.ReadBytes())); break;
                case 2: g.Name = input.ReadString(); break;
                case 5:
                    string name = "";
                    var dims = new List<long>();
                    Read(input.ReadBytes().ToByteArray(), (f, t, wire) =>
                    {
                        if (f == 1) ReadInt64s(t, wire, dims);
                        else if (f == 8) name = t.ReadString();
                        else t.SkipLastField();
                    });
                    g.Initializers[name] = [.. dims];
                    break;
                case 11: g.Inputs.Add(ReadValueInfo(input.ReadBytes())); break;
                case 12: g.Outputs.Add(ReadValueInfo(input.ReadBytes())); break;
                default: input.SkipLastField(); break;
            }
        });
        return g;
    }

    static OnnxNodeSummary ReadNode(ByteString bytes)
    {
        string op = "", name = "";
        List<string> inputs = [], outputs = [];
        var attributes = new Dictionary<string, object>();
        Read(bytes.ToByteArray(), (field, input, wire) =>
        {
            switch (field)
            {
                case 1: inputs.Add(input.ReadString()); break;
                case 2: outputs.Add(input.ReadString()); break;
                case 3: name = input.ReadString(); break;
                case 4: op = input.ReadString(); break;
                case 5:
                    string an = "";
                    object value = 0L;
                    var ints = new List<long>();
                    Read(input.ReadBytes().ToByteArray(), (f, a, wire) =>
                    {
                        switch (f)
                        {
                            case 1: an = a.ReadString(); break;
                            case 2: value = a.ReadFloat(); break;
                            case 3: value = a.ReadInt64(); break;
                            case 4: value = a.ReadString(); break;
                            case 8: ReadInt64s(a, wire, ints); value = ints; break;
                            default: a.SkipLastField(); break;
                        }
                    });
                    attributes[an] = value is List<long> l ? l.ToArray() : value;
                    break;
                default: input.SkipLastField(); break;
            }
        });
        return new OnnxNodeSummary(op, name, inputs, outputs, attributes);
    }

    static OnnxValueSummary ReadValueInfo(ByteString bytes)
    {
        string name = "";
        long elemType = 0;
        var dims = new List<string>();
        Read(bytes.ToByteArray(), (field, input, wire) =>
        {
            if (field == 1) name = input.ReadString();
            else if (field == 2)  // TypeProto → tensor_type(1) → elem_type(1), shape(2) → dim(1) → dim_value(1) | dim_param(2)
                Read(input.ReadBytes().ToByteArray(), (f, type, wire) =>
                {
                    if (f != 1) { type.SkipLastField(); return; }
                    Read(type.ReadBytes().ToByteArray(), (tf, tensor, wire) =>
                    {
                        if (tf == 1) elemType = tensor.ReadInt64();
                        else if (tf == 2)
                            Read(tensor.ReadBytes().ToByteArray(), (sf, shape, wire) =>
                            {
                                if (sf != 1) { shape.SkipLastField(); return; }
                                Read(shape.ReadBytes().ToByteArray(), (df, dim, wire) =>
                                {
                                    if (df == 1) dims.Add(dim.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
                                    else if (df == 2) dims.Add(dim.ReadString());
                                    else dim.SkipLastField();
                                });
                            });
                        else tensor.SkipLastField();
                    });
                });
            else input.SkipLastField();
        });
        return new OnnxValueSummary(name, elemType, dims);
    }

    /// <summary>Repeated int64, packed (one length-delimited run) or not (one varint per tag).</summary>
    static void ReadInt64s(CodedInputStream input, WireFormat.WireType wire, List<long> into)
    {
        if (wire == WireFormat.WireType.LengthDelimited)
        {
            var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
            while (!packed.IsAtEnd) into.Add(packed.ReadInt64());
        }
        else into.Add(input.ReadInt64());
    }

    static void Read(byte[] bytes, Action<int, CodedInputStream, WireFormat.WireType> onField)
    {
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0) onField(WireFormat.GetTagFieldNumber(tag), input, WireFormat.GetTagWireType(tag));
    }
}

internal sealed record OnnxNodeSummary(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyDictionary<string, object> Attributes);

/// <summary>A graph input or output: name, element type and dims (numbers, or the dim_param name).</summary>
internal sealed record OnnxValueSummary(string Name, long ElementType, IReadOnlyList<string> Dims);
