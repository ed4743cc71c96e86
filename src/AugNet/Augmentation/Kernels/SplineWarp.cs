using System.Buffers;

namespace AugNet.Augmentation.Kernels;

/// <summary>
/// SciPy 1.10's <c>ndimage.affine_transform(..., order=k, mode, cval, prefilter=True)</c> for spline orders k = 2–5
/// (Keras's <c>interpolation_order</c> 2–5; spec §4.2, "Order 2–5" and the boundary-mode table), per channel.
/// <para>Each channel is first turned into float64 B-spline coefficients by <see cref="SplinePrefilter"/> (once per
/// channel per image, into one pooled buffer). Each output pixel then takes SciPy's pull coordinates (summed as for
/// orders 0/1, plus the 12-sample padding offset in 'nearest' mode), maps them with
/// <see cref="FillModeMapping.MapCoordinate"/> ('constant' outside [0, N−1] on either axis gives exactly cval), and
/// sums coefficient·wr·wc over the (k+1)² taps, row tap outer, in double from 0.0. Taps outside the grid are mapped
/// with <see cref="FillModeMapping.MapTap"/> (clamp for 'nearest', half-sample reflection for 'reflect', whole-sample
/// mirror for 'constant' and 'wrap'), weights come from <see cref="SplineWeights"/>. The sum is rounded to float32 and
/// not clipped (splines ring past the input's range).</para>
/// <para>Like <see cref="AffineWarpKernel"/>, optional flips write each pixel to its mirrored position and an optional
/// scale multiplies the float32 results (Keras's <c>rescale</c>, the same bits as a separate pass). Nothing is
/// allocated per pixel.</para>
/// </summary>
internal static class SplineWarp
{
    /// <summary>
    /// Warps <paramref name="src"/> into <paramref name="dst"/> (same layout, no overlap) with spline order
    /// <paramref name="order"/> (2–5), optionally mirroring the result and multiplying it by <paramref name="scale"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is not 2–5 or <paramref name="mode"/> is unknown.</exception>
    /// <exception cref="ArgumentException">A buffer is smaller than the layout.</exception>
    public static void Warp(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int order, bool flipHorizontal = false, bool flipVertical = false, float scale = 1f)
    {
        if (order is < 2 or > 5)
            throw new ArgumentOutOfRangeException(nameof(order), order, "The spline warp handles interpolation orders 2–5 (0 and 1 go through AffineWarpKernel).");
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown fill mode.");
        if (src.Length < layout.Length || dst.Length < layout.Length)
            throw new ArgumentException($"Buffers of {src.Length} and {dst.Length} floats are too small for a {layout.Height}×{layout.Width}×{layout.Channels} image.");
        if (layout.Length == 0) return;

        int pad = SplinePrefilter.Padding(mode);
        int hp = layout.Height + 2 * pad, wp = layout.Width + 2 * pad;
        int plane = hp * wp;
        double[] rented = ArrayPool<double>.Shared.Rent(plane * layout.Channels);
        try
        {
            var coefficients = rented.AsSpan(0, plane * layout.Channels);
            for (int ch = 0; ch < layout.Channels; ch++)
                SplinePrefilter.FilterChannel(src, layout, ch, order, mode, coefficients.Slice(ch * plane, plane));
            Sample(coefficients, dst, layout, m, mode, cval, order, pad, flipHorizontal, flipVertical, scale);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    static void Sample(ReadOnlySpan<double> coefficients, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int order, int pad, bool flipHorizontal, bool flipVertical, float scale)
    {
        int hp = layout.Height + 2 * pad, wp = layout.Width + 2 * pad, plane = hp * wp;
        int taps = order + 1;
        Span<double> wr = stackalloc double[6], wc = stackalloc double[6];
        Span<int> rowAt = stackalloc int[6], colAt = stackalloc int[6];
        float fill = cval * scale;
        for (int i = 0; i < layout.Height; i++)
        {
            int outRow = flipVertical ? layout.Height - 1 - i : i;
            for (int j = 0; j < layout.Width; j++)
            {
                int outCol = flipHorizontal ? layout.Width - 1 - j : j;
                int at = outRow * layout.RowStride + outCol * layout.ColStride;
                double r = FillModeMapping.MapCoordinate(m.SourceRow(i, j) + pad, hp, mode);
                double c = FillModeMapping.MapCoordinate(m.SourceCol(i, j) + pad, wp, mode);
                bool inside = mode == FillMode.Nearest ? !double.IsNaN(r) && !double.IsNaN(c) : r > -1.0 && c > -1.0;
                if (!inside)
                {
                    for (int ch = 0; ch < layout.Channels; ch++) dst[at + ch * layout.ChannelStride] = fill;
                    continue;
                }
                SplineWeights.Compute(r, order, wr);
                SplineWeights.Compute(c, order, wc);
                long r0 = SplineWeights.FirstTap(r, order), c0 = SplineWeights.FirstTap(c, order);
                for (int k = 0; k < taps; k++)
                {
                    rowAt[k] = (int)FillModeMapping.MapTap(r0 + k, hp, mode) * wp;
                    colAt[k] = (int)FillModeMapping.MapTap(c0 + k, wp, mode);
                }
                for (int ch = 0; ch < layout.Channels; ch++)
                {
                    var grid = coefficients.Slice(ch * plane, plane);
                    double t = 0.0;
                    for (int a = 0; a < taps; a++)
                    {
                        var line = grid.Slice(rowAt[a], wp);
                        double w = wr[a];
                        for (int b = 0; b < taps; b++) t += line[colAt[b]] * w * wc[b];
                    }
                    dst[at + ch * layout.ChannelStride] = (float)t * scale;
                }
            }
        }
    }
}
