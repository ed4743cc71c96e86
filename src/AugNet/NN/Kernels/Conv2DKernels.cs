using System.Buffers;
using System.Numerics.Tensors;

namespace AugNet.NN.Kernels;

/// <summary>
/// Convolution forward and backward in NHWC with a (KH, KW, Cin, Cout) kernel.
/// x: input (N, H, W, Cin); w: kernel; y/dy: output or its gradient (N, OH, OW, Cout).
/// </summary>
/// <remarks>
/// Fast paths are im2col + GEMM over blocks of output pixels of the flattened (N, OH, OW) grid (blocks may span
/// images, which keeps small layers efficient; a block's columns, ~512 KiB, stay in L2). The forward pass gathers a
/// block into row-major columns that the GEMM micro-kernel reads in place, against the kernel packed once per call,
/// and applies bias + activation to the block while it is hot. The data gradient computes dy·Wᵀ per block (Wᵀ packed
/// once per call) and adds the rows back (col2im) for whole groups of images per work item. The filter gradient sums
/// colsᵀ·dy over a fixed number of image groups (min(N, 8)) whose partial sums are added in group order. No
/// partition depends on the thread count, so results are bit-identical for every
/// <see cref="KernelSettings.MaxDegreeOfParallelism"/>. Scratch buffers are per thread and reused.
/// Measured alternative (kept behind a test switch): im2col straight into packed micro-panels was 15–50% slower.
/// </remarks>
internal static unsafe class Conv2DKernels
{
    /// <summary>Image groups of the filter gradient: fixed, so the reduction order never depends on the thread count.</summary>
    const int FilterGroups = 8;

    /// <summary>Test/benchmark switch for calls from the current thread: im2col into packed panels (forward and filter gradient) instead of rows read in place.</summary>
    [ThreadStatic] internal static bool ForcePackedForward;

    // ForcePackedForward also drives the filter gradient's packed variant; see Im2Col.GatherPackedTransposed.

    /// <summary>y = conv(x, w); y is overwritten.</summary>
    public static void Forward(in Conv2DGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
        => Forward(g, x, w, default, ActivationFunction.Linear, y);

    /// <summary>
    /// y = act(conv(x, w) + bias); y is overwritten. The bias and activation are applied to each block of output
    /// pixels right after its GEMM, while it is still in cache. An empty <paramref name="bias"/> means no bias.
    /// </summary>
    public static void Forward(in Conv2DGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, ActivationFunction activation, Span<float> y)
    {
        Check(g, x.Length, "x", g.InputSize); Check(g, w.Length, "w", g.KernelSize); Check(g, y.Length, "y", g.OutputSize);
        if (!bias.IsEmpty && bias.Length != g.Cout) throw new ArgumentException($"Conv2D: bias has {bias.Length} elements, expected {g.Cout}.");
        BiasActivation.CheckElementwise(activation);
        if (g.N == 0) return;
        var geo = g;
        var path = SimdPaths.Current;
        int threads = g.Macs < Gemm.SerialWork ? 1 : KernelSettings.CurrentThreads;
        int K = g.KH * g.KW * g.Cin, cout = g.Cout, MR = Gemm.BlockingFor(path).MR;
        long rows = (long)g.N * g.OH * g.OW;
        int block = PixelBlock(K);
        int blocks = (int)((rows + block - 1) / block);
        bool direct = !ForcePackedForward;
        float[] packedW = ArrayPool<float>.Shared.Rent((int)Gemm.PackedBSize(path, K, cout));
        try
        {
            fixed (float* px = x, pw = w, pb = bias, py = y, ppw = packedW)
            {
                float* xp = px, bp = bias.IsEmpty ? null : pb, yp = py, wPacked = ppw;
                Gemm.PackFullB(path, false, K, cout, pw, cout, wPacked);
                void Item(int item)
                {
                    long r0 = (long)item * block, r1 = Math.Min(rows, r0 + block);
                    int m = (int)(r1 - r0);
                    float* yBlock = yp + r0 * cout;
                    float* cols = ScratchBuffer.Get(ScratchBuffer.Columns, Gemm.PackedASize(path, block, K) + Im2Col.Slack);
                    if (direct)
                    {
                        // Row-major columns, zero rows up to a whole micro-panel; the micro-kernel reads them in place.
                        Im2Col.Gather(geo, xp, r0, r1, cols);
                        int padded = (m + MR - 1) / MR * MR;
                        new Span<float>(cols + (long)m * K, (padded - m) * K).Clear();
                        Gemm.MultiplyCore(path, 1, false, false, m, cout, K, cols, K, null, cout, yBlock, cout, false, null, wPacked, directA: true);
                    }
                    else
                    {
                        float* scratch = ScratchBuffer.Get(ScratchBuffer.PackA, (long)MR * K + Im2Col.Slack);
                        Im2Col.GatherPacked(geo, xp, r0, r1, MR, scratch, cols);
                        Gemm.MultiplyCore(path, 1, false, false, m, cout, K, null, K, null, cout, yBlock, cout, false, cols, wPacked);
                    }
                    if (bp != null || activation != ActivationFunction.Linear)
                        BiasActivation.ForwardRange(new Span<float>(yBlock, m * cout), bp == null ? default : new ReadOnlySpan<float>(bp, cout), cout, activation);
                }
                KernelParallel.For(blocks, threads, Item);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packedW);
        }
    }

    /// <summary>dx = conv_transpose(dy, w); dx is overwritten.</summary>
    public static void BackwardData(in Conv2DGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<float> w, Span<float> dx)
    {
        Check(g, dy.Length, "dy", g.OutputSize); Check(g, w.Length, "w", g.KernelSize); Check(g, dx.Length, "dx", g.InputSize);
        if (g.N == 0) return;
        var geo = g;
        var path = SimdPaths.Current;
        int threads = g.Macs < Gemm.SerialWork ? 1 : KernelSettings.CurrentThreads;
        int K = g.KH * g.KW * g.Cin, cout = g.Cout, pixels = g.OH * g.OW;
        long imageSize = (long)g.H * g.W * g.Cin;
        int block = PixelBlock(K);
        // Work items own whole images (col2im adds overlapping fields): about one block of rows each.
        int imagesPerItem = Math.Max(1, block / pixels);
        int items = (g.N + imagesPerItem - 1) / imagesPerItem;
        // With fewer items than threads, parallelise inside the GEMM instead (same results either way).
        int gemmThreads = items >= threads ? 1 : threads;
        float[] packedWt = ArrayPool<float>.Shared.Rent((int)Gemm.PackedBSize(path, cout, K));
        try
        {
            fixed (float* pdy = dy, pw = w, pdx = dx, ppw = packedWt)
            {
                float* dyp = pdy, dxp = pdx, wtPacked = ppw;
                Gemm.PackFullB(path, true, cout, K, pw, cout, wtPacked);
                void Item(int item)
                {
                    int n0 = item * imagesPerItem, n1 = Math.Min(geo.N, n0 + imagesPerItem);
                    new Span<float>(dxp + n0 * imageSize, (int)((n1 - n0) * imageSize)).Clear();
                    float* cols = ScratchBuffer.Get(ScratchBuffer.Columns, (long)block * K);
                    long end = (long)n1 * pixels;
                    for (long r0 = (long)n0 * pixels; r0 < end; r0 += block)
                    {
                        long r1 = Math.Min(end, r0 + block);
                        Gemm.MultiplyCore(path, gemmThreads, false, true, (int)(r1 - r0), K, cout, dyp + r0 * cout, cout, null, cout, cols, K, false, null, wtPacked);
                        Im2Col.ScatterAdd(geo, cols, r0, r1, dxp);
                    }
                }
                KernelParallel.For(items, gemmThreads == 1 ? threads : 1, Item);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packedWt);
        }
    }

    /// <summary>dw = gradient of the kernel; dw is overwritten.</summary>
    public static void BackwardFilter(in Conv2DGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw)
    {
        Check(g, x.Length, "x", g.InputSize); Check(g, dy.Length, "dy", g.OutputSize); Check(g, dw.Length, "dw", g.KernelSize);
        if (g.N == 0) { dw.Clear(); return; }
        var geo = g;
        var path = SimdPaths.Current;
        int threads = g.Macs < Gemm.SerialWork ? 1 : KernelSettings.CurrentThreads;
        int K = g.KH * g.KW * g.Cin, cout = g.Cout, pixels = g.OH * g.OW, kernelSize = g.KernelSize;
        int MR = Gemm.BlockingFor(path).MR;
        int block = FilterPixelBlock(K);
        bool packedFilter = ForcePackedForward;
        int groups = Math.Min(g.N, FilterGroups);
        int gemmThreads = groups >= threads ? 1 : Math.Max(1, threads / groups);
        float[]? rented = groups > 1 ? ArrayPool<float>.Shared.Rent(groups * kernelSize) : null;
        try
        {
            fixed (float* px = x, pdy = dy, pdw = dw, ppart = rented)
            {
                float* xp = px, dyp = pdy, dwp = pdw, partials = ppart;
                void Item(int group)
                {
                    int n0 = (int)((long)group * geo.N / groups), n1 = (int)((long)(group + 1) * geo.N / groups);
                    float* acc = groups == 1 ? dwp : partials + (long)group * kernelSize;
                    float* cols = ScratchBuffer.Get(ScratchBuffer.Columns, Gemm.PackedASize(path, K, block) + Im2Col.Slack);
                    long end = (long)n1 * pixels;
                    for (long r0 = (long)n0 * pixels; r0 < end; r0 += block)
                    {
                        long r1 = Math.Min(end, r0 + block);
                        bool accumulate = r0 != (long)n0 * pixels;
                        if (packedFilter)
                        {
                            float* row = ScratchBuffer.Get(ScratchBuffer.PackA, K + Im2Col.Slack);
                            Im2Col.GatherPackedTransposed(geo, xp, r0, r1, MR, row, cols);
                            Gemm.MultiplyCore(path, gemmThreads, true, false, K, cout, (int)(r1 - r0), null, K, dyp + r0 * cout, cout, acc, cout, accumulate, cols, null);
                        }
                        else
                        {
                            // Row-major columns; the GEMM reads colsᵀ in place (MR taps of one pixel are contiguous), the
                            // last partial panel of taps too: it runs into the next row or the buffer's slack.
                            Im2Col.Gather(geo, xp, r0, r1, cols);
                            Gemm.MultiplyCore(path, gemmThreads, true, false, K, cout, (int)(r1 - r0), cols, K, dyp + r0 * cout, cout, acc, cout, accumulate, null, null, directA: true);
                        }
                    }
                }
                KernelParallel.For(groups, gemmThreads == 1 ? threads : 1, Item);
                if (groups > 1)
                {
                    var total = new Span<float>(dwp, kernelSize);
                    new ReadOnlySpan<float>(partials, kernelSize).CopyTo(total);
                    for (int t = 1; t < groups; t++)
                        TensorPrimitives.Add(total, new ReadOnlySpan<float>(partials + (long)t * kernelSize, kernelSize), total);
                }
            }
        }
        finally
        {
            if (rented != null) ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Output pixels per im2col block: about 512 KiB of columns, at least 128 and at most 2048 rows.</summary>
    internal static int PixelBlock(int k) => Math.Clamp(131072 / k / 32 * 32, 128, 2048);

    /// <summary>Pixels per filter-gradient block (the GEMM depth): longer, so the K×Cout result is re-read less often.</summary>
    internal static int FilterPixelBlock(int k) => Math.Clamp(262144 / k / 32 * 32, 256, 4096);

    static void Check(in Conv2DGeometry g, int length, string name, int expected)
    {
        if (length != expected)
            throw new ArgumentException($"Conv2D {g.N}×{g.H}×{g.W}×{g.Cin} -> {g.OH}×{g.OW}×{g.Cout} (kernel {g.KH}×{g.KW}): {name} has {length} elements, expected {expected}.");
    }

    // The three references below are plain double-precision loops over every window, written apart from the fast
    // kernels and from the pooling reference on purpose: they share no window iterator with the code they check, so a
    // bug in shared code cannot hide in both (duplicates lists them as same-shape pairs; that is deliberate).
    public static void ReferenceForward(in Conv2DGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
    {
        for (int n = 0; n < g.N; n++)
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                    for (int co = 0; co < g.Cout; co++)
                    {
                        double sum = 0;
                        for (int kh = 0; kh < g.KH; kh++)
                        {
                            int ih = oh * g.StrideH + kh - g.PadTop;
                            if ((uint)ih >= (uint)g.H) continue;
                            for (int kw = 0; kw < g.KW; kw++)
                            {
                                int iw = ow * g.StrideW + kw - g.PadLeft;
                                if ((uint)iw >= (uint)g.W) continue;
                                for (int ci = 0; ci < g.Cin; ci++)
                                    sum += (double)x[((n * g.H + ih) * g.W + iw) * g.Cin + ci] * w[((kh * g.KW + kw) * g.Cin + ci) * g.Cout + co];
                            }
                        }
                        y[((n * g.OH + oh) * g.OW + ow) * g.Cout + co] = (float)sum;
                    }
    }

    public static void ReferenceBackwardData(in Conv2DGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<float> w, Span<float> dx)
    {
        var acc = new double[g.InputSize];
        for (int n = 0; n < g.N; n++)
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                    for (int kh = 0; kh < g.KH; kh++)
                    {
                        int ih = oh * g.StrideH + kh - g.PadTop;
                        if ((uint)ih >= (uint)g.H) continue;
                        for (int kw = 0; kw < g.KW; kw++)
                        {
                            int iw = ow * g.StrideW + kw - g.PadLeft;
                            if ((uint)iw >= (uint)g.W) continue;
                            for (int ci = 0; ci < g.Cin; ci++)
                                for (int co = 0; co < g.Cout; co++)
                                    acc[((n * g.H + ih) * g.W + iw) * g.Cin + ci] += (double)dy[((n * g.OH + oh) * g.OW + ow) * g.Cout + co] * w[((kh * g.KW + kw) * g.Cin + ci) * g.Cout + co];
                        }
                    }
        for (int i = 0; i < acc.Length; i++) dx[i] = (float)acc[i];
    }

    public static void ReferenceBackwardFilter(in Conv2DGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw)
    {
        var acc = new double[g.KernelSize];
        for (int n = 0; n < g.N; n++)
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                    for (int kh = 0; kh < g.KH; kh++)
                    {
                        int ih = oh * g.StrideH + kh - g.PadTop;
                        if ((uint)ih >= (uint)g.H) continue;
                        for (int kw = 0; kw < g.KW; kw++)
                        {
                            int iw = ow * g.StrideW + kw - g.PadLeft;
                            if ((uint)iw >= (uint)g.W) continue;
                            for (int ci = 0; ci < g.Cin; ci++)
                                for (int co = 0; co < g.Cout; co++)
                                    acc[((kh * g.KW + kw) * g.Cin + ci) * g.Cout + co] += (double)x[((n * g.H + ih) * g.W + iw) * g.Cin + ci] * dy[((n * g.OH + oh) * g.OW + ow) * g.Cout + co];
                        }
                    }
        for (int i = 0; i < acc.Length; i++) dw[i] = (float)acc[i];
    }
}
