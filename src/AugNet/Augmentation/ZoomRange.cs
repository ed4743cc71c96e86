namespace AugNet.Augmentation;

/// <summary>
/// Keras's normalised <c>zoom_range</c>: zx and zy are drawn independently from U(<see cref="Low"/>, <see cref="High"/>)
/// (zx first). A factor below 1 magnifies. Keras turns a scalar z into [1 − z, 1 + z] (<see cref="FromFactor"/>,
/// also the implicit conversion from <see cref="double"/>) and takes a pair as given (the tuple conversion); [1, 1]
/// means no zoom and draws nothing. Low &gt; High is allowed, as NumPy's uniform allows it.
/// </summary>
public readonly record struct ZoomRange
{
    /// <summary>The lower end of the range (the first element of Keras's pair).</summary>
    public double Low { get; }

    /// <summary>The upper end of the range (the second element of Keras's pair).</summary>
    public double High { get; }

    /// <summary>The pair [low, high] as given; both must be finite.</summary>
    public ZoomRange(double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
            throw new ArgumentException($"`zoom_range` should be a float or a tuple or list of two floats. Received: [{PythonFormat.Number(low)}, {PythonFormat.Number(high)}]");
        Low = low;
        High = high;
    }

    /// <summary>No zoom: [1, 1].</summary>
    public static ZoomRange None => new(1, 1);

    /// <summary>Keras's scalar form: z becomes [1 − z, 1 + z]. A negative z is refused (it only mirrors the range).</summary>
    public static ZoomRange FromFactor(double z)
    {
        if (!double.IsFinite(z) || z < 0)
            throw new ArgumentOutOfRangeException(nameof(z), z, $"`zoom_range` as a single number must be finite and non-negative. Received: {PythonFormat.Number(z)}");
        return new ZoomRange(1 - z, 1 + z);
    }

    /// <summary>True when Keras draws zx and zy (the range is not exactly [1, 1]).</summary>
    public bool IsActive => !(Low == 1 && High == 1);

    public void Deconstruct(out double low, out double high) { low = Low; high = High; }

    public static implicit operator ZoomRange(double z) => FromFactor(z);
    public static implicit operator ZoomRange((double Low, double High) pair) => new(pair.Low, pair.High);
    public static implicit operator (double Low, double High)(ZoomRange range) => (range.Low, range.High);

    public override string ToString() => $"[{PythonFormat.Number(Low)}, {PythonFormat.Number(High)}]";
}
