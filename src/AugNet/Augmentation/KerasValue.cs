using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AugNet.Augmentation;

/// <summary>
/// One Keras keyword argument's value, normalised to plain values (bool, long, double, string, null, List, a delegate),
/// with the readers of Keras's value forms. Each reader fails with Keras's message naming <see cref="Key"/>, so the
/// option table's setters never spell their own name twice.
/// </summary>
public sealed class KerasValue
{
    /// <summary>The Keras parameter name, used in error messages.</summary>
    public string Key { get; }

    /// <summary>The normalised value: null, bool, long, double, string, <c>List&lt;object?&gt;</c> or a delegate.</summary>
    public object? Value { get; }

    KerasValue(string key, object? value) => (Key, Value) = (key, value);

    /// <summary>
    /// Normalises a value given for <paramref name="key"/>: plain .NET values (int → long, float → double, arrays and
    /// lists → <c>List&lt;object?&gt;</c>) or <see cref="JsonElement"/>/<see cref="JsonNode"/>.
    /// </summary>
    public static KerasValue From(string key, object? raw) => new(key, Normalize(raw, key));

    /// <summary>Python truthiness for flags: False/None/0 are off.</summary>
    public bool Truthy() => Value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        _ => throw Bad("a boolean"),
    };

    public double Number() => Number(Value);

    /// <summary>A number, None meaning 0 (the "off" of Keras's ranges).</summary>
    public double NumberOrZero() => Value is null ? 0 : Number();

    /// <summary>A number, or None.</summary>
    public double? NumberOrNone() => Value is null ? null : Number();

    /// <summary>§2.2 step 3 with the value printed as Keras received it (5 stays "5", 1.0 stays "1.0").</summary>
    public double ValidationSplit()
    {
        double d = NumberOrZero();
        if (d != 0 && !(d > 0 && d < 1))
            throw new ArgumentException($"`validation_split` must be strictly between 0 and 1.  Received: {PythonFormat.Value(Value)}", Key);
        return d;
    }

    public int SplineOrder() => Value switch
    {
        long l and >= int.MinValue and <= int.MaxValue => (int)l,
        bool b => b ? 1 : 0,
        double d when d == Math.Floor(d) && Math.Abs(d) <= 5 => (int)d,
        _ => throw Bad("an integer spline order between 0 and 5"),
    };

    /// <summary>Keras's shift-range forms (§3.2): int, float, or a 1-D list; None/False/0/[] mean no shift.</summary>
    public ShiftRange Shift() => Value switch
    {
        null => ShiftRange.None,
        bool b => b ? ShiftRange.Integer(1) : ShiftRange.None,
        long l and >= int.MinValue and <= int.MaxValue => ShiftRange.Integer((int)l),
        double d => ShiftRange.Continuous(d),
        List<object?> list => ShiftRange.Set(list.Select(x => x switch
        {
            long l => l,
            double d => d,
            bool b => b ? 1.0 : 0.0,
            _ => throw Bad("a float, an int or a 1-D list of numbers"),
        }).ToArray()),
        _ => throw Bad("a float, an int or a 1-D list of numbers"),
    };

    /// <summary>§2.2 step 5: a number z gives [1 − z, 1 + z]; a pair of numbers is used as given; else Keras's error.</summary>
    public ZoomRange Zoom() => Value switch
    {
        bool b => ZoomRange.FromFactor(b ? 1 : 0),
        long l => ZoomRange.FromFactor(l),
        double d => ZoomRange.FromFactor(d),
        List<object?> { Count: 2 } list when IsPairOfNumbers(list) => new ZoomRange(Number(list[0]), Number(list[1])),
        _ => throw new ArgumentException($"`zoom_range` should be a float or a tuple or list of two floats. Received: {PythonFormat.Value(Value)}", Key),
    };

    /// <summary>§2.2 step 7: None, or a list of exactly two numbers; else Keras's error (unbalanced backtick and all).</summary>
    public (double Low, double High)? Brightness() => Value switch
    {
        null => null,
        List<object?> { Count: 2 } list when IsPairOfNumbers(list) => (Number(list[0]), Number(list[1])),
        _ => throw new ArgumentException($"`brightness_range should be tuple or list of two floats. Received: {PythonFormat.Value(Value)}", Key),
    };

    public FillMode FillMode() => KerasNames.ParseFillMode(Value as string ?? PythonFormat.Value(Value));

    public DataFormat DataFormat() => Value is null or string
        ? KerasNames.ParseDataFormat((string?)Value)
        : throw new ArgumentException(ImageDataGeneratorOptions.DataFormatMessage(PythonFormat.Value(Value)), Key);

    /// <summary>None means float32 (Keras's backend default); any other string is checked by the options.</summary>
    public string Dtype() => Value is null ? "float32" : Value as string ?? throw Bad("'float32'");

    public Func<Tensor, Tensor>? Function() =>
        Value as Func<Tensor, Tensor> ?? (Value is null ? null : throw Bad("a Func<Tensor, Tensor> or null"));

    double Number(object? v) => v switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        double d => d,
        _ => throw Bad("a number"),
    };

    static bool IsPairOfNumbers(List<object?> list) => list.All(x => x is long or double or bool);

    ArgumentException Bad(string expected) => new($"`{Key}` should be {expected}. Received: {PythonFormat.Value(Value)}", Key);

    static object? Normalize(object? raw, string key) => raw switch
    {
        null => null,
        JsonElement e => FromElement(e, key),
        JsonNode n => FromElement(JsonSerializer.Deserialize<JsonElement>(n.ToJsonString()), key),
        bool or string or double or long => raw,
        int or short or byte or sbyte or uint or ushort => Convert.ToInt64(raw, CultureInfo.InvariantCulture),
        float f => (double)f,
        decimal m => (double)m,
        Delegate => raw,
        IEnumerable e => e.Cast<object?>().Select(x => Normalize(x, key)).ToList(),
        _ => throw new ArgumentException($"Unsupported value type {raw.GetType().Name} for ImageDataGenerator parameter '{key}'.", key),
    };

    /// <summary>Long for integral JSON numbers, double otherwise, bool, string, null, List.</summary>
    static object? FromElement(JsonElement e, string key) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => IsIntegralText(e.GetRawText()) && e.TryGetInt64(out long l) ? (object)l : e.GetDouble(),
        JsonValueKind.Array => e.EnumerateArray().Select(x => FromElement(x, key)).ToList(),
        _ => throw new ArgumentException($"ImageDataGenerator parameter '{key}' cannot be a JSON {e.ValueKind}.", key),
    };

    /// <summary>JSON "3" is Python's int 3; "3.0" and "3e0" are floats (this matters for shift ranges).</summary>
    static bool IsIntegralText(string text) => text.IndexOfAny(['.', 'e', 'E']) < 0;
}
