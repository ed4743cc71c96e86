using System.Text.Json;
using System.Text.Json.Nodes;
using AugNet.NN;

namespace AugNet.Persistence;

/// <summary>
/// Typed reads from one layer's Keras config, accepting every spelling Keras has written (spec §1.8): sizes as an int
/// or a list, dtype as a string or a DTypePolicy dict, activation as a string or a function dict. Errors name the
/// layer, its class and the option.
/// </summary>
internal sealed class KerasConfigReader(string className, JsonObject config, ConfigReadContext context)
{
    public JsonObject Config => config;
    public ConfigReadContext Context => context;
    public string? Name => config["name"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
    string Where => $"layer '{Name}' ({className})";

    public bool Has(string key) => config.ContainsKey(key);

    public NotSupportedException Unsupported(string key, string why) => new($"{Where}: option '{key}': {why}.");

    InvalidDataException Bad(string key, string expected) =>
        new($"{Where}: option '{key}' should be {expected} but is {config[key]?.ToJsonString() ?? "missing"}.");

    public int Int(string key, int? fallback = null)
    {
        var n = config[key];
        if (n is null) return fallback ?? throw Bad(key, "an integer");
        if (n is JsonValue v && v.TryGetValue(out int i)) return i;
        if (n is JsonValue d && d.GetValueKind() == JsonValueKind.Number && double.IsInteger(d.GetValue<double>())) return (int)d.GetValue<double>();
        throw Bad(key, "an integer");
    }

    public double Double(string key, double? fallback = null)
    {
        var n = config[key];
        if (n is null) return fallback ?? throw Bad(key, "a number");
        if (n is JsonValue v && v.GetValueKind() == JsonValueKind.Number) return v.GetValue<double>();
        throw Bad(key, "a number");
    }

    public bool Bool(string key, bool fallback)
    {
        var n = config[key];
        if (n is null) return fallback;
        return n.GetValueKind() switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => throw Bad(key, "true or false") };
    }

    public string String(string key, string fallback)
    {
        var n = config[key];
        if (n is null) return fallback;
        return n is JsonValue v && v.TryGetValue(out string? s) ? s : throw Bad(key, "a string");
    }

    /// <summary>A (height, width) pair written as [h, w], [n] or n.</summary>
    public (int H, int W) Pair(string key, (int, int)? fallback = null) =>
        OptionalPair(key) ?? fallback ?? throw Bad(key, "an integer or a pair of integers");

    public (int H, int W)? OptionalPair(string key)
    {
        var n = config[key];
        if (n is null) return null;
        if (n is JsonArray a && a.Count is 1 or 2 && a.All(x => x is JsonValue v && v.TryGetValue(out int _)))
            return (a[0]!.GetValue<int>(), a[^1]!.GetValue<int>());
        if (n is JsonValue s && s.TryGetValue(out int i)) return (i, i);
        throw Bad(key, "an integer or a pair of integers");
    }

    public void RequireValue(string key, (int, int) value)
    {
        if (OptionalPair(key) is { } p && p != value) throw Unsupported(key, $"{config[key]!.ToJsonString()} is not supported (only {value})");
    }

    public void RequireInt(string key, int value)
    {
        if (Has(key) && config[key] is not null && Int(key) != value) throw Unsupported(key, $"{Int(key)} is not supported (only {value})");
    }

    /// <summary>BatchNormalization's axis: an int or a one-element list (Keras writes [3] after building).</summary>
    public int Axis()
    {
        var n = config["axis"];
        if (n is null) return -1;
        if (n is JsonValue v && v.TryGetValue(out int i)) return i;
        if (n is JsonArray { Count: 1 } a && a[0] is JsonValue e && e.TryGetValue(out int j)) return j;
        throw Unsupported("axis", $"{n.ToJsonString()} is not supported (one axis, the last)");
    }

    public void RequireChannelsLast()
    {
        string f = String("data_format", "channels_last");
        if (f != "channels_last") throw Unsupported("data_format", $"'{f}' is not supported (AugNet runs channels_last)");
    }

    /// <summary>The float32 check Keras's dtype allows: "float32", a DTypePolicy dict naming it, or a mixed policy (float32 variables).</summary>
    public void RequireFloat32Dtype()
    {
        var n = config["dtype"];
        string? name = n switch
        {
            null => "float32",
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonObject o => (o["config"] as JsonObject)?["name"]?.GetValue<string>(),
            _ => null,
        };
        if (name is "float32") return;
        if (name is "mixed_float16" or "mixed_bfloat16")
        {
            context.Warnings.Add($"{Where}: dtype policy '{name}' is run in float32.");
            return;
        }
        throw Unsupported("dtype", $"{n?.ToJsonString()} is not supported (float32 only)");
    }

    /// <summary>An activation: "relu", or {"class_name": "function", "config": "relu"} and similar dicts of the new format.</summary>
    public string Activation(string key)
    {
        var n = config[key];
        string? name = n switch
        {
            null => "linear",
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonObject o when o["config"] is JsonValue c && c.TryGetValue(out string? s) => s,
            JsonObject o when o["config"] is JsonObject c && c["name"] is JsonValue cn && cn.TryGetValue(out string? s) => s,
            JsonObject o when o["class_name"] is JsonValue cl && cl.TryGetValue(out string? s) => s,
            _ => null,
        } ?? throw Bad(key, "an activation name");
        name = name.ToLowerInvariant();
        try { Activations.Parse(name); }
        catch (ArgumentException) { throw Unsupported(key, $"activation '{name}' is not supported (linear, relu, sigmoid, tanh, softmax)"); }
        return name;
    }

    /// <summary>Regularizers and constraints shape training only; a model with them still predicts the same, so they warn.</summary>
    public void NoteTrainingOnly(params string[] keys)
    {
        foreach (var k in keys)
            if (config[k] is { } v)
                context.Warnings.Add($"{Where}: {k} {v.ToJsonString()} is ignored (AugNet does not apply it when training).");
    }

}
