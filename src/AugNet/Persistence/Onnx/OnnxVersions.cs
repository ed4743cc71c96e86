namespace AugNet.Persistence.Onnx;

/// <summary>
/// The opsets the exporter may declare and the IR version each needs. 13 is the floor because Softmax-13 is the
/// first Softmax over a single axis, the meaning Keras has; 21 is the ceiling because opset 22 revises Conv, MaxPool
/// and GlobalAveragePool, which the exporter has not been checked against.
/// </summary>
internal static class OnnxVersions
{
    public const int MinOpset = 13, MaxOpset = 21;

    /// <summary>The IR version released with <paramref name="opset"/> (onnx/helper.py VERSION_TABLE).</summary>
    public static long IrVersionFor(int opset) => opset switch
    {
        13 or 14 => 7,
        >= 15 and <= 18 => 8,
        19 or 20 => 9,
        21 => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(opset), opset, $"ONNX export supports opsets {MinOpset} to {MaxOpset}."),
    };
}
