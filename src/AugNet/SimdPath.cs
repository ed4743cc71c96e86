namespace AugNet;

/// <summary>
/// The SIMD code path a kernel runs on, ordered from narrowest to widest. Every vectorised kernel in AugNet (resize,
/// warp, standardisation, GEMM) has a scalar reference and may be forced onto a narrower path so tests can compare
/// each path with it; <c>null</c> where a kernel takes <c>SimdPath?</c> means "the widest this CPU accelerates".
/// A kernel that has no code for a given width uses the next narrower one it has.
/// </summary>
public enum SimdPath
{
    /// <summary>Portable scalar loops (any CPU).</summary>
    Scalar,
    /// <summary>128-bit vectors (SSE / NEON).</summary>
    Vector128,
    /// <summary>256-bit vectors (AVX2; the GEMM also needs FMA).</summary>
    Vector256,
    /// <summary>512-bit vectors (AVX-512F).</summary>
    Vector512,
}
