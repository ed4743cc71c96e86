namespace AugNet.Persistence;

/// <summary>
/// Choices for <see cref="OnnxExport"/>. The defaults give the graph tf2onnx gives for a Keras model: an NHWC input
/// named after the Keras input, opset 13 (IR 7), which ONNX Runtime, TensorRT, OpenVINO and onnx2tf all load.
/// </summary>
public sealed record OnnxExportOptions
{
    /// <summary>
    /// The default-domain opset to declare, 13 to 21. The graph is the same for all of them: every op it uses keeps
    /// the opset-13 meaning (with default attributes) up to 21. The IR version follows the opset (13 → 7, 15 → 8, ...).
    /// </summary>
    public int Opset { get; init; } = 13;

    /// <summary>
    /// Take image input as NCHW <c>[N, C, H, W]</c> (PyTorch's convention) instead of Keras's NHWC, which drops the
    /// leading Transpose. Only for models whose per-sample input is (H, W, C).
    /// </summary>
    public bool ChannelsFirstInput { get; init; }

    /// <summary>The symbolic name (ONNX <c>dim_param</c>) of the batch axis of the input and the output.</summary>
    public string BatchDimension { get; init; } = "N";

    /// <summary>
    /// The graph input's name; null takes Keras's: the InputLayer's name, else <c>&lt;first layer&gt;_input</c>
    /// (<c>conv2d_input</c> for the book model).
    /// </summary>
    public string? InputName { get; init; }
}
