namespace AugNet.Augmentation.Kernels;

/// <summary>
/// Where the samples of one rank-3 image lie in its flat buffer: element (row, col, channel) is at
/// <c>row·RowStride + col·ColStride + channel·ChannelStride</c>. Covers channels_last (H, W, C) and channels_first
/// (C, H, W) alike, so the warp computes each pixel's coordinates once and applies them to every channel (SciPy runs
/// per channel with the same coordinates, so the result is the same).
/// </summary>
internal readonly record struct WarpLayout(int Height, int Width, int Channels, int RowStride, int ColStride, int ChannelStride)
{
    /// <summary>Number of floats the image occupies.</summary>
    public int Length => Height * Width * Channels;

    /// <summary>True when a pixel's channels are adjacent floats (channels_last).</summary>
    public bool Interleaved => ChannelStride == 1 && ColStride == Channels;

    /// <summary>The layout of one image of <paramref name="shape"/> (rank 3) in <paramref name="format"/>.</summary>
    public static WarpLayout Of(ReadOnlySpan<int> shape, DataFormat format)
    {
        if (shape.Length != 3)
            throw new ArgumentException($"An image must have rank 3 ((H, W, C) or (C, H, W)); got shape {Tensor.FormatShape(shape)}.", nameof(shape));
        return format == DataFormat.ChannelsLast
            ? new WarpLayout(shape[0], shape[1], shape[2], shape[1] * shape[2], shape[2], 1)
            : new WarpLayout(shape[1], shape[2], shape[0], shape[2], 1, shape[1] * shape[2]);
    }
}
