using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugNet.Augmentation.Kernels;

/// <summary>
/// The fast affine warp (SciPy 1.10 <c>affine_transform</c>, orders 0 and 1), bit-identical to
/// <see cref="AffineWarpReference"/>.
/// <para>Per output row it first computes, 8 (Vector512), 4 (Vector256) or 2 (Vector128) pixels at a time, the pull coordinates
/// exactly as SciPy sums them ((a0·i + a1·j) + offset, in double), their floors, SciPy's weights (w0 = 1 − f,
/// w1 = 1 − w0), the four tap offsets, and what kind of pixel it is: "taps" (every tap is a plain sample: all taps
/// inside with no boundary mapping, or any pixel in 'nearest' mode, whose taps are simply clamped), "cval" ('constant'
/// outside on either axis) or "rule" (anything else: the reference's exact fill-mode rules).</para>
/// <para>It then samples the row: for interleaved images with 2–4 channels all channels of a tap are loaded at once and
/// weighted in a Vector256&lt;double&gt; (two Vector128&lt;double&gt; on the 128-bit path; on the AVX-512 path checked a
/// block of 8 at a time) with SciPy's tap order and a
/// 0.0 start, which gives the same bits as the scalar sum; every other pixel (planar layouts, 'rule' and 'cval' pixels,
/// the buffer's last pixel) goes through a general scalar pass. Optional flips write pixels to mirrored positions and an
/// optional scale multiplies the float results (both exact). No allocation per pixel; per-row scratch lives on the
/// stack (or the array pool for rows wider than 160).</para>
/// </summary>
internal static partial class AffineWarpKernel
{
    // The per-row and per-image methods are marked AggressiveOptimization: with tiered compilation they would first run
    // as unoptimized tier-0 code (measured ~500 us instead of ~85 us per 150×150 RGB image) for the first several
    // hundred images, until call counting promotes them; a pipeline's first batches and short benchmarks paid for that.
    const int StackColumns = 160;
    const byte KindRule = 0, KindTaps = 1, KindCval = 2, KindDone = 3;

    /// <summary>
    /// Warps <paramref name="src"/> into <paramref name="dst"/> (same layout, no overlap), optionally mirroring the
    /// result left–right and/or top–bottom and multiplying every output value by <paramref name="scale"/> in float32
    /// (Keras's <c>rescale</c>; the same bits as a separate pass), using the widest SIMD available.
    /// </summary>
    public static void Warp(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int order, bool flipHorizontal = false, bool flipVertical = false, float scale = 1f)
        => Warp(src, dst, layout, m, mode, cval, order, flipHorizontal, flipVertical, null, scale);

    internal static void Warp(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int order, SimdPath? path)
        => Warp(src, dst, layout, m, mode, cval, order, false, false, path, 1f);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Warp(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m,
        FillMode mode, float cval, int order, bool flipHorizontal, bool flipVertical, SimdPath? path, float scale)
    {
        AffineWarpReference.CheckArguments(src, dst, layout, order);
        if (layout.Length == 0) return;
        src = src[..layout.Length];
        dst = dst[..layout.Length];
        path = SimdPaths.Resolve(path);

        int w = layout.Width;
        double[]? rentedD = null;
        int[]? rentedI = null;
        byte[]? rentedB = null;
        int wpad = (w + 7) & ~7; // records are kept in blocks of 8 columns (see Slot)
        Span<double> doubles = w <= StackColumns ? stackalloc double[6 * StackColumns] : (rentedD = ArrayPool<double>.Shared.Rent(6 * wpad));
        Span<double> weights = doubles[..(4 * wpad)];
        Span<int> taps = w <= StackColumns ? stackalloc int[4 * StackColumns] : (rentedI = ArrayPool<int>.Shared.Rent(4 * wpad));
        Span<byte> kinds = w <= StackColumns ? stackalloc byte[StackColumns] : (rentedB = ArrayPool<byte>.Shared.Rent(wpad));
        // a01·j and a11·j for every output position: the same products SciPy forms, computed once per image. Padded to
        // whole blocks of 8 (the padding lanes get finite, unused values) so the vector coordinate stage never needs a
        // scalar tail.
        Span<double> colRow = doubles.Slice(4 * wpad, wpad), colCol = doubles.Slice(5 * wpad, wpad);
        for (int q = 0; q < wpad; q++)
        {
            int j = flipHorizontal ? w - 1 - q : q;
            colRow[q] = m.RowFromCol * j;
            colCol[q] = m.ColFromCol * j;
        }
        var s = new RowScratch(taps[..(4 * wpad)], weights, kinds[..wpad], w, colRow, colCol);
        try
        {
            bool channelVectors = path != SimdPath.Scalar && layout.Interleaved && layout.Channels is >= 2 and <= 4;
            var geometry = new RowGeometry(layout, m, mode, order, flipHorizontal);
            // Rows go in increasing output-memory order (reversed when flipping vertically), so that a 4-float store
            // spilling into the next pixel is always overwritten later by that pixel's own store.
            // A rotated or sheared row reads the source along a slanted line, which the hardware prefetchers follow
            // poorly; the source (270 KB for 150×150 RGB) fits in L2, so stream all of it in, spread over the first
            // quarter of the rows, ahead of the pulls (measured: −10% time per image with 16 rotating sources). Into L2
            // only (prefetcht1): the whole image would just churn through the 32 KB L1 (another ~1%).
            int prefetchSteps = Math.Max(1, layout.Height / 4);
            for (int step = 0; step < layout.Height; step++)
            {
                if (step < prefetchSteps && path != SimdPath.Scalar && Sse.IsSupported) PrefetchPart(src, step, prefetchSteps);
                int i = flipVertical ? layout.Height - 1 - step : step;
                if (path == SimdPath.Vector512) RowCoordinates512(geometry, i, s);
                else if (path == SimdPath.Vector256) RowCoordinates256(geometry, i, s);
                else if (path == SimdPath.Vector128) RowCoordinates128(geometry, i, s);
                else for (int q = 0; q < w; q++) CoordinatesScalar(geometry, i, q, s);
                int rowStart = step * layout.RowStride;
                bool exceptional = true;
                if (path == SimdPath.Vector512 && layout.ColStride == 1)
                {
                    PlanarRowGather512(src, dst, layout, order, rowStart, scale, s);
                    RowGeneral(src, dst, layout, m, mode, cval, order, i, rowStart, flipHorizontal, false, scale, s);
                    continue;
                }
                if (channelVectors)
                    exceptional = order == 0 ? NearestRowVector(src, dst, rowStart, layout.ColStride, scale, s)
                        : path == SimdPath.Vector512 ? LinearRowVector512(src, dst, rowStart, layout.ColStride, scale, s)
                        : path == SimdPath.Vector256 ? LinearRowVector<Pixel256>(src, dst, rowStart, layout.ColStride, scale, s)
                        : LinearRowVector<Pixel128>(src, dst, rowStart, layout.ColStride, scale, s);
                if (exceptional) RowGeneral(src, dst, layout, m, mode, cval, order, i, rowStart, flipHorizontal, channelVectors, scale, s);
            }
        }
        finally
        {
            if (rentedD != null) ArrayPool<double>.Shared.Return(rentedD);
            if (rentedI != null) ArrayPool<int>.Shared.Return(rentedI);
            if (rentedB != null) ArrayPool<byte>.Shared.Return(rentedB);
        }
    }

    /// <summary>Prefetches part <paramref name="part"/> of <paramref name="parts"/> of the buffer, one 64-byte line at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static unsafe void PrefetchPart(ReadOnlySpan<float> src, int part, int parts)
    {
        const int lineFloats = 16;
        int lines = (src.Length + lineFloats - 1) / lineFloats;
        int from = (int)((long)lines * part / parts), to = (int)((long)lines * (part + 1) / parts);
        fixed (float* p = src)
            for (int l = from; l < to; l++) Sse.Prefetch1(p + l * lineFloats);
    }

    /// <summary>
    /// Per-output-position data of one row in blocks of 8 columns, so the coordinate stage stores whole vectors and the
    /// sampling loop reads a pixel's values at fixed distances from one address: value k of position q is at
    /// <see cref="Slot"/>(q) + 8k, with taps k = 0..3 the offsets of (0,0), (0,1), (1,0), (1,1) (order 0 uses the first
    /// only) and weights k = 0..3 wr0, wr1, wc0, wc1; <c>Kinds[q]</c>. Position q holds output column q, which is input
    /// column W−1−q's pull when flipping horizontally.
    /// </summary>
    readonly ref struct RowScratch(Span<int> taps, Span<double> weights, Span<byte> paddedKinds, int width, Span<double> colRow, Span<double> colCol)
    {
        public readonly Span<int> Taps = taps;
        public readonly Span<double> Weights = weights;
        /// <summary>One kind per output position of the row (Width entries).</summary>
        public readonly Span<byte> Kinds = paddedKinds[..width];
        /// <summary><see cref="Kinds"/> padded to whole blocks of 8, for the vector coordinate stage.</summary>
        public readonly Span<byte> PaddedKinds = paddedKinds;
        /// <summary>a01·j and a11·j of output position q (row-invariant).</summary>
        public readonly Span<double> ColRow = colRow, ColCol = colCol;
    }

    /// <summary>Index of position q's first value in the block-of-8 record layout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int Slot(int q) => ((q >> 3) << 5) + (q & 7);

    /// <summary>What the coordinate stage needs, hoisted out of the row loop.</summary>
    readonly struct RowGeometry(in WarpLayout layout, in PullMatrix m, FillMode mode, int order, bool flip)
    {
        public readonly PullMatrix M = m;
        public readonly int Width = layout.Width, Order = order;
        public readonly bool Flip = flip;
        public readonly double RowMax = layout.Height - 1, ColMax = layout.Width - 1;
        public readonly double RowStride = layout.RowStride, ColStride = layout.ColStride;
        /// <summary>The same as ints, converted once per image rather than per block of pixels.</summary>
        public readonly int RowStrideInt = layout.RowStride, ColStrideInt = layout.ColStride, RowMaxInt = layout.Height - 1, ColMaxInt = layout.Width - 1;
        public readonly bool Nearest = mode == FillMode.Nearest, Constant = mode == FillMode.Constant;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void CoordinatesScalar(in RowGeometry g, int i, int q, in RowScratch s)
    {
        int j = g.Flip ? g.Width - 1 - q : q;
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
            int ws = Slot(q);
            s.Weights[ws] = wr0; s.Weights[ws + 8] = 1.0 - wr0; s.Weights[ws + 16] = wc0; s.Weights[ws + 24] = 1.0 - wc0;
            inside = r >= 0 && r < g.RowMax && c >= 0 && c < g.ColMax;
        }
        bool taps = g.Nearest ? !double.IsNaN(r) && !double.IsNaN(c) : inside;
        bool outside = g.Constant && (r < 0 || r > g.RowMax || c < 0 || c > g.ColMax);
        s.Kinds[q] = taps ? KindTaps : outside ? KindCval : KindRule;
        if (!taps) return;
        double r0 = Math.Max(Math.Min(rf, g.RowMax), 0), r1 = Math.Max(Math.Min(rf + 1, g.RowMax), 0);
        double c0 = Math.Max(Math.Min(cf, g.ColMax), 0), c1 = Math.Max(Math.Min(cf + 1, g.ColMax), 0);
        int ts = Slot(q);
        s.Taps[ts] = (int)(r0 * g.RowStride + c0 * g.ColStride);
        s.Taps[ts + 8] = (int)(r0 * g.RowStride + c1 * g.ColStride);
        s.Taps[ts + 16] = (int)(r1 * g.RowStride + c0 * g.ColStride);
        s.Taps[ts + 24] = (int)(r1 * g.RowStride + c1 * g.ColStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void RowCoordinates512(in RowGeometry g, int i, in RowScratch s)
    {
        // Whole blocks, the last one into the padding (see Warp), so no scalar tail.
        // a00·i and a10·i: the row's share of SciPy's sums, formed once per row.
        var rowFromRow = Vector512.Create(g.M.RowFromRow * i);
        var colFromRow = Vector512.Create(g.M.ColFromRow * i);
        for (int q = 0; q < g.Width; q += 8) Coordinates512(g, rowFromRow, colFromRow, q, s);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void RowCoordinates256(in RowGeometry g, int i, in RowScratch s)
    {
        // Whole groups of 4, the last one into the padding (see Warp), so no scalar tail.
        for (int q = 0; q < g.Width; q += 4) Coordinates256(g, i, q, s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into RowCoordinates512: no per-block call or vector arguments on the stack
    static void Coordinates512(in RowGeometry g, Vector512<double> rowFromRow, Vector512<double> colFromRow, int q0, in RowScratch s)
    {
        // SciPy's sums: (a00·i + a01·j) + offset, with a01·j precomputed per column (the same product).
        var r = (rowFromRow + Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(s.ColRow), (nuint)q0)) + Vector512.Create(g.M.RowOffset);
        var c = (colFromRow + Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(s.ColCol), (nuint)q0)) + Vector512.Create(g.M.ColOffset);
        var zero = Vector512<double>.Zero;
        var one = Vector512<double>.One;
        var rowMax = Vector512.Create(g.RowMax);
        var colMax = Vector512.Create(g.ColMax);
        Vector512<double> rf, cf;
        if (g.Order == 0)
        {
            var half = Vector512.Create(0.5);
            rf = Vector512.Floor(r + half);
            cf = Vector512.Floor(c + half);
        }
        else
        {
            rf = Vector512.Floor(r);
            cf = Vector512.Floor(c);
            var wr0 = one - (r - rf);
            var wc0 = one - (c - cf);
            var wr1 = one - wr0;
            var wc1 = one - wc0;
            ref double at = ref Unsafe.Add(ref MemoryMarshal.GetReference(s.Weights), Slot(q0));
            _ = s.Weights[Slot(q0) + 31];
            wr0.StoreUnsafe(ref at);
            wr1.StoreUnsafe(ref at, 8);
            wc0.StoreUnsafe(ref at, 16);
            wc1.StoreUnsafe(ref at, 24);
        }
        ulong tapBits, outsideBits = 0;
        var rs = Vector256.Create(g.RowStrideInt);
        var cs = Vector256.Create(g.ColStrideInt);
        // Row and column parts of the tap offsets: rr0 = r0·RowStride, rr1 = r1·RowStride, cc0, cc1 likewise.
        Vector256<int> rr0, rr1, cc0, cc1;
        if (g.Nearest)
        {
            // Every non-NaN pixel: taps clamped to the edge. Pre-clamp the floors to [−1, max] in double so the int
            // conversion cannot overflow, then clamp each tap in int, on the scaled values (strides are positive, so
            // max(x, 0)·s = max(x·s, 0) and min(x + 1, max)·s = min(x·s + s, max·s)): one multiply per axis.
            tapBits = (Vector512.Equals(r, r) & Vector512.Equals(c, c)).ExtractMostSignificantBits();
            var minusOne = Vector512.Create(-1.0);
            var ri = Avx2.MultiplyLow(Avx512F.ConvertToVector256Int32WithTruncation(Avx512F.Max(Avx512F.Min(rf, rowMax), minusOne)), rs);
            var ci = Avx2.MultiplyLow(Avx512F.ConvertToVector256Int32WithTruncation(Avx512F.Max(Avx512F.Min(cf, colMax), minusOne)), cs);
            rr0 = Avx2.Max(ri, Vector256<int>.Zero);
            rr1 = Avx2.Min(ri + rs, Vector256.Create(g.RowMaxInt * g.RowStrideInt));
            cc0 = Avx2.Max(ci, Vector256<int>.Zero);
            cc1 = Avx2.Min(ci + cs, Vector256.Create(g.ColMaxInt * g.ColStrideInt));
        }
        else
        {
            // Only pixels whose taps are all inside take the fast path, so no clamping; other lanes' offsets are unused.
            var inside = g.Order == 0
                ? Vector512.GreaterThanOrEqual(r, zero) & Vector512.LessThanOrEqual(r, rowMax) & Vector512.GreaterThanOrEqual(c, zero) & Vector512.LessThanOrEqual(c, colMax)
                : Vector512.GreaterThanOrEqual(r, zero) & Vector512.LessThan(r, rowMax) & Vector512.GreaterThanOrEqual(c, zero) & Vector512.LessThan(c, colMax);
            tapBits = inside.ExtractMostSignificantBits();
            if (g.Constant)
                outsideBits = (Vector512.LessThan(r, zero) | Vector512.GreaterThan(r, rowMax) | Vector512.LessThan(c, zero) | Vector512.GreaterThan(c, colMax)).ExtractMostSignificantBits();
            rr0 = Avx2.MultiplyLow(Avx512F.ConvertToVector256Int32WithTruncation(rf), rs);
            cc0 = Avx2.MultiplyLow(Avx512F.ConvertToVector256Int32WithTruncation(cf), cs);
            rr1 = rr0 + rs;
            cc1 = cc0 + cs;
        }
        ref int tat = ref Unsafe.Add(ref MemoryMarshal.GetReference(s.Taps), Slot(q0));
        _ = s.Taps[Slot(q0) + 31];
        (rr0 + cc0).StoreUnsafe(ref tat);
        (rr0 + cc1).StoreUnsafe(ref tat, 8);
        (rr1 + cc0).StoreUnsafe(ref tat, 16);
        (rr1 + cc1).StoreUnsafe(ref tat, 24);
        StoreKinds(tapBits, outsideBits, n: 8, s.PaddedKinds.Slice(q0, 8));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Coordinates256(in RowGeometry g, int i, int q0, in RowScratch s)
    {
        var iota = Vector256.Create(0.0, 1, 2, 3);
        var jv = g.Flip ? Vector256.Create((double)(g.Width - 1 - q0)) - iota : Vector256.Create((double)q0) + iota;
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
            ref double at = ref Unsafe.Add(ref MemoryMarshal.GetReference(s.Weights), Slot(q0));
            _ = s.Weights[Slot(q0) + 27];
            wr0.StoreUnsafe(ref at);
            (one - wr0).StoreUnsafe(ref at, 8);
            wc0.StoreUnsafe(ref at, 16);
            (one - wc0).StoreUnsafe(ref at, 24);
            inside = Vector256.GreaterThanOrEqual(r, zero) & Vector256.LessThan(r, rowMax)
                   & Vector256.GreaterThanOrEqual(c, zero) & Vector256.LessThan(c, colMax);
        }
        var taps = g.Nearest ? Vector256.Equals(r, r) & Vector256.Equals(c, c) : inside;
        var outside = g.Constant
            ? Vector256.LessThan(r, zero) | Vector256.GreaterThan(r, rowMax) | Vector256.LessThan(c, zero) | Vector256.GreaterThan(c, colMax)
            : zero;
        // x86 min/max (no IEEE NaN/−0 fix-ups): lanes that could be NaN are never "taps", so their offsets are unused.
        var rs = Vector256.Create(g.RowStride);
        var cs = Vector256.Create(g.ColStride);
        var r0 = Avx.Max(Avx.Min(rf, rowMax), zero) * rs;
        var r1 = Avx.Max(Avx.Min(rf + one, rowMax), zero) * rs;
        var c0 = Avx.Max(Avx.Min(cf, colMax), zero) * cs;
        var c1 = Avx.Max(Avx.Min(cf + one, colMax), zero) * cs;
        ref int tat = ref Unsafe.Add(ref MemoryMarshal.GetReference(s.Taps), Slot(q0));
        _ = s.Taps[Slot(q0) + 27];
        Avx.ConvertToVector128Int32WithTruncation(r0 + c0).StoreUnsafe(ref tat);
        Avx.ConvertToVector128Int32WithTruncation(r0 + c1).StoreUnsafe(ref tat, 8);
        Avx.ConvertToVector128Int32WithTruncation(r1 + c0).StoreUnsafe(ref tat, 16);
        Avx.ConvertToVector128Int32WithTruncation(r1 + c1).StoreUnsafe(ref tat, 24);
        StoreKinds(taps.ExtractMostSignificantBits(), outside.ExtractMostSignificantBits(), n: 4, s.PaddedKinds.Slice(q0, 4));
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

    /// <summary>
    /// Order 1, interleaved 2–4 channels: every "taps" pixel whose 4-float loads and store stay in bounds, all channels
    /// at once in a Vector256&lt;double&gt;. Returns whether any pixel was left for <see cref="RowGeneral"/>. Output
    /// positions go in increasing memory order, so a store spilling into the next pixel is overwritten by that pixel
    /// (here or in the general pass that follows).
    /// </summary>
    static bool LinearRowVector<TPixel>(ReadOnlySpan<float> src, Span<float> dst, int rowStart, int colStride, float scale, in RowScratch s)
        where TPixel : struct, ILinearPixel
        => LinearRange<TPixel>(ref MemoryMarshal.GetReference(src), ref MemoryMarshal.GetReference(dst), ref MemoryMarshal.GetReference(s.Taps),
            ref MemoryMarshal.GetReference(s.Weights), ref MemoryMarshal.GetReference(s.Kinds), 0, s.Kinds.Length, rowStart, colStride,
            src.Length - 4, dst.Length - 4, scale);

    /// <summary>
    /// <see cref="LinearRowVector{TPixel}"/> on the AVX-512 path, a block of 8 output positions (one record block) at a time:
    /// when all 8 are "taps" and their loads and stores stay in bounds (the common case), one check covers the block
    /// and its pixels are sampled without per-pixel kind or bounds checks. Other blocks (and the last, partial one) go
    /// pixel by pixel, checked, through <see cref="LinearRange{TPixel}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static bool LinearRowVector512(ReadOnlySpan<float> src, Span<float> dst, int rowStart, int colStride, float scale, in RowScratch s)
    {
        ref float srcRef = ref MemoryMarshal.GetReference(src);
        ref float dstRef = ref MemoryMarshal.GetReference(dst);
        ref int tapRef = ref MemoryMarshal.GetReference(s.Taps);
        ref double wRef = ref MemoryMarshal.GetReference(s.Weights);
        ref byte kinds = ref MemoryMarshal.GetReference(s.Kinds);
        int w = s.Kinds.Length, lastLoad = src.Length - 4, lastStore = dst.Length - 4;
        var lastLoadV = Vector256.Create(lastLoad);
        bool exceptional = false;
        int q0 = 0;
        for (; q0 + 8 <= w; q0 += 8)
        {
            int outAt = rowStart + q0 * colStride;
            int slot = (q0 >> 3) << 5; // Slot(q0) for a block start
            ref int t = ref Unsafe.Add(ref tapRef, slot);
            // Tap (1,1) has the largest offset of a pixel's four (rows and columns only grow from (0,0)), so checking
            // it bounds every 4-float load of the block.
            if (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref kinds, q0)) != 0x0101010101010101UL
                || outAt + 7 * colStride > lastStore
                || Vector256.GreaterThanAny(Vector256.LoadUnsafe(ref t, 24), lastLoadV))
            {
                exceptional |= LinearRange<Pixel256>(ref srcRef, ref dstRef, ref tapRef, ref wRef, ref kinds, q0, q0 + 8, outAt, colStride, lastLoad, lastStore, scale);
                continue;
            }
            // One pixel per Vector256<double>, weights broadcast straight from the records (a load, no shuffle). Measured
            // faster on Zen 4 than two pixels per Vector512<double>, whose inserts and weight permutes all compete for
            // the shuffle pipes (thread CPU time, book augmentation: 93.3 -> 88.3 us/img).
            ref double wt = ref Unsafe.Add(ref wRef, slot);
            ref float d = ref Unsafe.Add(ref dstRef, outAt); // unrolled: constant record offsets, no per-pixel index math
            LinearPixel256(ref srcRef, ref d, ref t, ref wt, 0, scale);
            LinearPixel256(ref srcRef, ref d, ref Unsafe.Add(ref t, 1), ref Unsafe.Add(ref wt, 1), colStride, scale);
            LinearPixel256(ref srcRef, ref d, ref Unsafe.Add(ref t, 2), ref Unsafe.Add(ref wt, 2), 2 * colStride, scale);
            LinearPixel256(ref srcRef, ref d, ref Unsafe.Add(ref t, 3), ref Unsafe.Add(ref wt, 3), 3 * colStride, scale);
            LinearPixel256(ref srcRef, ref d, ref Unsafe.Add(ref t, 4), ref Unsafe.Add(ref wt, 4), 4 * colStride, scale);
            LinearPixel256(ref srcRef, ref d, ref Unsafe.Add(ref t, 5), ref Unsafe.Add(ref wt, 5), 5 * colStride, scale);
            LinearPixel256(ref srcRef, ref d, ref Unsafe.Add(ref t, 6), ref Unsafe.Add(ref wt, 6), 6 * colStride, scale);
            LinearPixel256(ref srcRef, ref d, ref Unsafe.Add(ref t, 7), ref Unsafe.Add(ref wt, 7), 7 * colStride, scale);
        }
        if (q0 < w)
            exceptional |= LinearRange<Pixel256>(ref srcRef, ref dstRef, ref tapRef, ref wRef, ref kinds, q0, w, rowStart + q0 * colStride, colStride, lastLoad, lastStore, scale);
        return exceptional;
    }

    /// <summary>
    /// One pixel of a checked block (records at <paramref name="t"/> and <paramref name="wt"/>, value k at +8k): all its
    /// channels at once, SciPy's tap order and sum from 0.0, so the same bits as the scalar sum. (Its 128-bit twin,
    /// <see cref="LinearPixel128"/>, repeats it deliberately in two halves.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void LinearPixel256(ref float srcRef, ref float dstRef, ref int t, ref double wt, int outAt, float scale)
    {
        var v00 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref srcRef, (nuint)t));
        var v01 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref srcRef, (nuint)Unsafe.Add(ref t, 8)));
        var v10 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref srcRef, (nuint)Unsafe.Add(ref t, 16)));
        var v11 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref srcRef, (nuint)Unsafe.Add(ref t, 24)));
        var r0 = Vector256.Create(wt);
        var r1 = Vector256.Create(Unsafe.Add(ref wt, 8));
        var c0 = Vector256.Create(Unsafe.Add(ref wt, 16));
        var c1 = Vector256.Create(Unsafe.Add(ref wt, 24));
        var sum = Vector256<double>.Zero;
        sum += (v00 * r0) * c0;
        sum += (v01 * r0) * c1;
        sum += (v10 * r1) * c0;
        sum += (v11 * r1) * c1;
        (Avx.ConvertToVector128Single(sum) * scale).StoreUnsafe(ref dstRef, (nuint)outAt);
    }

    /// <summary>
    /// Positions [<paramref name="q"/>, <paramref name="end"/>) one pixel at a time, checking each: every "taps" pixel
    /// whose loads and store stay in bounds. Returns whether any pixel was left for <see cref="RowGeneral"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static bool LinearRange<TPixel>(ref float srcRef, ref float dstRef, ref int tapRef, ref double wRef, ref byte kinds,
        int q, int end, int outAt, int colStride, int lastLoad, int lastStore, float scale)
        where TPixel : struct, ILinearPixel
    {
        bool exceptional = false;
        for (; q < end; q++, outAt += colStride)
        {
            int slot = Slot(q);
            ref int t = ref Unsafe.Add(ref tapRef, slot);
            if (Unsafe.Add(ref kinds, q) != KindTaps || Unsafe.Add(ref t, 24) > lastLoad || outAt > lastStore) exceptional = true;
            else TPixel.Sample(ref srcRef, ref dstRef, ref t, ref Unsafe.Add(ref wRef, slot), outAt, scale);
        }
        return exceptional;
    }

    /// <summary>
    /// Planar images (one channel, or channels_first), AVX-512: each block of 8 "taps" pixels is sampled with one
    /// 8-lane gather per tap and channel, straight from the block records (per-lane weights, no broadcasts), and marked
    /// done for <see cref="RowGeneral"/>, which takes every other pixel. Per lane the same operations as the scalar sum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static unsafe void PlanarRowGather512(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, int order, int rowStart,
        float scale, in RowScratch s)
    {
        int w = layout.Width, channels = layout.Channels, plane = layout.ChannelStride;
        ref int tapRef = ref MemoryMarshal.GetReference(s.Taps);
        ref double wRef = ref MemoryMarshal.GetReference(s.Weights);
        ref float dstRef = ref MemoryMarshal.GetReference(dst);
        var scaleV = Vector256.Create(scale);
        fixed (float* srcPtr = src)
        {
            for (int q0 = 0; q0 + 8 <= w; q0 += 8)
            {
                ref byte kind = ref s.Kinds[q0];
                if (Unsafe.ReadUnaligned<ulong>(ref kind) != 0x0101010101010101UL) continue;
                int slot = Slot(q0);
                var i00 = Vector256.LoadUnsafe(ref Unsafe.Add(ref tapRef, slot));
                if (order == 0)
                {
                    for (int ch = 0; ch < channels; ch++)
                    {
                        var v = Avx2.GatherVector256(srcPtr + ch * plane, i00, 4);
                        ((v + Vector256<float>.Zero) * scaleV).StoreUnsafe(ref dstRef, (nuint)(rowStart + q0 + ch * plane));
                    }
                }
                else
                {
                    var i01 = Vector256.LoadUnsafe(ref Unsafe.Add(ref tapRef, slot + 8));
                    var i10 = Vector256.LoadUnsafe(ref Unsafe.Add(ref tapRef, slot + 16));
                    var i11 = Vector256.LoadUnsafe(ref Unsafe.Add(ref tapRef, slot + 24));
                    var wr0 = Vector512.LoadUnsafe(ref Unsafe.Add(ref wRef, slot));
                    var wr1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref wRef, slot + 8));
                    var wc0 = Vector512.LoadUnsafe(ref Unsafe.Add(ref wRef, slot + 16));
                    var wc1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref wRef, slot + 24));
                    for (int ch = 0; ch < channels; ch++)
                    {
                        float* p = srcPtr + ch * plane;
                        var sum = Vector512<double>.Zero;
                        sum += (Avx512F.ConvertToVector512Double(Avx2.GatherVector256(p, i00, 4)) * wr0) * wc0;
                        sum += (Avx512F.ConvertToVector512Double(Avx2.GatherVector256(p, i01, 4)) * wr0) * wc1;
                        sum += (Avx512F.ConvertToVector512Double(Avx2.GatherVector256(p, i10, 4)) * wr1) * wc0;
                        sum += (Avx512F.ConvertToVector512Double(Avx2.GatherVector256(p, i11, 4)) * wr1) * wc1;
                        (Avx512F.ConvertToVector256Single(sum) * scaleV).StoreUnsafe(ref dstRef, (nuint)(rowStart + q0 + ch * plane));
                    }
                }
                Unsafe.WriteUnaligned(ref kind, 0x0303030303030303UL); // KindDone × 8
            }
        }
    }

    /// <summary>Order 0, interleaved 2–4 channels: the "taps" pixels as one 4-float copy each (see <see cref="LinearRowVector{TPixel}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static bool NearestRowVector(ReadOnlySpan<float> src, Span<float> dst, int rowStart, int colStride, float scale, in RowScratch s)
    {
        ref float srcRef = ref MemoryMarshal.GetReference(src);
        ref float dstRef = ref MemoryMarshal.GetReference(dst);
        ref int tapRef = ref MemoryMarshal.GetReference(s.Taps);
        ref byte kinds = ref MemoryMarshal.GetReference(s.Kinds);
        int w = s.Kinds.Length, lastLoad = src.Length - 4, lastStore = dst.Length - 4;
        bool exceptional = false;
        int outAt = rowStart;
        for (int q = 0; q < w; q++, outAt += colStride)
        {
            int a = Unsafe.Add(ref tapRef, Slot(q));
            if (Unsafe.Add(ref kinds, q) != KindTaps || a > lastLoad || outAt > lastStore) { exceptional = true; continue; }
            // SciPy sums 0.0 + v in double; adding +0 in float gives the same bits (−0 becomes +0).
            ((Vector128.LoadUnsafe(ref srcRef, (nuint)a) + Vector128<float>.Zero) * scale).StoreUnsafe(ref dstRef, (nuint)outAt);
        }
        return exceptional;
    }

    /// <summary>
    /// Every pixel of the row the vector pass did not take (all of them when <paramref name="vectorPassRan"/> is false):
    /// "taps" pixels with scalar double sums, "cval" pixels, and "rule" pixels through the reference.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void RowGeneral(ReadOnlySpan<float> src, Span<float> dst, in WarpLayout layout, in PullMatrix m, FillMode mode,
        float cval, int order, int i, int rowStart, bool flipColumns, bool vectorPassRan, float scale, in RowScratch s)
    {
        int w = layout.Width, channels = layout.Channels, cs = layout.ChannelStride;
        int lastLoad = src.Length - 4, lastStore = dst.Length - 4;
        for (int q = 0; q < w; q++)
        {
            int outAt = rowStart + q * layout.ColStride;
            byte kind = s.Kinds[q];
            if (kind == KindDone) continue;
            if (kind == KindTaps)
            {
                int slot = Slot(q);
                int a00 = s.Taps[slot], a01 = s.Taps[slot + 8], a10 = s.Taps[slot + 16], a11 = s.Taps[slot + 24];
                if (vectorPassRan && (order == 0 ? a00 : a11) <= lastLoad && outAt <= lastStore) continue; // done already
                if (order == 0)
                {
                    for (int ch = 0; ch < channels; ch++) dst[outAt + ch * cs] = (src[a00 + ch * cs] + 0f) * scale;
                    continue;
                }
                double wr0 = s.Weights[slot], wr1 = s.Weights[slot + 8], wc0 = s.Weights[slot + 16], wc1 = s.Weights[slot + 24];
                for (int ch = 0; ch < channels; ch++)
                {
                    int o = ch * cs;
                    double t = 0.0;
                    t += (src[a00 + o] * wr0) * wc0;
                    t += (src[a01 + o] * wr0) * wc1;
                    t += (src[a10 + o] * wr1) * wc0;
                    t += (src[a11 + o] * wr1) * wc1;
                    dst[outAt + o] = (float)t * scale;
                }
            }
            else if (kind == KindCval)
            {
                for (int ch = 0; ch < channels; ch++) dst[outAt + ch * cs] = cval * scale;
            }
            else
            {
                int j = flipColumns ? w - 1 - q : q;
                AffineWarpReference.SamplePixel(src, dst, outAt, layout, m.SourceRow(i, j), m.SourceCol(i, j), mode, cval, order);
                if (scale != 1f) for (int ch = 0; ch < channels; ch++) dst[outAt + ch * cs] *= scale;
            }
        }
    }
}
