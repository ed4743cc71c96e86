using System.Text.Json;
using System.Text.Json.Nodes;

namespace AugNet.Augmentation;

/// <summary>Options to and from Keras keyword arguments, driven by <see cref="ImageDataGeneratorOptionTable"/>.</summary>
public sealed partial record ImageDataGeneratorOptions
{
    /// <summary>The Keras constructor's parameter names, in the order of its signature.</summary>
    public static IReadOnlyList<string> KerasParameterNames { get; } = ImageDataGeneratorOptionTable.All.Select(o => o.KerasName).ToArray();

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
            var value = KerasValue.From(key, raw);
            var option = ImageDataGeneratorOptionTable.Find(key)
                ?? throw new ArgumentException($"Unknown ImageDataGenerator parameter '{key}' (Keras: __init__() got an unexpected keyword argument '{key}'). Known parameters: {string.Join(", ", KerasParameterNames)}.", nameof(parameters));
            o = option.Set(o, value);
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
    public Dictionary<string, object?> ToKerasDictionary() =>
        ImageDataGeneratorOptionTable.All.ToDictionary(o => o.KerasName, o => o.Get(this));
}
