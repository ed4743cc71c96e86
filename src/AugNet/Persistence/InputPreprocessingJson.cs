using System.Text.Json.Nodes;
using AugNet.NN;

namespace AugNet.Persistence;

/// <summary><see cref="InputPreprocessing"/> ⇄ the small JSON object AugNet stores beside Keras's own metadata.</summary>
internal static class InputPreprocessingJson
{
    public static JsonObject? ToJson(InputPreprocessing? p)
    {
        if (p is null) return null;
        var o = Fields(p);
        if (p.JpegDraft) o["jpeg_draft"] = true; // only when set, so files without it read and compare as before
        return o;
    }

    static JsonObject Fields(InputPreprocessing p) => new()
    {
        ["color_mode"] = p.ColorMode,
        ["interpolation"] = p.Interpolation,
        ["rescale"] = p.Rescale,
        ["class_names"] = new JsonArray([.. p.ClassNames.Select(n => (JsonNode)n)]),
        ["class_mode"] = p.ClassMode,
        ["standardization"] = p.Standardization is not { } z ? null : new JsonObject
        {
            ["samplewise_center"] = z.SamplewiseCenter,
            ["samplewise_std_normalization"] = z.SamplewiseStdNormalization,
            ["featurewise_center"] = z.FeaturewiseCenter,
            ["featurewise_std_normalization"] = z.FeaturewiseStdNormalization,
            ["mean"] = Numbers(z.Mean),
            ["std"] = Numbers(z.Std),
        },
    };

    static JsonArray? Numbers(double[]? values) => values is null ? null : new JsonArray([.. values.Select(v => (JsonNode)v)]);

    static double[]? ReadNumbers(JsonNode? node) => node is JsonArray a ? [.. a.Select(v => v!.GetValue<double>())] : null;

    static InputStandardization? ReadStandardization(JsonNode? node) => node is not JsonObject z ? null : new InputStandardization(
        z["samplewise_center"]?.GetValue<bool>() ?? false,
        z["samplewise_std_normalization"]?.GetValue<bool>() ?? false,
        z["featurewise_center"]?.GetValue<bool>() ?? false,
        z["featurewise_std_normalization"]?.GetValue<bool>() ?? false,
        ReadNumbers(z["mean"]),
        ReadNumbers(z["std"]));

    public static InputPreprocessing? FromJson(JsonNode? node)
    {
        if (node is not JsonObject o) return null;
        try
        {
            return new InputPreprocessing(
                o["color_mode"]?.GetValue<string>() ?? "rgb",
                o["interpolation"]?.GetValue<string>() ?? "nearest",
                o["rescale"]?.GetValue<double>(),
                [.. (o["class_names"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? "")],
                o["class_mode"]?.GetValue<string>() ?? "binary",
                ReadStandardization(o["standardization"]),
                o["jpeg_draft"]?.GetValue<bool>() ?? false);
        }
        catch (InvalidOperationException e) { throw new InvalidDataException($"the AugNet preprocessing record is malformed: {e.Message}", e); }
    }
}
