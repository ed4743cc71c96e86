using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AugNet;

/// <summary>
/// The one place that decides which <see cref="SimdPath"/> a kernel runs. Every vectorised kernel (resize, warp,
/// standardisation, GEMM and the layers built on it) asks <see cref="Resolve"/> or <see cref="Current"/>; a kernel that
/// has no code for the resolved width uses the next narrower one it has. Tests force a narrower path for the calling
/// thread with <see cref="Force"/>, so tests running in parallel never see each other's choice.
/// </summary>
public static class SimdPaths
{
    /// <summary>
    /// The widest path this CPU accelerates. The 256- and 512-bit kernels use x86 intrinsics beside the portable vector
    /// API (AVX2 gathers and conversions, FMA in the GEMM), so those widths also require the x86 features; 128 bits is
    /// portable code only (SSE or ARM NEON).
    /// </summary>
    public static SimdPath Best { get; } =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? SimdPath.Vector512
        : Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported ? SimdPath.Vector256
        : Vector128.IsHardwareAccelerated ? SimdPath.Vector128
        : SimdPath.Scalar;

    /// <summary>The paths this CPU can run, narrowest first (what tests compare with the scalar reference).</summary>
    internal static IEnumerable<SimdPath> Supported => Enum.GetValues<SimdPath>().Where(p => p <= Best);

    // Thread-static so a test's override reaches only its own calls; kernels that fan out to worker threads resolve
    // the path on the calling thread and pass it down (a worker would otherwise see no override).
    [ThreadStatic] static SimdPath? t_forced;

    /// <summary>The path a kernel call started on this thread runs: the thread's forced path, or <see cref="Best"/>.</summary>
    public static SimdPath Current => t_forced ?? Best;

    /// <summary>An explicitly requested path (checked against the CPU), or <see cref="Current"/> for null.</summary>
    internal static SimdPath Resolve(SimdPath? requested)
    {
        if (requested is null) return Current;
        Check(requested.Value);
        return requested.Value;
    }

    /// <summary>
    /// Test and benchmark hook: until the returned scope is disposed, kernel calls started on this thread run
    /// <paramref name="path"/> (<c>using var _ = SimdPaths.Force(SimdPath.Vector128);</c>). Scopes nest.
    /// </summary>
    internal static ForcedScope Force(SimdPath path)
    {
        Check(path);
        var scope = new ForcedScope(t_forced);
        t_forced = path;
        return scope;
    }

    static void Check(SimdPath path)
    {
        if (path > Best) throw new PlatformNotSupportedException($"SIMD path {path} is not supported by this CPU (best: {Best}).");
    }

    /// <summary>Restores the thread's previous forced path (a struct: forcing allocates nothing).</summary>
    internal readonly struct ForcedScope(SimdPath? previous) : IDisposable
    {
        public void Dispose() => t_forced = previous;
    }
}
