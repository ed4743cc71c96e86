namespace AugNet.Imaging;

/// <summary>
/// Pillow's convolution kernels (Resample.c) with their support radius. The formulas keep Pillow's exact
/// arithmetic, including the single-precision constants of the Hamming window, so the weights match to the bit.
/// </summary>
internal static class ResampleFilter
{
    /// <summary>Support radius of <paramref name="filter"/> at scale 1.</summary>
    public static double Support(Interpolation filter) => filter switch
    {
        Interpolation.Box => 0.5,
        Interpolation.Bilinear => 1.0,
        Interpolation.Hamming => 1.0,
        Interpolation.Bicubic => 2.0,
        Interpolation.Lanczos => 3.0,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Nearest is not a convolution filter."),
    };

    /// <summary>The kernel value K(x).</summary>
    public static double Evaluate(Interpolation filter, double x) => filter switch
    {
        Interpolation.Box => x > -0.5 && x <= 0.5 ? 1.0 : 0.0,
        Interpolation.Bilinear => Bilinear(x),
        Interpolation.Hamming => Hamming(x),
        Interpolation.Bicubic => Bicubic(x),
        Interpolation.Lanczos => -3.0 <= x && x < 3.0 ? Sinc(x) * Sinc(x / 3) : 0.0,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Nearest is not a convolution filter."),
    };

    static double Bilinear(double x)
    {
        if (x < 0.0) x = -x;
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    static double Hamming(double x)
    {
        if (x < 0.0) x = -x;
        if (x == 0.0) return 1.0;
        if (x >= 1.0) return 0.0;
        x *= Math.PI;
        // Pillow writes the window constants as C floats (0.54f, 0.46f); keep their single-precision values.
        return Math.Sin(x) / x * ((double)0.54f + (double)0.46f * Math.Cos(x));
    }

    static double Bicubic(double x)
    {
        const double a = -0.5;
        if (x < 0.0) x = -x;
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }

    static double Sinc(double x)
    {
        if (x == 0.0) return 1.0;
        x *= Math.PI;
        return Math.Sin(x) / x;
    }
}
