using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using AugNet.NN;
using PureHDF;

namespace AugNet.Persistence;

/// <summary>
/// Keras 3's <c>.keras</c> file (spec §3.1): a zip of stored (uncompressed) entries metadata.json, config.json and
/// model.weights.h5, and nothing else (Keras opens an assets store once there are more than three entries). AugNet's
/// preprocessing record rides in metadata.json, which Keras does not read.
/// </summary>
internal static class KerasArchive
{
    public const string KerasVersion = "3.0.0";

    public static void Write(Stream output, Sequential model, JsonObject? preprocessing, Func<Sequential, H5File> weights)
    {
        var metadata = new JsonObject { ["keras_version"] = KerasVersion, ["date_saved"] = DateTime.Now.ToString("yyyy-MM-dd@HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) };
        if (preprocessing is not null) metadata[LegacyH5Format.PreprocessingAttribute] = preprocessing;
        var config = KerasModelConfig.ToKeras3(model);
        if (model.Optimizer is not null && model.Loss is not null) config["compile_config"] = KerasCompileConfig.ToCompileConfig(model);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Entry(zip, "metadata.json", Encoding.UTF8.GetBytes(PythonJson.Serialize(metadata)));
        Entry(zip, "config.json", Encoding.UTF8.GetBytes(PythonJson.Serialize(config)));
        using var h5 = new MemoryStream();
        weights(model).Write(h5, new H5WriteOptions(PreferCompactDatasetLayout: false));
        Entry(zip, "model.weights.h5", h5.GetBuffer().AsSpan(0, (int)h5.Length));
    }

    static void Entry(ZipArchive zip, string name, ReadOnlySpan<byte> bytes)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        s.Write(bytes);
    }

    /// <summary>The archive's three parts; weights is the whole model.weights.h5 in memory.</summary>
    public static (JsonNode Config, JsonObject? Metadata, MemoryStream Weights) Read(Stream input)
    {
        using var zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        var config = JsonNode.Parse(ReadEntry(zip, "config.json") ?? throw new InvalidDataException("the archive has no config.json."))
            ?? throw new InvalidDataException("config.json is empty.");
        var metaText = ReadEntry(zip, "metadata.json");
        var metadata = metaText is null ? null : JsonNode.Parse(metaText) as JsonObject;
        var weightsEntry = zip.GetEntry("model.weights.h5")
            ?? (zip.GetEntry("model.weights.npz") is not null
                ? throw new NotSupportedException("the archive stores its weights as model.weights.npz; only model.weights.h5 is supported.")
                : throw new InvalidDataException("the archive has no model.weights.h5."));
        var weights = new MemoryStream();
        using (var s = weightsEntry.Open()) s.CopyTo(weights);
        weights.Position = 0;
        return (config, metadata, weights);
    }

    static string? ReadEntry(ZipArchive zip, string name)
    {
        var e = zip.GetEntry(name);
        if (e is null) return null;
        using var r = new StreamReader(e.Open(), Encoding.UTF8);
        return r.ReadToEnd();
    }
}
