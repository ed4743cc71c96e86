using System.Runtime.CompilerServices;

namespace AugNet.NN.Kernels;

/// <summary>
/// Copies blocks of A and B into the micro-panel layouts the GEMM micro-kernels read: A as panels of MR rows stored
/// [k][MR], B as panels of NR columns stored [k][NR], zero-padded past the matrix edge.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs op(A)[i0..i0+mc, p0..p0+kc] into <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackA(bool transA, float* a, int lda, int i0, int mc, int p0, int kc, int MR, float* dst)
    {
        for (int ir = 0; ir < mc; ir += MR)
        {
            int mr = Math.Min(MR, mc - ir);
            float* panel = dst + (long)ir * kc;
            if (transA)
            {
                // A stored k×m: the MR values of one k step are contiguous.
                float* src = a + (long)p0 * lda + i0 + ir;
                for (int p = 0; p < kc; p++, src += lda)
                {
                    float* d = panel + p * MR;
                    int r = 0;
                    for (; r < mr; r++) d[r] = src[r];
                    for (; r < MR; r++) d[r] = 0f;
                }
            }
            else
            {
                for (int r = 0; r < MR; r++)
                {
                    float* d = panel + r;
                    if (r < mr)
                    {
                        float* src = a + (long)(i0 + ir + r) * lda + p0;
                        for (int p = 0; p < kc; p++) d[p * MR] = src[p];
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++) d[p * MR] = 0f;
                    }
                }
            }
        }
    }

    /// <summary>Packs op(B)[p0..p0+kc, j0..j0+nc] into <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackB(bool transB, float* b, int ldb, int p0, int kc, int j0, int nc, int NR, float* dst)
    {
        for (int jr = 0; jr < nc; jr += NR)
        {
            int nr = Math.Min(NR, nc - jr);
            float* panel = dst + (long)jr * kc;
            if (!transB)
            {
                // B stored k×n: the NR values of one k step are contiguous.
                float* src = b + (long)p0 * ldb + j0 + jr;
                for (int p = 0; p < kc; p++, src += ldb)
                {
                    var d = new Span<float>(panel + p * NR, NR);
                    new ReadOnlySpan<float>(src, nr).CopyTo(d);
                    if (nr < NR) d[nr..].Clear();
                }
            }
            else
            {
                for (int col = 0; col < NR; col++)
                {
                    float* d = panel + col;
                    if (col < nr)
                    {
                        float* src = b + (long)(j0 + jr + col) * ldb + p0;
                        for (int p = 0; p < kc; p++) d[p * NR] = src[p];
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++) d[p * NR] = 0f;
                    }
                }
            }
        }
    }
}
