using System.Globalization;
using AugNet.NN;
using AugNet.NN.Layers.Preprocessing;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>--augment-layers "flip:horizontal,rotation:0.1,zoom:0.2"</c>: the second edition's route to augmentation, Keras 3
/// preprocessing layers placed in front of the model, as an alternative to the ImageDataGenerator flags. Each entry is
/// KIND:VALUE or KIND:LOWER:UPPER with Keras's meaning of the factor: flip:horizontal|vertical|horizontal_and_vertical,
/// rotation (fraction of a full turn), zoom (fraction of the size; positive zooms out), translation (fraction of the
/// size, both axes), contrast, brightness. Layer i is seeded with seed + i, so a run repeats.
/// </summary>
internal static class AugmentLayerSpec
{
    public const string Kinds = "flip, rotation, zoom, translation, contrast, brightness";

    /// <summary>Fresh layers for the spec; a bad entry or factor is a usage error naming the entry (with Keras's message).</summary>
    public static List<Layer> Parse(string spec, uint seed)
    {
        var layers = new List<Layer>();
        var entries = spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0) throw new UsageException("--augment-layers is empty; e.g. --augment-layers flip:horizontal,rotation:0.1,zoom:0.2");
        for (int i = 0; i < entries.Length; i++)
        {
            string entry = entries[i];
            var parts = entry.Split(':', StringSplitOptions.TrimEntries);
            int layerSeed = unchecked((int)(seed + (uint)i) & int.MaxValue);
            try
            {
                layers.Add(parts[0].ToLowerInvariant() switch
                {
                    "flip" => new RandomFlip(parts.Length > 1 ? parts[1] : RandomFlip.Horizontal, seed: layerSeed),
                    "rotation" => new RandomRotation(Factor(parts, entry), seed: layerSeed),
                    "zoom" => new RandomZoom(Factor(parts, entry), seed: layerSeed),
                    "translation" => new RandomTranslation(Factor(parts, entry), Factor(parts, entry), seed: layerSeed),
                    "contrast" => new RandomContrast(Factor(parts, entry), seed: layerSeed),
                    "brightness" => new RandomBrightness(Factor(parts, entry), seed: layerSeed),
                    _ => throw new UsageException($"--augment-layers entry '{entry}': unknown kind '{parts[0]}' (known: {Kinds})."),
                });
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--augment-layers entry '{entry}': {e.Message}");
            }
        }
        return layers;
    }

    /// <summary>KIND:V (Keras's single factor) or KIND:LOWER:UPPER (a range).</summary>
    static KerasFactor Factor(string[] parts, string entry)
    {
        double Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw new UsageException($"--augment-layers entry '{entry}': '{text}' is not a number.");
        return parts.Length switch
        {
            2 => Number(parts[1]),
            3 => (Number(parts[1]), Number(parts[2])),
            _ => throw new UsageException($"--augment-layers entry '{entry}' needs KIND:VALUE or KIND:LOWER:UPPER."),
        };
    }
}
