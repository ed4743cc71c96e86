using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugNet.Imaging;

/// <summary>
/// The two convolution passes of Pillow's resampler over precomputed <see cref="ResizeKernelMap"/>s. 8-bit modes use
/// Pillow's fixed-point arithmetic: acc = 2²¹ + Σ sample·weight in int32, result = clip8(acc &gt;&gt; 22). Integer
/// addition is associative, so the vector paths give the scalar reference's bytes exactly. Mode I uses doubles and
/// rounds half away from zero. Rows are independent and run in parallel, so the caller resolves the SIMD path (on its
/// own thread, where a test's <see cref="SimdPaths.Force"/> applies) and passes it in; nothing is allocated per pixel.
/// </summary>
internal static class ResampleKernels
{
    const int Half = 1 << (ResizeKernelMap.PrecisionBits - 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static byte Clip8(int acc)
    {
        int v = acc >> ResizeKernelMap.PrecisionBits;
        return (byte)(v < 0 ? 0 : v > 255 ? 255 : v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int RoundHalfAway(double v) => (int)(v >= 0.0 ? v + 0.5 : v - 0.5);

    // ---------------------------------------------------------------- horizontal pass

    /// <summary>Horizontal pass: output row y reads source row y + <paramref name="rowOffset"/>.</summary>
    public static void Horizontal(RasterImage src, RasterImage dst, int rowOffset, ResizeKernelMap map, SimdPath level)
    {
        int c = src.Channels;
        Parallel.For(0, dst.Height, PillowResize.ParallelRows(dst.Height, src.RowLength), y =>
        {
            if (src.Mode == PixelMode.I) { HorizontalRowInt(src.IntRow(y + rowOffset), dst.IntRow(y), map); return; }
            ReadOnlySpan<byte> s = src.Row(y + rowOffset);
            Span<byte> d = dst.Row(y);
            if (level == SimdPath.Scalar || c == 2) { HorizontalRowScalar(s, d, map, c); return; }
            switch (c)
            {
                case 1: HorizontalRow1Vector(s, d, map, level); break;
                default: HorizontalRowPixelVector(s, d, map, c); break;
            }
        });
    }

    /// <summary>Scalar reference of one horizontal output row for any channel count.</summary>
    internal static void HorizontalRowScalar(ReadOnlySpan<byte> s, Span<byte> d, ResizeKernelMap map, int c)
    {
        int k = map.KernelSize;
        ReadOnlySpan<int> weights = map.FixedWeights;
        int width = d.Length / c;
        for (int x = 0; x < width; x++)
        {
            int start = map.Start[x], count = map.Count[x];
            ReadOnlySpan<int> w = weights.Slice(x * k, count);
            ReadOnlySpan<byte> taps = s.Slice(start * c, count * c);
            for (int ch = 0; ch < c; ch++)
            {
                int acc = Half;
                for (int t = 0; t < w.Length; t++) acc += taps[t * c + ch] * w[t];
                d[x * c + ch] = Clip8(acc);
            }
        }
    }

    /// <summary>One channel: each output is a dot product of contiguous taps and weights, 8 (or 4) lanes at a time.</summary>
    static unsafe void HorizontalRow1Vector(ReadOnlySpan<byte> s, Span<byte> d, ResizeKernelMap map, SimdPath level)
    {
        int k = map.KernelSize;
        fixed (byte* s0 = s)
        {
            ref int w0 = ref MemoryMarshal.GetArrayDataReference(map.FixedWeights);
            bool wide = level >= SimdPath.Vector256;
            for (int x = 0; x < d.Length; x++)
            {
                int start = map.Start[x], count = map.Count[x], wBase = x * k;
                int t = 0, acc = Half;
                if (wide)
                {
                    var v = Vector256<int>.Zero;
                    for (; t + 8 <= count; t += 8)
                    {
                        v += Widen8(s0 + start + t) * Vector256.LoadUnsafe(ref w0, (nuint)(wBase + t));
                    }
                    acc += Vector256.Sum(v);
                }
                else
                {
                    var v = Vector128<int>.Zero;
                    for (; t + 4 <= count; t += 4)
                    {
                        v += Widen4(s0 + start + t) * Vector128.LoadUnsafe(ref w0, (nuint)(wBase + t));
                    }
                    acc += Vector128.Sum(v);
                }
                for (; t < count; t++) acc += s0[start + t] * Unsafe.Add(ref w0, wBase + t);
                d[x] = Clip8(acc);
            }
        }
    }

    /// <summary>
    /// Three or four channels: one Vector128 of int32 holds a whole pixel; each tap is one widen and one multiply-add.
    /// A 3-channel pixel is read as 4 bytes (the fourth lane is ignored) except at the very end of the row.
    /// </summary>
    static unsafe void HorizontalRowPixelVector(ReadOnlySpan<byte> s, Span<byte> d, ResizeKernelMap map, int c)
    {
        int k = map.KernelSize;
        fixed (byte* s0 = s)
        {
            ref int w0 = ref MemoryMarshal.GetArrayDataReference(map.FixedWeights);
            var half = Vector128.Create(Half);
            var max = Vector128.Create(255);
            int width = d.Length / c;
            for (int x = 0; x < width; x++)
            {
                int start = map.Start[x], count = map.Count[x], wBase = x * k;
                var acc = half;
                for (int t = 0; t < count; t++)
                {
                    int off = (start + t) * c;
                    var ints = off + 4 <= s.Length
                        ? Widen4(s0 + off)
                        : Vector128.Create(s[off], s[off + 1], s[off + 2], 0);
                    acc += ints * Vector128.Create(Unsafe.Add(ref w0, wBase + t));
                }
                acc = Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(acc, ResizeKernelMap.PrecisionBits), Vector128<int>.Zero), max);
                var b16 = Vector128.Narrow(acc.AsUInt32(), acc.AsUInt32());
                var b8 = Vector128.Narrow(b16, b16);
                int o = x * c;
                if (o + 4 <= d.Length) Unsafe.WriteUnaligned(ref d[o], b8.AsUInt32().ToScalar());
                else for (int ch = 0; ch < c; ch++) d[o + ch] = b8.GetElement(ch);
            }
        }
    }

    /// <summary>Four bytes zero-extended to four int32 lanes (one pmovzxbd where SSE4.1 exists).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe Vector128<int> Widen4(byte* p)
    {
        if (Sse41.IsSupported) return Sse41.ConvertToVector128Int32(p);
        var b = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(p)).AsByte();
        return Vector128.WidenLower(Vector128.WidenLower(b)).AsInt32();
    }

    /// <summary>Eight bytes zero-extended to eight int32 lanes (one vpmovzxbd where AVX2 exists).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe Vector256<int> Widen8(byte* p)
    {
        if (Avx2.IsSupported) return Avx2.ConvertToVector256Int32(p);
        var u = Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(p)).AsByte());
        return Vector256.Create(Vector128.WidenLower(u), Vector128.WidenUpper(u)).AsInt32();
    }

    static void HorizontalRowInt(ReadOnlySpan<int> s, Span<int> d, ResizeKernelMap map)
    {
        int k = map.KernelSize;
        for (int x = 0; x < d.Length; x++)
        {
            int start = map.Start[x], count = map.Count[x];
            ReadOnlySpan<double> w = map.Weights.AsSpan(x * k, count);
            double acc = 0.0;
            for (int t = 0; t < count; t++) acc += s[start + t] * w[t];
            d[x] = RoundHalfAway(acc);
        }
    }

    // ---------------------------------------------------------------- vertical pass

    /// <summary>Vertical pass: output row y combines source rows map.Start[y] − <paramref name="rowOffset"/> onwards.</summary>
    public static void Vertical(RasterImage src, RasterImage dst, ResizeKernelMap map, int rowOffset, SimdPath level)
    {
        int k = map.KernelSize;
        Parallel.For(0, dst.Height, PillowResize.ParallelRows(dst.Height, dst.RowLength), y =>
        {
            int start = map.Start[y] - rowOffset, count = map.Count[y];
            if (src.Mode == PixelMode.I)
            {
                ReadOnlySpan<double> wd = map.Weights.AsSpan(y * k, count);
                Span<int> di = dst.IntRow(y);
                for (int x = 0; x < di.Length; x++)
                {
                    double acc = 0.0;
                    for (int t = 0; t < count; t++) acc += src.Ints[(start + t) * src.Width + x] * wd[t];
                    di[x] = RoundHalfAway(acc);
                }
                return;
            }
            ReadOnlySpan<int> w = map.FixedWeights.AsSpan(y * k, count);
            int n = dst.RowLength;
            ReadOnlySpan<byte> block = src.Bytes.AsSpan(start * n, count * n);
            int done = 0;
            if (level >= SimdPath.Vector512) done = VerticalRowVector512(block, n, w, dst.Row(y));
            if (level >= SimdPath.Vector256) done = VerticalRowVector256(block, n, w, dst.Row(y), done);
            if (level >= SimdPath.Vector128) done = VerticalRowVector128(block, n, w, dst.Row(y), done);
            VerticalRowScalar(block, n, w, dst.Row(y), done);
        });
    }

    /// <summary>Scalar reference of one vertical output row, from sample <paramref name="from"/> on.</summary>
    internal static void VerticalRowScalar(ReadOnlySpan<byte> block, int rowLength, ReadOnlySpan<int> w, Span<byte> d, int from)
    {
        for (int i = from; i < d.Length; i++)
        {
            int acc = Half;
            for (int t = 0; t < w.Length; t++) acc += block[t * rowLength + i] * w[t];
            d[i] = Clip8(acc);
        }
    }

    // The Vector128/256/512 vertical rows below repeat one another deliberately: one body per width, each the widest
    // loads and widenings of its width, finishing where the next narrower one takes over.

    /// <summary>Vector128 vertical row (SSE, ARM NEON): 8 samples at a time. Returns the samples done.</summary>
    internal static int VerticalRowVector128(ReadOnlySpan<byte> block, int rowLength, ReadOnlySpan<int> w, Span<byte> d, int from)
    {
        int i = from;
        ref byte src0 = ref MemoryMarshal.GetReference(block);
        ref byte dst0 = ref MemoryMarshal.GetReference(d);
        var half = Vector128.Create(Half);
        var max = Vector128.Create(255);
        for (; i + 8 <= d.Length; i += 8)
        {
            Vector128<int> acc0 = half, acc1 = half;
            for (int t = 0; t < w.Length; t++)
            {
                ulong eight = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src0, t * rowLength + i));
                var shorts = Vector128.WidenLower(Vector128.CreateScalarUnsafe(eight).AsByte());
                var wt = Vector128.Create(w[t]);
                acc0 += Vector128.WidenLower(shorts).AsInt32() * wt;
                acc1 += Vector128.WidenUpper(shorts).AsInt32() * wt;
            }
            acc0 = Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(acc0, ResizeKernelMap.PrecisionBits), Vector128<int>.Zero), max);
            acc1 = Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(acc1, ResizeKernelMap.PrecisionBits), Vector128<int>.Zero), max);
            var packed16 = Vector128.Narrow(acc0.AsUInt32(), acc1.AsUInt32());
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst0, i), Vector128.Narrow(packed16, packed16).AsUInt64().ToScalar());
        }
        return i;
    }

    /// <summary>Vector256 vertical row: 16 samples at a time, bytes widened to int32, multiply-add per tap. Returns the samples done.</summary>
    internal static int VerticalRowVector256(ReadOnlySpan<byte> block, int rowLength, ReadOnlySpan<int> w, Span<byte> d, int from)
    {
        int i = from;
        ref byte src0 = ref MemoryMarshal.GetReference(block);
        ref byte dst0 = ref MemoryMarshal.GetReference(d);
        var half = Vector256.Create(Half);
        var max = Vector256.Create(255);
        for (; i + 16 <= d.Length; i += 16)
        {
            Vector256<int> acc0 = half, acc1 = half;
            for (int t = 0; t < w.Length; t++)
            {
                var bytes = Vector128.LoadUnsafe(ref src0, (nuint)(t * rowLength + i));
                var shorts = Vector256.WidenLower(bytes.ToVector256Unsafe());
                var wt = Vector256.Create(w[t]);
                acc0 += Vector256.WidenLower(shorts).AsInt32() * wt;
                acc1 += Vector256.WidenUpper(shorts).AsInt32() * wt;
            }
            acc0 = Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(acc0, ResizeKernelMap.PrecisionBits), Vector256<int>.Zero), max);
            acc1 = Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(acc1, ResizeKernelMap.PrecisionBits), Vector256<int>.Zero), max);
            var packed16 = Vector256.Narrow(acc0.AsUInt32(), acc1.AsUInt32());
            Vector256.Narrow(packed16, packed16).GetLower().StoreUnsafe(ref dst0, (nuint)i);
        }
        return i;
    }

    /// <summary>Vector512 vertical row: 32 samples at a time. Returns the samples done.</summary>
    internal static int VerticalRowVector512(ReadOnlySpan<byte> block, int rowLength, ReadOnlySpan<int> w, Span<byte> d)
    {
        int i = 0;
        ref byte src0 = ref MemoryMarshal.GetReference(block);
        ref byte dst0 = ref MemoryMarshal.GetReference(d);
        var half = Vector512.Create(Half);
        var max = Vector512.Create(255);
        for (; i + 32 <= d.Length; i += 32)
        {
            Vector512<int> acc0 = half, acc1 = half;
            for (int t = 0; t < w.Length; t++)
            {
                var bytes = Vector256.LoadUnsafe(ref src0, (nuint)(t * rowLength + i));
                var shorts = Vector512.WidenLower(bytes.ToVector512Unsafe());
                var wt = Vector512.Create(w[t]);
                acc0 += Vector512.WidenLower(shorts).AsInt32() * wt;
                acc1 += Vector512.WidenUpper(shorts).AsInt32() * wt;
            }
            acc0 = Vector512.Min(Vector512.Max(Vector512.ShiftRightArithmetic(acc0, ResizeKernelMap.PrecisionBits), Vector512<int>.Zero), max);
            acc1 = Vector512.Min(Vector512.Max(Vector512.ShiftRightArithmetic(acc1, ResizeKernelMap.PrecisionBits), Vector512<int>.Zero), max);
            var packed16 = Vector512.Narrow(acc0.AsUInt32(), acc1.AsUInt32());
            Vector512.Narrow(packed16, packed16).GetLower().StoreUnsafe(ref dst0, (nuint)i);
        }
        return i;
    }
}
