using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AugNet.Augmentation;
using AugNet.NN;
using AugNet.Imaging;

namespace AugNet.Cli.Commands;

/// <summary>
/// The two generators of a train run, as the book sets them up: the training one with every augmentation asked for
/// (from <c>--config FILE.json</c> in Keras's keyword names, overridden by explicit flags), the validation one with
/// only the steps that prepare an image rather than vary it (rescale, sample- and featurewise standardisation), so
/// validation images look like training images on average. Every generator warning is printed once, whichever
/// generator raises it and however often (Keras warns on every batch).
/// </summary>
internal sealed class TrainGenerators
{
    /// <summary>Images read to fit featurewise statistics: enough for stable per-channel means, few enough to load in seconds.</summary>
    public const int FitSampleSize = 500;

    readonly HashSet<string> _printed = [];
    readonly Lock _lock = new();
    readonly TextWriter _warnings;

    public ImageDataGenerator Train { get; }
    public ImageDataGenerator Validation { get; }

    /// <summary>The training options; without a rescale the book's 1/255 is used, as the model expects inputs in [0, 1].</summary>
    public TrainGenerators(ImageDataGeneratorOptions options, TextWriter warnings)
    {
        _warnings = warnings;
        if (options.Rescale is null) options = options with { Rescale = 1.0 / 255 };
        Train = new ImageDataGenerator(options, Print);
        Validation = new ImageDataGenerator(new ImageDataGeneratorOptions
        {
            Rescale = options.Rescale,
            ValidationSplit = options.ValidationSplit,
            SamplewiseCenter = options.SamplewiseCenter,
            SamplewiseStdNormalization = options.SamplewiseStdNormalization,
            FeaturewiseCenter = options.FeaturewiseCenter,
            FeaturewiseStdNormalization = options.FeaturewiseStdNormalization,
            ZcaWhitening = options.ZcaWhitening,
            ZcaEpsilon = options.ZcaEpsilon,
        }, Print);
    }

    /// <summary>
    /// The generator's Keras keyword arguments: those of <paramref name="configFile"/> (checked on their own first, so a
    /// bad key or value names the file), then the flags given on the command line, which win.
    /// </summary>
    public static Dictionary<string, object?> KerasArguments(FileInfo? configFile, Dictionary<string, object?> flags)
    {
        var merged = new Dictionary<string, object?>();
        if (configFile is not null)
        {
            var json = ReadConfig(configFile.FullName);
            try { ImageDataGeneratorOptions.FromKerasJson(json); }
            catch (ArgumentException e) { throw new ArgumentException($"{configFile.FullName}: {e.Message}", e); }
            foreach (var (key, value) in json) merged[key] = value;
        }
        foreach (var (key, value) in flags) merged[key] = value;
        return merged;
    }

    static JsonObject ReadConfig(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"--config {path}: no such file.");
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{path}: --config needs a JSON object of ImageDataGenerator keywords, e.g. {{\"rotation_range\": 40, \"horizontal_flip\": true}}.");
        }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).", e); }
    }

    /// <summary>True when the options standardise with dataset statistics, which Keras only has after <c>fit</c>.</summary>
    /// <summary>The training generator's standardisation with its fitted statistics, as the model file keeps it (null: none).</summary>
    public InputStandardization? Standardization()
    {
        var o = Train.Options;
        var z = new InputStandardization(o.SamplewiseCenter, o.SamplewiseStdNormalization, o.FeaturewiseCenter, o.FeaturewiseStdNormalization, Train.Mean, Train.Std);
        return z.IsIdentity ? null : z;
    }

    public bool NeedsFit => Train.FeaturewiseCenter || Train.FeaturewiseStdNormalization || Train.Options.ZcaWhitening;

    /// <summary>
    /// Keras's <c>datagen.fit(x)</c>, which a reader of the book calls by hand on an array before <c>flow</c>: here on up
    /// to <see cref="FitSampleSize"/> training images drawn with the run's seed (so a resumed run fits the same
    /// statistics), loaded as the iterator loads them. The validation generator gets the same statistics.
    /// </summary>
    public void Fit(IReadOnlyList<string> trainingFiles, (int Height, int Width) size, ColorMode color, Interpolation resize, bool jpegDraft, uint seed, TextWriter log)
    {
        var picked = trainingFiles.ToArray();
        new Random(unchecked((int)seed)).Shuffle(picked);
        picked = picked[..Math.Min(FitSampleSize, picked.Length)];
        string what = string.Join(", ", new[] { ("featurewise_center", Train.FeaturewiseCenter), ("featurewise_std_normalization", Train.FeaturewiseStdNormalization),
            ("zca_whitening", Train.Options.ZcaWhitening) }.Where(p => p.Item2).Select(p => p.Item1));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fitting the generator ({what}) on {picked.Length} of the {trainingFiles.Count} training images, as datagen.fit(x) would"));
        Tensor? batch = null;
        for (int i = 0; i < picked.Length; i++)
        {
            var image = ImageLoader.LoadImage(picked[i], color, size, resize, jpegDraft: jpegDraft);
            batch ??= new Tensor([picked.Length, .. image.Shape]);
            image.Span.CopyTo(batch.Sample(i));
        }
        Train.Fit(batch!, seed: seed);
        Validation.Mean = Train.Mean;
        Validation.Std = Train.Std;
        Validation.Zca = Train.Zca;
    }

    /// <summary>Prints each distinct warning once; called from the iterators' worker threads.</summary>
    void Print(string message)
    {
        lock (_lock)
            if (_printed.Add(message)) _warnings.WriteLine($"warning: {message}");
    }
}
