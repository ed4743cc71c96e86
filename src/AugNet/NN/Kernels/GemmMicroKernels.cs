using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AugNet.NN.Kernels;

/// <summary>
/// Register-blocked GEMM micro-kernels over packed panels. Each computes one full MR×NR tile; every element of C is
/// summed in k order (C, then a0·b0, a1·b1, ...) with one fused multiply-add per step, so an element's value does not
/// depend on where its tile lies. Generated code: keep the accumulators in named locals so the JIT keeps them in
/// registers.
/// </summary>
internal static unsafe class GemmMicroKernels
{
    internal const int MR512 = 8, NR512 = 32, MR256 = 6, NR256 = 16, MRScalar = 4, NRScalar = 4;

    /// <summary>8×32 tile of C (+)= A-panel·B-panel with Vector512; a is packed [kc][8], b is packed [kc][32].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Kernel512(int kc, float* a, float* b, float* c, int ldc, bool load)
    {
        Vector512<float> c00; Vector512<float> c01;
        Vector512<float> c10; Vector512<float> c11;
        Vector512<float> c20; Vector512<float> c21;
        Vector512<float> c30; Vector512<float> c31;
        Vector512<float> c40; Vector512<float> c41;
        Vector512<float> c50; Vector512<float> c51;
        Vector512<float> c60; Vector512<float> c61;
        Vector512<float> c70; Vector512<float> c71;
        if (load)
        {
            c00 = Vector512.Load(c + 0 * ldc + 0); c01 = Vector512.Load(c + 0 * ldc + 16);
            c10 = Vector512.Load(c + 1 * ldc + 0); c11 = Vector512.Load(c + 1 * ldc + 16);
            c20 = Vector512.Load(c + 2 * ldc + 0); c21 = Vector512.Load(c + 2 * ldc + 16);
            c30 = Vector512.Load(c + 3 * ldc + 0); c31 = Vector512.Load(c + 3 * ldc + 16);
            c40 = Vector512.Load(c + 4 * ldc + 0); c41 = Vector512.Load(c + 4 * ldc + 16);
            c50 = Vector512.Load(c + 5 * ldc + 0); c51 = Vector512.Load(c + 5 * ldc + 16);
            c60 = Vector512.Load(c + 6 * ldc + 0); c61 = Vector512.Load(c + 6 * ldc + 16);
            c70 = Vector512.Load(c + 7 * ldc + 0); c71 = Vector512.Load(c + 7 * ldc + 16);
        }
        else
        {
            c00 = Vector512<float>.Zero; c01 = Vector512<float>.Zero;
            c10 = Vector512<float>.Zero; c11 = Vector512<float>.Zero;
            c20 = Vector512<float>.Zero; c21 = Vector512<float>.Zero;
            c30 = Vector512<float>.Zero; c31 = Vector512<float>.Zero;
            c40 = Vector512<float>.Zero; c41 = Vector512<float>.Zero;
            c50 = Vector512<float>.Zero; c51 = Vector512<float>.Zero;
            c60 = Vector512<float>.Zero; c61 = Vector512<float>.Zero;
            c70 = Vector512<float>.Zero; c71 = Vector512<float>.Zero;
        }
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b + 0); var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]); c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]); c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]); c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]); c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]); c40 = Vector512.FusedMultiplyAdd(a4, b0, c40); c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]); c50 = Vector512.FusedMultiplyAdd(a5, b0, c50); c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]); c60 = Vector512.FusedMultiplyAdd(a6, b0, c60); c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]); c70 = Vector512.FusedMultiplyAdd(a7, b0, c70); c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            a += 8; b += 32;
        }
        c00.Store(c + 0 * ldc + 0); c01.Store(c + 0 * ldc + 16);
        c10.Store(c + 1 * ldc + 0); c11.Store(c + 1 * ldc + 16);
        c20.Store(c + 2 * ldc + 0); c21.Store(c + 2 * ldc + 16);
        c30.Store(c + 3 * ldc + 0); c31.Store(c + 3 * ldc + 16);
        c40.Store(c + 4 * ldc + 0); c41.Store(c + 4 * ldc + 16);
        c50.Store(c + 5 * ldc + 0); c51.Store(c + 5 * ldc + 16);
        c60.Store(c + 6 * ldc + 0); c61.Store(c + 6 * ldc + 16);
        c70.Store(c + 7 * ldc + 0); c71.Store(c + 7 * ldc + 16);
    }

    /// <summary>6×16 tile of C (+)= A-panel·B-panel with Vector256; a is packed [kc][6], b is packed [kc][16].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Kernel256(int kc, float* a, float* b, float* c, int ldc, bool load)
    {
        Vector256<float> c00; Vector256<float> c01;
        Vector256<float> c10; Vector256<float> c11;
        Vector256<float> c20; Vector256<float> c21;
        Vector256<float> c30; Vector256<float> c31;
        Vector256<float> c40; Vector256<float> c41;
        Vector256<float> c50; Vector256<float> c51;
        if (load)
        {
            c00 = Vector256.Load(c + 0 * ldc + 0); c01 = Vector256.Load(c + 0 * ldc + 8);
            c10 = Vector256.Load(c + 1 * ldc + 0); c11 = Vector256.Load(c + 1 * ldc + 8);
            c20 = Vector256.Load(c + 2 * ldc + 0); c21 = Vector256.Load(c + 2 * ldc + 8);
            c30 = Vector256.Load(c + 3 * ldc + 0); c31 = Vector256.Load(c + 3 * ldc + 8);
            c40 = Vector256.Load(c + 4 * ldc + 0); c41 = Vector256.Load(c + 4 * ldc + 8);
            c50 = Vector256.Load(c + 5 * ldc + 0); c51 = Vector256.Load(c + 5 * ldc + 8);
        }
        else
        {
            c00 = Vector256<float>.Zero; c01 = Vector256<float>.Zero;
            c10 = Vector256<float>.Zero; c11 = Vector256<float>.Zero;
            c20 = Vector256<float>.Zero; c21 = Vector256<float>.Zero;
            c30 = Vector256<float>.Zero; c31 = Vector256<float>.Zero;
            c40 = Vector256<float>.Zero; c41 = Vector256<float>.Zero;
            c50 = Vector256<float>.Zero; c51 = Vector256<float>.Zero;
        }
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b + 0); var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]); c00 = Vector256.FusedMultiplyAdd(a0, b0, c00); c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]); c10 = Vector256.FusedMultiplyAdd(a1, b0, c10); c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]); c20 = Vector256.FusedMultiplyAdd(a2, b0, c20); c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]); c30 = Vector256.FusedMultiplyAdd(a3, b0, c30); c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]); c40 = Vector256.FusedMultiplyAdd(a4, b0, c40); c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]); c50 = Vector256.FusedMultiplyAdd(a5, b0, c50); c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            a += 6; b += 16;
        }
        c00.Store(c + 0 * ldc + 0); c01.Store(c + 0 * ldc + 8);
        c10.Store(c + 1 * ldc + 0); c11.Store(c + 1 * ldc + 8);
        c20.Store(c + 2 * ldc + 0); c21.Store(c + 2 * ldc + 8);
        c30.Store(c + 3 * ldc + 0); c31.Store(c + 3 * ldc + 8);
        c40.Store(c + 4 * ldc + 0); c41.Store(c + 4 * ldc + 8);
        c50.Store(c + 5 * ldc + 0); c51.Store(c + 5 * ldc + 8);
    }

    /// <summary>4×4 tile with scalar multiply-adds (the portable fallback).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void KernelScalar(int kc, float* a, float* b, float* c, int ldc, bool load)
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
            a += MRScalar; b += NRScalar;
        }
        for (int i = 0; i < MRScalar; i++)
            for (int j = 0; j < NRScalar; j++)
                c[i * ldc + j] = acc[i * NRScalar + j];
    }
}
