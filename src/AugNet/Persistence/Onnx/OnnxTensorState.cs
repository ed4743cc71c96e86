namespace AugNet.Persistence.Onnx;

/// <summary>
/// The tensor flowing between layers while a Sequential model is translated: its ONNX name, its Keras per-sample
/// shape (no batch axis; (H, W, C) for images, whatever the layout) and whether ONNX holds it channels-first.
/// The engine and Keras are NHWC, but ONNX's Conv, pooling and BatchNormalization work on NCHW; image tensors are
/// switched to NCHW only when such an op needs it and back to NHWC when a layer needs Keras's order (Flatten, Dense,
/// the graph output). One flag is enough because only 4-D tensors are ever held channels-first.
/// </summary>
internal sealed record OnnxTensorState(string Name, int[] Shape, bool ChannelsFirst)
{
    /// <summary>Rank with the batch axis, as ONNX sees it.</summary>
    public int Rank => Shape.Length + 1;
}
