using System.Runtime.CompilerServices;

namespace AugNet.NN.Kernels;

/// <summary>
/// Unfolds convolution receptive fields into rows (im2col) and folds row gradients back (col2im). Row q of a column
/// block holds output pixel q's receptive field in kernel order (kh, kw, ci), so a block times the kernel viewed as a
/// (KH·KW·Cin)×Cout matrix is the convolution; out-of-image taps are zero.
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>Writes rows for output pixels [q0, q1) of one image (<paramref name="x"/> points at that image).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Gather(in Conv2DGeometry g, float* x, int q0, int q1, float* cols)
    {
        int K = g.KH * g.KW * g.Cin, run = g.KW * g.Cin;
        for (int q = q0; q < q1; q++)
        {
            int oh = q / g.OW, ow = q - oh * g.OW;
            int ih0 = oh * g.StrideH - g.PadTop, iw0 = ow * g.StrideW - g.PadLeft;
            float* row = cols + (long)(q - q0) * K;
            bool wInside = iw0 >= 0 && iw0 + g.KW <= g.W;
            for (int kh = 0; kh < g.KH; kh++)
            {
                int ih = ih0 + kh;
                float* dst = row + kh * run;
                if ((uint)ih >= (uint)g.H)
                {
                    new Span<float>(dst, run).Clear();
                }
                else if (wInside)
                {
                    Copy(x + ((long)ih * g.W + iw0) * g.Cin, dst, run);
                }
                else
                {
                    for (int kw = 0; kw < g.KW; kw++)
                    {
                        int iw = iw0 + kw;
                        if ((uint)iw >= (uint)g.W) new Span<float>(dst + kw * g.Cin, g.Cin).Clear();
                        else Copy(x + ((long)ih * g.W + iw) * g.Cin, dst + kw * g.Cin, g.Cin);
                    }
                }
            }
        }
    }

    /// <summary>Adds rows for output pixels [q0, q1) back onto one image's gradient <paramref name="dx"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ScatterAdd(in Conv2DGeometry g, float* cols, int q0, int q1, float* dx)
    {
        int K = g.KH * g.KW * g.Cin, run = g.KW * g.Cin;
        for (int q = q0; q < q1; q++)
        {
            int oh = q / g.OW, ow = q - oh * g.OW;
            int ih0 = oh * g.StrideH - g.PadTop, iw0 = ow * g.StrideW - g.PadLeft;
            float* row = cols + (long)(q - q0) * K;
            bool wInside = iw0 >= 0 && iw0 + g.KW <= g.W;
            for (int kh = 0; kh < g.KH; kh++)
            {
                int ih = ih0 + kh;
                if ((uint)ih >= (uint)g.H) continue;
                float* src = row + kh * run;
                if (wInside)
                {
                    Add(src, dx + ((long)ih * g.W + iw0) * g.Cin, run);
                }
                else
                {
                    for (int kw = 0; kw < g.KW; kw++)
                    {
                        int iw = iw0 + kw;
                        if ((uint)iw < (uint)g.W) Add(src + kw * g.Cin, dx + ((long)ih * g.W + iw) * g.Cin, g.Cin);
                    }
                }
            }
        }
    }

    static void Copy(float* src, float* dst, int count)
    {
        if (count <= 4) { for (int i = 0; i < count; i++) dst[i] = src[i]; }
        else new ReadOnlySpan<float>(src, count).CopyTo(new Span<float>(dst, count));
    }

    static void Add(float* src, float* dst, int count)
    {
        if (count <= 8) { for (int i = 0; i < count; i++) dst[i] += src[i]; }
        else
        {
            var d = new Span<float>(dst, count);
            System.Numerics.Tensors.TensorPrimitives.Add(d, new ReadOnlySpan<float>(src, count), d);
        }
    }

    /// <summary>
    /// Writes rows for output pixels [q0, q1) straight into the GEMM's packed-A layout (panels of MR rows stored
    /// [k][MR], rows past q1 zero), which saves the separate packing pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void GatherPacked(in Conv2DGeometry g, float* x, int q0, int q1, int MR, float* rows, float* packed)
    {
        int K = g.KH * g.KW * g.Cin;
        for (int p0 = q0; p0 < q1; p0 += MR)
        {
            int count = Math.Min(MR, q1 - p0);
            Gather(g, x, p0, p0 + count, rows);
            if (count < MR) new Span<float>(rows + (long)count * K, (MR - count) * K).Clear();
            float* panel = packed + (long)(p0 - q0) * K;
            for (int t = 0; t < K; t++)
            {
                float* d = panel + (long)t * MR;
                float* s = rows + t;
                for (int r = 0; r < MR; r++) d[r] = s[(long)r * K];
            }
        }
    }
}
