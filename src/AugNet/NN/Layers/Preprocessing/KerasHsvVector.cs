using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugNet.NN.Layers.Preprocessing;

/// <summary>
/// The vectorised kernels of <see cref="RandomHue"/> and <see cref="RandomSaturation"/>: 8 (or 4) pixels at a time,
/// every step the same float32 operation in the same order as <see cref="KerasHsv"/>'s scalar code, so the results are
/// bit for bit the scalar ones (the scalar code stays the reference, and runs the remainder pixels). Products and sums
/// are separate operations (the JIT does not contract them into FMA, nor does it the scalar code); the scalar
/// conditionals are <c>ConditionalSelect</c>s on the same comparisons; Vector128/256.Max and Min are .NET 9+'s IEEE
/// maximum and minimum, the same as MathF.Max and Min for ±0 and NaN. Each method returns how many floats it did (a
/// multiple of 3); the caller finishes with the scalar kernel.
/// </summary>
internal static class KerasHsvVector
{
    // Lanes {0, 3, 6}, {1, 4, 7} and {2, 5}: which of three consecutive 8-float loads holds which channel after the
    // permutes below (see Deinterleave8).
    static readonly Vector256<float> Lanes036 = Vector256.Create(-1, 0, 0, -1, 0, 0, -1, 0).AsSingle();
    static readonly Vector256<float> Lanes147 = Vector256.Create(0, -1, 0, 0, -1, 0, 0, -1).AsSingle();
    static readonly Vector256<float> Lanes25 = Vector256.Create(0, 0, -1, 0, 0, -1, 0, 0).AsSingle();
    static readonly Vector256<int> OrderR = Vector256.Create(0, 3, 6, 1, 4, 7, 2, 5);
    static readonly Vector256<int> OrderG = Vector256.Create(1, 4, 7, 2, 5, 0, 3, 6);
    static readonly Vector256<int> UnorderG = Vector256.Create(5, 0, 3, 6, 1, 4, 7, 2);
    static readonly Vector256<int> OrderB = Vector256.Create(2, 5, 0, 3, 6, 1, 4, 7);

    /// <summary>RandomHue's kernel, 8 pixels at a time (AVX2 for the channel permutes).</summary>
    public static int Hue256(ReadOnlySpan<float> source, Span<float> destination, float delta, float low, float high)
    {
        if (!Avx2.IsSupported) return 0;
        bool scale = !KerasHsv.IsUnitRange(low, high);
        var vLow = Vector256.Create(low);
        var vSpan = Vector256.Create(high - low);
        var vDelta = Vector256.Create(delta);
        var one = Vector256<float>.One;
        int p = 0;
        for (; p + 24 <= source.Length; p += 24)
        {
            Deinterleave8(source.Slice(p, 24), out var r, out var g, out var b);
            if (scale) { r = (r - vLow) / vSpan; g = (g - vLow) / vSpan; b = (b - vLow) / vSpan; }
            RgbToHsv(r, g, b, out var h, out var s, out var v);
            h += vDelta;
            h = Vector256.ConditionalSelect(Vector256.GreaterThan(h, one), h - one, h);
            h = Vector256.ConditionalSelect(Vector256.LessThan(h, Vector256<float>.Zero), h + one, h);
            HsvToRgb(h, s, v, out r, out g, out b);
            r = Clip01(r); g = Clip01(g); b = Clip01(b);
            if (scale) { r = r * vSpan + vLow; g = g * vSpan + vLow; b = b * vSpan + vLow; }
            Interleave8(r, g, b, destination.Slice(p, 24));
        }
        return p;
    }

    /// <summary>RandomSaturation's kernel, 8 pixels at a time (AVX2 for the channel permutes).</summary>
    public static int Saturation256(ReadOnlySpan<float> source, Span<float> destination, float factor, float low, float high)
    {
        if (!Avx2.IsSupported) return 0;
        var vFactor = Vector256.Create(factor);
        var vLow = Vector256.Create(low);
        var vHigh = Vector256.Create(high);
        int p = 0;
        for (; p + 24 <= source.Length; p += 24)
        {
            Deinterleave8(source.Slice(p, 24), out var r, out var g, out var b);
            RgbToHsv(r, g, b, out var h, out var s, out var v);
            s = Vector256.Min(Vector256.Max(s * vFactor, vLow), vHigh);
            HsvToRgb(h, s, v, out r, out g, out b);
            Interleave8(r, g, b, destination.Slice(p, 24));
        }
        return p;
    }

    /// <summary>RandomHue's kernel, 4 pixels at a time (portable: the channels are gathered and scattered one by one).</summary>
    public static int Hue128(ReadOnlySpan<float> source, Span<float> destination, float delta, float low, float high)
    {
        bool scale = !KerasHsv.IsUnitRange(low, high);
        var vLow = Vector128.Create(low);
        var vSpan = Vector128.Create(high - low);
        var vDelta = Vector128.Create(delta);
        var one = Vector128<float>.One;
        int p = 0;
        for (; p + 12 <= source.Length; p += 12)
        {
            Deinterleave4(source.Slice(p, 12), out var r, out var g, out var b);
            if (scale) { r = (r - vLow) / vSpan; g = (g - vLow) / vSpan; b = (b - vLow) / vSpan; }
            RgbToHsv(r, g, b, out var h, out var s, out var v);
            h += vDelta;
            h = Vector128.ConditionalSelect(Vector128.GreaterThan(h, one), h - one, h);
            h = Vector128.ConditionalSelect(Vector128.LessThan(h, Vector128<float>.Zero), h + one, h);
            HsvToRgb(h, s, v, out r, out g, out b);
            r = Clip01(r); g = Clip01(g); b = Clip01(b);
            if (scale) { r = r * vSpan + vLow; g = g * vSpan + vLow; b = b * vSpan + vLow; }
            Interleave4(r, g, b, destination.Slice(p, 12));
        }
        return p;
    }

    /// <summary>RandomSaturation's kernel, 4 pixels at a time.</summary>
    public static int Saturation128(ReadOnlySpan<float> source, Span<float> destination, float factor, float low, float high)
    {
        var vFactor = Vector128.Create(factor);
        var vLow = Vector128.Create(low);
        var vHigh = Vector128.Create(high);
        int p = 0;
        for (; p + 12 <= source.Length; p += 12)
        {
            Deinterleave4(source.Slice(p, 12), out var r, out var g, out var b);
            RgbToHsv(r, g, b, out var h, out var s, out var v);
            s = Vector128.Min(Vector128.Max(s * vFactor, vLow), vHigh);
            HsvToRgb(h, s, v, out r, out g, out b);
            Interleave4(r, g, b, destination.Slice(p, 12));
        }
        return p;
    }

    // ---- 8 lanes ----

    /// <summary>
    /// 8 interleaved RGB pixels → R, G and B. Loads v0 = r0 g0 b0 r1 g1 b1 r2 g2, v1 = b2 r3 g3 b3 r4 g4 b4 r5,
    /// v2 = g5 b5 r6 g6 b6 r7 g7 b7: lane i of exactly one load holds a red, so a blend gathers the reds out of order
    /// (r0 r3 r6 r1 r4 r7 r2 r5) and one permute sorts them; likewise green and blue.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Deinterleave8(ReadOnlySpan<float> rgb, out Vector256<float> r, out Vector256<float> g, out Vector256<float> b)
    {
        ref float s = ref MemoryMarshal.GetReference(rgb);
        var v0 = Vector256.LoadUnsafe(ref s);
        var v1 = Vector256.LoadUnsafe(ref s, 8);
        var v2 = Vector256.LoadUnsafe(ref s, 16);
        r = Avx2.PermuteVar8x32(Vector256.ConditionalSelect(Lanes036, v0, Vector256.ConditionalSelect(Lanes147, v1, v2)), OrderR);
        g = Avx2.PermuteVar8x32(Vector256.ConditionalSelect(Lanes147, v0, Vector256.ConditionalSelect(Lanes25, v1, v2)), OrderG);
        b = Avx2.PermuteVar8x32(Vector256.ConditionalSelect(Lanes25, v0, Vector256.ConditionalSelect(Lanes036, v1, v2)), OrderB);
    }

    /// <summary>The inverse of <see cref="Deinterleave8"/>: permute each channel into its blend order, then blend the three stores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Interleave8(Vector256<float> r, Vector256<float> g, Vector256<float> b, Span<float> rgb)
    {
        var rp = Avx2.PermuteVar8x32(r, OrderR);
        var gp = Avx2.PermuteVar8x32(g, UnorderG);
        var bp = Avx2.PermuteVar8x32(b, OrderB);
        ref float d = ref MemoryMarshal.GetReference(rgb);
        Vector256.ConditionalSelect(Lanes036, rp, Vector256.ConditionalSelect(Lanes147, gp, bp)).StoreUnsafe(ref d);
        Vector256.ConditionalSelect(Lanes147, rp, Vector256.ConditionalSelect(Lanes25, gp, bp)).StoreUnsafe(ref d, 8);
        Vector256.ConditionalSelect(Lanes25, rp, Vector256.ConditionalSelect(Lanes036, gp, bp)).StoreUnsafe(ref d, 16);
    }

    /// <summary><see cref="KerasHsv.RgbToHsv"/>, 8 pixels: the same operations, its conditionals as selects.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void RgbToHsv(Vector256<float> r, Vector256<float> g, Vector256<float> b, out Vector256<float> h, out Vector256<float> s, out Vector256<float> v)
    {
        var zero = Vector256<float>.Zero;
        var one = Vector256<float>.One;
        var eps = Vector256.Create(KerasHsv.Epsilon);
        r = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(r), eps), zero, r);
        g = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(g), eps), zero, g);
        b = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(b), eps), zero, b);
        var value = Vector256.Max(Vector256.Max(r, g), b);
        var minimum = Vector256.Min(Vector256.Min(r, g), b);
        var range = value - minimum;
        var valuePositive = Vector256.GreaterThan(value, zero);
        var rangePositive = Vector256.GreaterThan(range, zero);
        var safeValue = Vector256.ConditionalSelect(valuePositive, value, one);
        var safeRange = Vector256.ConditionalSelect(rangePositive, range, one);
        s = Vector256.ConditionalSelect(valuePositive, range / safeValue, zero);
        var norm = one / (Vector256.Create(6f) * safeRange);
        // Green's formula where value == g, red's overriding it where value == r (red wins ties), blue's elsewhere.
        var hue = Vector256.ConditionalSelect(Vector256.Equals(value, g),
            norm * (b - r) + Vector256.Create(KerasHsv.OneThird), norm * (r - g) + Vector256.Create(KerasHsv.TwoThirds));
        hue = Vector256.ConditionalSelect(Vector256.Equals(value, r), norm * (g - b), hue);
        h = Vector256.ConditionalSelect(rangePositive, hue, zero) + Vector256.ConditionalSelect(Vector256.LessThan(hue, zero), one, zero);
        v = value;
    }

    /// <summary><see cref="KerasHsv.HsvToRgb"/>, 8 pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void HsvToRgb(Vector256<float> h, Vector256<float> s, Vector256<float> v, out Vector256<float> r, out Vector256<float> g, out Vector256<float> b)
    {
        var dh = Mod1(h) * Vector256.Create(6f);
        var two = Vector256.Create(2f);
        var dr = Clip01(Vector256.Abs(dh - Vector256.Create(3f)) - Vector256<float>.One);
        var dg = Clip01(two - Vector256.Abs(dh - two));
        var db = Clip01(two - Vector256.Abs(dh - Vector256.Create(4f)));
        var oneMinusS = Vector256<float>.One - s;
        r = v * (oneMinusS + s * dr);
        g = v * (oneMinusS + s * dg);
        b = v * (oneMinusS + s * db);
    }

    /// <summary>
    /// <see cref="KerasHsv.Mod1"/>: x − trunc(x) is fmod(x, 1) exactly (the fraction of a float is representable, and
    /// ±∞ and NaN give NaN as fmod does); its zero sign differs from fmod's, but zeros become +0 either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> Mod1(Vector256<float> x)
    {
        var zero = Vector256<float>.Zero;
        var m = x - Vector256.Truncate(x);
        m = Vector256.ConditionalSelect(Vector256.Equals(m, zero), zero, m);
        return Vector256.ConditionalSelect(Vector256.LessThan(m, zero), m + Vector256<float>.One, m);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> Clip01(Vector256<float> x) => Vector256.Min(Vector256.Max(x, Vector256<float>.Zero), Vector256<float>.One);

    // ---- 4 lanes: the same steps on Vector128, repeated on purpose (.NET 10 has no public generic vector interface to
    // write them once; the project keeps one kernel per SIMD width, each tested against the scalar reference) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Deinterleave4(ReadOnlySpan<float> rgb, out Vector128<float> r, out Vector128<float> g, out Vector128<float> b)
    {
        r = Vector128.Create(rgb[0], rgb[3], rgb[6], rgb[9]);
        g = Vector128.Create(rgb[1], rgb[4], rgb[7], rgb[10]);
        b = Vector128.Create(rgb[2], rgb[5], rgb[8], rgb[11]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Interleave4(Vector128<float> r, Vector128<float> g, Vector128<float> b, Span<float> rgb)
    {
        for (int i = 0; i < 4; i++)
        {
            rgb[3 * i] = r.GetElement(i);
            rgb[3 * i + 1] = g.GetElement(i);
            rgb[3 * i + 2] = b.GetElement(i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void RgbToHsv(Vector128<float> r, Vector128<float> g, Vector128<float> b, out Vector128<float> h, out Vector128<float> s, out Vector128<float> v)
    {
        var zero = Vector128<float>.Zero;
        var one = Vector128<float>.One;
        var eps = Vector128.Create(KerasHsv.Epsilon);
        r = Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(r), eps), zero, r);
        g = Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(g), eps), zero, g);
        b = Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(b), eps), zero, b);
        var value = Vector128.Max(Vector128.Max(r, g), b);
        var minimum = Vector128.Min(Vector128.Min(r, g), b);
        var range = value - minimum;
        var valuePositive = Vector128.GreaterThan(value, zero);
        var rangePositive = Vector128.GreaterThan(range, zero);
        var safeValue = Vector128.ConditionalSelect(valuePositive, value, one);
        var safeRange = Vector128.ConditionalSelect(rangePositive, range, one);
        s = Vector128.ConditionalSelect(valuePositive, range / safeValue, zero);
        var norm = one / (Vector128.Create(6f) * safeRange);
        var hue = Vector128.ConditionalSelect(Vector128.Equals(value, g),
            norm * (b - r) + Vector128.Create(KerasHsv.OneThird), norm * (r - g) + Vector128.Create(KerasHsv.TwoThirds));
        hue = Vector128.ConditionalSelect(Vector128.Equals(value, r), norm * (g - b), hue);
        h = Vector128.ConditionalSelect(rangePositive, hue, zero) + Vector128.ConditionalSelect(Vector128.LessThan(hue, zero), one, zero);
        v = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void HsvToRgb(Vector128<float> h, Vector128<float> s, Vector128<float> v, out Vector128<float> r, out Vector128<float> g, out Vector128<float> b)
    {
        var dh = Mod1(h) * Vector128.Create(6f);
        var two = Vector128.Create(2f);
        var dr = Clip01(Vector128.Abs(dh - Vector128.Create(3f)) - Vector128<float>.One);
        var dg = Clip01(two - Vector128.Abs(dh - two));
        var db = Clip01(two - Vector128.Abs(dh - Vector128.Create(4f)));
        var oneMinusS = Vector128<float>.One - s;
        r = v * (oneMinusS + s * dr);
        g = v * (oneMinusS + s * dg);
        b = v * (oneMinusS + s * db);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector128<float> Mod1(Vector128<float> x)
    {
        var zero = Vector128<float>.Zero;
        var m = x - Vector128.Truncate(x);
        m = Vector128.ConditionalSelect(Vector128.Equals(m, zero), zero, m);
        return Vector128.ConditionalSelect(Vector128.LessThan(m, zero), m + Vector128<float>.One, m);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector128<float> Clip01(Vector128<float> x) => Vector128.Min(Vector128.Max(x, Vector128<float>.Zero), Vector128<float>.One);
}
