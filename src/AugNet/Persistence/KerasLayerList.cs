using System.Text.Json.Nodes;
using AugNet.NN;

namespace AugNet.Persistence;

/// <summary>
/// Layers from a list of Keras layer configs as Keras serialises them — <c>[{"class_name": "RandomFlip", "config":
/// {...}}, ...]</c>, or a whole <c>keras.Sequential</c> config (<c>{"class_name": "Sequential", "config": {"layers":
/// [...]}}</c>) whose layers are taken — read by the same code as model files, for a block that goes in front of
/// another model (the second edition's <c>data_augmentation</c>). The layers are returned unbuilt: the model they
/// join decides their input, so an InputLayer entry is skipped.
/// </summary>
public static class KerasLayerList
{
    /// <summary>
    /// The layers of <paramref name="json"/>, each of a class in <paramref name="accepted"/>; an entry of another class
    /// is a <see cref="NotSupportedException"/> naming its index and class. A random layer whose config has no seed
    /// (absent or null) gets <paramref name="seedFor"/>(index), so a run repeats. A malformed list or config is an
    /// <see cref="InvalidDataException"/> naming the entry; warnings (ignored options) go to <paramref name="warn"/>.
    /// </summary>
    public static List<Layer> FromJson(string json, IReadOnlyCollection<string> accepted, Func<int, int>? seedFor = null, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(accepted);
        var entries = Entries(ModelFile.ParseJson(json, "the layer list"));
        var context = new ConfigReadContext();
        var layers = new List<Layer>();
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonObject entry || entry["class_name"] is not JsonValue cn || !cn.TryGetValue(out string? cls))
                throw new InvalidDataException($"entry {i} is not a Keras layer config {{\"class_name\": ..., \"config\": {{...}}}}.");
            if (cls == "InputLayer") continue;
            if (!accepted.Contains(cls))
                throw new NotSupportedException($"entry {i} is a {cls}, which is not accepted here (accepted: {string.Join(", ", accepted)}).");
            if (entry["config"] is not JsonObject config) throw new InvalidDataException($"entry {i} ({cls}) has no config object.");
            if (seedFor is not null && config["seed"] is null) config["seed"] = seedFor(i);
            try { layers.Add(KerasLayerConfig.FromConfig(cls, config, null, context)); }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException)
            {
                throw e is NotSupportedException ? new NotSupportedException($"entry {i}: {e.Message}", e) : new InvalidDataException($"entry {i}: {e.Message}", e);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                // A JSON value of the wrong type (InvalidOperation, Format) or an impossible setting: the file is at fault.
                throw new InvalidDataException($"entry {i} ({cls}): {e.Message}", e);
            }
        }
        foreach (var w in context.Warnings) (warn ?? ModelFile.DefaultWarn)(w);
        if (layers.Count == 0) throw new InvalidDataException("the layer list has no layers.");
        return layers;
    }

    static JsonArray Entries(JsonNode root) => root switch
    {
        JsonArray list => list,
        JsonObject { } top when top["class_name"] is JsonValue v && v.TryGetValue(out string? cls) && cls == "Sequential" =>
            (top["config"] as JsonObject)?["layers"] as JsonArray ?? throw new InvalidDataException("the Sequential config has no layers list."),
        _ => throw new InvalidDataException("expected a JSON list of Keras layer configs or a Sequential config."),
    };
}
