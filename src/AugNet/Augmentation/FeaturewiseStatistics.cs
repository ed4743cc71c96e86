namespace AugNet.Augmentation;

/// <summary>
/// Per-channel dataset statistics from <c>fit</c> (Keras's <c>mean</c> and <c>std</c> attributes, spec §6.2), with
/// the tiles the standardisation kernel needs precomputed. Values are doubles: after a plain <c>fit</c> they hold
/// float32 values (Keras computes them in the float32 generator dtype); after <c>fit(augment: true)</c> they are
/// float64, as Keras's augmented copy is a float64 array.
/// </summary>
internal sealed class FeaturewiseStatistics
{
    public double[] Values { get; }
    public bool IsFloat32 { get; }
    /// <summary>What <c>standardize</c> subtracts (the mean) or divides by (std + 1e-6), in the statistics' precision.</summary>
    public double[] Operand { get; }

    public FeaturewiseStatistics(double[] values, bool isFloat32, bool isStd)
    {
        Values = isFloat32 ? Array.ConvertAll(values, v => (double)(float)v) : (double[])values.Clone();
        IsFloat32 = isFloat32;
        Operand = !isStd ? Values
            : isFloat32 ? Array.ConvertAll(Values, v => (double)((float)v + 1e-6f))
            : Array.ConvertAll(Values, v => v + 1e-6);
    }
}
