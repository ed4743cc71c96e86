using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.Persistence;

namespace AugNet.Cli.Commands;

/// <summary>
/// What predict and evaluate share: loading a model file (its warnings on stderr, not lost) and the image preparation
/// it was trained with. Keras's own files carry no <see cref="InputPreprocessing"/>, so those fall back to the
/// book's convention (rescale 1/255, nearest, colour mode from the channel count) with a one-line warning, because
/// a silently different preparation gives plausible but wrong predictions.
/// </summary>
internal sealed record ModelInput(Sequential Model, InputPreprocessing Preprocessing, int Height, int Width, bool Assumed)
{
    public ColorMode ColorMode => ImageLoader.ParseColorMode(Preprocessing.ColorMode);
    public Interpolation Interpolation => ImageLoader.ParseInterpolation(Preprocessing.Interpolation);

    /// <summary>Loads <paramref name="path"/> (.h5 or .keras, AugNet's or Keras's), naming it in every warning.</summary>
    public static Sequential LoadModel(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file not found: {path}", path);
        return Sequential.Load(path, warn: m => Console.Error.WriteLine($"augnet: warning: {path}: {m}"));
    }

    /// <summary>
    /// The model and how images must be prepared for it; refuses models whose input is not (H, W, C).
    /// <see cref="Assumed"/> says the preparation is the fallback, whose class names are only indices.
    /// </summary>
    public static ModelInput ForImages(string path)
    {
        var model = LoadModel(path);
        if (model.InputShape is not [int h, int w, int c])
            throw new ArgumentException($"{path}: the model's input {ShapeText.Batch(model.InputShape ?? [])} is not an image (height, width, channels).");
        int outputs = model.OutputShape is [.., int last] ? last : 1;
        var pre = model.Preprocessing;
        if (pre is null)
        {
            string mode = c switch
            {
                1 => "grayscale",
                3 => "rgb",
                4 => "rgba",
                _ => throw new ArgumentException($"{path}: the model takes {c} channels, which is no image colour mode (1, 3 or 4)."),
            };
            pre = new InputPreprocessing(mode, "nearest", 1.0 / 255, ClassNamesByIndex(outputs), outputs == 1 ? "binary" : "categorical");
            Console.Error.WriteLine($"augnet: warning: {path} does not say how its images were prepared (not trained by augnet); "
                + $"assuming rescale 1/255, nearest resize, {mode}, classes {string.Join(",", pre.ClassNames)}.");
        }
        return new ModelInput(model, pre, h, w, model.Preprocessing is null);
    }

    /// <summary>Index names ("0", "1", ...) for a model without class names; a single sigmoid output has two classes.</summary>
    static string[] ClassNamesByIndex(int outputs) =>
        [.. Enumerable.Range(0, outputs == 1 ? 2 : outputs).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The class mode the model's outputs follow: the stored one, else binary for one output.</summary>
    public ClassMode ClassMode => ClassModeNames.Parse(Preprocessing.ClassMode);

    /// <summary>
    /// A generator that does what training did to a loaded image besides augmenting it: the rescale and the stored
    /// sample- and feature-wise standardisation (with the statistics fit computed), as Keras's <c>standardize</c>.
    /// </summary>
    public ImageDataGenerator Generator()
    {
        var z = Preprocessing.Standardization;
        var generator = new ImageDataGenerator(new ImageDataGeneratorOptions
        {
            Rescale = Preprocessing.Rescale is 0 ? null : Preprocessing.Rescale,
            SamplewiseCenter = z?.SamplewiseCenter ?? false,
            SamplewiseStdNormalization = z?.SamplewiseStdNormalization ?? false,
            FeaturewiseCenter = z?.FeaturewiseCenter ?? false,
            FeaturewiseStdNormalization = z?.FeaturewiseStdNormalization ?? false,
        });
        if (z?.Mean is { } mean) generator.Mean = mean;
        if (z?.Std is { } std) generator.Std = std;
        return generator;
    }

    /// <summary>One image, prepared as in training: loaded, converted, resized to the model input, rescaled and standardised.</summary>
    public Tensor LoadImage(string file) =>
        (_generator ??= Generator()).Standardize(ImageLoader.LoadImage(file, ColorMode, (Height, Width), Interpolation, jpegDraft: Preprocessing.JpegDraft));

    ImageDataGenerator? _generator;
}
