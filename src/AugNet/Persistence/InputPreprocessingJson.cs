using System.Text.Json.Nodes;
using AugNet.NN;

namespace AugNet.Persistence;

/// <summary><see cref="InputPreprocessing"/> ⇄ the small JSON object AugNet stores beside Keras's own metadata.</summary>
internal static class InputPreprocessingJson
{
    public static JsonObject? ToJson(InputPreprocessing? p) => p is null ? null : new JsonObject
    {
        ["color_mode"] = p.ColorMode,
        ["interpolation"] = p.Interpolation,
        ["rescale"] = p.Rescale,
        ["class_names"] = new JsonArray([.. p.ClassNames.Select(n => (JsonNode)n)]),
        ["class_mode"] = p.ClassMode,
    };

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
                o["class_mode"]?.GetValue<string>() ?? "binary");
        }
        catch (InvalidOperationException e) { throw new InvalidDataException($"the AugNet preprocessing record is malformed: {e.Message}", e); }
    }
}
