using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AugNet.Augmentation;

public sealed partial record ImageDataGeneratorOptions
{
    /// <summary>The Keras constructor's parameter names, in the order of its signature.</summary>
    public static IReadOnlyList<string> KerasParameterNames { get; } =
    [
        "featurewise_center", "samplewise_center", "featurewise_std_normalization", "samplewise_std_normalization",
        "zca_whitening", "zca_epsilon", "rotation_range", "width_shift_range", "height_shift_range", "brightness_range",
        "shear_range", "zoom_range", "channel_shift_range", "fill_mode", "cval", "horizontal_flip", "vertical_flip",
        "rescale", "preprocessing_function", "data_format", "validation_split", "interpolation_order", "dtype",
    ];

    /// <summary>
    /// Builds options from Keras keyword arguments: snake_case names and Keras's value forms (Python truthiness for
    /// flags; None/null for "off"; an int or a float or a list for shift ranges, where 3 and 3.0 differ as in Keras;
    /// a number or a pair for <c>zoom_range</c>; a list of two numbers for <c>brightness_range</c>; strings for
    /// <c>fill_mode</c>, <c>data_format</c>, <c>dtype</c>; a <see cref="Func{Tensor, Tensor}"/> or null for
    /// <c>preprocessing_function</c>). Values may be plain .NET values (bool, int, long, double, string, arrays/lists)
    /// or <see cref="JsonElement"/>/<see cref="JsonNode"/>. An unknown key is an error naming it, as Keras's
    /// "unexpected keyword argument".
    /// </summary>
    public static ImageDataGeneratorOptions FromKerasDictionary(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var o = new ImageDataGeneratorOptions();
        foreach (var (key, raw) in parameters)
        {
            object? v = Normalize(raw, key);
            o = key switch
            {
                "featurewise_center" => o with { FeaturewiseCenter = Truthy(v, key) },
                "samplewise_center" => o with { SamplewiseCenter = Truthy(v, key) },
                "featurewise_std_normalization" => o with { FeaturewiseStdNormalization = Truthy(v, key) },
                "samplewise_std_normalization" => o with { SamplewiseStdNormalization = Truthy(v, key) },
                "zca_whitening" => o with { ZcaWhitening = Truthy(v, key) },
                "zca_epsilon" => o with { ZcaEpsilon = Number(v, key) },
                "rotation_range" => o with { RotationRange = NumberOrZero(v, key) },
                "width_shift_range" => o with { WidthShiftRange = Shift(v, key) },
                "height_shift_range" => o with { HeightShiftRange = Shift(v, key) },
                "brightness_range" => o with { BrightnessRange = Brightness(v) },
                "shear_range" => o with { ShearRange = NumberOrZero(v, key) },
                "zoom_range" => o with { ZoomRange = Zoom(v) },
                "channel_shift_range" => o with { ChannelShiftRange = NumberOrZero(v, key) },
                "fill_mode" => o with { FillMode = KerasNames.ParseFillMode(v as string ?? PythonFormat.Value(v)) },
                "cval" => o with { Cval = Number(v, key) },
                "horizontal_flip" => o with { HorizontalFlip = Truthy(v, key) },
                "vertical_flip" => o with { VerticalFlip = Truthy(v, key) },
                "rescale" => o with { Rescale = v is null ? null : Number(v, key) },
                "preprocessing_function" => o with { PreprocessingFunction = raw as Func<Tensor, Tensor> ?? (v is null ? null : throw Bad(key, v, "a Func<Tensor, Tensor> or null")) },
                "data_format" => o with { DataFormat = v is null or string ? KerasNames.ParseDataFormat((string?)v) : throw new ArgumentException(DataFormatMessage(PythonFormat.Value(v)), key) },
                "validation_split" => o with { ValidationSplit = ValidationSplitValue(v) },
                "interpolation_order" => o with { InterpolationOrder = Int(v, key) },
                "dtype" => o with { Dtype = v is null ? "float32" : v as string ?? throw Bad(key, v, "'float32'") },
                _ => throw new ArgumentException($"Unknown ImageDataGenerator parameter '{key}' (Keras: __init__() got an unexpected keyword argument '{key}'). Known parameters: {string.Join(", ", KerasParameterNames)}.", nameof(parameters)),
            };
        }
        return o;
    }

    /// <summary>Builds options from a JSON object of Keras parameters, e.g. a conformance case's "options".</summary>
    public static ImageDataGeneratorOptions FromKerasJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromKerasDictionary(json.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)));
    }

    /// <summary>Builds options from JSON text holding an object of Keras parameters.</summary>
    public static ImageDataGeneratorOptions FromKerasJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonNode.Parse(json) is JsonObject o ? FromKerasJson(o)
            : throw new ArgumentException("ImageDataGenerator options JSON must be an object of Keras parameter names.", nameof(json));
    }

    /// <summary>
    /// These options as Keras keyword arguments (the inverse of <see cref="FromKerasDictionary"/>): plain bool, double,
    /// int, string, double[] values, and the function object for <c>preprocessing_function</c>.
    /// </summary>
    public Dictionary<string, object?> ToKerasDictionary() => new()
    {
        ["featurewise_center"] = FeaturewiseCenter,
        ["samplewise_center"] = SamplewiseCenter,
        ["featurewise_std_normalization"] = FeaturewiseStdNormalization,
        ["samplewise_std_normalization"] = SamplewiseStdNormalization,
        ["zca_whitening"] = ZcaWhitening,
        ["zca_epsilon"] = ZcaEpsilon,
        ["rotation_range"] = RotationRange,
        ["width_shift_range"] = ShiftToKeras(WidthShiftRange),
        ["height_shift_range"] = ShiftToKeras(HeightShiftRange),
        ["brightness_range"] = BrightnessRange is { } b ? new[] { b.Low, b.High } : null,
        ["shear_range"] = ShearRange,
        ["zoom_range"] = new[] { ZoomRange.Low, ZoomRange.High },
        ["channel_shift_range"] = ChannelShiftRange,
        ["fill_mode"] = FillMode.ToKerasName(),
        ["cval"] = Cval,
        ["horizontal_flip"] = HorizontalFlip,
        ["vertical_flip"] = VerticalFlip,
        ["rescale"] = Rescale,
        ["preprocessing_function"] = PreprocessingFunction,
        ["data_format"] = DataFormat.ToKerasName(),
        ["validation_split"] = ValidationSplit,
        ["interpolation_order"] = InterpolationOrder,
        ["dtype"] = Dtype,
    };

    static object ShiftToKeras(ShiftRange r) => r.Kind switch
    {
        ShiftRangeKind.None => 0.0,
        ShiftRangeKind.Continuous => r.Range,
        ShiftRangeKind.Integer => r.Count,
        _ => r.Values.ToArray(),
    };

    /// <summary>Turns JSON values into plain values: long for integral JSON numbers, double otherwise, bool, string, null, List.</summary>
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

    static ArgumentException Bad(string key, object? v, string expected) =>
        new($"`{key}` should be {expected}. Received: {PythonFormat.Value(v)}", key);

    /// <summary>Python truthiness for flags: False/None/0 are off.</summary>
    static bool Truthy(object? v, string key) => v switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        _ => throw Bad(key, v, "a boolean"),
    };

    static double Number(object? v, string key) => v switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        double d => d,
        _ => throw Bad(key, v, "a number"),
    };

    /// <summary>§2.2 step 3 with the value printed as Keras received it (5 stays "5", 1.0 stays "1.0").</summary>
    static double ValidationSplitValue(object? v)
    {
        double d = v is null ? 0 : Number(v, "validation_split");
        if (d != 0 && !(d > 0 && d < 1))
            throw new ArgumentException($"`validation_split` must be strictly between 0 and 1.  Received: {PythonFormat.Value(v)}", "validation_split");
        return d;
    }

    static double NumberOrZero(object? v, string key) => v is null ? 0 : Number(v, key);

    static int Int(object? v, string key) => v switch
    {
        long l and >= int.MinValue and <= int.MaxValue => (int)l,
        bool b => b ? 1 : 0,
        double d when d == Math.Floor(d) && Math.Abs(d) <= 5 => (int)d,
        _ => throw Bad(key, v, "an integer spline order between 0 and 5"),
    };

    /// <summary>Keras's shift-range forms (§3.2): int, float, or a 1-D list; None/False/0/[] mean no shift.</summary>
    static ShiftRange Shift(object? v, string key) => v switch
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
            _ => throw Bad(key, v, "a float, an int or a 1-D list of numbers"),
        }).ToArray()),
        _ => throw Bad(key, v, "a float, an int or a 1-D list of numbers"),
    };

    /// <summary>§2.2 step 5: a number z gives [1 − z, 1 + z]; a pair of numbers is used as given; else Keras's error.</summary>
    static ZoomRange Zoom(object? v)
    {
        switch (v)
        {
            case bool b: return ZoomRange.FromFactor(b ? 1 : 0);
            case long l: return ZoomRange.FromFactor(l);
            case double d: return ZoomRange.FromFactor(d);
            case List<object?> { Count: 2 } list when list.All(x => x is long or double or bool):
                return new ZoomRange(Number(list[0], "zoom_range"), Number(list[1], "zoom_range"));
            default:
                throw new ArgumentException($"`zoom_range` should be a float or a tuple or list of two floats. Received: {PythonFormat.Value(v)}", "zoom_range");
        }
    }

    /// <summary>§2.2 step 7: None, or a list of exactly two numbers; else Keras's error (unbalanced backtick and all).</summary>
    static (double Low, double High)? Brightness(object? v) => v switch
    {
        null => null,
        List<object?> { Count: 2 } list when list.All(x => x is long or double or bool) => (Number(list[0], "brightness_range"), Number(list[1], "brightness_range")),
        _ => throw new ArgumentException($"`brightness_range should be tuple or list of two floats. Received: {PythonFormat.Value(v)}", "brightness_range"),
    };
}
