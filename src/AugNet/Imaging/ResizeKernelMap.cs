namespace AugNet.Imaging;

/// <summary>
/// The taps of one resampling pass, computed once per resize as Pillow's <c>precompute_coeffs</c> does: for output
/// index o, scale = (in1 − in0)/outSize, filterscale = max(scale, 1), support = filterSupport·filterscale,
/// centre = in0 + (o + 0.5)·scale, taps [max(0, (int)(centre − support + 0.5)), min(inSize, (int)(centre + support + 0.5))),
/// weights K((t − centre + 0.5)/filterscale) normalised to sum 1, then 22-bit fixed point rounded half away from zero.
/// </summary>
internal sealed class ResizeKernelMap
{
    /// <summary>Fractional bits of the fixed-point weights (Pillow's PRECISION_BITS = 32 − 8 − 2).</summary>
    public const int PrecisionBits = 22;

    /// <summary>Taps stored per output index (the widest window).</summary>
    public int KernelSize { get; }
    /// <summary>Number of output samples.</summary>
    public int OutSize { get; }
    /// <summary>First source index of each output's window.</summary>
    public int[] Start { get; }
    /// <summary>Window length of each output (≤ <see cref="KernelSize"/>).</summary>
    public int[] Count { get; }
    /// <summary>Normalised double weights, <see cref="KernelSize"/> per output (used by mode I).</summary>
    public double[] Weights { get; }
    /// <summary>Fixed-point weights, <see cref="KernelSize"/> per output (used by 8-bit modes).</summary>
    public int[] FixedWeights { get; }

    ResizeKernelMap(int kernelSize, int outSize)
    {
        KernelSize = kernelSize;
        OutSize = outSize;
        Start = new int[outSize];
        Count = new int[outSize];
        Weights = new double[(long)outSize * kernelSize];
        FixedWeights = new int[Weights.Length];
    }

    /// <summary>Builds the map for source range [<paramref name="in0"/>, <paramref name="in1"/>) (single precision, as Pillow's box).</summary>
    public static ResizeKernelMap Create(int inSize, float in0, float in1, int outSize, Interpolation filter)
    {
        double scale = (double)(in1 - in0) / outSize;
        double filterscale = scale < 1.0 ? 1.0 : scale;
        double support = ResampleFilter.Support(filter) * filterscale;
        int ksize = (int)Math.Ceiling(support) * 2 + 1;
        var map = new ResizeKernelMap(ksize, outSize);
        double ss = 1.0 / filterscale;
        for (int o = 0; o < outSize; o++)
        {
            double center = in0 + (o + 0.5) * scale;
            int xmin = (int)(center - support + 0.5);
            if (xmin < 0) xmin = 0;
            int xmax = (int)(center + support + 0.5);
            if (xmax > inSize) xmax = inSize;
            xmax -= xmin;
            Span<double> k = map.Weights.AsSpan(o * ksize, ksize);
            double ww = 0.0;
            for (int x = 0; x < xmax; x++)
            {
                double w = ResampleFilter.Evaluate(filter, (x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++)
                if (ww != 0.0) k[x] /= ww;
            Span<int> fk = map.FixedWeights.AsSpan(o * ksize, ksize);
            for (int x = 0; x < ksize; x++)
            {
                double v = k[x] * (1 << PrecisionBits);
                fk[x] = k[x] < 0 ? (int)(-0.5 + v) : (int)(0.5 + v);
            }
            map.Start[o] = xmin;
            map.Count[o] = Math.Max(xmax, 0);
        }
        return map;
    }
}
