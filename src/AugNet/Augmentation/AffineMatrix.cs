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
    public static double[,]? Build(TransformParams p) => BuildM3(p)?.ToArray();

    /// <summary>
    /// The centred matrix C(cx, cy)·M·C(−cx, −cy) in (x, y) coordinates, with cx = (W−1)/2 and cy = (H−1)/2, multiplied
    /// in Keras's order ((offset·M)·reset).
    /// </summary>
    public static double[,] CenterOn(double[,] m, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(m);
        return CenterOn(M3.From(m), height, width).ToArray();
    }

    /// <summary>
    /// SciPy's pull matrix for an image of <paramref name="height"/> × <paramref name="width"/>, or null for the
    /// identity (no resampling at all). The (x, y) matrix is transposed into (row, col) order (Keras's P·A·P swap).
    /// Runs once per image, so it works on stack values (no arrays), with the same products and sums as the array form.
    /// </summary>
    public static PullMatrix? ForImage(TransformParams p, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (BuildM3(p) is not { } m) return null;
        var a = CenterOn(m, height, width);
        return new PullMatrix(a.M11, a.M10, a.M12, a.M01, a.M00, a.M02);
    }

    static M3? BuildM3(TransformParams p)
    {
        ArgumentNullException.ThrowIfNull(p);
        M3? m = null;
        if (p.Theta != 0)
        {
            double a = Math.PI / 180 * p.Theta;
            m = Chain(m, new M3(Math.Cos(a), -Math.Sin(a), 0, Math.Sin(a), Math.Cos(a), 0));
        }
        if (p.Tx != 0 || p.Ty != 0)
            m = Chain(m, new M3(1, 0, p.Tx, 0, 1, p.Ty));
        if (p.Shear != 0)
        {
            double b = Math.PI / 180 * p.Shear;
            m = Chain(m, new M3(1, -Math.Sin(b), 0, 0, Math.Cos(b), 0));
        }
        if (p.Zx != 1 || p.Zy != 1)
            m = Chain(m, new M3(p.Zx, 0, 0, 0, p.Zy, 0));
        return m;
    }

    static M3 CenterOn(M3 m, int height, int width)
    {
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        var offset = new M3(1, 0, cx, 0, 1, cy);
        var reset = new M3(1, 0, -cx, 0, 1, -cy);
        return M3.Multiply(M3.Multiply(offset, m), reset);
    }

    static M3 Chain(M3? left, M3 right) => left is { } l ? M3.Multiply(l, right) : right;

    /// <summary>A 3×3 matrix by value; the products keep every term (zeros and ones included) of the full 3×3 product.</summary>
    readonly struct M3(double m00, double m01, double m02, double m10, double m11, double m12, double m20 = 0, double m21 = 0, double m22 = 1)
    {
        public readonly double M00 = m00, M01 = m01, M02 = m02, M10 = m10, M11 = m11, M12 = m12, M20 = m20, M21 = m21, M22 = m22;

        public double this[int i, int j] => (i * 3 + j) switch
        {
            0 => M00, 1 => M01, 2 => M02, 3 => M10, 4 => M11, 5 => M12, 6 => M20, 7 => M21, _ => M22,
        };

        /// <summary>Entry (i, j) = a[i,0]·b[0,j] + a[i,1]·b[1,j] + a[i,2]·b[2,j], summed left to right.</summary>
        public static M3 Multiply(M3 a, M3 b)
        {
            static double E(M3 a, M3 b, int i, int j) => a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j];
            return new M3(E(a, b, 0, 0), E(a, b, 0, 1), E(a, b, 0, 2), E(a, b, 1, 0), E(a, b, 1, 1), E(a, b, 1, 2),
                E(a, b, 2, 0), E(a, b, 2, 1), E(a, b, 2, 2));
        }

        public static M3 From(double[,] m)
        {
            if (m.GetLength(0) != 3 || m.GetLength(1) != 3)
                throw new ArgumentException($"Expected a 3×3 matrix, got {m.GetLength(0)}×{m.GetLength(1)}.", nameof(m));
            return new M3(m[0, 0], m[0, 1], m[0, 2], m[1, 0], m[1, 1], m[1, 2], m[2, 0], m[2, 1], m[2, 2]);
        }

        public double[,] ToArray() => new double[,] { { M00, M01, M02 }, { M10, M11, M12 }, { M20, M21, M22 } };
    }
}
