namespace AugNet.NN.Kernels;

/// <summary>
/// Convolution forward and backward in NHWC with a (KH, KW, Cin, Cout) kernel, without bias or activation.
/// x: input (N, H, W, Cin); w: kernel; y/dy: output or its gradient (N, OH, OW, Cout).
/// </summary>
public static class Conv2DKernels
{
    /// <summary>y = conv(x, w); y is overwritten.</summary>
    public static void Forward(in Conv2DGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
        => ReferenceForward(g, x, w, y);

    /// <summary>dx = conv_transpose(dy, w); dx is overwritten.</summary>
    public static void BackwardData(in Conv2DGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<float> w, Span<float> dx)
        => ReferenceBackwardData(g, dy, w, dx);

    /// <summary>dw = gradient of the kernel; dw is overwritten.</summary>
    public static void BackwardFilter(in Conv2DGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw)
        => ReferenceBackwardFilter(g, x, dy, dw);

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
