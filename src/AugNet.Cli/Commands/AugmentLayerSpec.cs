using System.Globalization;
using AugNet.NN;
using AugNet.NN.Layers.Preprocessing;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>--augment-layers "flip:horizontal,rotation:0.1,zoom:0.2"</c>: the second edition's route to augmentation, Keras 3
/// preprocessing layers placed in front of the model, as an alternative to the ImageDataGenerator flags. Each entry is
/// KIND:VALUE or KIND:LOWER:UPPER with Keras's meaning of the factor: flip:horizontal|vertical|horizontal_and_vertical,
/// rotation (fraction of a full turn), zoom (fraction of the size; positive zooms out), translation (fraction of the
/// size, both axes), contrast, brightness; shear:X shears both axes by Keras's single factor X (x_factor = y_factor = X,
/// each drawn from (−X, X)) and shear:X:Y takes x_factor X and y_factor Y (so shear:0.2:0 shears horizontally only) —
/// unlike the other kinds, two numbers are the two axes, not a range; grayscale:P converts each image with probability
/// P (grayscale alone: Keras's default 0.5); hue and saturation take Keras's factor (hue:F draws a shift from [0, F)
/// half-turns either way; saturation:LOWER:UPPER with 0.5 the identity — Keras's single saturation:F draws from [−F, F),
/// half of it gray); jitter:B:C:S:H is RandomColorJitter with brightness, contrast, saturation and hue single factors in
/// that order, an empty slot leaving the stage out (jitter:0.2:0.2::0.1). Layer i is seeded with seed + i, so a run
/// repeats. A value ending in .json is a file of Keras layer configs instead (<see cref="AugmentLayerFile"/>).
/// </summary>
internal static class AugmentLayerSpec
{
    public const string Kinds = "flip, rotation, zoom, translation, contrast, brightness, shear, grayscale, hue, saturation, jitter";

    /// <summary>
    /// Fresh layers for the spec, or for the Keras layer configs of a FILE.json (<see cref="AugmentLayerFile"/>); a bad
    /// entry or factor is a usage error naming the entry (with Keras's message).
    /// </summary>
    public static List<Layer> Parse(string spec, uint seed)
    {
        if (AugmentLayerFile.IsFile(spec)) return AugmentLayerFile.Read(spec, seed);
        var layers = new List<Layer>();
        var entries = spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0) throw new UsageException("--augment-layers is empty; e.g. --augment-layers flip:horizontal,rotation:0.1,zoom:0.2");
        for (int i = 0; i < entries.Length; i++)
        {
            string entry = entries[i];
            var parts = entry.Split(':', StringSplitOptions.TrimEntries);
            int layerSeed = LayerSeed(seed, i);
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
                    "hue" => new RandomHue(Factor(parts, entry), seed: layerSeed),
                    "saturation" => new RandomSaturation(Factor(parts, entry), seed: layerSeed),
                    "jitter" => Jitter(parts, entry, layerSeed),
                    "shear" => Shear(parts, entry, layerSeed),
                    "grayscale" => new RandomGrayscale(parts.Length switch
                    {
                        1 => 0.5,
                        2 => Number(parts[1], entry),
                        _ => throw new UsageException($"--augment-layers entry '{entry}' needs grayscale:PROBABILITY."),
                    }, seed: layerSeed),
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

    /// <summary>Layer <paramref name="index"/>'s seed: the run's seed + index, kept a non-negative int as Keras's seeds are.</summary>
    public static int LayerSeed(uint seed, int index) => unchecked((int)(seed + (uint)index) & int.MaxValue);

    /// <summary>shear:X (x_factor = y_factor = X) or shear:X:Y (x_factor X, y_factor Y), each a Keras single factor.</summary>
    static RandomShear Shear(string[] parts, string entry, int seed) => parts.Length switch
    {
        2 => new RandomShear(Number(parts[1], entry), Number(parts[1], entry), seed: seed),
        3 => new RandomShear(Number(parts[1], entry), Number(parts[2], entry), seed: seed),
        _ => throw new UsageException($"--augment-layers entry '{entry}' needs shear:X or shear:X:Y."),
    };

    /// <summary>jitter:B:C:S:H — RandomColorJitter's brightness, contrast, saturation and hue factors; an empty slot is None.</summary>
    static RandomColorJitter Jitter(string[] parts, string entry, int seed)
    {
        if (parts.Length != 5) throw new UsageException($"--augment-layers entry '{entry}' needs jitter:BRIGHTNESS:CONTRAST:SATURATION:HUE (leave a slot empty to skip it, e.g. jitter:0.2:0.2::0.1).");
        KerasFactor? Slot(int i) => parts[i].Length == 0 ? null : Number(parts[i], entry);
        return new RandomColorJitter(brightnessFactor: Slot(1), contrastFactor: Slot(2), saturationFactor: Slot(3), hueFactor: Slot(4), seed: seed);
    }

    static double Number(string text, string entry) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw new UsageException($"--augment-layers entry '{entry}': '{text}' is not a number.");

    /// <summary>KIND:V (Keras's single factor) or KIND:LOWER:UPPER (a range).</summary>
    static KerasFactor Factor(string[] parts, string entry)
    {
        return parts.Length switch
        {
            2 => Number(parts[1], entry),
            3 => (Number(parts[1], entry), Number(parts[2], entry)),
            _ => throw new UsageException($"--augment-layers entry '{entry}' needs KIND:VALUE or KIND:LOWER:UPPER."),
        };
    }
}
