namespace AugNet.Augmentation.Kernels;

/// <summary>
/// SciPy ≥ 1.6 boundary rules used by <c>ndimage.affine_transform</c> (spec §4.2): how an out-of-range sampling
/// coordinate is mapped into range, and how an integer tap index outside [0, N−1] is mapped to a sample.
/// </summary>
internal static class FillModeMapping
{
    /// <summary>
    /// SciPy's <c>map_coordinate</c>: maps coordinate <paramref name="c"/> on an axis of <paramref name="n"/> samples.
    /// Returns −1 for a 'constant' coordinate outside [0, N−1] (the caller then writes cval); 'nearest' is not
    /// remapped (its taps are clamped instead); 'reflect' is half-sample symmetric with period 2N; 'wrap' has period N−1.
    /// </summary>
    public static double MapCoordinate(double c, int n, FillMode mode)
    {
        if (c < 0)
        {
            switch (mode)
            {
                case FillMode.Constant: return -1;
                case FillMode.Reflect:
                    if (n <= 1) return 0;
                    {
                        double s = 2.0 * n;
                        if (c < -s) c = s * Math.Truncate(-c / s) + c;
                        return c < -n ? c + s : (c > -1e-15 ? 1e-15 : -c) - 1;
                    }
                case FillMode.Wrap:
                    if (n <= 1) return 0;
                    {
                        double sz = n - 1;
                        return c + sz * (Math.Truncate(-c / sz) + 1);
                    }
                default: return c;
            }
        }
        if (c > n - 1)
        {
            switch (mode)
            {
                case FillMode.Constant: return -1;
                case FillMode.Reflect:
                    if (n <= 1) return 0;
                    {
                        double s = 2.0 * n;
                        c -= s * Math.Truncate(c / s);
                        return c >= n ? s - c - 1 : c;
                    }
                case FillMode.Wrap:
                    if (n <= 1) return 0;
                    {
                        double sz = n - 1;
                        return c - sz * Math.Truncate(c / sz);
                    }
                default: return c;
            }
        }
        return c;
    }

    /// <summary>
    /// Maps an integer tap index <paramref name="t"/> outside [0, N−1]: 'nearest' clamps, 'reflect' uses the
    /// half-sample reflection, 'constant' and 'wrap' use whole-sample mirror (SciPy's rules for spline taps).
    /// </summary>
    public static long MapTap(long t, int n, FillMode mode)
    {
        if ((ulong)t < (ulong)n) return t;
        if (n <= 1) return 0;
        switch (mode)
        {
            case FillMode.Nearest:
                return t < 0 ? 0 : n - 1;
            case FillMode.Reflect:
            {
                long s = 2L * n;
                if (t < 0)
                {
                    if (t < -s) t = s * (-t / s) + t;
                    return t < -n ? t + s : -t - 1;
                }
                t -= s * (t / s);
                return t >= n ? s - t - 1 : t;
            }
            default:
            {
                long s2 = 2L * n - 2;
                if (t < 0)
                {
                    t = s2 * (-t / s2) + t;
                    return t <= 1 - n ? t + s2 : -t;
                }
                t -= s2 * (t / s2);
                return t >= n ? s2 - t : t;
            }
        }
    }
}
