using AugNet.NN.Kernels;
using static AugNet.Tests.NN.Kernels.KernelTestData;

namespace AugNet.Tests.NN.Kernels;

public class GemmTests
{
    public static TheoryData<SimdPath> Paths()
    {
        var data = new TheoryData<SimdPath>();
        foreach (var p in SupportedPaths()) data.Add(p);
        return data;
    }

    [Fact]
    public void ThisMachineHasTheWidestPath()
    {
        // On an AVX-512 machine (the benchmark EPYC) every path below is exercised for real.
        if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported && System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
            Assert.Equal(SimdPath.Vector512, SimdPaths.Best);
        else if (System.Runtime.Intrinsics.X86.Fma.IsSupported && System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
            Assert.Equal(SimdPath.Vector256, SimdPaths.Best);
        if (SimdPaths.Best < SimdPath.Vector512)
            Assert.Throws<PlatformNotSupportedException>(() =>
            {
                using (Use(SimdPath.Vector512, 1)) Gemm.Multiply(false, false, 1, 1, 1, [1f], 1, [1f], 1, new float[1], 1);
            });
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void MatchesReferenceForOddSizesAllTransposesAndStrides(SimdPath path)
    {
        int[] sizes = [1, 2, 5, 7, 8, 9, 13, 17, 31, 33, 47, 70];
        int seed = 1;
        foreach (bool transA in new[] { false, true })
            foreach (bool transB in new[] { false, true })
                for (int s = 0; s < sizes.Length; s++)
                {
                    int m = sizes[s], n = sizes[(s + 3) % sizes.Length], k = sizes[(s + 7) % sizes.Length];
                    bool accumulate = s % 2 == 1;
                    int pad = s % 3 == 0 ? 0 : 3;
                    Check(path, transA, transB, m, n, k, pad, accumulate, seed++);
                }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void MatchesReferenceAcrossSeveralDepthBlocksAndTiles(SimdPath path)
    {
        // k > KC (several depth blocks), m > MC and n > NC (several tiles), with thread splits.
        Check(path, false, false, 261, 300, 800, 5, false, 11, threads: 2);
        Check(path, true, true, 140, 70, 1000, 1, true, 12, threads: 4);
        Check(path, true, false, 27, 32, 5000, 0, false, 13, threads: 2);
        // Few rows against a wide transposed B (computed as Cᵀ), with and without accumulation.
        Check(path, false, true, 32, 700, 300, 3, true, 14, threads: 2);
        Check(path, true, true, 5, 300, 90, 0, false, 15, threads: 1);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void IsBitIdenticalForEveryThreadCount(SimdPath path)
    {
        foreach (var (ta, tb, m, n, k) in new[] { (false, false, 300, 200, 500), (true, false, 64, 600, 777), (false, true, 1000, 33, 40), (false, true, 20, 300, 50), (true, true, 9, 200, 70) })
        {
            var a = Random(m * k, 1); var b = Random(k * n, 2);
            float[]? first = null;
            foreach (int threads in new[] { 1, 2, 3, 4 })
            {
                var c = Random(m * n, 3);
                using (Use(path, threads))
                    Gemm.Multiply(ta, tb, m, n, k, a, ta ? m : k, b, tb ? k : n, c, n, accumulate: true);
                if (first is null) first = c;
                else Assert.True(first.AsSpan().SequenceEqual(c), $"threads={threads} differs from threads=1 ({ta},{tb},{m},{n},{k})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryPathGivesTheScalarPathsBits(SimdPath path)
    {
        // Every path sums each element as the same chain of fused multiply-adds in k order, so all widths (the 128-bit
        // micro-kernel included) must give the scalar micro-kernel's bits, whatever their tile shapes and blockings.
        foreach (var (ta, tb, m, n, k) in new[] { (false, false, 61, 45, 500), (true, false, 13, 77, 37), (false, true, 7, 300, 90), (true, true, 50, 19, 801) })
        {
            var a = Random(m * k, 4); var b = Random(k * n, 5);
            var scalar = Random(m * n, 6);
            var c = (float[])scalar.Clone();
            using (Use(SimdPath.Scalar, 1))
                Gemm.Multiply(ta, tb, m, n, k, a, ta ? m : k, b, tb ? k : n, scalar, n, accumulate: true);
            using (Use(path, 2))
                Gemm.Multiply(ta, tb, m, n, k, a, ta ? m : k, b, tb ? k : n, c, n, accumulate: true);
            Assert.True(scalar.AsSpan().SequenceEqual(c), $"{path} differs from the scalar path ({ta},{tb},{m},{n},{k})");
        }
    }

    [Fact]
    public void ZeroDepthClearsOrKeepsC()
    {
        var c = new float[] { 1, 2, 3, 4 };
        Gemm.Multiply(false, false, 2, 2, 0, [], 0, [], 2, c, 2, accumulate: true);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, c);
        Gemm.Multiply(false, false, 2, 2, 0, [], 0, [], 2, c, 2);
        Assert.Equal(new float[4], c);
    }

    [Fact]
    public void RejectsTooShortBuffers()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 3, 3, 3, new float[8], 3, new float[9], 3, new float[9], 3));
        Assert.Contains("A needs 9", ex.Message);
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 3, 3, 3, new float[9], 2, new float[9], 3, new float[9], 3));
    }

    static void Check(SimdPath path, bool transA, bool transB, int m, int n, int k, int pad, bool accumulate, int seed, int threads = 1)
    {
        int lda = (transA ? m : k) + pad, ldb = (transB ? k : n) + pad, ldc = n + pad;
        var a = Random((transA ? k : m) * lda, seed);
        var b = Random((transB ? n : k) * ldb, seed + 1000);
        var c = Random(m * ldc, seed + 2000);
        var expected = (float[])c.Clone();
        Gemm.Reference(transA, transB, m, n, k, a, lda, b, ldb, expected, ldc, accumulate);
        var packed = (float[])c.Clone();
        using (Use(path, threads))
        {
            Gemm.Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
            Gemm.ForcePacking = true;
            try { Gemm.Multiply(transA, transB, m, n, k, a, lda, b, ldb, packed, ldc, accumulate); }
            finally { Gemm.ForcePacking = false; }
        }
        // Padding columns of C must be untouched (Random fills them; the reference leaves them too).
        string what = $"{path} tA={transA} tB={transB} m={m} n={n} k={k} pad={pad} acc={accumulate}";
        AssertClose(expected, c, 1e-4f * MathF.Sqrt(k + 1), 1e-4f, what);
        // Reading A and B in place or packing them first performs the same arithmetic.
        Assert.True(packed.AsSpan().SequenceEqual(c), "packed operands differ from in-place ones: " + what);
    }
}
