using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AugNet.NN.Kernels;

/// <summary>
/// 2-D max pooling in NHWC, vectorised over channels. The window geometry is a <see cref="Conv2DGeometry"/> with
/// KH×KW = pool size, Cin = Cout = channels (Keras/TensorFlow 'valid'/'same' rules are the same as convolution's).
/// Semantics match the usual scalar loop exactly: within a window the first valid tap (row-major) is taken, then a
/// tap replaces it only when strictly greater, so the gradient goes to the first maximum and the output is
/// bit-identical to that loop (including its NaN behaviour).
/// </summary>
internal static unsafe class Pool2DKernels
{
    /// <summary>
    /// y = max over each window; argmax (when not empty) receives the flat index into x of the chosen tap, for
    /// <see cref="MaxBackward"/>. Pass an empty argmax for inference.
    /// </summary>
    public static void MaxForward(in Conv2DGeometry g, ReadOnlySpan<float> x, Span<float> y, Span<int> argmax)
    {
        CheckChannels(g);
        Check(g, x.Length, "x", g.InputSize); Check(g, y.Length, "y", g.OutputSize);
        if (!argmax.IsEmpty) Check(g, argmax.Length, "argmax", g.OutputSize);
        if (g.N == 0) return;
        var geo = g;
        int rows = g.N * g.OH;
        fixed (float* px = x, py = y)
        fixed (int* pa = argmax)
        {
            float* xp = px, yp = py;
            int* ap = argmax.IsEmpty ? null : pa;
            KernelParallel.ForWork(rows, geo.OW * geo.Cout * geo.KH * geo.KW, row => MaxRow(geo, xp, yp, ap, row));
        }
    }

    /// <summary>
    /// dx = 0, then dx[argmax[o]] += dy[o] in output order (per image, so results never depend on threads).
    /// <paramref name="argmax"/> must come from <see cref="MaxForward"/> with the same geometry.
    /// </summary>
    /// <remarks>
    /// When windows do not overlap (strides ≥ pool size, Keras's default) every input element lies in at most one
    /// window, so each dx element is written once — 0 + dy where it is its window's argmax, +0 elsewhere — instead of
    /// clearing dx and scattering into it: one pass over dx instead of two, bit-identical (0 + dy turns −0 into +0
    /// as the scatter's addition does).
    /// </remarks>
    public static void MaxBackward(in Conv2DGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, Span<float> dx)
    {
        CheckChannels(g);
        Check(g, dy.Length, "dy", g.OutputSize); Check(g, argmax.Length, "argmax", g.OutputSize); Check(g, dx.Length, "dx", g.InputSize);
        if (g.N == 0) return;
        if (g.StrideH >= g.KH && g.StrideW >= g.KW && !ForceScatterBackward)
        {
            var geo = g;
            fixed (float* pdy = dy, pdx = dx)
            fixed (int* pa = argmax)
            {
                float* dyp = pdy, dxp = pdx;
                int* ap = pa;
                KernelParallel.ForWork(g.N * g.OH, (long)g.W * g.Cin * g.StrideH, row => MaxBackwardRow(geo, dyp, ap, dxp, row));
            }
            return;
        }
        int perIn = g.H * g.W * g.Cin, perOut = g.OH * g.OW * g.Cout;
        fixed (float* pdy = dy, pdx = dx)
        fixed (int* pa = argmax)
        {
            float* dyp = pdy, dxp = pdx;
            int* ap = pa;
            int total = g.InputSize;
            KernelParallel.ForWork(g.N, perOut, n =>
            {
                float* d = dxp + (long)n * perIn;
                new Span<float>(d, perIn).Clear();
                long lo = (long)n * perIn, hi = lo + perIn;
                for (long o = (long)n * perOut, end = o + perOut; o < end; o++)
                {
                    int i = ap[o];
                    if (i < lo || i >= hi) throw new ArgumentException($"MaxPool backward: argmax[{o}] = {i} is outside image {n}.");
                    dxp[i] += dyp[o];
                }
            });
        }
    }

    /// <summary>Test switch for calls from the current thread: the clear-and-scatter backward even for non-overlapping windows.</summary>
    [ThreadStatic] internal static bool ForceScatterBackward;

    /// <summary>
    /// Non-overlapping windows: writes the dx rows of image n that output row oh owns — its window rows and the gap
    /// rows after them (up to the next window, or the image's end for the last output row).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void MaxBackwardRow(in Conv2DGeometry g, float* dy, int* arg, float* dx, int row)
    {
        int c = g.Cin, n = row / g.OH, oh = row - n * g.OH;
        int top = oh * g.StrideH - g.PadTop;
        int ih0 = Math.Max(0, top), ih1 = oh == g.OH - 1 ? g.H : Math.Min(g.H, top + g.StrideH);
        long rowLength = (long)g.W * c;
        for (int ih = ih0; ih < ih1; ih++)
        {
            float* dxRow = dx + ((long)n * g.H + ih) * rowLength;
            if (ih - top >= g.KH) { new Span<float>(dxRow, (int)rowLength).Clear(); continue; }
            for (int ow = 0; ow < g.OW; ow++)
            {
                int left = ow * g.StrideW - g.PadLeft;
                int iw0 = Math.Max(0, left), iw1 = ow == g.OW - 1 ? g.W : Math.Min(g.W, left + g.StrideW);
                long o = ((long)row * g.OW + ow) * c;
                for (int iw = iw0; iw < iw1; iw++)
                {
                    float* d = dxRow + (long)iw * c;
                    if (iw - left >= g.KW) { new Span<float>(d, c).Clear(); continue; }
                    int index = (int)(((long)n * g.H + ih) * rowLength + (long)iw * c);
                    int ch = 0;
                    if (Vector512.IsHardwareAccelerated)
                        for (; ch + 16 <= c; ch += 16)
                        {
                            var hit = Vector512.Equals(Vector512.Load(arg + o + ch), Vector512.Create(index + ch) + Vector512<int>.Indices);
                            (Vector512<float>.Zero + (Vector512.Load(dy + o + ch) & hit.AsSingle())).Store(d + ch);
                        }
                    else if (Vector256.IsHardwareAccelerated)
                        for (; ch + 8 <= c; ch += 8)
                        {
                            var hit = Vector256.Equals(Vector256.Load(arg + o + ch), Vector256.Create(index + ch) + Vector256<int>.Indices);
                            (Vector256<float>.Zero + (Vector256.Load(dy + o + ch) & hit.AsSingle())).Store(d + ch);
                        }
                    for (; ch < c; ch++) d[ch] = arg[o + ch] == index + ch ? 0f + dy[o + ch] : 0f;
                }
            }
        }
    }

    /// <summary>The scalar loop the fast path reproduces exactly (tests compare against it).</summary>
    public static void ReferenceMaxForward(in Conv2DGeometry g, ReadOnlySpan<float> x, Span<float> y, Span<int> argmax)
    {
        int c = g.Cin;
        for (int n = 0; n < g.N; n++)
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                {
                    int o = ((n * g.OH + oh) * g.OW + ow) * c;
                    for (int ch = 0; ch < c; ch++) { y[o + ch] = float.NegativeInfinity; argmax[o + ch] = -1; }
                    for (int kh = 0; kh < g.KH; kh++)
                    {
                        int ih = oh * g.StrideH + kh - g.PadTop;
                        if ((uint)ih >= (uint)g.H) continue;
                        for (int kw = 0; kw < g.KW; kw++)
                        {
                            int iw = ow * g.StrideW + kw - g.PadLeft;
                            if ((uint)iw >= (uint)g.W) continue;
                            int i = ((n * g.H + ih) * g.W + iw) * c;
                            for (int ch = 0; ch < c; ch++)
                                if (x[i + ch] > y[o + ch] || argmax[o + ch] < 0) { y[o + ch] = x[i + ch]; argmax[o + ch] = i + ch; }
                        }
                    }
                }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void MaxRow(in Conv2DGeometry g, float* x, float* y, int* arg, int row)
    {
        int c = g.Cin, n = row / g.OH, oh = row - n * g.OH;
        int ih0 = oh * g.StrideH - g.PadTop;
        int kh0 = Math.Max(0, -ih0), kh1 = Math.Min(g.KH, g.H - ih0);
        for (int ow = 0; ow < g.OW; ow++)
        {
            int iw0 = ow * g.StrideW - g.PadLeft;
            int kw0 = Math.Max(0, -iw0), kw1 = Math.Min(g.KW, g.W - iw0);
            long o = ((long)row * g.OW + ow) * c;
            if (kh0 >= kh1 || kw0 >= kw1)
            {
                // An all-padding window (impossible with Keras geometry): nothing to take, as in the scalar loop.
                new Span<float>(y + o, c).Fill(float.NegativeInfinity);
                if (arg != null) new Span<int>(arg + o, c).Fill(-1);
                continue;
            }
            long firstTap = (((long)n * g.H + ih0 + kh0) * g.W + iw0 + kw0) * c;
            int ch = 0;
            if (Vector512.IsHardwareAccelerated)
                for (; ch + 16 <= c; ch += 16)
                {
                    var best = Vector512.Load(x + firstTap + ch);
                    var bestIndex = Vector512.Create((int)(firstTap + ch)) + Vector512<int>.Indices;
                    for (int kh = kh0; kh < kh1; kh++)
                        for (int kw = kw0; kw < kw1; kw++)
                        {
                            if (kh == kh0 && kw == kw0) continue;
                            long i = (((long)n * g.H + ih0 + kh) * g.W + iw0 + kw) * c + ch;
                            var v = Vector512.Load(x + i);
                            var greater = Vector512.GreaterThan(v, best);
                            best = Vector512.ConditionalSelect(greater, v, best);
                            bestIndex = Vector512.ConditionalSelect(greater.AsInt32(), Vector512.Create((int)i) + Vector512<int>.Indices, bestIndex);
                        }
                    best.Store(y + o + ch);
                    if (arg != null) bestIndex.Store(arg + o + ch);
                }
            else if (Vector256.IsHardwareAccelerated)
                for (; ch + 8 <= c; ch += 8)
                {
                    var best = Vector256.Load(x + firstTap + ch);
                    var bestIndex = Vector256.Create((int)(firstTap + ch)) + Vector256<int>.Indices;
                    for (int kh = kh0; kh < kh1; kh++)
                        for (int kw = kw0; kw < kw1; kw++)
                        {
                            if (kh == kh0 && kw == kw0) continue;
                            long i = (((long)n * g.H + ih0 + kh) * g.W + iw0 + kw) * c + ch;
                            var v = Vector256.Load(x + i);
                            var greater = Vector256.GreaterThan(v, best);
                            best = Vector256.ConditionalSelect(greater, v, best);
                            bestIndex = Vector256.ConditionalSelect(greater.AsInt32(), Vector256.Create((int)i) + Vector256<int>.Indices, bestIndex);
                        }
                    best.Store(y + o + ch);
                    if (arg != null) bestIndex.Store(arg + o + ch);
                }
            for (; ch < c; ch++)
            {
                float best = x[firstTap + ch];
                int bestIndex = (int)(firstTap + ch);
                for (int kh = kh0; kh < kh1; kh++)
                    for (int kw = kw0; kw < kw1; kw++)
                    {
                        long i = (((long)n * g.H + ih0 + kh) * g.W + iw0 + kw) * c + ch;
                        if (x[i] > best) { best = x[i]; bestIndex = (int)i; }
                    }
                y[o + ch] = best;
                if (arg != null) arg[o + ch] = bestIndex;
            }
        }
    }

    static void CheckChannels(in Conv2DGeometry g)
    {
        if (g.Cin != g.Cout) throw new ArgumentException($"Pooling geometry must have Cin = Cout (channels), got {g.Cin} and {g.Cout}.");
    }

    static void Check(in Conv2DGeometry g, int length, string name, int expected)
    {
        if (length != expected)
            throw new ArgumentException($"MaxPool {g.N}×{g.H}×{g.W}×{g.Cin} -> {g.OH}×{g.OW} (pool {g.KH}×{g.KW}): {name} has {length} elements, expected {expected}.");
    }
}
