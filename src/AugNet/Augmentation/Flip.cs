namespace AugNet.Augmentation;

/// <summary>Keras's <c>flip_axis</c> (spec §4.4) on one rank-3 image: reverses the column or the row axis, in place.</summary>
public static class Flip
{
    /// <summary>Reverses the column axis (a mirror left–right).</summary>
    public static void Horizontal(Span<float> image, ReadOnlySpan<int> shape, DataFormat format)
    {
        var (planes, h, w, c) = Dims(image, shape, format);
        int planeSize = h * w * c;
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < h; i++)
            {
                var row = image.Slice(p * planeSize + i * w * c, w * c);
                if (c == 1) { row.Reverse(); continue; }
                for (int lo = 0, hi = w - 1; lo < hi; lo++, hi--)
                {
                    var a = row.Slice(lo * c, c);
                    var b = row.Slice(hi * c, c);
                    for (int k = 0; k < c; k++) (a[k], b[k]) = (b[k], a[k]);
                }
            }
    }

    /// <summary>Reverses the row axis (a mirror top–bottom).</summary>
    public static void Vertical(Span<float> image, ReadOnlySpan<int> shape, DataFormat format)
    {
        var (planes, h, w, c) = Dims(image, shape, format);
        int rowSize = w * c, planeSize = h * rowSize;
        for (int p = 0; p < planes; p++)
            for (int lo = 0, hi = h - 1; lo < hi; lo++, hi--)
            {
                var a = image.Slice(p * planeSize + lo * rowSize, rowSize);
                var b = image.Slice(p * planeSize + hi * rowSize, rowSize);
                for (int k = 0; k < rowSize; k++) (a[k], b[k]) = (b[k], a[k]);
            }
    }

    /// <summary>The image as <c>planes</c> blocks of (h, w, c): one interleaved block, or C single-channel planes.</summary>
    static (int Planes, int H, int W, int C) Dims(Span<float> image, ReadOnlySpan<int> shape, DataFormat format)
    {
        if (shape.Length != 3)
            throw new ArgumentException($"An image must have rank 3; got shape {Tensor.FormatShape(shape)}.", nameof(shape));
        var d = format == DataFormat.ChannelsLast ? (1, shape[0], shape[1], shape[2]) : (shape[0], shape[1], shape[2], 1);
        if (image.Length != shape[0] * shape[1] * shape[2])
            throw new ArgumentException($"{image.Length} floats do not match shape {Tensor.FormatShape(shape)}.", nameof(image));
        return d;
    }
}
