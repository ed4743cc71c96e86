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

    /// <summary>
    /// Pillow's nearest neighbour (ImagingScaleAffine): output column x reads source column floor(xo) with
    /// xo = box.X0 + a/2 + x·a accumulated by repeated addition, a = (box width)/width; rows likewise.
    /// </summary>
    static RasterImage Nearest(RasterImage image, int width, int height, ResizeBox b)
    {
        double a0 = (double)(b.X1 - b.X0) / width;
        double a4 = (double)(b.Y1 - b.Y0) / height;
        var xs = new int[width];
        var valid = new bool[width];
        double xo = b.X0 + a0 * 0.5;
        for (int x = 0; x < width; x++)
        {
            int xin = xo < 0.0 ? -1 : (int)xo;
            if (xin >= 0 && xin < image.Width) { xs[x] = xin; valid[x] = true; }
            xo += a0;
        }
        var ys = new int[height];
        double yo = b.Y0 + a4 * 0.5;
        for (int y = 0; y < height; y++)
        {
            ys[y] = yo < 0.0 ? -1 : (int)yo;
            yo += a4;
        }
        var output = RasterImage.Create(width, height, image.Mode);
        int c = image.Channels;
        Parallel.For(0, height, ParallelRows(height, width * c), y =>
        {
            int yi = ys[y];
            if (yi < 0 || yi >= image.Height) return;
            if (image.Mode == PixelMode.I)
            {
                ReadOnlySpan<int> src = image.IntRow(yi);
                Span<int> dst = output.IntRow(y);
                for (int x = 0; x < width; x++) if (valid[x]) dst[x] = src[xs[x]];
                return;
            }
            ReadOnlySpan<byte> s = image.Row(yi);
            Span<byte> d = output.Row(y);
            switch (c)
            {
                case 1:
                    for (int x = 0; x < width; x++) if (valid[x]) d[x] = s[xs[x]];
                    break;
                case 3:
                    for (int x = 0; x < width; x++)
                    {
                        if (!valid[x]) continue;
                        int si = xs[x] * 3, di = x * 3;
                        d[di] = s[si]; d[di + 1] = s[si + 1]; d[di + 2] = s[si + 2];
                    }
                    break;
                case 4:
                    {
                        var s32 = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(s);
                        var d32 = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(d);
                        for (int x = 0; x < width; x++) if (valid[x]) d32[x] = s32[xs[x]];
                        break;
                    }
                default:
                    for (int x = 0; x < width; x++) if (valid[x]) s.Slice(xs[x] * c, c).CopyTo(d.Slice(x * c, c));
                    break;
            }
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
