namespace AugNet.NN.Layers;

/// <summary>
/// What Keras's global 2-D poolings share: (N, H, W, C) → (N, C) over each channel's H×W values, no weights, and the
/// output and input-gradient buffers. The subclasses are the reduction (mean, max) and its gradient.
/// </summary>
public abstract class GlobalPooling2D : Layer
{
    private protected readonly BufferSlot _out = new(), _dx = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out, _dx);
    /// <summary>The batch size of the last forward, for the backward's buffer.</summary>
    private protected int _batch;

    private protected GlobalPooling2D(int[]? inputShape, string? name) : base(inputShape, name) { }

    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random)
    {
        RequireRank(inputShape, 3, "(batch, height, width, channels)");
        return [inputShape[2]];
    }
}
