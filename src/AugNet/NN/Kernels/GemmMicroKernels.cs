using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AugNet.NN.Kernels;

/// <summary>
/// Register-blocked GEMM micro-kernels over packed panels. Each computes one full MR×NR tile; every element of C is
/// summed in k order (C, then a0·b0, a1·b1, ...) with one fused multiply-add per step, so an element's value does not
/// depend on where its tile lies. The bodies are unrolled by hand with one named local per accumulator register so
/// the JIT keeps the whole tile in registers. The per-width bodies (here and in GemmMicroKernels.Vector128.cs) repeat one
/// another deliberately: a shared generic body would not keep the accumulators in registers.
/// </summary>
internal static unsafe partial class GemmMicroKernels
{
    internal const int MR512 = 8, NR512 = 32, MR256 = 6, NR256 = 16, MRScalar = 4, NRScalar = 4;

    /// <summary>8×32 tile of C (+)= A-panel·B-panel with Vector512; a holds 8 consecutive values per k step, steps astride apart (8 when packed, lda for a transposed A read in place); b holds 32 consecutive values per k step, steps bstride apart (32 when packed, ldb for a B read in place).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Kernel512(int kc, float* a, nint astride, float* b, nint bstride, float* c, int ldc, bool load)
    {
        Vector512<float> c0_0; Vector512<float> c0_1;
        Vector512<float> c1_0; Vector512<float> c1_1;
        Vector512<float> c2_0; Vector512<float> c2_1;
        Vector512<float> c3_0; Vector512<float> c3_1;
        Vector512<float> c4_0; Vector512<float> c4_1;
        Vector512<float> c5_0; Vector512<float> c5_1;
        Vector512<float> c6_0; Vector512<float> c6_1;
        Vector512<float> c7_0; Vector512<float> c7_1;
        if (load)
        {
            c0_0 = Vector512.Load(c + 0 * ldc + 0); c0_1 = Vector512.Load(c + 0 * ldc + 16);
            c1_0 = Vector512.Load(c + 1 * ldc + 0); c1_1 = Vector512.Load(c + 1 * ldc + 16);
            c2_0 = Vector512.Load(c + 2 * ldc + 0); c2_1 = Vector512.Load(c + 2 * ldc + 16);
            c3_0 = Vector512.Load(c + 3 * ldc + 0); c3_1 = Vector512.Load(c + 3 * ldc + 16);
            c4_0 = Vector512.Load(c + 4 * ldc + 0); c4_1 = Vector512.Load(c + 4 * ldc + 16);
            c5_0 = Vector512.Load(c + 5 * ldc + 0); c5_1 = Vector512.Load(c + 5 * ldc + 16);
            c6_0 = Vector512.Load(c + 6 * ldc + 0); c6_1 = Vector512.Load(c + 6 * ldc + 16);
            c7_0 = Vector512.Load(c + 7 * ldc + 0); c7_1 = Vector512.Load(c + 7 * ldc + 16);
        }
        else
        {
            c0_0 = Vector512<float>.Zero; c0_1 = Vector512<float>.Zero;
            c1_0 = Vector512<float>.Zero; c1_1 = Vector512<float>.Zero;
            c2_0 = Vector512<float>.Zero; c2_1 = Vector512<float>.Zero;
            c3_0 = Vector512<float>.Zero; c3_1 = Vector512<float>.Zero;
            c4_0 = Vector512<float>.Zero; c4_1 = Vector512<float>.Zero;
            c5_0 = Vector512<float>.Zero; c5_1 = Vector512<float>.Zero;
            c6_0 = Vector512<float>.Zero; c6_1 = Vector512<float>.Zero;
            c7_0 = Vector512<float>.Zero; c7_1 = Vector512<float>.Zero;
        }
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b + 0); var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]); c0_0 = Vector512.FusedMultiplyAdd(a0, b0, c0_0); c0_1 = Vector512.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector512.Create(a[1]); c1_0 = Vector512.FusedMultiplyAdd(a1, b0, c1_0); c1_1 = Vector512.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector512.Create(a[2]); c2_0 = Vector512.FusedMultiplyAdd(a2, b0, c2_0); c2_1 = Vector512.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector512.Create(a[3]); c3_0 = Vector512.FusedMultiplyAdd(a3, b0, c3_0); c3_1 = Vector512.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector512.Create(a[4]); c4_0 = Vector512.FusedMultiplyAdd(a4, b0, c4_0); c4_1 = Vector512.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector512.Create(a[5]); c5_0 = Vector512.FusedMultiplyAdd(a5, b0, c5_0); c5_1 = Vector512.FusedMultiplyAdd(a5, b1, c5_1);
            var a6 = Vector512.Create(a[6]); c6_0 = Vector512.FusedMultiplyAdd(a6, b0, c6_0); c6_1 = Vector512.FusedMultiplyAdd(a6, b1, c6_1);
            var a7 = Vector512.Create(a[7]); c7_0 = Vector512.FusedMultiplyAdd(a7, b0, c7_0); c7_1 = Vector512.FusedMultiplyAdd(a7, b1, c7_1);
            a += astride; b += bstride;
        }
        c0_0.Store(c + 0 * ldc + 0); c0_1.Store(c + 0 * ldc + 16);
        c1_0.Store(c + 1 * ldc + 0); c1_1.Store(c + 1 * ldc + 16);
        c2_0.Store(c + 2 * ldc + 0); c2_1.Store(c + 2 * ldc + 16);
        c3_0.Store(c + 3 * ldc + 0); c3_1.Store(c + 3 * ldc + 16);
        c4_0.Store(c + 4 * ldc + 0); c4_1.Store(c + 4 * ldc + 16);
        c5_0.Store(c + 5 * ldc + 0); c5_1.Store(c + 5 * ldc + 16);
        c6_0.Store(c + 6 * ldc + 0); c6_1.Store(c + 6 * ldc + 16);
        c7_0.Store(c + 7 * ldc + 0); c7_1.Store(c + 7 * ldc + 16);
    }

    /// <summary>6×16 tile of C (+)= A-panel·B-panel with Vector256; a holds 6 consecutive values per k step, steps astride apart (6 when packed, lda for a transposed A read in place); b holds 16 consecutive values per k step, steps bstride apart (16 when packed, ldb for a B read in place).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Kernel256(int kc, float* a, nint astride, float* b, nint bstride, float* c, int ldc, bool load)
    {
        Vector256<float> c0_0; Vector256<float> c0_1;
        Vector256<float> c1_0; Vector256<float> c1_1;
        Vector256<float> c2_0; Vector256<float> c2_1;
        Vector256<float> c3_0; Vector256<float> c3_1;
        Vector256<float> c4_0; Vector256<float> c4_1;
        Vector256<float> c5_0; Vector256<float> c5_1;
        if (load)
        {
            c0_0 = Vector256.Load(c + 0 * ldc + 0); c0_1 = Vector256.Load(c + 0 * ldc + 8);
            c1_0 = Vector256.Load(c + 1 * ldc + 0); c1_1 = Vector256.Load(c + 1 * ldc + 8);
            c2_0 = Vector256.Load(c + 2 * ldc + 0); c2_1 = Vector256.Load(c + 2 * ldc + 8);
            c3_0 = Vector256.Load(c + 3 * ldc + 0); c3_1 = Vector256.Load(c + 3 * ldc + 8);
            c4_0 = Vector256.Load(c + 4 * ldc + 0); c4_1 = Vector256.Load(c + 4 * ldc + 8);
            c5_0 = Vector256.Load(c + 5 * ldc + 0); c5_1 = Vector256.Load(c + 5 * ldc + 8);
        }
        else
        {
            c0_0 = Vector256<float>.Zero; c0_1 = Vector256<float>.Zero;
            c1_0 = Vector256<float>.Zero; c1_1 = Vector256<float>.Zero;
            c2_0 = Vector256<float>.Zero; c2_1 = Vector256<float>.Zero;
            c3_0 = Vector256<float>.Zero; c3_1 = Vector256<float>.Zero;
            c4_0 = Vector256<float>.Zero; c4_1 = Vector256<float>.Zero;
            c5_0 = Vector256<float>.Zero; c5_1 = Vector256<float>.Zero;
        }
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b + 0); var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]); c0_0 = Vector256.FusedMultiplyAdd(a0, b0, c0_0); c0_1 = Vector256.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector256.Create(a[1]); c1_0 = Vector256.FusedMultiplyAdd(a1, b0, c1_0); c1_1 = Vector256.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector256.Create(a[2]); c2_0 = Vector256.FusedMultiplyAdd(a2, b0, c2_0); c2_1 = Vector256.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector256.Create(a[3]); c3_0 = Vector256.FusedMultiplyAdd(a3, b0, c3_0); c3_1 = Vector256.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector256.Create(a[4]); c4_0 = Vector256.FusedMultiplyAdd(a4, b0, c4_0); c4_1 = Vector256.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector256.Create(a[5]); c5_0 = Vector256.FusedMultiplyAdd(a5, b0, c5_0); c5_1 = Vector256.FusedMultiplyAdd(a5, b1, c5_1);
            a += astride; b += bstride;
        }
        c0_0.Store(c + 0 * ldc + 0); c0_1.Store(c + 0 * ldc + 8);
        c1_0.Store(c + 1 * ldc + 0); c1_1.Store(c + 1 * ldc + 8);
        c2_0.Store(c + 2 * ldc + 0); c2_1.Store(c + 2 * ldc + 8);
        c3_0.Store(c + 3 * ldc + 0); c3_1.Store(c + 3 * ldc + 8);
        c4_0.Store(c + 4 * ldc + 0); c4_1.Store(c + 4 * ldc + 8);
        c5_0.Store(c + 5 * ldc + 0); c5_1.Store(c + 5 * ldc + 8);
    }

    /// <summary>As <see cref="Kernel512"/>, but A is read in place: 8 rows of a row-major matrix with stride lda.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Kernel512Direct(int kc, float* a, int lda, float* b, nint bstride, float* c, int ldc, bool load)
    {
        Vector512<float> c0_0; Vector512<float> c0_1;
        Vector512<float> c1_0; Vector512<float> c1_1;
        Vector512<float> c2_0; Vector512<float> c2_1;
        Vector512<float> c3_0; Vector512<float> c3_1;
        Vector512<float> c4_0; Vector512<float> c4_1;
        Vector512<float> c5_0; Vector512<float> c5_1;
        Vector512<float> c6_0; Vector512<float> c6_1;
        Vector512<float> c7_0; Vector512<float> c7_1;
        if (load)
        {
            c0_0 = Vector512.Load(c + 0 * ldc + 0); c0_1 = Vector512.Load(c + 0 * ldc + 16);
            c1_0 = Vector512.Load(c + 1 * ldc + 0); c1_1 = Vector512.Load(c + 1 * ldc + 16);
            c2_0 = Vector512.Load(c + 2 * ldc + 0); c2_1 = Vector512.Load(c + 2 * ldc + 16);
            c3_0 = Vector512.Load(c + 3 * ldc + 0); c3_1 = Vector512.Load(c + 3 * ldc + 16);
            c4_0 = Vector512.Load(c + 4 * ldc + 0); c4_1 = Vector512.Load(c + 4 * ldc + 16);
            c5_0 = Vector512.Load(c + 5 * ldc + 0); c5_1 = Vector512.Load(c + 5 * ldc + 16);
            c6_0 = Vector512.Load(c + 6 * ldc + 0); c6_1 = Vector512.Load(c + 6 * ldc + 16);
            c7_0 = Vector512.Load(c + 7 * ldc + 0); c7_1 = Vector512.Load(c + 7 * ldc + 16);
        }
        else
        {
            c0_0 = Vector512<float>.Zero; c0_1 = Vector512<float>.Zero;
            c1_0 = Vector512<float>.Zero; c1_1 = Vector512<float>.Zero;
            c2_0 = Vector512<float>.Zero; c2_1 = Vector512<float>.Zero;
            c3_0 = Vector512<float>.Zero; c3_1 = Vector512<float>.Zero;
            c4_0 = Vector512<float>.Zero; c4_1 = Vector512<float>.Zero;
            c5_0 = Vector512<float>.Zero; c5_1 = Vector512<float>.Zero;
            c6_0 = Vector512<float>.Zero; c6_1 = Vector512<float>.Zero;
            c7_0 = Vector512<float>.Zero; c7_1 = Vector512<float>.Zero;
        }
        float* r0 = a; float* r1 = a + 4 * (long)lda;
        nint s1 = lda, s2 = 2 * (nint)lda, s3 = 3 * (nint)lda;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b + 0); var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(r0[0]); c0_0 = Vector512.FusedMultiplyAdd(a0, b0, c0_0); c0_1 = Vector512.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector512.Create(r0[s1]); c1_0 = Vector512.FusedMultiplyAdd(a1, b0, c1_0); c1_1 = Vector512.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector512.Create(r0[s2]); c2_0 = Vector512.FusedMultiplyAdd(a2, b0, c2_0); c2_1 = Vector512.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector512.Create(r0[s3]); c3_0 = Vector512.FusedMultiplyAdd(a3, b0, c3_0); c3_1 = Vector512.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector512.Create(r1[0]); c4_0 = Vector512.FusedMultiplyAdd(a4, b0, c4_0); c4_1 = Vector512.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector512.Create(r1[s1]); c5_0 = Vector512.FusedMultiplyAdd(a5, b0, c5_0); c5_1 = Vector512.FusedMultiplyAdd(a5, b1, c5_1);
            var a6 = Vector512.Create(r1[s2]); c6_0 = Vector512.FusedMultiplyAdd(a6, b0, c6_0); c6_1 = Vector512.FusedMultiplyAdd(a6, b1, c6_1);
            var a7 = Vector512.Create(r1[s3]); c7_0 = Vector512.FusedMultiplyAdd(a7, b0, c7_0); c7_1 = Vector512.FusedMultiplyAdd(a7, b1, c7_1);
            r0++; r1++; b += bstride;
        }
        c0_0.Store(c + 0 * ldc + 0); c0_1.Store(c + 0 * ldc + 16);
        c1_0.Store(c + 1 * ldc + 0); c1_1.Store(c + 1 * ldc + 16);
        c2_0.Store(c + 2 * ldc + 0); c2_1.Store(c + 2 * ldc + 16);
        c3_0.Store(c + 3 * ldc + 0); c3_1.Store(c + 3 * ldc + 16);
        c4_0.Store(c + 4 * ldc + 0); c4_1.Store(c + 4 * ldc + 16);
        c5_0.Store(c + 5 * ldc + 0); c5_1.Store(c + 5 * ldc + 16);
        c6_0.Store(c + 6 * ldc + 0); c6_1.Store(c + 6 * ldc + 16);
        c7_0.Store(c + 7 * ldc + 0); c7_1.Store(c + 7 * ldc + 16);
    }

    /// <summary>As <see cref="Kernel256"/>, but A is read in place: 6 rows of a row-major matrix with stride lda.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Kernel256Direct(int kc, float* a, int lda, float* b, nint bstride, float* c, int ldc, bool load)
    {
        Vector256<float> c0_0; Vector256<float> c0_1;
        Vector256<float> c1_0; Vector256<float> c1_1;
        Vector256<float> c2_0; Vector256<float> c2_1;
        Vector256<float> c3_0; Vector256<float> c3_1;
        Vector256<float> c4_0; Vector256<float> c4_1;
        Vector256<float> c5_0; Vector256<float> c5_1;
        if (load)
        {
            c0_0 = Vector256.Load(c + 0 * ldc + 0); c0_1 = Vector256.Load(c + 0 * ldc + 8);
            c1_0 = Vector256.Load(c + 1 * ldc + 0); c1_1 = Vector256.Load(c + 1 * ldc + 8);
            c2_0 = Vector256.Load(c + 2 * ldc + 0); c2_1 = Vector256.Load(c + 2 * ldc + 8);
            c3_0 = Vector256.Load(c + 3 * ldc + 0); c3_1 = Vector256.Load(c + 3 * ldc + 8);
            c4_0 = Vector256.Load(c + 4 * ldc + 0); c4_1 = Vector256.Load(c + 4 * ldc + 8);
            c5_0 = Vector256.Load(c + 5 * ldc + 0); c5_1 = Vector256.Load(c + 5 * ldc + 8);
        }
        else
        {
            c0_0 = Vector256<float>.Zero; c0_1 = Vector256<float>.Zero;
            c1_0 = Vector256<float>.Zero; c1_1 = Vector256<float>.Zero;
            c2_0 = Vector256<float>.Zero; c2_1 = Vector256<float>.Zero;
            c3_0 = Vector256<float>.Zero; c3_1 = Vector256<float>.Zero;
            c4_0 = Vector256<float>.Zero; c4_1 = Vector256<float>.Zero;
            c5_0 = Vector256<float>.Zero; c5_1 = Vector256<float>.Zero;
        }
        float* r0 = a; float* r1 = a + 3 * (long)lda;
        nint s1 = lda, s2 = 2 * (nint)lda, s3 = 3 * (nint)lda;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b + 0); var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(r0[0]); c0_0 = Vector256.FusedMultiplyAdd(a0, b0, c0_0); c0_1 = Vector256.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector256.Create(r0[s1]); c1_0 = Vector256.FusedMultiplyAdd(a1, b0, c1_0); c1_1 = Vector256.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector256.Create(r0[s2]); c2_0 = Vector256.FusedMultiplyAdd(a2, b0, c2_0); c2_1 = Vector256.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector256.Create(r1[0]); c3_0 = Vector256.FusedMultiplyAdd(a3, b0, c3_0); c3_1 = Vector256.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector256.Create(r1[s1]); c4_0 = Vector256.FusedMultiplyAdd(a4, b0, c4_0); c4_1 = Vector256.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector256.Create(r1[s2]); c5_0 = Vector256.FusedMultiplyAdd(a5, b0, c5_0); c5_1 = Vector256.FusedMultiplyAdd(a5, b1, c5_1);
            r0++; r1++; b += bstride;
        }
        c0_0.Store(c + 0 * ldc + 0); c0_1.Store(c + 0 * ldc + 8);
        c1_0.Store(c + 1 * ldc + 0); c1_1.Store(c + 1 * ldc + 8);
        c2_0.Store(c + 2 * ldc + 0); c2_1.Store(c + 2 * ldc + 8);
        c3_0.Store(c + 3 * ldc + 0); c3_1.Store(c + 3 * ldc + 8);
        c4_0.Store(c + 4 * ldc + 0); c4_1.Store(c + 4 * ldc + 8);
        c5_0.Store(c + 5 * ldc + 0); c5_1.Store(c + 5 * ldc + 8);
    }

    /// <summary>As <see cref="KernelScalar"/>, but A is read in place: 4 rows of a row-major matrix with stride lda.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void KernelScalarDirect(int kc, float* a, int lda, float* b, nint bstride, float* c, int ldc, bool load)
    {
        float* acc = stackalloc float[MRScalar * NRScalar];
        for (int i = 0; i < MRScalar; i++)
            for (int j = 0; j < NRScalar; j++)
                acc[i * NRScalar + j] = load ? c[i * ldc + j] : 0f;
        for (int p = 0; p < kc; p++)
        {
            for (int i = 0; i < MRScalar; i++)
            {
                float av = a[(long)i * lda + p];
                for (int j = 0; j < NRScalar; j++)
                    acc[i * NRScalar + j] = MathF.FusedMultiplyAdd(av, b[j], acc[i * NRScalar + j]);
            }
            b += bstride;
        }
        for (int i = 0; i < MRScalar; i++)
            for (int j = 0; j < NRScalar; j++)
                c[i * ldc + j] = acc[i * NRScalar + j];
    }

    /// <summary>4×4 tile with scalar multiply-adds (the portable fallback).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void KernelScalar(int kc, float* a, nint astride, float* b, nint bstride, float* c, int ldc, bool load)
    {
        float* acc = stackalloc float[MRScalar * NRScalar];
        for (int i = 0; i < MRScalar; i++)
            for (int j = 0; j < NRScalar; j++)
                acc[i * NRScalar + j] = load ? c[i * ldc + j] : 0f;
        for (int p = 0; p < kc; p++)
        {
            for (int i = 0; i < MRScalar; i++)
            {
                float av = a[i];
                for (int j = 0; j < NRScalar; j++)
                    acc[i * NRScalar + j] = MathF.FusedMultiplyAdd(av, b[j], acc[i * NRScalar + j]);
            }
            a += astride; b += bstride;
        }
        for (int i = 0; i < MRScalar; i++)
            for (int j = 0; j < NRScalar; j++)
                c[i * ldc + j] = acc[i * NRScalar + j];
    }
}
