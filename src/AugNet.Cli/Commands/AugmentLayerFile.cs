using AugNet.NN;
using AugNet.Persistence;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>--augment-layers FILE.json</c>: the augmentation block as Keras serialises it — a JSON list of layer configs
/// (<c>[{"class_name": "RandomFlip", "config": {"mode": "horizontal"}}, ...]</c>) or the block's whole
/// <c>keras.Sequential</c> config — read by the library's Keras config reader (<see cref="KerasLayerList"/>), the one
/// model files use. Only the layers the spec string can give are accepted: the others change the image size or the
/// pixel scale, which --size and the generator flags decide. A layer without a seed gets seed + index, as in the spec.
/// Every problem is one usage line naming the file (and the entry).
/// </summary>
internal static class AugmentLayerFile
{
    static readonly string[] Accepted =
        ["RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast", "RandomBrightness", "RandomShear", "RandomGrayscale",
         "RandomHue", "RandomSaturation", "RandomColorJitter"];

    /// <summary>Whether the --augment-layers value is the file form (it ends in .json; the spec string never does).</summary>
    public static bool IsFile(string value) => value.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static List<Layer> Read(string value, uint seed)
    {
        string path = Path.GetFullPath(value);
        if (!File.Exists(path)) throw new UsageException($"--augment-layers {path}: no such file.");
        string json;
        try { json = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"--augment-layers {path}: {e.Message}"); }
        try { return KerasLayerList.FromJson(json, Accepted, i => AugmentLayerSpec.LayerSeed(seed, i), m => Console.Error.WriteLine($"warning: {path}: {m}")); }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException) { throw new UsageException($"--augment-layers {path}: {e.Message}"); }
    }
}
