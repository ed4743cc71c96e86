using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AugNet.NN.Kernels;

/// <summary>
/// Unfolds convolution receptive fields into rows (im2col) and folds row gradients back (col2im). Row r of the
/// batch is output pixel r of the flattened (N, OH, OW) grid; it holds that pixel's receptive field in kernel order
/// (kh, kw, ci), so rows times the kernel viewed as a (KH·KW·Cin)×Cout matrix is the convolution. Out-of-image taps
/// are zero. Row ranges may span several images.
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>Writes rows [r0, r1) of the batch <paramref name="x"/> into <paramref name="cols"/> ((r1−r0)×K, row-major).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Gather(in Conv2DGeometry g, float* x, long r0, long r1, float* cols)
    {
        int K = g.KH * g.KW * g.Cin;
        float* xEnd = x + g.InputSize;
        for (long r = r0; r < r1; r++)
            GatherRow(g, x, xEnd, r, cols + (r - r0) * K);
    }

    /// <summary>
    /// Floats of slack a column buffer needs past its last row: narrow kernel rows (KW·Cin ≤ 16, e.g. the RGB first
    /// layer) are copied with one 16-float vector whose tail the next copy overwrites.
    /// </summary>
    internal const int Slack = 16;

    /// <summary>
    /// Writes rows [r0, r1) straight into the GEMM's packed-A layout for cols·W (panels of MR rows stored [k][MR],
    /// rows past r1 zero), which saves a separate packing pass. <paramref name="rows"/> is MR×K scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void GatherPacked(in Conv2DGeometry g, float* x, long r0, long r1, int MR, float* rows, float* packed)
    {
        int K = g.KH * g.KW * g.Cin;
        for (long p0 = r0; p0 < r1; p0 += MR)
        {
            int count = (int)Math.Min(MR, r1 - p0);
            Gather(g, x, p0, p0 + count, rows);
            if (count < MR) new Span<float>(rows + (long)count * K, (MR - count) * K).Clear();
            float* panel = packed + (p0 - r0) * K;
            for (int t = 0; t < K; t++)
            {
                float* d = panel + (long)t * MR;
                float* s = rows + t;
                for (int r = 0; r < MR; r++) d[r] = s[(long)r * K];
            }
        }
    }

    /// <summary>
    /// Writes rows [r0, r1) straight into the GEMM's packed-A layout for colsᵀ·dy: panels of MR kernel taps over
    /// depth r1−r0, stored [row][MR] (taps past K zero). <paramref name="row"/> is K-float scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void GatherPackedTransposed(in Conv2DGeometry g, float* x, long r0, long r1, int MR, float* row, float* packed)
    {
        int K = g.KH * g.KW * g.Cin;
        long depth = r1 - r0;
        float* xEnd = x + g.InputSize;
        for (long r = r0; r < r1; r++)
        {
            GatherRow(g, x, xEnd, r, row);
            float* d = packed + (r - r0) * MR;
            int t0 = 0;
            if (MR == 8)
                for (; t0 + 8 <= K; t0 += 8, d += 8 * depth) Vector256.Store(Vector256.Load(row + t0), d);
            for (; t0 + MR <= K; t0 += MR, d += MR * depth)
                for (int i = 0; i < MR; i++) d[i] = row[t0 + i];
            if (t0 < K)
            {
                int rest = K - t0;
                new ReadOnlySpan<float>(row + t0, rest).CopyTo(new Span<float>(d, rest));
                new Span<float>(d + rest, MR - rest).Clear();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void GatherRow(in Conv2DGeometry g, float* x, float* xEnd, long r, float* row)
    {
        int pixels = g.OH * g.OW;
        long n = r / pixels;
        int q = (int)(r - n * pixels);
        float* image = x + n * g.H * g.W * g.Cin;
        int run = g.KW * g.Cin;
        int oh = q / g.OW, ow = q - oh * g.OW;
        int ih0 = oh * g.StrideH - g.PadTop, iw0 = ow * g.StrideW - g.PadLeft;
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
                float* src = image + ((long)ih * g.W + iw0) * g.Cin;
                if (run <= 16 && Vector512.IsHardwareAccelerated && src + 16 <= xEnd) Vector512.Store(Vector512.Load(src), dst);
                else Copy(src, dst, run);
            }
            else
            {
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int iw = iw0 + kw;
                    if ((uint)iw >= (uint)g.W) new Span<float>(dst + kw * g.Cin, g.Cin).Clear();
                    else Copy(image + ((long)ih * g.W + iw) * g.Cin, dst + kw * g.Cin, g.Cin);
                }
            }
        }
    }

    /// <summary>Adds rows [r0, r1) of <paramref name="cols"/> back onto the batch gradient <paramref name="dx"/>, in row order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ScatterAdd(in Conv2DGeometry g, float* cols, long r0, long r1, float* dx)
    {
        int K = g.KH * g.KW * g.Cin, run = g.KW * g.Cin, pixels = g.OH * g.OW;
        for (long r = r0; r < r1; r++)
        {
            long n = r / pixels;
            int q = (int)(r - n * pixels);
            float* image = dx + n * g.H * g.W * g.Cin;
            int oh = q / g.OW, ow = q - oh * g.OW;
            int ih0 = oh * g.StrideH - g.PadTop, iw0 = ow * g.StrideW - g.PadLeft;
            float* row = cols + (r - r0) * K;
            bool wInside = iw0 >= 0 && iw0 + g.KW <= g.W;
            for (int kh = 0; kh < g.KH; kh++)
            {
                int ih = ih0 + kh;
                if ((uint)ih >= (uint)g.H) continue;
                float* src = row + kh * run;
                if (wInside)
                {
                    Add(src, image + ((long)ih * g.W + iw0) * g.Cin, run);
                }
                else
                {
                    for (int kw = 0; kw < g.KW; kw++)
                    {
                        int iw = iw0 + kw;
                        if ((uint)iw < (uint)g.W) Add(src + kw * g.Cin, image + ((long)ih * g.W + iw) * g.Cin, g.Cin);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Copy(float* src, float* dst, int count)
    {
        if (count > 64) { new ReadOnlySpan<float>(src, count).CopyTo(new Span<float>(dst, count)); return; }
        int i = 0;
        for (; i + 8 <= count; i += 8) Vector256.Store(Vector256.Load(src + i), dst + i);
        for (; i < count; i++) dst[i] = src[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Add(float* src, float* dst, int count)
    {
        if (count <= 8) { for (int i = 0; i < count; i++) dst[i] += src[i]; }
        else
        {
            var d = new Span<float>(dst, count);
            System.Numerics.Tensors.TensorPrimitives.Add(d, new ReadOnlySpan<float>(src, count), d);
        }
    }
}
