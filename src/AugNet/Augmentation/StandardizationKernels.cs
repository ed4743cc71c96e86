using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AugNet.Augmentation;

/// <summary>
/// The span kernels behind featurewise standardisation and ZCA (the float32 sums NumPy uses for statistics live in
/// <see cref="NumpyFloat32Sums"/>). The element-wise steps compute each operation in double and round once, which for
/// +, −, ×, ÷ of float32 inputs gives exactly NumPy's float32 result, and NumPy's float64-then-cast result when a
/// statistic was assigned as float64. The ZCA products accumulate in double. Nothing here allocates per element.
/// </summary>
internal static class StandardizationKernels
{
    // No 128-bit code here: the Vector128 path runs the scalar loops.
    static bool Use512(SimdPath? p) => SimdPaths.Resolve(p) == SimdPath.Vector512;
    static bool Use256(SimdPath? p) => SimdPaths.Resolve(p) >= SimdPath.Vector256;

    /// <summary>x[i] = (float)((float)(x[i] − sub[i]) / div[i]) in double: Keras's <c>x -= mean; x /= std + 1e-6</c> with one rounding per step.</summary>
    public static void SubtractThenDivide(Span<float> x, ReadOnlySpan<double> sub, ReadOnlySpan<double> div, SimdPath? path = null)
    {
        if (sub.Length < x.Length || div.Length < x.Length) throw new ArgumentException("Statistics tile shorter than data.");
        int n = x.Length, i = 0;
        ref float p = ref MemoryMarshal.GetReference(x);
        ref double m = ref MemoryMarshal.GetReference(sub);
        ref double d = ref MemoryMarshal.GetReference(div);
        if (Use512(path))
            for (; i <= n - 16; i += 16)
            {
                var (lo, hi) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)i));
                var cl = Vector512.Widen(Vector512.Narrow(lo - Vector512.LoadUnsafe(ref m, (nuint)i), hi - Vector512.LoadUnsafe(ref m, (nuint)i + 8)));
                Vector512.Narrow(cl.Lower / Vector512.LoadUnsafe(ref d, (nuint)i), cl.Upper / Vector512.LoadUnsafe(ref d, (nuint)i + 8)).StoreUnsafe(ref p, (nuint)i);
            }
        if (Use256(path))
            for (; i <= n - 8; i += 8)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)i));
                var cl = Vector256.Widen(Vector256.Narrow(lo - Vector256.LoadUnsafe(ref m, (nuint)i), hi - Vector256.LoadUnsafe(ref m, (nuint)i + 4)));
                Vector256.Narrow(cl.Lower / Vector256.LoadUnsafe(ref d, (nuint)i), cl.Upper / Vector256.LoadUnsafe(ref d, (nuint)i + 4)).StoreUnsafe(ref p, (nuint)i);
            }
        for (; i < n; i++)
        {
            float centred = (float)(Unsafe.Add(ref p, i) - Unsafe.Add(ref m, i));
            Unsafe.Add(ref p, i) = (float)(centred / Unsafe.Add(ref d, i));
        }
    }

    /// <summary>x[i] = (x[i] − sub[i]) / div[i] in float32 (two roundings, as NumPy's two in-place float32 steps).</summary>
    public static void SubtractThenDivide(Span<float> x, ReadOnlySpan<float> sub, ReadOnlySpan<float> div, SimdPath? path = null)
    {
        if (sub.Length < x.Length || div.Length < x.Length) throw new ArgumentException("Statistics tile shorter than data.");
        int n = x.Length, i = 0;
        ref float p = ref MemoryMarshal.GetReference(x);
        ref float m = ref MemoryMarshal.GetReference(sub);
        ref float d = ref MemoryMarshal.GetReference(div);
        if (Use512(path))
            for (; i <= n - 16; i += 16)
                ((Vector512.LoadUnsafe(ref p, (nuint)i) - Vector512.LoadUnsafe(ref m, (nuint)i)) / Vector512.LoadUnsafe(ref d, (nuint)i)).StoreUnsafe(ref p, (nuint)i);
        if (Use256(path))
            for (; i <= n - 8; i += 8)
                ((Vector256.LoadUnsafe(ref p, (nuint)i) - Vector256.LoadUnsafe(ref m, (nuint)i)) / Vector256.LoadUnsafe(ref d, (nuint)i)).StoreUnsafe(ref p, (nuint)i);
        for (; i < n; i++)
        {
            float centred = Unsafe.Add(ref p, i) - Unsafe.Add(ref m, i);
            Unsafe.Add(ref p, i) = centred / Unsafe.Add(ref d, i);
        }
    }

    /// <summary>Float32 subtract-then-divide with tiles repeated over x.</summary>
    public static void SubtractThenDivideTiled(Span<float> x, ReadOnlySpan<float> subTile, ReadOnlySpan<float> divTile, SimdPath? path = null)
    {
        int tile = subTile.Length, i = 0;
        path = SimdPaths.Resolve(path); // once, not per tile
        for (; i + tile <= x.Length; i += tile) SubtractThenDivide(x.Slice(i, tile), subTile, divTile, path);
        SubtractThenDivide(x[i..], subTile, divTile, path);
    }

    /// <summary>Σ a[i]·b[i] with products and sum in double.</summary>
    public static double DotWidened(ReadOnlySpan<float> a, ReadOnlySpan<float> b, SimdPath? path = null)
    {
        if (a.Length != b.Length) throw new ArgumentException("Lengths differ.");
        int n = a.Length, i = 0;
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        double sum = 0;
        if (Use512(path) && n >= 16)
        {
            var acc = Vector512<double>.Zero;
            for (; i <= n - 16; i += 16)
            {
                var (al, ah) = Vector512.Widen(Vector512.LoadUnsafe(ref pa, (nuint)i));
                var (bl, bh) = Vector512.Widen(Vector512.LoadUnsafe(ref pb, (nuint)i));
                acc += al * bl + ah * bh;
            }
            sum += Vector512.Sum(acc);
        }
        if (Use256(path) && n - i >= 8)
        {
            var acc = Vector256<double>.Zero;
            for (; i <= n - 8; i += 8)
            {
                var (al, ah) = Vector256.Widen(Vector256.LoadUnsafe(ref pa, (nuint)i));
                var (bl, bh) = Vector256.Widen(Vector256.LoadUnsafe(ref pb, (nuint)i));
                acc += al * bl + ah * bh;
            }
            sum += Vector256.Sum(acc);
        }
        for (; i < n; i++) sum += (double)Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        return sum;
    }

    /// <summary>acc[i] += coef·src[i] in double.</summary>
    public static void AddScaledWidened(ReadOnlySpan<float> src, double coef, Span<double> acc, SimdPath? path = null)
    {
        if (acc.Length < src.Length) throw new ArgumentException("Accumulator shorter than source.", nameof(acc));
        int n = src.Length, i = 0;
        ref float s = ref MemoryMarshal.GetReference(src);
        ref double a = ref MemoryMarshal.GetReference(acc);
        if (Use512(path))
        {
            var k = Vector512.Create(coef);
            for (; i <= n - 16; i += 16)
            {
                var (lo, hi) = Vector512.Widen(Vector512.LoadUnsafe(ref s, (nuint)i));
                (Vector512.LoadUnsafe(ref a, (nuint)i) + lo * k).StoreUnsafe(ref a, (nuint)i);
                (Vector512.LoadUnsafe(ref a, (nuint)i + 8) + hi * k).StoreUnsafe(ref a, (nuint)i + 8);
            }
        }
        if (Use256(path))
        {
            var k = Vector256.Create(coef);
            for (; i <= n - 8; i += 8)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)i));
                (Vector256.LoadUnsafe(ref a, (nuint)i) + lo * k).StoreUnsafe(ref a, (nuint)i);
                (Vector256.LoadUnsafe(ref a, (nuint)i + 4) + hi * k).StoreUnsafe(ref a, (nuint)i + 4);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref a, i) += coef * Unsafe.Add(ref s, i);
    }

    /// <summary>The length of a tile: a multiple of <paramref name="channels"/> and of 16, so whole vectors line up with channels.</summary>
    public static int TileLength(int channels) => channels * 16;

    /// <summary>Applies per-channel subtract-then-divide to an interleaved block (channels_last; 1 channel for a plain block).</summary>
    public static void SubtractThenDivideChannels(Span<float> x, ReadOnlySpan<double> sub, ReadOnlySpan<double> div, SimdPath? path = null)
    {
        int tile = TileLength(sub.Length);
        SubtractThenDivideTiled(x, RepeatTile(sub, tile), RepeatTile(div, tile), path);
    }

    /// <summary>Subtract-then-divide with operands given as tiles (whose length is a multiple of the channel count) repeated over x.</summary>
    public static void SubtractThenDivideTiled(Span<float> x, ReadOnlySpan<double> subTile, ReadOnlySpan<double> divTile, SimdPath? path = null)
    {
        int tile = subTile.Length, i = 0;
        path = SimdPaths.Resolve(path); // once, not per tile
        for (; i + tile <= x.Length; i += tile) SubtractThenDivide(x.Slice(i, tile), subTile, divTile, path);
        SubtractThenDivide(x[i..], subTile, divTile, path);
    }

    /// <summary>values repeated cyclically to <paramref name="length"/>.</summary>
    public static double[] RepeatTile(ReadOnlySpan<double> values, int length)
    {
        var tile = new double[length];
        for (int j = 0; j < length; j++) tile[j] = values[j % values.Length];
        return tile;
    }
}
