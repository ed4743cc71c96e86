namespace AugNet.Augmentation.Kernels;

/// <summary>
/// The scalar reference of SciPy 1.10's <c>ndimage.affine_transform</c> for spline orders 0 and 1 (spec §4.2), pixel by
/// pixel, with every boundary rule. The fast <see cref="AffineWarpKernel"/> must give the same bits; it also calls
/// <see cref="SamplePixel"/> for border pixels. Orders 2–5 are not warped here but by <see cref="SplineWarp"/>
/// (prefiltered B-splines); <see cref="ImageTransforms"/> routes each order to its kernel.
/// </summary>
internal static class AffineWarpReference
{
    /// <summary>Warps <paramref name="src"/> into <paramref name="dst"/> (same layout), one pixel at a time.</summary>
    public static void Warp(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int order)
    {
        CheckArguments(src, dst, layout, order);
        for (int i = 0; i < layout.Height; i++)
            for (int j = 0; j < layout.Width; j++)
                SamplePixel(src, dst, i * layout.RowStride + j * layout.ColStride, layout,
                    m.SourceRow(i, j), m.SourceCol(i, j), mode, cval, order);
    }

    internal static void CheckArguments(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, int order)
    {
        if (order is < 0 or > 1)
            throw new NotSupportedException($"interpolation_order={order} is not supported by this kernel, which implements SciPy's spline orders 0 and 1; orders 2–5 are warped by SplineWarp (ImageTransforms chooses the kernel).");
        if (src.Length < layout.Length || dst.Length < layout.Length)
            throw new ArgumentException($"Buffers of {src.Length} and {dst.Length} floats are too small for a {layout.Height}×{layout.Width}×{layout.Channels} image.");
    }

    /// <summary>
    /// Samples every channel of one output pixel at input coordinates (<paramref name="row"/>, <paramref name="col"/>)
    /// and writes them at <paramref name="dstPixel"/> + channel·ChannelStride. Exactly SciPy: map the coordinates,
    /// 'constant' outside on either axis gives cval; order 0 takes floor(c + 0.5); order 1 uses w0 = 1 − f, w1 = 1 − w0,
    /// sums (v·wr)·wc over taps (0,0), (0,1), (1,0), (1,1) in double from 0.0, then rounds to float.
    /// </summary>
    public static void SamplePixel(ReadOnlySpan<float> src, Span<float> dst, int dstPixel, in WarpLayout layout,
        double row, double col, FillMode mode, float cval, int order)
    {
        double r = FillModeMapping.MapCoordinate(row, layout.Height, mode);
        double c = FillModeMapping.MapCoordinate(col, layout.Width, mode);
        bool inside = mode == FillMode.Nearest ? !double.IsNaN(r) && !double.IsNaN(c) : r > -1.0 && c > -1.0;
        int cs = layout.ChannelStride;
        if (!inside)
        {
            for (int ch = 0; ch < layout.Channels; ch++) dst[dstPixel + ch * cs] = cval;
            return;
        }
        if (order == 0)
        {
            long ri = FillModeMapping.MapTap((long)Math.Floor(r + 0.5), layout.Height, mode);
            long ci = FillModeMapping.MapTap((long)Math.Floor(c + 0.5), layout.Width, mode);
            int at = (int)(ri * layout.RowStride + ci * layout.ColStride);
            for (int ch = 0; ch < layout.Channels; ch++)
            {
                double t = 0.0;
                t += src[at + ch * cs];
                dst[dstPixel + ch * cs] = (float)t;
            }
            return;
        }
        double rf = Math.Floor(r), cf = Math.Floor(c);
        double wr0 = 1.0 - (r - rf), wc0 = 1.0 - (c - cf);
        double wr1 = 1.0 - wr0, wc1 = 1.0 - wc0;
        long r0 = FillModeMapping.MapTap((long)rf, layout.Height, mode), r1 = FillModeMapping.MapTap((long)rf + 1, layout.Height, mode);
        long c0 = FillModeMapping.MapTap((long)cf, layout.Width, mode), c1 = FillModeMapping.MapTap((long)cf + 1, layout.Width, mode);
        int a00 = (int)(r0 * layout.RowStride + c0 * layout.ColStride), a01 = (int)(r0 * layout.RowStride + c1 * layout.ColStride);
        int a10 = (int)(r1 * layout.RowStride + c0 * layout.ColStride), a11 = (int)(r1 * layout.RowStride + c1 * layout.ColStride);
        for (int ch = 0; ch < layout.Channels; ch++)
        {
            int o = ch * cs;
            double t = 0.0;
            t += (src[a00 + o] * wr0) * wc0;
            t += (src[a01 + o] * wr0) * wc1;
            t += (src[a10 + o] * wr1) * wc0;
            t += (src[a11 + o] * wr1) * wc1;
            dst[dstPixel + o] = (float)t;
        }
    }
}
