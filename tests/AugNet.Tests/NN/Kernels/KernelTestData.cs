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

    public static IEnumerable<SimdPath> SupportedPaths() => SimdPaths.Supported;

    /// <summary>Forces the SIMD path (through <see cref="SimdPaths.Force"/>) and the thread count for this thread.</summary>
    sealed class Scope : IDisposable
    {
        readonly SimdPaths.ForcedScope _path;
        readonly int? _threads = KernelSettings.ForcedThreads;

        public Scope(SimdPath path, int threads)
        {
            _path = SimdPaths.Force(path);
            KernelSettings.ForcedThreads = threads;
        }

        public void Dispose()
        {
            KernelSettings.ForcedThreads = _threads;
            _path.Dispose();
        }
    }
}
