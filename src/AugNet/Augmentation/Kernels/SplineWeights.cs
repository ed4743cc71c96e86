namespace AugNet.Augmentation.Kernels;

/// <summary>
/// The B-spline interpolation weights SciPy 1.10's <c>ndimage</c> uses for spline orders 2–5 (spec §4.2, "Order 2–5";
/// <c>ni_splines.c</c>), formula for formula, so that the sums round the same way.
/// <para>For a (mapped) coordinate c the order+1 taps start at <see cref="FirstTap"/>: floor(c) − order/2 for odd
/// orders, floor(c + 0.5) − order/2 for even ones. Weight k belongs to tap FirstTap + k; the last weight is
/// 1 − (the sum of the others), subtracted one by one as SciPy does.</para>
/// </summary>
internal static class SplineWeights
{
    /// <summary>Index of the first of the order+1 taps for coordinate <paramref name="c"/> (SciPy's <c>start</c>).</summary>
    public static long FirstTap(double c, int order)
        => (long)((order & 1) != 0 ? Math.Floor(c) : Math.Floor(c + 0.5)) - order / 2;

    /// <summary>
    /// Writes the order+1 weights of coordinate <paramref name="c"/> into <paramref name="weights"/>
    /// (SciPy's <c>get_spline_interpolation_weights</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is not 2–5.</exception>
    /// <exception cref="ArgumentException"><paramref name="weights"/> holds fewer than order+1 values.</exception>
    public static void Compute(double c, int order, Span<double> weights)
    {
        if (order is < 2 or > 5) throw new ArgumentOutOfRangeException(nameof(order), order, "Spline weights are defined here for orders 2–5.");
        if (weights.Length <= order) throw new ArgumentException($"{order + 1} weights needed; the span holds {weights.Length}.", nameof(weights));
        // The distance to the middle knot: in [0, 1) for odd orders, in (−0.5, 0.5] for even ones.
        double x = c - Math.Floor((order & 1) != 0 ? c : c + 0.5);
        double y = x, z = 1.0 - x, t;
        switch (order)
        {
            case 2:
                weights[1] = 0.75 - x * x;
                y = 0.5 - x;
                weights[0] = 0.5 * y * y;
                break;
            case 3:
                weights[1] = (y * y * (y - 2.0) * 3.0 + 4.0) / 6.0;
                weights[2] = (z * z * (z - 2.0) * 3.0 + 4.0) / 6.0;
                weights[0] = z * z * z / 6.0;
                break;
            case 4:
                t = x * x;
                weights[2] = t * (t * 0.25 - 0.625) + 115.0 / 192.0;
                y = 1.0 + x;
                weights[1] = y * (y * (y * (5.0 - y) / 6.0 - 1.25) + 5.0 / 24.0) + 55.0 / 96.0;
                weights[3] = z * (z * (z * (5.0 - z) / 6.0 - 1.25) + 5.0 / 24.0) + 55.0 / 96.0;
                y = 0.5 - x;
                t = y * y;
                weights[0] = t * t / 24.0;
                break;
            default:
                t = y * y;
                weights[2] = t * (t * (0.25 - y / 12.0) - 0.5) + 0.55;
                t = z * z;
                weights[3] = t * (t * (0.25 - z / 12.0) - 0.5) + 0.55;
                y += 1.0;
                weights[1] = y * (y * (y * (y * (y / 24.0 - 0.375) + 1.25) - 1.75) + 0.625) + 0.425;
                z += 1.0;
                weights[4] = z * (z * (z * (z * (z / 24.0 - 0.375) + 1.25) - 1.75) + 0.625) + 0.425;
                y = 1.0 - x;
                t = y * y;
                weights[0] = y * t * t / 120.0;
                break;
        }
        double last = 1.0;
        for (int k = 0; k < order; k++) last -= weights[k];
        weights[order] = last;
    }
}
