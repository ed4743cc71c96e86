using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AugNet.Imaging;

/// <summary>
/// The two convolution passes of Pillow's resampler over precomputed <see cref="ResizeKernelMap"/>s. 8-bit modes use
/// Pillow's fixed-point arithmetic: acc = 2²¹ + Σ sample·weight, result = clip8(acc &gt;&gt; 22). Mode I uses doubles and
/// rounds half away from zero. Rows are independent and run in parallel; nothing is allocated per pixel.
/// </summary>
internal static class ResampleKernels
{
    const int Half = 1 << (ResizeKernelMap.PrecisionBits - 1);

    /// <summary>Whether the vertical pass uses Vector256 (tests switch it to compare with the scalar reference).</summary>
    public static bool UseSimd { get; set; } = Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static byte Clip8(int acc)
    {
        int v = acc >> ResizeKernelMap.PrecisionBits;
        return (byte)(v < 0 ? 0 : v > 255 ? 255 : v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int RoundHalfAway(double v) => (int)(v >= 0.0 ? v + 0.5 : v - 0.5);

    /// <summary>Horizontal pass: output row y reads source row y + <paramref name="rowOffset"/>.</summary>
    public static void Horizontal(RasterImage src, RasterImage dst, int rowOffset, ResizeKernelMap map)
    {
        int c = src.Channels;
        Parallel.For(0, dst.Height, PillowResize.ParallelRows(dst.Height, src.RowLength), y =>
        {
            if (src.Mode == PixelMode.I) { HorizontalRowInt(src.IntRow(y + rowOffset), dst.IntRow(y), map); return; }
            ReadOnlySpan<byte> s = src.Row(y + rowOffset);
            Span<byte> d = dst.Row(y);
            switch (c)
            {
                case 1: HorizontalRow1(s, d, map); break;
                case 3: HorizontalRowN(s, d, map, 3); break;
                case 4: HorizontalRow4(s, d, map); break;
                default: HorizontalRowN(s, d, map, c); break;
            }
        });
    }

    static void HorizontalRow1(ReadOnlySpan<byte> s, Span<byte> d, ResizeKernelMap map)
    {
        int k = map.KernelSize;
        ReadOnlySpan<int> weights = map.FixedWeights;
        for (int x = 0; x < d.Length; x++)
        {
            int start = map.Start[x], count = map.Count[x];
            ReadOnlySpan<int> w = weights.Slice(x * k, count);
            ReadOnlySpan<byte> taps = s.Slice(start, count);
            int acc = Half;
            for (int t = 0; t < w.Length; t++) acc += taps[t] * w[t];
            d[x] = Clip8(acc);
        }
    }

    static void HorizontalRow4(ReadOnlySpan<byte> s, Span<byte> d, ResizeKernelMap map)
    {
        int k = map.KernelSize;
        ReadOnlySpan<int> weights = map.FixedWeights;
        int width = d.Length / 4;
        for (int x = 0; x < width; x++)
        {
            int start = map.Start[x], count = map.Count[x];
            ReadOnlySpan<int> w = weights.Slice(x * k, count);
            ReadOnlySpan<byte> taps = s.Slice(start * 4, count * 4);
            int a0 = Half, a1 = Half, a2 = Half, a3 = Half;
            for (int t = 0; t < w.Length; t++)
            {
                int wt = w[t];
                a0 += taps[4 * t] * wt;
                a1 += taps[4 * t + 1] * wt;
                a2 += taps[4 * t + 2] * wt;
                a3 += taps[4 * t + 3] * wt;
            }
            d[4 * x] = Clip8(a0); d[4 * x + 1] = Clip8(a1); d[4 * x + 2] = Clip8(a2); d[4 * x + 3] = Clip8(a3);
        }
    }

    static void HorizontalRowN(ReadOnlySpan<byte> s, Span<byte> d, ResizeKernelMap map, int c)
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

    /// <summary>Vertical pass: output row y combines source rows map.Start[y] − <paramref name="rowOffset"/> onwards.</summary>
    public static void Vertical(RasterImage src, RasterImage dst, ResizeKernelMap map, int rowOffset, bool simd)
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
            if (simd) VerticalRowVector256(block, n, w, dst.Row(y));
            else VerticalRowScalar(block, n, w, dst.Row(y), 0);
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

    /// <summary>Vector256 vertical row: 16 samples at a time, bytes widened to int32, multiply-add per tap.</summary>
    internal static void VerticalRowVector256(ReadOnlySpan<byte> block, int rowLength, ReadOnlySpan<int> w, Span<byte> d)
    {
        int i = 0;
        ref byte src0 = ref MemoryMarshal.GetReference(block);
        ref byte dst0 = ref MemoryMarshal.GetReference(d);
        var half = Vector256.Create(Half);
        var zero = Vector256<int>.Zero;
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
            acc0 = Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(acc0, ResizeKernelMap.PrecisionBits), zero), max);
            acc1 = Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(acc1, ResizeKernelMap.PrecisionBits), zero), max);
            var packed16 = Vector256.Narrow(acc0.AsUInt32(), acc1.AsUInt32());
            var packed8 = Vector256.Narrow(packed16, packed16);
            packed8.GetLower().StoreUnsafe(ref dst0, (nuint)i);
        }
        VerticalRowScalar(block, rowLength, w, d, i);
    }
}
