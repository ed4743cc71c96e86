namespace AugNet.NN.Kernels;

/// <summary>
/// Single-precision matrix multiply, row-major: C = op(A)·op(B), or C += op(A)·op(B) when
/// <c>accumulate</c> is set. op(A) is m×k, op(B) is k×n, C is m×n; lda/ldb/ldc are row strides of the
/// matrices as stored (before any transpose).
/// </summary>
public static class Gemm
{
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate = false)
        => Reference(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);

    /// <summary>The scalar reference that the fast paths are tested against (double accumulation).</summary>
    public static void Reference(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate = false)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * ldc + j] : 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += (double)av * bv;
                }
                c[i * ldc + j] = (float)sum;
            }
    }
}
