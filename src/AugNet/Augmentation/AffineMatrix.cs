namespace AugNet.Augmentation;

/// <summary>
/// SciPy's pull mapping for one image, in (row, col) array coordinates: output pixel (i, j) samples the input at
/// row <c>(RowFromRow·i + RowFromCol·j) + RowOffset</c> and column <c>(ColFromRow·i + ColFromCol·j) + ColOffset</c>,
/// each summed in that order in double, as SciPy 1.10's <c>affine_transform</c> does (spec §4.2).
/// </summary>
public readonly record struct PullMatrix(double RowFromRow, double RowFromCol, double RowOffset,
    double ColFromRow, double ColFromCol, double ColOffset)
{
    /// <summary>Input row sampled by output pixel (i, j), summed exactly as SciPy ≤ 1.15 does.</summary>
    public double SourceRow(int i, int j) => (RowFromRow * i + RowFromCol * j) + RowOffset;

    /// <summary>Input column sampled by output pixel (i, j), summed exactly as SciPy ≤ 1.15 does.</summary>
    public double SourceCol(int i, int j) => (ColFromRow * i + ColFromCol * j) + ColOffset;
}

/// <summary>
/// Builds Keras's affine matrices (spec §4.1.2) in float64: M = R·T·S·Z keeping only the non-identity factors,
/// centred about the image centre and turned into SciPy's (row, col) pull matrix. Unlike Keras ≥ 2.9 (which centres
/// the x coordinate with the height), the centre here is ((H−1)/2, (W−1)/2) in (row, col), the project's fix from
/// spec §0.3; on square images the result is bit for bit Keras's.
/// </summary>
public static class AffineMatrix
{
    /// <summary>
    /// Keras's uncentred <c>transform_matrix</c> in (x = column, y = row) coordinates, or null when every factor is
    /// the identity (θ = 0, tx = ty = 0, shear = 0, zx = zy = 1), in which case Keras returns the image untouched.
    /// </summary>
    public static double[,]? Build(TransformParams p)
    {
        ArgumentNullException.ThrowIfNull(p);
        double[,]? m = null;
        if (p.Theta != 0)
        {
            double a = Math.PI / 180 * p.Theta;
            m = Chain(m, new double[,] { { Math.Cos(a), -Math.Sin(a), 0 }, { Math.Sin(a), Math.Cos(a), 0 }, { 0, 0, 1 } });
        }
        if (p.Tx != 0 || p.Ty != 0)
            m = Chain(m, new double[,] { { 1, 0, p.Tx }, { 0, 1, p.Ty }, { 0, 0, 1 } });
        if (p.Shear != 0)
        {
            double b = Math.PI / 180 * p.Shear;
            m = Chain(m, new double[,] { { 1, -Math.Sin(b), 0 }, { 0, Math.Cos(b), 0 }, { 0, 0, 1 } });
        }
        if (p.Zx != 1 || p.Zy != 1)
            m = Chain(m, new double[,] { { p.Zx, 0, 0 }, { 0, p.Zy, 0 }, { 0, 0, 1 } });
        return m;
    }

    /// <summary>
    /// The centred matrix C(cx, cy)·M·C(−cx, −cy) in (x, y) coordinates, with cx = (W−1)/2 and cy = (H−1)/2, multiplied
    /// in Keras's order ((offset·M)·reset).
    /// </summary>
    public static double[,] CenterOn(double[,] m, int height, int width)
    {
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        var offset = new double[,] { { 1, 0, cx }, { 0, 1, cy }, { 0, 0, 1 } };
        var reset = new double[,] { { 1, 0, -cx }, { 0, 1, -cy }, { 0, 0, 1 } };
        return Multiply(Multiply(offset, m), reset);
    }

    /// <summary>
    /// SciPy's pull matrix for an image of <paramref name="height"/> × <paramref name="width"/>, or null for the
    /// identity (no resampling at all). The (x, y) matrix is transposed into (row, col) order (Keras's P·A·P swap).
    /// </summary>
    public static PullMatrix? ForImage(TransformParams p, int height, int width)
    {
        var m = Build(p);
        if (m is null) return null;
        var a = CenterOn(m, height, width);
        return new PullMatrix(a[1, 1], a[1, 0], a[1, 2], a[0, 1], a[0, 0], a[0, 2]);
    }

    static double[,] Chain(double[,]? left, double[,] right) => left is null ? right : Multiply(left, right);

    /// <summary>3×3 product, each entry summed left to right over k.</summary>
    static double[,] Multiply(double[,] a, double[,] b)
    {
        var r = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[i, j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j];
        return r;
    }
}
