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
/// <see cref="AffineWarpReference"/>. Per output row it computes, 8 (Vector512) or 4 (Vector256) pixels at a time, the
/// pull coordinates exactly as SciPy sums them ((a0·i + a1·j) + offset, in double), their floors and weights, and
/// whether all taps are inside without any boundary mapping. Interior pixels then take a fast path: for interleaved
/// images with 2–4 channels all channels of a tap are loaded at once and weighted in a Vector256&lt;double&gt; with
/// SciPy's tap order; border pixels go through the reference's exact fill-mode rules. No allocation per pixel.
/// </summary>
public static class AffineWarpKernel
{
    const int StackColumns = 256;

    /// <summary>Warps <paramref name="src"/> into <paramref name="dst"/> (same layout), using the widest SIMD available.</summary>
    public static void Warp(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int order)
        => Warp(src, dst, layout, m, mode, cval, order, WarpPath.Auto);

    internal static void Warp(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int order, WarpPath path)
    {
        AffineWarpReference.CheckArguments(src, dst, layout, order);
        src = src[..layout.Length];
        dst = dst[..layout.Length];
        if (path == WarpPath.Auto)
            path = Vector512.IsHardwareAccelerated ? WarpPath.Vector512 : Vector256.IsHardwareAccelerated ? WarpPath.Vector256 : WarpPath.Scalar;
        if (path == WarpPath.Vector512 && !Vector512.IsHardwareAccelerated) throw new PlatformNotSupportedException("Vector512 is not accelerated here.");
        if (path == WarpPath.Vector256 && !Vector256.IsHardwareAccelerated) throw new PlatformNotSupportedException("Vector256 is not accelerated here.");

        int w = layout.Width;
        double[]? rented = null;
        Span<double> scratch = w <= StackColumns ? stackalloc double[5 * StackColumns] : (rented = ArrayPool<double>.Shared.Rent(5 * w));
        byte[]? rentedFlags = null;
        Span<byte> inside = w <= StackColumns ? stackalloc byte[StackColumns] : (rentedFlags = ArrayPool<byte>.Shared.Rent(w));
        var rows = new RowScratch(scratch[..w], scratch.Slice(w, w), scratch.Slice(2 * w, w), scratch.Slice(3 * w, w), scratch.Slice(4 * w, w), inside[..w]);
        try
        {
            bool channelVectors = path != WarpPath.Scalar && Avx.IsSupported && layout.Interleaved && layout.Channels is >= 2 and <= 4;
            for (int i = 0; i < layout.Height; i++)
            {
                RowCoordinates(layout, m, order, i, path, rows);
                if (order == 0) SampleRowNearest(src, dst, layout, m, mode, cval, i, rows, channelVectors);
                else SampleRowLinear(src, dst, layout, m, mode, cval, i, rows, channelVectors);
            }
        }
        finally
        {
            if (rented != null) ArrayPool<double>.Shared.Return(rented);
            if (rentedFlags != null) ArrayPool<byte>.Shared.Return(rentedFlags);
        }
    }

    /// <summary>Per-column data of one output row: top-left tap offset, weights, and whether the pixel is interior.</summary>
    readonly ref struct RowScratch(Span<double> offset, Span<double> wr0, Span<double> wr1, Span<double> wc0, Span<double> wc1, Span<byte> inside)
    {
        public readonly Span<double> Offset = offset, Wr0 = wr0, Wr1 = wr1, Wc0 = wc0, Wc1 = wc1;
        public readonly Span<byte> Inside = inside;
    }

    static void RowCoordinates(in WarpLayout layout, in PullMatrix m, int order, int i, WarpPath path, in RowScratch s)
    {
        int w = layout.Width, j = 0;
        if (path == WarpPath.Vector512 && w >= Vector512<double>.Count)
        {
            for (; j + Vector512<double>.Count <= w; j += Vector512<double>.Count) Coordinates512(layout, m, order, i, j, s);
            if (j < w) Coordinates512(layout, m, order, i, w - Vector512<double>.Count, s);
            return;
        }
        if (path != WarpPath.Scalar && w >= Vector256<double>.Count)
        {
            for (; j + Vector256<double>.Count <= w; j += Vector256<double>.Count) Coordinates256(layout, m, order, i, j, s);
            if (j < w) Coordinates256(layout, m, order, i, w - Vector256<double>.Count, s);
            return;
        }
        for (; j < w; j++) CoordinatesScalar(layout, m, order, i, j, s);
    }

    static void CoordinatesScalar(in WarpLayout layout, in PullMatrix m, int order, int i, int j, in RowScratch s)
    {
        double r = m.SourceRow(i, j), c = m.SourceCol(i, j);
        if (order == 0)
        {
            s.Inside[j] = (byte)(r >= 0 && r <= layout.Height - 1 && c >= 0 && c <= layout.Width - 1 ? 1 : 0);
            s.Offset[j] = Math.Floor(r + 0.5) * layout.RowStride + Math.Floor(c + 0.5) * layout.ColStride;
            return;
        }
        double rf = Math.Floor(r), cf = Math.Floor(c);
        double wr0 = 1.0 - (r - rf), wc0 = 1.0 - (c - cf);
        s.Wr0[j] = wr0; s.Wr1[j] = 1.0 - wr0; s.Wc0[j] = wc0; s.Wc1[j] = 1.0 - wc0;
        s.Inside[j] = (byte)(r >= 0 && r < layout.Height - 1 && c >= 0 && c < layout.Width - 1 ? 1 : 0);
        s.Offset[j] = rf * layout.RowStride + cf * layout.ColStride;
    }

    static void Coordinates512(in WarpLayout layout, in PullMatrix m, int order, int i, int j0, in RowScratch s)
    {
        var jv = Vector512.Create((double)j0) + Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);
        var r = (Vector512.Create(m.RowFromRow * i) + Vector512.Create(m.RowFromCol) * jv) + Vector512.Create(m.RowOffset);
        var c = (Vector512.Create(m.ColFromRow * i) + Vector512.Create(m.ColFromCol) * jv) + Vector512.Create(m.ColOffset);
        var zero = Vector512<double>.Zero;
        var one = Vector512<double>.One;
        var rowLimit = Vector512.Create((double)(layout.Height - 1));
        var colLimit = Vector512.Create((double)(layout.Width - 1));
        Vector512<double> inside, rf, cf;
        if (order == 0)
        {
            var half = Vector512.Create(0.5);
            inside = Vector512.GreaterThanOrEqual(r, zero) & Vector512.LessThanOrEqual(r, rowLimit)
                   & Vector512.GreaterThanOrEqual(c, zero) & Vector512.LessThanOrEqual(c, colLimit);
            rf = Vector512.Floor(r + half);
            cf = Vector512.Floor(c + half);
        }
        else
        {
            inside = Vector512.GreaterThanOrEqual(r, zero) & Vector512.LessThan(r, rowLimit)
                   & Vector512.GreaterThanOrEqual(c, zero) & Vector512.LessThan(c, colLimit);
            rf = Vector512.Floor(r);
            cf = Vector512.Floor(c);
            var wr0 = one - (r - rf);
            var wc0 = one - (c - cf);
            wr0.StoreUnsafe(ref MemoryMarshal.GetReference(s.Wr0), (nuint)j0);
            (one - wr0).StoreUnsafe(ref MemoryMarshal.GetReference(s.Wr1), (nuint)j0);
            wc0.StoreUnsafe(ref MemoryMarshal.GetReference(s.Wc0), (nuint)j0);
            (one - wc0).StoreUnsafe(ref MemoryMarshal.GetReference(s.Wc1), (nuint)j0);
        }
        var offset = rf * Vector512.Create((double)layout.RowStride) + cf * Vector512.Create((double)layout.ColStride);
        offset.StoreUnsafe(ref MemoryMarshal.GetReference(s.Offset), (nuint)j0);
        ulong bits = inside.ExtractMostSignificantBits();
        for (int k = 0; k < Vector512<double>.Count; k++) s.Inside[j0 + k] = (byte)((bits >> k) & 1);
    }

    static void Coordinates256(in WarpLayout layout, in PullMatrix m, int order, int i, int j0, in RowScratch s)
    {
        var jv = Vector256.Create((double)j0) + Vector256.Create(0.0, 1, 2, 3);
        var r = (Vector256.Create(m.RowFromRow * i) + Vector256.Create(m.RowFromCol) * jv) + Vector256.Create(m.RowOffset);
        var c = (Vector256.Create(m.ColFromRow * i) + Vector256.Create(m.ColFromCol) * jv) + Vector256.Create(m.ColOffset);
        var zero = Vector256<double>.Zero;
        var one = Vector256<double>.One;
        var rowLimit = Vector256.Create((double)(layout.Height - 1));
        var colLimit = Vector256.Create((double)(layout.Width - 1));
        Vector256<double> inside, rf, cf;
        if (order == 0)
        {
            var half = Vector256.Create(0.5);
            inside = Vector256.GreaterThanOrEqual(r, zero) & Vector256.LessThanOrEqual(r, rowLimit)
                   & Vector256.GreaterThanOrEqual(c, zero) & Vector256.LessThanOrEqual(c, colLimit);
            rf = Vector256.Floor(r + half);
            cf = Vector256.Floor(c + half);
        }
        else
        {
            inside = Vector256.GreaterThanOrEqual(r, zero) & Vector256.LessThan(r, rowLimit)
                   & Vector256.GreaterThanOrEqual(c, zero) & Vector256.LessThan(c, colLimit);
            rf = Vector256.Floor(r);
            cf = Vector256.Floor(c);
            var wr0 = one - (r - rf);
            var wc0 = one - (c - cf);
            wr0.StoreUnsafe(ref MemoryMarshal.GetReference(s.Wr0), (nuint)j0);
            (one - wr0).StoreUnsafe(ref MemoryMarshal.GetReference(s.Wr1), (nuint)j0);
            wc0.StoreUnsafe(ref MemoryMarshal.GetReference(s.Wc0), (nuint)j0);
            (one - wc0).StoreUnsafe(ref MemoryMarshal.GetReference(s.Wc1), (nuint)j0);
        }
        var offset = rf * Vector256.Create((double)layout.RowStride) + cf * Vector256.Create((double)layout.ColStride);
        offset.StoreUnsafe(ref MemoryMarshal.GetReference(s.Offset), (nuint)j0);
        uint bits = inside.ExtractMostSignificantBits();
        for (int k = 0; k < Vector256<double>.Count; k++) s.Inside[j0 + k] = (byte)((bits >> k) & 1);
    }

    static void SampleRowLinear(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int i, in RowScratch s, bool channelVectors)
    {
        int w = layout.Width, channels = layout.Channels, rowStride = layout.RowStride, colStride = layout.ColStride, cs = layout.ChannelStride;
        ref float srcRef = ref MemoryMarshal.GetReference(src);
        ref float dstRef = ref MemoryMarshal.GetReference(dst);
        // Highest tap offset whose 4-float load stays inside src, and highest pixel whose 4-float store stays inside dst.
        int lastLoad = src.Length - 4 - rowStride - colStride, lastStore = dst.Length - 4;
        for (int j = 0; j < w; j++)
        {
            int outAt = i * rowStride + j * colStride;
            if (s.Inside[j] == 0)
            {
                AffineWarpReference.SamplePixel(src, dst, outAt, layout, m.SourceRow(i, j), m.SourceCol(i, j), mode, cval, 1);
                continue;
            }
            int a = (int)s.Offset[j];
            double wr0 = s.Wr0[j], wr1 = s.Wr1[j], wc0 = s.Wc0[j], wc1 = s.Wc1[j];
            if (channelVectors && a <= lastLoad)
            {
                var v00 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref srcRef, (nuint)a));
                var v01 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref srcRef, (nuint)(a + colStride)));
                var v10 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref srcRef, (nuint)(a + rowStride)));
                var v11 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref srcRef, (nuint)(a + rowStride + colStride)));
                var r0 = Vector256.Create(wr0);
                var r1 = Vector256.Create(wr1);
                var c0 = Vector256.Create(wc0);
                var c1 = Vector256.Create(wc1);
                var t = Vector256<double>.Zero;
                t += (v00 * r0) * c0;
                t += (v01 * r0) * c1;
                t += (v10 * r1) * c0;
                t += (v11 * r1) * c1;
                var f = Avx.ConvertToVector128Single(t);
                if (outAt <= lastStore) f.StoreUnsafe(ref dstRef, (nuint)outAt);
                else for (int ch = 0; ch < channels; ch++) Unsafe.Add(ref dstRef, outAt + ch) = f.GetElement(ch);
                continue;
            }
            int a01 = a + colStride, a10 = a + rowStride, a11 = a10 + colStride;
            for (int ch = 0; ch < channels; ch++)
            {
                int o = ch * cs;
                double t = 0.0;
                t += (src[a + o] * wr0) * wc0;
                t += (src[a01 + o] * wr0) * wc1;
                t += (src[a10 + o] * wr1) * wc0;
                t += (src[a11 + o] * wr1) * wc1;
                dst[outAt + o] = (float)t;
            }
        }
    }

    static void SampleRowNearest(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int i, in RowScratch s, bool channelVectors)
    {
        int w = layout.Width, channels = layout.Channels, rowStride = layout.RowStride, colStride = layout.ColStride, cs = layout.ChannelStride;
        ref float srcRef = ref MemoryMarshal.GetReference(src);
        ref float dstRef = ref MemoryMarshal.GetReference(dst);
        int lastLoad = src.Length - 4, lastStore = dst.Length - 4;
        for (int j = 0; j < w; j++)
        {
            int outAt = i * rowStride + j * colStride;
            if (s.Inside[j] == 0)
            {
                AffineWarpReference.SamplePixel(src, dst, outAt, layout, m.SourceRow(i, j), m.SourceCol(i, j), mode, cval, 0);
                continue;
            }
            int a = (int)s.Offset[j];
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
