using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AugNet.Augmentation;

/// <summary>
/// NumPy's float32 summation, reproduced bit for bit, so Keras's float32 statistics (samplewise mean/std in
/// <c>standardize</c>, featurewise mean/std in <c>fit</c>) come out identical:
/// <list type="bullet">
/// <item>A reduction along a contiguous run (<c>np.mean(x)</c> over a whole image) uses NumPy's pairwise summation:
/// runs under 8 add sequentially; runs up to 128 use eight interleaved accumulators combined as
/// ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) plus a sequential tail; longer runs split at n/2 rounded down to a multiple of
/// 8 and add the two halves. The eight accumulators are exactly one <see cref="Vector256{T}"/> of floats, so the
/// vector path gives the same bits as the scalar one.</item>
/// <item>A reduction over the outer axes of a channels_last batch (<c>np.mean(x, axis=(0, 1, 2))</c>) runs the
/// channel axis innermost, so each channel is summed sequentially in memory order (no pairwise).</item>
/// </list>
/// All arithmetic is float32, as NumPy's for float32 arrays.
/// </summary>
internal static class NumpyFloat32Sums
{
    const int BlockSize = 128;

    /// <summary>NumPy's pairwise float32 sum of <paramref name="a"/>.</summary>
    public static float PairwiseSum(ReadOnlySpan<float> a, SimdPath? path = null) => Pairwise(a, 0f, squared: false, SimdPaths.Resolve(path));

    /// <summary>NumPy's pairwise float32 sum of (a[i] − center)², each term rounded to float32 as NumPy materialises it.</summary>
    public static float PairwiseSumOfSquaredDeviations(ReadOnlySpan<float> a, float center, SimdPath? path = null) => Pairwise(a, center, squared: true, SimdPaths.Resolve(path));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static float Term(float v, float center, bool squared)
    {
        if (!squared) return v;
        float d = v - center;
        return d * d;
    }

    static float Pairwise(ReadOnlySpan<float> a, float center, bool squared, SimdPath path)
    {
        int n = a.Length;
        if (n < 8)
        {
            // NumPy starts this branch from -0.0 in newer releases and 0.0 in older ones; both give the same sums here except an all -0.0 run.
            float res = 0f;
            for (int i = 0; i < n; i++) res += Term(a[i], center, squared);
            return res;
        }
        if (n <= BlockSize)
        {
            int full = n - n % 8, i = 8;
            float res;
            if (path >= SimdPath.Vector256) // the Vector128 path runs the scalar loop (the same bits)
            {
                ref float p = ref MemoryMarshal.GetReference(a);
                var c = Vector256.Create(center);
                var r = Load(ref p, 0, c, squared);
                for (; i < full; i += 8) r += Load(ref p, i, c, squared);
                res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            }
            else
            {
                Span<float> r = stackalloc float[8];
                for (int j = 0; j < 8; j++) r[j] = Term(a[j], center, squared);
                for (; i < full; i += 8)
                    for (int j = 0; j < 8; j++) r[j] += Term(a[i + j], center, squared);
                res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            }
            for (i = full; i < n; i++) res += Term(a[i], center, squared);
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return Pairwise(a[..n2], center, squared, path) + Pairwise(a[n2..], center, squared, path);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> Load(ref float p, int i, Vector256<float> center, bool squared)
    {
        var v = Vector256.LoadUnsafe(ref p, (nuint)i);
        if (!squared) return v;
        var d = v - center;
        return d * d;
    }

    /// <summary>acc[c] += x[p·C + c] for every pixel p in order, in float32: NumPy's reduction over the outer axes of channels_last data.</summary>
    public static void AddSequentialChannelSums(ReadOnlySpan<float> x, Span<float> acc)
    {
        int channels = acc.Length;
        for (int i = 0; i < x.Length; i += channels)
            for (int c = 0; c < channels; c++) acc[c] += x[i + c];
    }

    /// <summary>acc[c] += (x[p·C + c] − center[c])² in order, in float32 (NumPy's <c>_var</c> on channels_last data).</summary>
    public static void AddSequentialChannelSquaredDeviations(ReadOnlySpan<float> x, ReadOnlySpan<float> center, Span<float> acc)
    {
        int channels = acc.Length;
        for (int i = 0; i < x.Length; i += channels)
            for (int c = 0; c < channels; c++)
            {
                float d = x[i + c] - center[c];
                acc[c] += d * d;
            }
    }
}
