namespace AugNet.NN.Kernels;

/// <summary>
/// Process-wide settings of the compute kernels. Every kernel splits its work into a partition that does not change
/// the order in which any output element is summed, so results are bit-identical for every thread count; the
/// thread count only changes speed. The SIMD path is chosen by <see cref="SimdPaths"/>, as for every other kernel.
/// </summary>
public static class KernelSettings
{
    static int _maxDegreeOfParallelism = Environment.ProcessorCount;

    /// <summary>Most threads one kernel call uses (default: <see cref="Environment.ProcessorCount"/>).</summary>
    public static int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), value, "MaxDegreeOfParallelism must be at least 1.");
            _maxDegreeOfParallelism = value;
        }
    }

    /// <summary>Test hook: overrides <see cref="MaxDegreeOfParallelism"/> for calls made from the current thread.</summary>
    [ThreadStatic] internal static int? ForcedThreads;

    /// <summary>The thread count a call started on this thread uses.</summary>
    internal static int CurrentThreads => ForcedThreads ?? _maxDegreeOfParallelism;
}
