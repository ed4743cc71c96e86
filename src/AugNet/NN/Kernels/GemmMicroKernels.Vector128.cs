using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AugNet.NN.Kernels;

// The 128-bit micro-kernels (SSE, ARM NEON), deliberately written out like the 256- and 512-bit ones beside them: each
// width is its own hand-unrolled body so the JIT keeps the whole tile in registers. 6×8 uses 12 accumulators, 2 B
// vectors and 1 broadcast, which fits the 16 registers of SSE (NEON has 32). Every C element is the same chain of
// fused multiply-adds in k order as on the other paths (Vector128.FusedMultiplyAdd is FMLA on ARM, VFMADD on x86),
// so the results are bit-identical to theirs and to the scalar path. Kernel128Direct repeats Kernel128 deliberately,
// as each width's Direct kernel does: only the addressing of A differs, and it must stay in registers too.
internal static unsafe partial class GemmMicroKernels
{
    internal const int MR128 = 6, NR128 = 8;

    /// <summary>6×8 tile of C (+)= A-panel·B-panel with Vector128 (arguments as <see cref="Kernel256"/>, 8 values of b per k step).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Kernel128(int kc, float* a, nint astride, float* b, nint bstride, float* c, int ldc, bool load)
    {
        Vector128<float> c0_0; Vector128<float> c0_1;
        Vector128<float> c1_0; Vector128<float> c1_1;
        Vector128<float> c2_0; Vector128<float> c2_1;
        Vector128<float> c3_0; Vector128<float> c3_1;
        Vector128<float> c4_0; Vector128<float> c4_1;
        Vector128<float> c5_0; Vector128<float> c5_1;
        if (load)
        {
            c0_0 = Vector128.Load(c + 0 * ldc + 0); c0_1 = Vector128.Load(c + 0 * ldc + 4);
            c1_0 = Vector128.Load(c + 1 * ldc + 0); c1_1 = Vector128.Load(c + 1 * ldc + 4);
            c2_0 = Vector128.Load(c + 2 * ldc + 0); c2_1 = Vector128.Load(c + 2 * ldc + 4);
            c3_0 = Vector128.Load(c + 3 * ldc + 0); c3_1 = Vector128.Load(c + 3 * ldc + 4);
            c4_0 = Vector128.Load(c + 4 * ldc + 0); c4_1 = Vector128.Load(c + 4 * ldc + 4);
            c5_0 = Vector128.Load(c + 5 * ldc + 0); c5_1 = Vector128.Load(c + 5 * ldc + 4);
        }
        else
        {
            c0_0 = Vector128<float>.Zero; c0_1 = Vector128<float>.Zero;
            c1_0 = Vector128<float>.Zero; c1_1 = Vector128<float>.Zero;
            c2_0 = Vector128<float>.Zero; c2_1 = Vector128<float>.Zero;
            c3_0 = Vector128<float>.Zero; c3_1 = Vector128<float>.Zero;
            c4_0 = Vector128<float>.Zero; c4_1 = Vector128<float>.Zero;
            c5_0 = Vector128<float>.Zero; c5_1 = Vector128<float>.Zero;
        }
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector128.Load(b + 0); var b1 = Vector128.Load(b + 4);
            var a0 = Vector128.Create(a[0]); c0_0 = Vector128.FusedMultiplyAdd(a0, b0, c0_0); c0_1 = Vector128.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector128.Create(a[1]); c1_0 = Vector128.FusedMultiplyAdd(a1, b0, c1_0); c1_1 = Vector128.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector128.Create(a[2]); c2_0 = Vector128.FusedMultiplyAdd(a2, b0, c2_0); c2_1 = Vector128.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector128.Create(a[3]); c3_0 = Vector128.FusedMultiplyAdd(a3, b0, c3_0); c3_1 = Vector128.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector128.Create(a[4]); c4_0 = Vector128.FusedMultiplyAdd(a4, b0, c4_0); c4_1 = Vector128.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector128.Create(a[5]); c5_0 = Vector128.FusedMultiplyAdd(a5, b0, c5_0); c5_1 = Vector128.FusedMultiplyAdd(a5, b1, c5_1);
            a += astride; b += bstride;
        }
        c0_0.Store(c + 0 * ldc + 0); c0_1.Store(c + 0 * ldc + 4);
        c1_0.Store(c + 1 * ldc + 0); c1_1.Store(c + 1 * ldc + 4);
        c2_0.Store(c + 2 * ldc + 0); c2_1.Store(c + 2 * ldc + 4);
        c3_0.Store(c + 3 * ldc + 0); c3_1.Store(c + 3 * ldc + 4);
        c4_0.Store(c + 4 * ldc + 0); c4_1.Store(c + 4 * ldc + 4);
        c5_0.Store(c + 5 * ldc + 0); c5_1.Store(c + 5 * ldc + 4);
    }

    /// <summary>As <see cref="Kernel128"/>, but A is read in place: 6 rows of a row-major matrix with stride lda.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Kernel128Direct(int kc, float* a, int lda, float* b, nint bstride, float* c, int ldc, bool load)
    {
        Vector128<float> c0_0; Vector128<float> c0_1;
        Vector128<float> c1_0; Vector128<float> c1_1;
        Vector128<float> c2_0; Vector128<float> c2_1;
        Vector128<float> c3_0; Vector128<float> c3_1;
        Vector128<float> c4_0; Vector128<float> c4_1;
        Vector128<float> c5_0; Vector128<float> c5_1;
        if (load)
        {
            c0_0 = Vector128.Load(c + 0 * ldc + 0); c0_1 = Vector128.Load(c + 0 * ldc + 4);
            c1_0 = Vector128.Load(c + 1 * ldc + 0); c1_1 = Vector128.Load(c + 1 * ldc + 4);
            c2_0 = Vector128.Load(c + 2 * ldc + 0); c2_1 = Vector128.Load(c + 2 * ldc + 4);
            c3_0 = Vector128.Load(c + 3 * ldc + 0); c3_1 = Vector128.Load(c + 3 * ldc + 4);
            c4_0 = Vector128.Load(c + 4 * ldc + 0); c4_1 = Vector128.Load(c + 4 * ldc + 4);
            c5_0 = Vector128.Load(c + 5 * ldc + 0); c5_1 = Vector128.Load(c + 5 * ldc + 4);
        }
        else
        {
            c0_0 = Vector128<float>.Zero; c0_1 = Vector128<float>.Zero;
            c1_0 = Vector128<float>.Zero; c1_1 = Vector128<float>.Zero;
            c2_0 = Vector128<float>.Zero; c2_1 = Vector128<float>.Zero;
            c3_0 = Vector128<float>.Zero; c3_1 = Vector128<float>.Zero;
            c4_0 = Vector128<float>.Zero; c4_1 = Vector128<float>.Zero;
            c5_0 = Vector128<float>.Zero; c5_1 = Vector128<float>.Zero;
        }
        float* r0 = a; float* r1 = a + 3 * (long)lda;
        nint s1 = lda, s2 = 2 * (nint)lda;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector128.Load(b + 0); var b1 = Vector128.Load(b + 4);
            var a0 = Vector128.Create(r0[0]); c0_0 = Vector128.FusedMultiplyAdd(a0, b0, c0_0); c0_1 = Vector128.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector128.Create(r0[s1]); c1_0 = Vector128.FusedMultiplyAdd(a1, b0, c1_0); c1_1 = Vector128.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector128.Create(r0[s2]); c2_0 = Vector128.FusedMultiplyAdd(a2, b0, c2_0); c2_1 = Vector128.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector128.Create(r1[0]); c3_0 = Vector128.FusedMultiplyAdd(a3, b0, c3_0); c3_1 = Vector128.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector128.Create(r1[s1]); c4_0 = Vector128.FusedMultiplyAdd(a4, b0, c4_0); c4_1 = Vector128.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector128.Create(r1[s2]); c5_0 = Vector128.FusedMultiplyAdd(a5, b0, c5_0); c5_1 = Vector128.FusedMultiplyAdd(a5, b1, c5_1);
            r0++; r1++; b += bstride;
        }
        c0_0.Store(c + 0 * ldc + 0); c0_1.Store(c + 0 * ldc + 4);
        c1_0.Store(c + 1 * ldc + 0); c1_1.Store(c + 1 * ldc + 4);
        c2_0.Store(c + 2 * ldc + 0); c2_1.Store(c + 2 * ldc + 4);
        c3_0.Store(c + 3 * ldc + 0); c3_1.Store(c + 3 * ldc + 4);
        c4_0.Store(c + 4 * ldc + 0); c4_1.Store(c + 4 * ldc + 4);
        c5_0.Store(c + 5 * ldc + 0); c5_1.Store(c + 5 * ldc + 4);
    }
}
