using AugNet.Augmentation;
using AugNet.Augmentation.Kernels;

namespace AugNet.NN.Layers.Preprocessing;

/// <summary>
/// Keras 3's fill modes for <c>ops.image.affine_transform</c>. Keras (NumPy backend, <c>keras/src/backend/numpy/image.py</c>,
/// <c>map_coordinates</c>) pads the image with <c>np.pad</c> — 'reflect' → "symmetric", 'nearest' → "edge", 'wrap' →
/// "wrap", 'constant' → the fill value — far enough that every coordinate lies inside, then interpolates in the padded
/// array. So each mode is an infinite extension of the image that bilinear interpolation reads across the border:
/// <list type="bullet">
/// <item>reflect: dcba|abcd|dcba (half-sample symmetric, period 2N) — the same as SciPy's 'reflect';</item>
/// <item>nearest: aaaa|abcd|dddd — the same as SciPy's 'nearest';</item>
/// <item>wrap: abcd|abcd|abcd with period N — SciPy's 'grid-wrap', NOT SciPy's 'wrap' (period N−1) that
/// ImageDataGenerator uses;</item>
/// <item>constant: kkkk|abcd|kkkk with interpolation between the edge pixel and k across the border — SciPy's
/// 'grid-constant', NOT SciPy's 'constant' (k for any coordinate outside [0, N−1]) that ImageDataGenerator uses.</item>
/// </list>
/// </summary>
public enum KerasFill { Reflect, Wrap, Constant, Nearest }

/// <summary>
/// Keras's 8-number transform without the projective pair (c0, c1 = 0): output pixel (x = column, y = row) samples the
/// input at x' = A0·x + A1·y + A2, y' = B0·x + B1·y + B2. Keras builds these in float32; they are kept as float32.
/// </summary>
public readonly record struct KerasAffine(float A0, float A1, float A2, float B0, float B1, float B2)
{
    /// <summary>The identity transform.</summary>
    public static KerasAffine Identity => new(1, 0, 0, 0, 1, 0);

    /// <summary>
    /// SciPy's (row, col) pull matrix for the same mapping. Keras's NumPy backend forms the coordinates as
    /// row·b1 + col·b0 (+ channel·0) + b2 in float64 from the float32 entries (an einsum of int64 indices with the
    /// float32 matrix), which is <see cref="PullMatrix.SourceRow"/>'s order.
    /// </summary>
    public PullMatrix ToPullMatrix() => new(B1, B0, B2, A1, A0, A2);
}

/// <summary>
/// Applies one <see cref="KerasAffine"/> to one image with Keras 3's sampling (pure: no state, no randomness).
/// Bilinear with 'reflect' or 'nearest' — where Keras's conventions coincide with SciPy's — runs through the project's
/// SIMD warp kernel (<see cref="AffineWarpKernel"/>); 'wrap', 'constant' and nearest-neighbour interpolation run
/// through <see cref="Reference"/>, which implements Keras's padded-array semantics directly.
/// </summary>
internal static class KerasAffineSampler
{
    /// <summary>Whether <paramref name="fill"/>/<paramref name="order"/> go to the SIMD warp kernel.</summary>
    public static bool UsesWarpKernel(KerasFill fill, int order) => order == 1 && fill is KerasFill.Reflect or KerasFill.Nearest;

    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, in WarpLayout layout, in KerasAffine t,
        KerasFill fill, int order, float fillValue, SimdPath? path)
    {
        if (UsesWarpKernel(fill, order))
        {
            var mode = fill == KerasFill.Reflect ? FillMode.Reflect : FillMode.Nearest;
            AffineWarpKernel.Warp(source, destination, layout, t.ToPullMatrix(), mode, fillValue, 1, false, false, path, 1f);
        }
        else Reference(source, destination, layout, t, fill, order, fillValue);
    }

    /// <summary>
    /// Keras's sampling written out: coordinates in float64 as Keras forms them; order 1 reads the four neighbours of
    /// the infinite extension (<see cref="KerasFill"/>) with SciPy's weights; order 0 takes floor(c + 0.5) on each axis
    /// (SciPy's rounding for even orders), then the extension's sample there.
    /// </summary>
    public static void Reference(ReadOnlySpan<float> source, Span<float> destination, in WarpLayout layout, in KerasAffine t,
        KerasFill fill, int order, float fillValue)
    {
        var m = t.ToPullMatrix();
        int h = layout.Height, w = layout.Width, ch = layout.Channels;
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
            {
                double r = m.SourceRow(i, j), c = m.SourceCol(i, j);
                int outBase = i * layout.RowStride + j * layout.ColStride;
                if (order == 0)
                {
                    long ri = Index((long)Math.Floor(r + 0.5), h, fill), ci = Index((long)Math.Floor(c + 0.5), w, fill);
                    for (int k = 0; k < ch; k++)
                        destination[outBase + k * layout.ChannelStride] = ri < 0 || ci < 0
                            ? fillValue : source[(int)(ri * layout.RowStride + ci * layout.ColStride) + k * layout.ChannelStride];
                    continue;
                }
                double rf = Math.Floor(r), cf = Math.Floor(c);
                double fr = r - rf, fc = c - cf;
                long r0 = Index((long)rf, h, fill), r1 = Index((long)rf + 1, h, fill);
                long c0 = Index((long)cf, w, fill), c1 = Index((long)cf + 1, w, fill);
                for (int k = 0; k < ch; k++)
                {
                    int ko = k * layout.ChannelStride;
                    double v00 = Sample(source, layout, r0, c0, ko, fillValue), v01 = Sample(source, layout, r0, c1, ko, fillValue);
                    double v10 = Sample(source, layout, r1, c0, ko, fillValue), v11 = Sample(source, layout, r1, c1, ko, fillValue);
                    double top = (1 - fc) * v00 + fc * v01, bottom = (1 - fc) * v10 + fc * v11;
                    destination[outBase + ko] = (float)((1 - fr) * top + fr * bottom);
                }
            }
    }

    static double Sample(ReadOnlySpan<float> source, in WarpLayout layout, long r, long c, int ko, float fillValue) =>
        r < 0 || c < 0 ? fillValue : source[(int)(r * layout.RowStride + c * layout.ColStride) + ko];

    /// <summary>The image index an integer position of the extension reads, or −1 for the fill value ('constant').</summary>
    internal static long Index(long t, int n, KerasFill fill)
    {
        if ((ulong)t < (ulong)n) return t;
        switch (fill)
        {
            case KerasFill.Constant: return -1;
            case KerasFill.Nearest: return t < 0 ? 0 : n - 1;
            case KerasFill.Wrap: { long m = t % n; return m < 0 ? m + n : m; }
            default:
            {
                long p = 2L * n, m = t % p;
                if (m < 0) m += p;
                return m >= n ? p - 1 - m : m;
            }
        }
    }
}
