using System.Buffers;
using System.Numerics.Tensors;

namespace AugNet.NN.Kernels;

/// <summary>
/// Convolution forward and backward in NHWC with a (KH, KW, Cin, Cout) kernel, without bias or activation.
/// x: input (N, H, W, Cin); w: kernel; y/dy: output or its gradient (N, OH, OW, Cout).
/// </summary>
/// <remarks>
/// Fast paths: im2col of a block of output pixels of one image into a per-thread buffer, then a single-threaded
/// packed GEMM against the kernel viewed as a (KH·KW·Cin)×Cout matrix. Work items are (image, pixel block) for the
/// forward pass, images for the data gradient (col2im adds overlapping fields), and a fixed number of image groups
/// (min(N, 8)) for the filter gradient, whose partial sums are added in group order. None of these partitions
/// depends on the thread count, so results are bit-identical for every <see cref="KernelSettings.MaxDegreeOfParallelism"/>.
/// </remarks>
public static unsafe class Conv2DKernels
{
    /// <summary>Image groups of the filter gradient: fixed, so the reduction order never depends on the thread count.</summary>
    const int FilterGroups = 8;

    /// <summary>Benchmark switch: im2col straight into the packed GEMM layout (true) or into rows, then pack.</summary>
    internal static bool PackedGather = true;

    /// <summary>y = conv(x, w); y is overwritten.</summary>
    public static void Forward(in Conv2DGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
        => Forward(g, x, w, default, Activation.Linear, y);

    /// <summary>
    /// y = act(conv(x, w) + bias); y is overwritten. The bias and activation are applied to each block of output
    /// pixels right after its GEMM while it is still in cache. An empty <paramref name="bias"/> means no bias.
    /// </summary>
    public static void Forward(in Conv2DGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Activation activation, Span<float> y)
    {
        Check(g, x.Length, "x", g.InputSize); Check(g, w.Length, "w", g.KernelSize); Check(g, y.Length, "y", g.OutputSize);
        if (!bias.IsEmpty && bias.Length != g.Cout) throw new ArgumentException($"Conv2D: bias has {bias.Length} elements, expected {g.Cout}.");
        if (g.N == 0) return;
        var geo = g;
        var path = KernelSettings.CurrentPath;
        int threads = KernelSettings.CurrentThreads;
        int K = g.KH * g.KW * g.Cin, pixels = g.OH * g.OW;
        int block = PixelBlock(K), blocks = (pixels + block - 1) / block;
        int MR = Gemm.BlockingFor(path).MR;
        float[] packedW = ArrayPool<float>.Shared.Rent((int)Gemm.PackedBSize(path, K, g.Cout) + 16);
        try
        {
        fixed (float* px = x, pw = w, pb = bias, py = y, ppw = packedW)
        {
            float* xp = px, wp = pw, bp = bias.IsEmpty ? null : pb, yp = py, wPacked = ppw;
            Gemm.PackFullB(path, false, K, g.Cout, wp, g.Cout, wPacked);
            void Item(int item)
            {
                int n = item / blocks, q0 = item % blocks * block, q1 = Math.Min(pixels, q0 + block);
                float* cols = ScratchBuffer.Get(ScratchBuffer.Columns, Gemm.PackedASize(path, block, K));
                float* yBlock = yp + ((long)n * pixels + q0) * geo.Cout;
                if (PackedGather)
                {
                    float* rows = ScratchBuffer.Get(ScratchBuffer.PackA, (long)MR * K);
                    Im2Col.GatherPacked(geo, xp + (long)n * geo.H * geo.W * geo.Cin, q0, q1, MR, rows, cols);
                    Gemm.MultiplyCore(path, 1, false, false, q1 - q0, geo.Cout, K, null, K, null, geo.Cout, yBlock, geo.Cout, false, cols, wPacked);
                }
                else
                {
                    Im2Col.Gather(geo, xp + (long)n * geo.H * geo.W * geo.Cin, q0, q1, cols);
                    Gemm.MultiplyCore(path, 1, false, false, q1 - q0, geo.Cout, K, cols, K, null, geo.Cout, yBlock, geo.Cout, false, null, wPacked);
                }
                if (bp != null || activation != Activation.Linear)
                    BiasActivation.ForwardRange(new Span<float>(yBlock, (q1 - q0) * geo.Cout), bp == null ? default : new ReadOnlySpan<float>(bp, geo.Cout), geo.Cout, activation);
            }
            Run(g.N * blocks, threads, Item);
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
        var path = KernelSettings.CurrentPath;
        int threads = KernelSettings.CurrentThreads;
        int K = g.KH * g.KW * g.Cin, pixels = g.OH * g.OW, imageSize = g.H * g.W * g.Cin;
        int block = PixelBlock(K);
        // With fewer images than threads, parallelise inside the GEMM instead (same results either way).
        int gemmThreads = g.N >= threads ? 1 : threads;
        float[] packedWt = ArrayPool<float>.Shared.Rent((int)Gemm.PackedBSize(path, g.Cout, K) + 16);
        try
        {
        fixed (float* pdy = dy, pw = w, pdx = dx, ppw = packedWt)
        {
            float* dyp = pdy, wp = pw, dxp = pdx, wtPacked = ppw;
            Gemm.PackFullB(path, true, g.Cout, K, wp, g.Cout, wtPacked);
            void Item(int n)
            {
                float* cols = ScratchBuffer.Get(ScratchBuffer.Columns, (long)block * K);
                float* dxImage = dxp + (long)n * imageSize;
                new Span<float>(dxImage, imageSize).Clear();
                for (int q0 = 0; q0 < pixels; q0 += block)
                {
                    int q1 = Math.Min(pixels, q0 + block);
                    Gemm.MultiplyCore(path, gemmThreads, false, true, q1 - q0, K, geo.Cout, dyp + ((long)n * pixels + q0) * geo.Cout, geo.Cout, wp, geo.Cout, cols, K, false, null, wtPacked);
                    Im2Col.ScatterAdd(geo, cols, q0, q1, dxImage);
                }
            }
            Run(g.N, gemmThreads == 1 ? threads : 1, Item);
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
        var path = KernelSettings.CurrentPath;
        int threads = KernelSettings.CurrentThreads;
        int K = g.KH * g.KW * g.Cin, pixels = g.OH * g.OW, imageSize = g.H * g.W * g.Cin, kernelSize = g.KernelSize;
        int block = PixelBlock(K);
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
                    float* cols = ScratchBuffer.Get(ScratchBuffer.Columns, (long)block * K);
                    bool first = true;
                    for (int n = n0; n < n1; n++)
                        for (int q0 = 0; q0 < pixels; q0 += block)
                        {
                            int q1 = Math.Min(pixels, q0 + block);
                            Im2Col.Gather(geo, xp + (long)n * imageSize, q0, q1, cols);
                            Gemm.MultiplyCore(path, gemmThreads, true, false, K, geo.Cout, q1 - q0, cols, K, dyp + ((long)n * pixels + q0) * geo.Cout, geo.Cout, acc, geo.Cout, !first);
                            first = false;
                        }
                }
                Run(groups, gemmThreads == 1 ? threads : 1, Item);
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

    static void Run(int items, int threads, Action<int> item)
    {
        if (threads <= 1 || items <= 1) for (int i = 0; i < items; i++) item(i);
        else Parallel.For(0, items, Gemm.Options(threads), item);
    }

    static void Check(in Conv2DGeometry g, int length, string name, int expected)
    {
        if (length != expected)
            throw new ArgumentException($"Conv2D {g.N}×{g.H}×{g.W}×{g.Cin} -> {g.OH}×{g.OW}×{g.Cout} (kernel {g.KH}×{g.KW}): {name} has {length} elements, expected {expected}.");
    }

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
