namespace AugNet.Imaging;

/// <summary>
/// Pillow 9.4's <c>Image.resize(size, resample, box)</c>, bit for bit, for modes L, LA, RGB, RGBA and I:
/// <list type="bullet">
/// <item>same size and whole-image box: a copy;</item>
/// <item>LA/RGBA with any filter but nearest: premultiply (Pillow's RGBa), resize, unpremultiply;</item>
/// <item>an integer box of exactly the requested size: a plain crop;</item>
/// <item>nearest: centre-aligned floor sampling, the source coordinate accumulated incrementally in double;</item>
/// <item>other filters: two separable passes (horizontal first into an 8-bit intermediate covering only the rows the
/// vertical pass needs), 22-bit fixed-point weights, accumulator starting at 2²¹, result clipped to 0–255.</item>
/// </list>
/// </summary>
public static class PillowResize
{
    /// <summary>
    /// Resizes <paramref name="image"/> to <paramref name="width"/>×<paramref name="height"/> reading the source
    /// region <paramref name="box"/> (the whole image when null).
    /// </summary>
    public static RasterImage Resize(RasterImage image, int width, int height, Interpolation filter, ResizeBox? box = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var b = box ?? ResizeBox.Full(image.Width, image.Height);
        if (width == image.Width && height == image.Height && b == ResizeBox.Full(image.Width, image.Height))
            return image.Clone();
        if (width < 1 || height < 1) throw new ArgumentException($"height and width must be > 0 (asked for {width}x{height}).");
        if (b.X0 < 0 || b.Y0 < 0) throw new ArgumentException($"box offset can't be negative: {b}.");
        if (b.X1 > image.Width || b.Y1 > image.Height) throw new ArgumentException($"box can't exceed original image size {image.Width}x{image.Height}: {b}.");
        if (b.X1 - b.X0 < 0 || b.Y1 - b.Y0 < 0) throw new ArgumentException($"box can't be empty: {b}.");

        if (image.Mode is PixelMode.LA or PixelMode.RGBA && filter != Interpolation.Nearest)
        {
            var pre = image.Clone();
            ColorConversion.Premultiply(pre.Bytes, pre.Channels);
            var resized = ResizeCore(pre, width, height, filter, b);
            ColorConversion.Unpremultiply(resized.Bytes, resized.Channels);
            return resized;
        }
        return ResizeCore(image, width, height, filter, b);
    }

    /// <summary>Pillow's C-level <c>_resize</c>: crop short-cut, nearest affine scaling, or convolution.</summary>
    static RasterImage ResizeCore(RasterImage image, int width, int height, Interpolation filter, ResizeBox b)
    {
        if (b.IsInteger && b.X1 - b.X0 == width && b.Y1 - b.Y0 == height)
            return Crop(image, (int)b.X0, (int)b.Y0, width, height);
        if (filter == Interpolation.Nearest)
            return Nearest(image, width, height, b);
        return Convolve(image, width, height, filter, b);
    }

    /// <summary>A plain copy of the rectangle at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public static RasterImage Crop(RasterImage image, int left, int top, int width, int height)
    {
        var output = RasterImage.Create(width, height, image.Mode);
        int c = image.Channels;
        for (int y = 0; y < height; y++)
        {
            if (image.Mode == PixelMode.I) image.IntRow(top + y).Slice(left, width).CopyTo(output.IntRow(y));
            else image.Row(top + y).Slice(left * c, width * c).CopyTo(output.Row(y));
        }
        return output;
    }

    /// <summary>Pillow's nearest neighbour (ImagingScaleAffine) over the grid of <see cref="NearestMap"/>.</summary>
    static RasterImage Nearest(RasterImage image, int width, int height, ResizeBox b)
    {
        var map = NearestMap.Create(image.Width, width, height, b);
        var output = RasterImage.Create(width, height, image.Mode);
        int c = image.Channels;
        Parallel.For(0, height, ParallelRows(height, width * c), y =>
        {
            int yi = map.Ys[y];
            if (yi < 0 || yi >= image.Height) return;
            if (image.Mode == PixelMode.I) map.GatherRow(image.IntRow(yi), output.IntRow(y));
            else map.GatherRow(image.Row(yi), c, output.Row(y), c);
        });
        return output;
    }

    /// <summary>Pillow's ImagingResampleInner: horizontal pass (only over the rows needed), then vertical pass.</summary>
    static RasterImage Convolve(RasterImage image, int width, int height, Interpolation filter, ResizeBox b)
    {
        bool needH = width != image.Width || b.X0 != 0 || b.X1 != width;
        bool needV = height != image.Height || b.Y0 != 0 || b.Y1 != height;
        var mapH = ResizeKernelMap.Create(image.Width, b.X0, b.X1, width, filter);
        var mapV = ResizeKernelMap.Create(image.Height, b.Y0, b.Y1, height, filter);
        int yFirst = mapV.Start[0];
        int yLast = mapV.Start[height - 1] + mapV.Count[height - 1];
        int vOffset = 0;
        RasterImage current = image;
        var path = SimdPaths.Current; // here, not in the row workers: a thread's forced path must reach them
        if (needH)
        {
            current = RasterImage.Create(width, yLast - yFirst, image.Mode);
            ResampleKernels.Horizontal(image, current, yFirst, mapH, path);
            vOffset = yFirst;
        }
        if (needV)
        {
            var output = RasterImage.Create(current.Width, height, image.Mode);
            ResampleKernels.Vertical(current, output, mapV, vOffset, path);
            return output;
        }
        return ReferenceEquals(current, image) ? image.Clone() : current;
    }

    internal static ParallelOptions ParallelRows(int rows, int rowLength) => new()
    {
        MaxDegreeOfParallelism = (long)rows * rowLength < 1 << 16 ? 1 : Environment.ProcessorCount,
    };
}
