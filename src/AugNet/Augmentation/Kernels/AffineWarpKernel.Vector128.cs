using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AugNet.Augmentation.Kernels;

// The 128-bit path (SSE, ARM NEON) of the affine warp: portable Vector128 code only, so machines without 256-bit
// vectors do not fall back to the scalar coordinate stage and scalar sampling. It repeats the 256-bit stage
// deliberately, two pixels per step instead of four, with the same operations in the same order, so it gives the
// scalar reference's bits as the wider paths do.
internal static partial class AffineWarpKernel
{
    /// <summary>The sampler of one interleaved pixel that <see cref="LinearRange{TPixel}"/> runs (one per vector width).</summary>
    interface ILinearPixel
    {
        static abstract void Sample(ref float srcRef, ref float dstRef, ref int t, ref double wt, int outAt, float scale);
    }

    readonly struct Pixel256 : ILinearPixel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Sample(ref float srcRef, ref float dstRef, ref int t, ref double wt, int outAt, float scale)
            => LinearPixel256(ref srcRef, ref dstRef, ref t, ref wt, outAt, scale);
    }

    readonly struct Pixel128 : ILinearPixel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Sample(ref float srcRef, ref float dstRef, ref int t, ref double wt, int outAt, float scale)
            => LinearPixel128(ref srcRef, ref dstRef, ref t, ref wt, outAt, scale);
    }

    /// <summary>
    /// <see cref="LinearPixel256"/> with two Vector128&lt;double&gt; (channels 0–1 and 2–3): each half does the same
    /// products and sums from 0.0 in SciPy's tap order, and the narrowing to float rounds to nearest as the scalar cast.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void LinearPixel128(ref float srcRef, ref float dstRef, ref int t, ref double wt, int outAt, float scale)
    {
        var (lo00, hi00) = Vector128.Widen(Vector128.LoadUnsafe(ref srcRef, (nuint)t));
        var (lo01, hi01) = Vector128.Widen(Vector128.LoadUnsafe(ref srcRef, (nuint)Unsafe.Add(ref t, 8)));
        var (lo10, hi10) = Vector128.Widen(Vector128.LoadUnsafe(ref srcRef, (nuint)Unsafe.Add(ref t, 16)));
        var (lo11, hi11) = Vector128.Widen(Vector128.LoadUnsafe(ref srcRef, (nuint)Unsafe.Add(ref t, 24)));
        var r0 = Vector128.Create(wt);
        var r1 = Vector128.Create(Unsafe.Add(ref wt, 8));
        var c0 = Vector128.Create(Unsafe.Add(ref wt, 16));
        var c1 = Vector128.Create(Unsafe.Add(ref wt, 24));
        var lo = Vector128<double>.Zero;
        lo += (lo00 * r0) * c0;
        lo += (lo01 * r0) * c1;
        lo += (lo10 * r1) * c0;
        lo += (lo11 * r1) * c1;
        var hi = Vector128<double>.Zero;
        hi += (hi00 * r0) * c0;
        hi += (hi01 * r0) * c1;
        hi += (hi10 * r1) * c0;
        hi += (hi11 * r1) * c1;
        (Vector128.Narrow(lo, hi) * scale).StoreUnsafe(ref dstRef, (nuint)outAt);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void RowCoordinates128(in RowGeometry g, int i, in RowScratch s)
    {
        // Whole pairs, the last one into the padding (see Warp), so no scalar tail.
        // a00·i and a10·i: the row's share of SciPy's sums, formed once per row.
        var rowFromRow = Vector128.Create(g.M.RowFromRow * i);
        var colFromRow = Vector128.Create(g.M.ColFromRow * i);
        for (int q = 0; q < g.Width; q += 2) Coordinates128(g, rowFromRow, colFromRow, q, s);
    }

    /// <summary>Two output positions of <see cref="Coordinates256"/>, with the same operations per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Coordinates128(in RowGeometry g, Vector128<double> rowFromRow, Vector128<double> colFromRow, int q0, in RowScratch s)
    {
        // SciPy's sums: (a00·i + a01·j) + offset, with a01·j precomputed per column (the same product).
        var r = (rowFromRow + Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(s.ColRow), (nuint)q0)) + Vector128.Create(g.M.RowOffset);
        var c = (colFromRow + Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(s.ColCol), (nuint)q0)) + Vector128.Create(g.M.ColOffset);
        var zero = Vector128<double>.Zero;
        var one = Vector128<double>.One;
        var rowMax = Vector128.Create(g.RowMax);
        var colMax = Vector128.Create(g.ColMax);
        Vector128<double> inside, rf, cf;
        if (g.Order == 0)
        {
            var half = Vector128.Create(0.5);
            rf = Vector128.Floor(r + half);
            cf = Vector128.Floor(c + half);
            inside = Vector128.GreaterThanOrEqual(r, zero) & Vector128.LessThanOrEqual(r, rowMax)
                   & Vector128.GreaterThanOrEqual(c, zero) & Vector128.LessThanOrEqual(c, colMax);
        }
        else
        {
            rf = Vector128.Floor(r);
            cf = Vector128.Floor(c);
            var wr0 = one - (r - rf);
            var wc0 = one - (c - cf);
            ref double at = ref Unsafe.Add(ref MemoryMarshal.GetReference(s.Weights), Slot(q0));
            _ = s.Weights[Slot(q0) + 25];
            wr0.StoreUnsafe(ref at);
            (one - wr0).StoreUnsafe(ref at, 8);
            wc0.StoreUnsafe(ref at, 16);
            (one - wc0).StoreUnsafe(ref at, 24);
            inside = Vector128.GreaterThanOrEqual(r, zero) & Vector128.LessThan(r, rowMax)
                   & Vector128.GreaterThanOrEqual(c, zero) & Vector128.LessThan(c, colMax);
        }
        var taps = g.Nearest ? Vector128.Equals(r, r) & Vector128.Equals(c, c) : inside;
        var outside = g.Constant
            ? Vector128.LessThan(r, zero) | Vector128.GreaterThan(r, rowMax) | Vector128.LessThan(c, zero) | Vector128.GreaterThan(c, colMax)
            : zero;
        // The platform's min/max (no NaN/−0 fix-ups): lanes that could be NaN are never "taps", so their offsets are
        // unused, and a −0 floor clamps to an offset of 0 either way.
        var rs = Vector128.Create(g.RowStride);
        var cs = Vector128.Create(g.ColStride);
        var r0 = Vector128.MaxNative(Vector128.MinNative(rf, rowMax), zero) * rs;
        var r1 = Vector128.MaxNative(Vector128.MinNative(rf + one, rowMax), zero) * rs;
        var c0 = Vector128.MaxNative(Vector128.MinNative(cf, colMax), zero) * cs;
        var c1 = Vector128.MaxNative(Vector128.MinNative(cf + one, colMax), zero) * cs;
        ref int tat = ref Unsafe.Add(ref MemoryMarshal.GetReference(s.Taps), Slot(q0));
        _ = s.Taps[Slot(q0) + 25];
        StoreTapPair(ref tat, r0 + c0);
        StoreTapPair(ref Unsafe.Add(ref tat, 8), r0 + c1);
        StoreTapPair(ref Unsafe.Add(ref tat, 16), r1 + c0);
        StoreTapPair(ref Unsafe.Add(ref tat, 24), r1 + c1);
        StoreKinds(taps.ExtractMostSignificantBits(), outside.ExtractMostSignificantBits(), n: 2, s.PaddedKinds.Slice(q0, 2));
    }

    /// <summary>Two whole-number offsets (exact in double, within int range) truncated to int32, as the scalar cast.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void StoreTapPair(ref int at, Vector128<double> offsets)
    {
        var ints = Vector128.Narrow(Vector128.ConvertToInt64(offsets), Vector128<long>.Zero);
        Unsafe.WriteUnaligned(ref Unsafe.As<int, byte>(ref at), ints.AsUInt64().ToScalar());
    }
}
