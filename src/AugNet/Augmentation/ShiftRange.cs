using System.Globalization;

namespace AugNet.Augmentation;

/// <summary>
/// A Keras shift range (<c>width_shift_range</c> / <c>height_shift_range</c>) in one of its forms (spec §3.2). Keras
/// tries <c>np.random.choice(range)</c> and falls back to a uniform draw when that fails, which gives:
/// <list type="bullet">
/// <item><see cref="ShiftRangeKind.Continuous"/>: a float r (or a negative int, which <c>choice</c> refuses):
/// U(−r, r), one double.</item>
/// <item><see cref="ShiftRangeKind.Integer"/>: an int n ≥ 1: k = choice(n) ∈ {0 … n−1}, then a sign from
/// <c>choice([-1, 1])</c>, so values lie in {−(n−1) … n−1} with P(0) = 1/n. For n = 1 only the sign is drawn.</item>
/// <item><see cref="ShiftRangeKind.Set"/>: a 1-D list or tuple: one element picked by index, then a random sign.
/// A tuple (a, b) is therefore a set of values, not an interval (Keras's behaviour, kept deliberately).</item>
/// </list>
/// After the draw the value is multiplied by the image size along its axis when max(range) &lt; 1, so fractions are
/// fractions of the size and anything of 1 or more is in pixels. A zero range (0, 0.0, empty list) draws nothing.
/// Values convert implicitly: <c>0.2</c> → continuous, <c>3</c> → integer, <c>new[] { -2.0, 0, 2 }</c> → set.
/// </summary>
public sealed record ShiftRange
{
    static readonly int[] s_signs = [-1, 1];

    /// <summary>No shift: nothing is drawn (Keras's falsy range).</summary>
    public static ShiftRange None { get; } = new();

    /// <summary>Which of Keras's forms this range has.</summary>
    public ShiftRangeKind Kind { get; private init; } = ShiftRangeKind.None;

    /// <summary>r for <see cref="ShiftRangeKind.Continuous"/> (may be negative: U(−r, r) is then drawn from r's side).</summary>
    public double Range { get; private init; }

    /// <summary>n for <see cref="ShiftRangeKind.Integer"/>.</summary>
    public int Count { get; private init; }

    /// <summary>The candidate values for <see cref="ShiftRangeKind.Set"/>.</summary>
    public IReadOnlyList<double> Values { get; private init; } = [];

    ShiftRange() { }

    /// <summary>Keras's float form: U(−r, r), scaled by the size when r &lt; 1. Zero means no shift.</summary>
    public static ShiftRange Continuous(double range)
    {
        if (!double.IsFinite(range)) throw new ArgumentOutOfRangeException(nameof(range), range, $"A shift range must be a finite number. Received: {Format(range)}");
        return range == 0 ? None : new ShiftRange { Kind = ShiftRangeKind.Continuous, Range = range, Max = range };
    }

    /// <summary>
    /// Keras's int form. n ≥ 1 gives whole steps in {−(n−1) … n−1} (pixels, since max(range) ≥ 1); 0 means no shift;
    /// a negative n takes Keras's float path (U(−n, n), scaled by the size because n &lt; 1).
    /// </summary>
    public static ShiftRange Integer(int count) => count switch
    {
        0 => None,
        < 0 => new ShiftRange { Kind = ShiftRangeKind.Continuous, Range = count, Max = count },
        _ => new ShiftRange { Kind = ShiftRangeKind.Integer, Count = count, Max = count },
    };

    /// <summary>Keras's list/tuple form: one value picked uniformly, times a random sign. An empty list means no shift.</summary>
    public static ShiftRange Set(params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (double v in values)
            if (!double.IsFinite(v)) throw new ArgumentException($"A shift range list must hold finite numbers. Received: {Format(values)}", nameof(values));
        return values.Length == 0 ? None : new ShiftRange { Kind = ShiftRangeKind.Set, Values = (double[])values.Clone(), Max = values.Max() };
    }

    public static implicit operator ShiftRange(double range) => Continuous(range);
    public static implicit operator ShiftRange(int count) => Integer(count);
    public static implicit operator ShiftRange(double[] values) => Set(values);
    public static implicit operator ShiftRange(int[] values) => Set(Array.ConvertAll(values, v => (double)v));

    /// <summary>True when a draw happens (Keras's truthy range).</summary>
    public bool IsActive => Kind != ShiftRangeKind.None;

    /// <summary>Keras's <c>np.max(range)</c>: the largest value that decides whether the draw is scaled by the size.</summary>
    /// <remarks>Set once at construction: <see cref="Draw"/> reads it for every sample.</remarks>
    public double Max { get; private init; }

    /// <summary>
    /// Draws one shift in pixels for an axis of <paramref name="size"/> pixels, consuming exactly the random numbers Keras
    /// consumes (none for an inactive range).
    /// </summary>
    public double Draw(NumpyRandom rng, int size)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double value;
        switch (Kind)
        {
            case ShiftRangeKind.None:
                return 0;
            case ShiftRangeKind.Continuous:
                value = rng.Uniform(-Range, Range);
                break;
            case ShiftRangeKind.Integer:
                value = rng.Next(Count);
                value *= rng.Choice(s_signs);
                break;
            default:
                value = rng.Choice(Values);
                value *= rng.Choice(s_signs);
                break;
        }
        if (Max < 1) value *= size;
        return value;
    }

    /// <summary>The range as a Keras value: 0.0 for none, the float, the int, or the list as a double array.</summary>
    internal object ToKerasValue() => Kind switch
    {
        ShiftRangeKind.None => 0.0,
        ShiftRangeKind.Continuous => Range,
        ShiftRangeKind.Integer => Count,
        _ => Values.ToArray(),
    };

    /// <summary>The range as Keras would print it (a number or a list).</summary>
    public override string ToString() => Kind switch
    {
        ShiftRangeKind.None => "0",
        ShiftRangeKind.Continuous => Format(Range),
        ShiftRangeKind.Integer => Count.ToString(CultureInfo.InvariantCulture),
        _ => Format(Values),
    };

    public bool Equals(ShiftRange? other) =>
        other is not null && Kind == other.Kind && Range.Equals(other.Range) && Count == other.Count && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Kind, Range, Count, Values.Count);

    static string Format(double v) => PythonFormat.Number(v);
    static string Format(IEnumerable<double> v) => PythonFormat.List(v);
}

/// <summary>The forms a Keras shift range can take (spec §3.2).</summary>
public enum ShiftRangeKind
{
    /// <summary>Falsy range: no draw, no shift.</summary>
    None,
    /// <summary>A float (or negative int): U(−r, r).</summary>
    Continuous,
    /// <summary>A positive int n: choice(n) times a random sign.</summary>
    Integer,
    /// <summary>A 1-D list or tuple: an element picked by index, times a random sign.</summary>
    Set,
}
