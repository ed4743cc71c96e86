using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugNet.Augmentation.Kernels;

/// <summary>Which instruction set the warp kernel uses; tests force each one to compare it with the reference.</summary>
internal enum WarpPath
{
    /// <summary>The widest the hardware accelerates.</summary>
    Auto,
    Vector512,
    Vector256,
    Scalar,
}

/// <summary>
/// The fast affine warp (SciPy 1.10 <c>affine_transform</c>, orders 0 and 1), bit-identical to
/// <see cref="AffineWarpReference"/>.
/// <para>Per output row it first computes, 8 (Vector512) or 4 (Vector256) pixels at a time, the pull coordinates
/// exactly as SciPy sums them ((a0·i + a1·j) + offset, in double), their floors, SciPy's weights (w0 = 1 − f,
/// w1 = 1 − w0), the four tap offsets, and what kind of pixel it is: "taps" (every tap is a plain sample: all taps
/// inside with no boundary mapping, or any pixel in 'nearest' mode, whose taps are simply clamped), "cval" ('constant'
/// outside on either axis) or "rule" (anything else: the reference's exact fill-mode rules).</para>
/// <para>It then samples the row: for interleaved images with 2–4 channels all channels of a tap are loaded at once and
/// weighted in a Vector256&lt;double&gt; with SciPy's tap order and a 0.0 start, which gives the same bits as the
/// scalar sum. Optional flips write pixels to mirrored positions (pure data movement, so exact too). No allocation
/// per pixel.</para>
/// </summary>
public static class AffineWarpKernel
{
    const int StackColumns = 192;
    const byte KindRule = 0, KindTaps = 1, KindCval = 2;

    /// <summary>
    /// Warps <paramref name="src"/> into <paramref name="dst"/> (same layout, no overlap), optionally mirroring the
    /// result left–right and/or top–bottom, using the widest SIMD available.
    /// </summary>
    public static void Warp(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int order, bool flipHorizontal = false, bool flipVertical = false)
        => Warp(src, dst, layout, m, mode, cval, order, flipHorizontal, flipVertical, WarpPath.Auto);

    internal static void Warp(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int order, WarpPath path)
        => Warp(src, dst, layout, m, mode, cval, order, false, false, path);

    internal static void Warp(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int order, bool flipHorizontal, bool flipVertical, WarpPath path)
    {
        AffineWarpReference.CheckArguments(src, dst, layout, order);
        if (layout.Length == 0) return;
        src = src[..layout.Length];
        dst = dst[..layout.Length];
        path = Resolve(path);

        int w = layout.Width;
        double[]? rentedD = null;
        int[]? rentedI = null;
        byte[]? rentedB = null;
        Span<double> d = w <= StackColumns ? stackalloc double[4 * StackColumns] : (rentedD = ArrayPool<double>.Shared.Rent(4 * w));
        Span<int> o = w <= StackColumns ? stackalloc int[4 * StackColumns] : (rentedI = ArrayPool<int>.Shared.Rent(4 * w));
        Span<byte> kind = w <= StackColumns ? stackalloc byte[StackColumns] : (rentedB = ArrayPool<byte>.Shared.Rent(w));
        var s = new RowScratch(o[..w], o.Slice(w, w), o.Slice(2 * w, w), o.Slice(3 * w, w),
            d[..w], d.Slice(w, w), d.Slice(2 * w, w), d.Slice(3 * w, w), kind[..w]);
        try
        {
            bool channelVectors = path != WarpPath.Scalar && layout.Interleaved && layout.Channels is >= 2 and <= 4;
            var geometry = new RowGeometry(layout, m, mode, order);
            // Rows go in increasing output-memory order (reversed when flipping vertically), so that a 4-float store
            // spilling into the next pixel is always overwritten later by that pixel's own store.
            for (int step = 0; step < layout.Height; step++)
            {
                int i = flipVertical ? layout.Height - 1 - step : step;
                if (path == WarpPath.Vector512) RowCoordinates512(geometry, i, s);
                else if (path == WarpPath.Vector256) RowCoordinates256(geometry, i, s);
                else for (int j = 0; j < w; j++) CoordinatesScalar(geometry, i, j, s);
                int outRow = flipVertical ? layout.Height - 1 - i : i;
                if (order == 0) SampleRowNearest(src, dst, layout, m, mode, cval, i, outRow, flipHorizontal, s, channelVectors);
                else SampleRowLinear(src, dst, layout, m, mode, cval, i, outRow, flipHorizontal, s, channelVectors);
            }
        }
        finally
        {
            if (rentedD != null) ArrayPool<double>.Shared.Return(rentedD);
            if (rentedI != null) ArrayPool<int>.Shared.Return(rentedI);
            if (rentedB != null) ArrayPool<byte>.Shared.Return(rentedB);
        }
    }

    static WarpPath Resolve(WarpPath path)
    {
        bool v512 = Vector512.IsHardwareAccelerated && Avx512F.IsSupported;
        bool v256 = Vector256.IsHardwareAccelerated && Avx.IsSupported;
        return path switch
        {
            WarpPath.Auto => v512 ? WarpPath.Vector512 : v256 ? WarpPath.Vector256 : WarpPath.Scalar,
            WarpPath.Vector512 when !v512 => throw new PlatformNotSupportedException("AVX-512 is not available here."),
            WarpPath.Vector256 when !v256 => throw new PlatformNotSupportedException("AVX is not available here."),
            _ => path,
        };
    }

    /// <summary>Per-column data of one output row: the four tap offsets, the weights, and the pixel's kind.</summary>
    readonly ref struct RowScratch(Span<int> o00, Span<int> o01, Span<int> o10, Span<int> o11,
        Span<double> wr0, Span<double> wr1, Span<double> wc0, Span<double> wc1, Span<byte> kind)
    {
        public readonly Span<int> O00 = o00, O01 = o01, O10 = o10, O11 = o11;
        public readonly Span<double> Wr0 = wr0, Wr1 = wr1, Wc0 = wc0, Wc1 = wc1;
        public readonly Span<byte> Kind = kind;
    }

    /// <summary>What the coordinate stage needs, hoisted out of the row loop.</summary>
    readonly struct RowGeometry(in WarpLayout layout, in PullMatrix m, FillMode mode, int order)
    {
        public readonly PullMatrix M = m;
        public readonly int Width = layout.Width, Order = order;
        public readonly double RowMax = layout.Height - 1, ColMax = layout.Width - 1;
        public readonly double RowStride = layout.RowStride, ColStride = layout.ColStride;
        public readonly bool Nearest = mode == FillMode.Nearest, Constant = mode == FillMode.Constant;
    }

    static void CoordinatesScalar(in RowGeometry g, int i, int j, in RowScratch s)
    {
        double r = g.M.SourceRow(i, j), c = g.M.SourceCol(i, j);
        double rf, cf;
        bool inside;
        if (g.Order == 0)
        {
            rf = Math.Floor(r + 0.5); cf = Math.Floor(c + 0.5);
            inside = r >= 0 && r <= g.RowMax && c >= 0 && c <= g.ColMax;
        }
        else
        {
            rf = Math.Floor(r); cf = Math.Floor(c);
            double wr0 = 1.0 - (r - rf), wc0 = 1.0 - (c - cf);
            s.Wr0[j] = wr0; s.Wr1[j] = 1.0 - wr0; s.Wc0[j] = wc0; s.Wc1[j] = 1.0 - wc0;
            inside = r >= 0 && r < g.RowMax && c >= 0 && c < g.ColMax;
        }
        bool taps = g.Nearest ? !double.IsNaN(r) && !double.IsNaN(c) : inside;
        bool outside = g.Constant && (r < 0 || r > g.RowMax || c < 0 || c > g.ColMax);
        s.Kind[j] = taps ? KindTaps : outside ? KindCval : KindRule;
        if (!taps) return;
        double r0 = Math.Max(Math.Min(rf, g.RowMax), 0), r1 = Math.Max(Math.Min(rf + 1, g.RowMax), 0);
        double c0 = Math.Max(Math.Min(cf, g.ColMax), 0), c1 = Math.Max(Math.Min(cf + 1, g.ColMax), 0);
        s.O00[j] = (int)(r0 * g.RowStride + c0 * g.ColStride);
        s.O01[j] = (int)(r0 * g.RowStride + c1 * g.ColStride);
        s.O10[j] = (int)(r1 * g.RowStride + c0 * g.ColStride);
        s.O11[j] = (int)(r1 * g.RowStride + c1 * g.ColStride);
    }

    static void RowCoordinates512(in RowGeometry g, int i, in RowScratch s)
    {
        const int n = 8;
        if (g.Width < n) { RowCoordinates256(g, i, s); return; }
        int j = 0;
        for (; j + n <= g.Width; j += n) Coordinates512(g, i, j, s);
        if (j < g.Width) Coordinates512(g, i, g.Width - n, s); // overlapping last block: same values recomputed
    }

    static void RowCoordinates256(in RowGeometry g, int i, in RowScratch s)
    {
        const int n = 4;
        if (g.Width < n) { for (int k = 0; k < g.Width; k++) CoordinatesScalar(g, i, k, s); return; }
        int j = 0;
        for (; j + n <= g.Width; j += n) Coordinates256(g, i, j, s);
        if (j < g.Width) Coordinates256(g, i, g.Width - n, s);
    }

    static void Coordinates512(in RowGeometry g, int i, int j0, in RowScratch s)
    {
        var jv = Vector512.Create((double)j0) + Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);
        var r = (Vector512.Create(g.M.RowFromRow * i) + Vector512.Create(g.M.RowFromCol) * jv) + Vector512.Create(g.M.RowOffset);
        var c = (Vector512.Create(g.M.ColFromRow * i) + Vector512.Create(g.M.ColFromCol) * jv) + Vector512.Create(g.M.ColOffset);
        var zero = Vector512<double>.Zero;
        var one = Vector512<double>.One;
        var rowMax = Vector512.Create(g.RowMax);
        var colMax = Vector512.Create(g.ColMax);
        Vector512<double> inside, rf, cf;
        if (g.Order == 0)
        {
            var half = Vector512.Create(0.5);
            rf = Vector512.Floor(r + half);
            cf = Vector512.Floor(c + half);
            inside = Vector512.GreaterThanOrEqual(r, zero) & Vector512.LessThanOrEqual(r, rowMax)
                   & Vector512.GreaterThanOrEqual(c, zero) & Vector512.LessThanOrEqual(c, colMax);
        }
        else
        {
            rf = Vector512.Floor(r);
            cf = Vector512.Floor(c);
            var wr0 = one - (r - rf);
            var wc0 = one - (c - cf);
            wr0.StoreUnsafe(ref MemoryMarshal.GetReference(s.Wr0), (nuint)j0);
            (one - wr0).StoreUnsafe(ref MemoryMarshal.GetReference(s.Wr1), (nuint)j0);
            wc0.StoreUnsafe(ref MemoryMarshal.GetReference(s.Wc0), (nuint)j0);
            (one - wc0).StoreUnsafe(ref MemoryMarshal.GetReference(s.Wc1), (nuint)j0);
            inside = Vector512.GreaterThanOrEqual(r, zero) & Vector512.LessThan(r, rowMax)
                   & Vector512.GreaterThanOrEqual(c, zero) & Vector512.LessThan(c, colMax);
        }
        var taps = g.Nearest ? Vector512.Equals(r, r) & Vector512.Equals(c, c) : inside;
        var outside = g.Constant
            ? Vector512.LessThan(r, zero) | Vector512.GreaterThan(r, rowMax) | Vector512.LessThan(c, zero) | Vector512.GreaterThan(c, colMax)
            : zero;
        var rs = Vector512.Create(g.RowStride);
        var cs = Vector512.Create(g.ColStride);
        var r0 = Vector512.Max(Vector512.Min(rf, rowMax), zero) * rs;
        var r1 = Vector512.Max(Vector512.Min(rf + one, rowMax), zero) * rs;
        var c0 = Vector512.Max(Vector512.Min(cf, colMax), zero) * cs;
        var c1 = Vector512.Max(Vector512.Min(cf + one, colMax), zero) * cs;
        Avx512F.ConvertToVector256Int32WithTruncation(r0 + c0).StoreUnsafe(ref MemoryMarshal.GetReference(s.O00), (nuint)j0);
        Avx512F.ConvertToVector256Int32WithTruncation(r0 + c1).StoreUnsafe(ref MemoryMarshal.GetReference(s.O01), (nuint)j0);
        Avx512F.ConvertToVector256Int32WithTruncation(r1 + c0).StoreUnsafe(ref MemoryMarshal.GetReference(s.O10), (nuint)j0);
        Avx512F.ConvertToVector256Int32WithTruncation(r1 + c1).StoreUnsafe(ref MemoryMarshal.GetReference(s.O11), (nuint)j0);
        StoreKinds(taps.ExtractMostSignificantBits(), outside.ExtractMostSignificantBits(), n: 8, s.Kind.Slice(j0, 8));
    }

    static void Coordinates256(in RowGeometry g, int i, int j0, in RowScratch s)
    {
        var jv = Vector256.Create((double)j0) + Vector256.Create(0.0, 1, 2, 3);
        var r = (Vector256.Create(g.M.RowFromRow * i) + Vector256.Create(g.M.RowFromCol) * jv) + Vector256.Create(g.M.RowOffset);
        var c = (Vector256.Create(g.M.ColFromRow * i) + Vector256.Create(g.M.ColFromCol) * jv) + Vector256.Create(g.M.ColOffset);
        var zero = Vector256<double>.Zero;
        var one = Vector256<double>.One;
        var rowMax = Vector256.Create(g.RowMax);
        var colMax = Vector256.Create(g.ColMax);
        Vector256<double> inside, rf, cf;
        if (g.Order == 0)
        {
            var half = Vector256.Create(0.5);
            rf = Vector256.Floor(r + half);
            cf = Vector256.Floor(c + half);
            inside = Vector256.GreaterThanOrEqual(r, zero) & Vector256.LessThanOrEqual(r, rowMax)
                   & Vector256.GreaterThanOrEqual(c, zero) & Vector256.LessThanOrEqual(c, colMax);
        }
        else
        {
            rf = Vector256.Floor(r);
            cf = Vector256.Floor(c);
            var wr0 = one - (r - rf);
            var wc0 = one - (c - cf);
            wr0.StoreUnsafe(ref MemoryMarshal.GetReference(s.Wr0), (nuint)j0);
            (one - wr0).StoreUnsafe(ref MemoryMarshal.GetReference(s.Wr1), (nuint)j0);
            wc0.StoreUnsafe(ref MemoryMarshal.GetReference(s.Wc0), (nuint)j0);
            (one - wc0).StoreUnsafe(ref MemoryMarshal.GetReference(s.Wc1), (nuint)j0);
            inside = Vector256.GreaterThanOrEqual(r, zero) & Vector256.LessThan(r, rowMax)
                   & Vector256.GreaterThanOrEqual(c, zero) & Vector256.LessThan(c, colMax);
        }
        var taps = g.Nearest ? Vector256.Equals(r, r) & Vector256.Equals(c, c) : inside;
        var outside = g.Constant
            ? Vector256.LessThan(r, zero) | Vector256.GreaterThan(r, rowMax) | Vector256.LessThan(c, zero) | Vector256.GreaterThan(c, colMax)
            : zero;
        var rs = Vector256.Create(g.RowStride);
        var cs = Vector256.Create(g.ColStride);
        var r0 = Vector256.Max(Vector256.Min(rf, rowMax), zero) * rs;
        var r1 = Vector256.Max(Vector256.Min(rf + one, rowMax), zero) * rs;
        var c0 = Vector256.Max(Vector256.Min(cf, colMax), zero) * cs;
        var c1 = Vector256.Max(Vector256.Min(cf + one, colMax), zero) * cs;
        Avx.ConvertToVector128Int32WithTruncation(r0 + c0).StoreUnsafe(ref MemoryMarshal.GetReference(s.O00), (nuint)j0);
        Avx.ConvertToVector128Int32WithTruncation(r0 + c1).StoreUnsafe(ref MemoryMarshal.GetReference(s.O01), (nuint)j0);
        Avx.ConvertToVector128Int32WithTruncation(r1 + c0).StoreUnsafe(ref MemoryMarshal.GetReference(s.O10), (nuint)j0);
        Avx.ConvertToVector128Int32WithTruncation(r1 + c1).StoreUnsafe(ref MemoryMarshal.GetReference(s.O11), (nuint)j0);
        StoreKinds(taps.ExtractMostSignificantBits(), outside.ExtractMostSignificantBits(), n: 4, s.Kind.Slice(j0, 4));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void StoreKinds(ulong taps, ulong outside, int n, Span<byte> kind)
    {
        if (n == 8 && taps == 0xFF)
        {
            MemoryMarshal.Write(kind, 0x0101010101010101UL); // all eight are "taps" (every pixel in 'nearest' mode)
            return;
        }
        for (int k = 0; k < n; k++)
            kind[k] = ((taps >> k) & 1) != 0 ? KindTaps : ((outside >> k) & 1) != 0 ? KindCval : KindRule;
    }

    static void SampleRowLinear(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int i, int outRow, bool flipColumns, in RowScratch s, bool channelVectors)
    {
        int w = layout.Width, channels = layout.Channels, cs = layout.ChannelStride, colStride = layout.ColStride;
        ref float srcRef = ref MemoryMarshal.GetReference(src);
        ref float dstRef = ref MemoryMarshal.GetReference(dst);
        ref int o00 = ref MemoryMarshal.GetReference(s.O00), o01 = ref MemoryMarshal.GetReference(s.O01);
        ref int o10 = ref MemoryMarshal.GetReference(s.O10), o11 = ref MemoryMarshal.GetReference(s.O11);
        ref double pr0 = ref MemoryMarshal.GetReference(s.Wr0), pr1 = ref MemoryMarshal.GetReference(s.Wr1);
        ref double pc0 = ref MemoryMarshal.GetReference(s.Wc0), pc1 = ref MemoryMarshal.GetReference(s.Wc1);
        ref byte kinds = ref MemoryMarshal.GetReference(s.Kind);
        // The highest offset whose 4-float load stays inside src, and the highest whose 4-float store stays inside dst.
        int lastLoad = src.Length - 4, lastStore = dst.Length - 4;
        int rowStart = outRow * layout.RowStride;
        // Output positions are visited in increasing memory order, so a 4-float store that spills into the next pixel
        // is overwritten by that pixel's own store.
        for (int q = 0; q < w; q++)
        {
            int j = flipColumns ? w - 1 - q : q;
            int outAt = rowStart + q * colStride;
            byte kind = Unsafe.Add(ref kinds, j);
            if (kind != KindTaps)
            {
                if (kind == KindCval) for (int ch = 0; ch < channels; ch++) dst[outAt + ch * cs] = cval;
                else AffineWarpReference.SamplePixel(src, dst, outAt, layout, m.SourceRow(i, j), m.SourceCol(i, j), mode, cval, 1);
                continue;
            }
            int a00 = Unsafe.Add(ref o00, j), a01 = Unsafe.Add(ref o01, j), a10 = Unsafe.Add(ref o10, j), a11 = Unsafe.Add(ref o11, j);
            if (channelVectors && a11 <= lastLoad)
            {
                var v00 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref srcRef, (nuint)a00));
                var v01 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref srcRef, (nuint)a01));
                var v10 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref srcRef, (nuint)a10));
                var v11 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref srcRef, (nuint)a11));
                var r0 = Vector256.Create(Unsafe.Add(ref pr0, j));
                var r1 = Vector256.Create(Unsafe.Add(ref pr1, j));
                var c0 = Vector256.Create(Unsafe.Add(ref pc0, j));
                var c1 = Vector256.Create(Unsafe.Add(ref pc1, j));
                var t = Vector256<double>.Zero;
                t += (v00 * r0) * c0;
                t += (v01 * r0) * c1;
                t += (v10 * r1) * c0;
                t += (v11 * r1) * c1;
                var f = Avx.ConvertToVector128Single(t);
                if (outAt <= lastStore) f.StoreUnsafe(ref dstRef, (nuint)outAt);
                else for (int ch = 0; ch < channels; ch++) dst[outAt + ch] = f.GetElement(ch);
                continue;
            }
            double wr0 = Unsafe.Add(ref pr0, j), wr1 = Unsafe.Add(ref pr1, j), wc0 = Unsafe.Add(ref pc0, j), wc1 = Unsafe.Add(ref pc1, j);
            for (int ch = 0; ch < channels; ch++)
            {
                int o = ch * cs;
                double t = 0.0;
                t += (src[a00 + o] * wr0) * wc0;
                t += (src[a01 + o] * wr0) * wc1;
                t += (src[a10 + o] * wr1) * wc0;
                t += (src[a11 + o] * wr1) * wc1;
                dst[outAt + o] = (float)t;
            }
        }
    }

    static void SampleRowNearest(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int i, int outRow, bool flipColumns, in RowScratch s, bool channelVectors)
    {
        int w = layout.Width, channels = layout.Channels, cs = layout.ChannelStride, colStride = layout.ColStride;
        ref float srcRef = ref MemoryMarshal.GetReference(src);
        ref float dstRef = ref MemoryMarshal.GetReference(dst);
        ref int o00 = ref MemoryMarshal.GetReference(s.O00);
        ref byte kinds = ref MemoryMarshal.GetReference(s.Kind);
        int lastLoad = src.Length - 4, lastStore = dst.Length - 4;
        int rowStart = outRow * layout.RowStride;
        for (int q = 0; q < w; q++)
        {
            int j = flipColumns ? w - 1 - q : q;
            int outAt = rowStart + q * colStride;
            byte kind = Unsafe.Add(ref kinds, j);
            if (kind != KindTaps)
            {
                if (kind == KindCval) for (int ch = 0; ch < channels; ch++) dst[outAt + ch * cs] = cval;
                else AffineWarpReference.SamplePixel(src, dst, outAt, layout, m.SourceRow(i, j), m.SourceCol(i, j), mode, cval, 0);
                continue;
            }
            int a = Unsafe.Add(ref o00, j);
            // SciPy sums 0.0 + v in double; adding +0 in float gives the same bits (−0 becomes +0).
            if (channelVectors && a <= lastLoad && outAt <= lastStore)
            {
                (Vector128.LoadUnsafe(ref srcRef, (nuint)a) + Vector128<float>.Zero).StoreUnsafe(ref dstRef, (nuint)outAt);
                continue;
            }
            for (int ch = 0; ch < channels; ch++) dst[outAt + ch * cs] = src[a + ch * cs] + 0f;
        }
    }
}
