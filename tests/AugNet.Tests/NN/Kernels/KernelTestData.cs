using AugNet.NN.Kernels;

namespace AugNet.Tests.NN.Kernels;

/// <summary>Shared helpers: seeded random data, tolerant comparison, and scoped test overrides of the kernel settings.</summary>
internal static class KernelTestData
{
    public static float[] Random(int length, int seed)
    {
        var rng = new Random(seed);
        var data = new float[length];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1);
        return data;
    }

    /// <summary>Asserts |actual - expected| ≤ atol + rtol·|expected| (float32 accumulation vs the double reference).</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float atol, float rtol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float e = expected[i], a = actual[i];
            if (!(MathF.Abs(e - a) <= atol + rtol * MathF.Abs(e)))
                Assert.Fail($"{what}: element {i} is {a}, expected {e}.");
        }
    }

    public static IDisposable Use(SimdPath path, int threads) => new Scope(path, threads);

    public static IEnumerable<SimdPath> SupportedPaths()
    {
        foreach (var p in new[] { SimdPath.Scalar, SimdPath.Vector256, SimdPath.Vector512 })
            if (p <= KernelSettings.BestPath) yield return p;
    }

    sealed class Scope : IDisposable
    {
        readonly SimdPath? _path = KernelSettings.ForcedPath;
        readonly int? _threads = KernelSettings.ForcedThreads;

        public Scope(SimdPath path, int threads)
        {
            KernelSettings.ForcedPath = path;
            KernelSettings.ForcedThreads = threads;
        }

        public void Dispose()
        {
            KernelSettings.ForcedPath = _path;
            KernelSettings.ForcedThreads = _threads;
        }
    }
}
