using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace AugNet.Persistence.Onnx;

/// <summary>
/// Collects the nodes and initializers of one graph and keeps every tensor name unique (ONNX requires it), so the
/// translator can name things after their layer ("conv2d/Relu", "dense/kernel") without tracking collisions itself.
/// Each node is named after its single output.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    readonly List<OnnxNode> _nodes = [];
    readonly List<OnnxInitializer> _initializers = [];
    readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public IReadOnlyList<OnnxNode> Nodes => _nodes;
    public IReadOnlyList<OnnxInitializer> Initializers => _initializers;

    /// <summary>Claims <paramref name="name"/> exactly (graph input and output names must not be altered).</summary>
    public void Reserve(string name)
    {
        if (!_names.Add(name)) throw new ArgumentException($"The ONNX tensor name '{name}' is used twice.");
    }

    /// <summary><paramref name="name"/>, or name_1, name_2, ... when it is taken; the result is claimed.</summary>
    string Unique(string name)
    {
        string candidate = name;
        for (int k = 1; !_names.Add(candidate); k++) candidate = $"{name}_{k}";
        return candidate;
    }

    /// <summary>Adds a node with one output named like <paramref name="name"/>; returns that output's name.</summary>
    public string AddNode(string opType, string name, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        string output = Unique(name);
        _nodes.Add(new OnnxNode(opType, output, inputs, [output], attributes));
        return output;
    }

    /// <summary>
    /// Makes <paramref name="current"/> (the last node's output, or the graph input) available under
    /// <paramref name="outputName"/>, which must have been reserved: the last node is renamed, or an Identity added.
    /// </summary>
    public void NameFinalOutput(string current, string outputName)
    {
        if (current == outputName) return;
        if (_nodes.Count > 0 && _nodes[^1].Outputs is [var last] && last == current)
            _nodes[^1] = _nodes[^1] with { Name = outputName, Outputs = [outputName] };
        else
            _nodes.Add(new OnnxNode("Identity", outputName, [current], [outputName], []));
    }

    /// <summary>A float32 initializer of shape <paramref name="dims"/> (empty for a scalar); returns its name.</summary>
    public string AddFloats(string name, ReadOnlySpan<long> dims, ReadOnlySpan<float> values)
    {
        var raw = new byte[values.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(values).CopyTo(raw);
        else for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        return Add(name, OnnxDataType.Float, dims, raw);
    }

    /// <summary>A 1-D int64 initializer (Reshape's target shape); returns its name.</summary>
    public string AddInt64Vector(string name, ReadOnlySpan<long> values)
    {
        var raw = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        return Add(name, OnnxDataType.Int64, [values.Length], raw);
    }

    string Add(string name, OnnxDataType type, ReadOnlySpan<long> dims, byte[] raw)
    {
        string unique = Unique(name);
        _initializers.Add(new OnnxInitializer(unique, type, dims.ToArray(), raw));
        return unique;
    }
}
