using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugNet.NN.Kernels;

/// <summary>
/// Process-wide settings of the compute kernels. Every kernel splits its work into a partition that does not change
/// the order in which any output element is summed, so results are bit-identical for every thread count; the
/// thread count only changes speed.
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

    /// <summary>The widest SIMD path this CPU supports.</summary>
    public static SimdPath BestPath { get; } =
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? SimdPath.Vector512
        : Fma.IsSupported && Vector256.IsHardwareAccelerated ? SimdPath.Vector256
        : SimdPath.Scalar;

    /// <summary>Test hook: forces a narrower path for calls made from the current thread (null = best).</summary>
    [ThreadStatic] internal static SimdPath? ForcedPath;

    /// <summary>Test hook: overrides <see cref="MaxDegreeOfParallelism"/> for calls made from the current thread.</summary>
    [ThreadStatic] internal static int? ForcedThreads;

    /// <summary>The path a call started on this thread uses.</summary>
    internal static SimdPath CurrentPath
    {
        get
        {
            var forced = ForcedPath;
            if (forced is null) return BestPath;
            if (forced.Value > BestPath) throw new PlatformNotSupportedException($"SIMD path {forced} is not supported by this CPU (best: {BestPath}).");
            return forced.Value;
        }
    }

    /// <summary>The thread count a call started on this thread uses.</summary>
    internal static int CurrentThreads => ForcedThreads ?? _maxDegreeOfParallelism;
}
