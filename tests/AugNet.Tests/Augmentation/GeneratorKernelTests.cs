using AugNet.Augmentation;

namespace AugNet.Tests.Augmentation;

/// <summary>The standardisation kernels: every SIMD path against the scalar reference.</summary>
public class GeneratorKernelTests
{
    /// <summary>Every path this CPU runs, then null (the resolver's default).</summary>
    static IEnumerable<SimdPath?> EveryPath() => SimdPaths.Supported.Select(p => (SimdPath?)p).Append(null);

    static float[] Data(int n, int seed)
    {
        var rng = new NumpyRandom((uint)seed);
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)(rng.RandomSample() * 255 - 60);
        return a;
    }

    public static TheoryData<int> Lengths => new() { 0, 1, 7, 8, 9, 15, 16, 17, 127, 128, 129, 300, 1000, 4099 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void PairwiseSumIsTheSameOnEveryPath(int n)
    {
        var a = Data(n, n + 1);
        float scalar = NumpyFloat32Sums.PairwiseSum(a, SimdPath.Scalar);
        Assert.Equal(scalar, NumpyFloat32Sums.PairwiseSum(a, SimdPath.Vector256));
        Assert.Equal(scalar, NumpyFloat32Sums.PairwiseSum(a, null));
        float sq = NumpyFloat32Sums.PairwiseSumOfSquaredDeviations(a, 12.5f, SimdPath.Scalar);
        Assert.Equal(sq, NumpyFloat32Sums.PairwiseSumOfSquaredDeviations(a, 12.5f, SimdPath.Vector256));
        double exact = a.Sum(v => (double)v);
        Assert.True(Math.Abs(scalar - exact) <= 1e-5 * Math.Max(1, a.Sum(v => Math.Abs((double)v))), $"{scalar} vs {exact}");
    }

    [Fact]
    public void PairwiseSumFollowsNumpysBlocking()
    {
        // 9 values: eight accumulators, combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the tail.
        float[] a = [1e8f, 1, -1e8f, 1, 1, 1, 1, 1, 1];
        float expected = ((1e8f + 1f) + (-1e8f + 1f)) + ((1f + 1f) + (1f + 1f));
        expected += 1f;
        Assert.Equal(expected, NumpyFloat32Sums.PairwiseSum(a));
        // Sequential float32 accumulation would give a different answer here.
        float seq = 0; foreach (var v in a) seq += v;
        Assert.NotEqual(seq, NumpyFloat32Sums.PairwiseSum(a));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SubtractThenDivideIsTheSameOnEveryPathAndRoundsEachStep(int n)
    {
        var a = Data(n, 3 * n + 2);
        var sub = Data(n, 5 * n + 3).Select(v => (double)v / 3).ToArray();
        var div = Data(n, 7 * n + 4).Select(v => Math.Abs((double)v) + 0.5).ToArray();
        var reference = a.ToArray();
        for (int i = 0; i < n; i++) reference[i] = (float)((float)(reference[i] - sub[i]) / div[i]);
        foreach (var path in EveryPath())
        {
            var x = a.ToArray();
            StandardizationKernels.SubtractThenDivide(x, sub, div, path);
            Assert.Equal(reference, x);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float32SubtractThenDivideMatchesTheDoubleKernelForFloatOperands(int n)
    {
        var a = Data(n, 17 * n + 2);
        var sub = Data(n, 19 * n + 3);
        var div = Data(n, 23 * n + 4).Select(v => Math.Abs(v) + 0.5f).ToArray();
        var viaDouble = a.ToArray();
        StandardizationKernels.SubtractThenDivide(viaDouble, sub.Select(v => (double)v).ToArray(), div.Select(v => (double)v).ToArray(), SimdPath.Scalar);
        foreach (var path in EveryPath())
        {
            var x = a.ToArray();
            StandardizationKernels.SubtractThenDivide(x, sub, div, path);
            Assert.Equal(viaDouble, x);
        }
    }

    [Fact]
    public void FloatStatisticsGiveNumpysFloat32Arithmetic()
    {
        // (float)((double)x − m) equals float32 subtraction when m is a float; likewise for division.
        var a = Data(257, 99);
        var m = Data(257, 98);
        var d = Data(257, 97).Select(v => Math.Abs(v) + 0.25f).ToArray();
        var x = a.ToArray();
        StandardizationKernels.SubtractThenDivide(x, m.Select(v => (double)v).ToArray(), d.Select(v => (double)v).ToArray());
        for (int i = 0; i < a.Length; i++) Assert.Equal((a[i] - m[i]) / d[i], x[i]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DotAndScaledAddAreTheSameOnEveryPathWithinRounding(int n)
    {
        var a = Data(n, 11 * n + 1);
        var b = Data(n, 13 * n + 2);
        double reference = 0;
        for (int i = 0; i < n; i++) reference += (double)a[i] * b[i];
        foreach (var path in EveryPath())
        {
            Assert.Equal(reference, StandardizationKernels.DotWidened(a, b, path), 1e-9 * Math.Max(1, Math.Abs(reference)));
            var acc = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
            StandardizationKernels.AddScaledWidened(a, 0.3, acc, path);
            for (int i = 0; i < n; i++) Assert.Equal(i + 0.3 * a[i], acc[i]);
        }
    }

    [Fact]
    public void SequentialChannelSumsAddInMemoryOrder()
    {
        float[] x = [1e8f, 1, 1, 2, -1e8f, 3];
        var acc = new float[2];
        NumpyFloat32Sums.AddSequentialChannelSums(x, acc);
        Assert.Equal(((1e8f + 1f) + (-1e8f)), acc[0]);
        Assert.Equal(1f + 2f + 3f, acc[1]);
    }
}
