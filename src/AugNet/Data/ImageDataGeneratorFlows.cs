using System.Data;
using AugNet.Augmentation;
using AugNet.Imaging;

namespace AugNet.Data;

/// <summary>
/// Keras's <c>flow</c>, <c>flow_from_directory</c> and <c>flow_from_dataframe</c>, as extension methods so
/// <c>generator.Flow(...)</c> reads as in Keras while the generator knows nothing of iterators: as in Keras, the
/// iterators call the generator and not the other way round, so Augmentation does not depend on Data. The parameters
/// keep Keras's names and defaults (named arguments: <c>FlowFromDirectory(dir, targetSize: (150, 150), classMode:
/// ClassMode.Binary)</c>); save_to_dir, save_prefix and save_format are one <see cref="SaveOptions"/>.
/// </summary>
public static class ImageDataGeneratorFlows
{
    /// <summary>
    /// Keras's <c>flow(x, y, batch_size=32, shuffle=True, sample_weight, seed, save_to_dir, save_prefix, save_format,
    /// ignore_class_split, subset)</c> (spec §8): endless augmented batches from in-memory images (N, H, W, C)
    /// ((N, C, H, W) for channels_first). With a subset, validation is the <b>first</b> int(N·validation_split)
    /// samples, as in Keras. Sample weights are returned only when <paramref name="y"/> is given.
    /// </summary>
    public static NumpyArrayIterator Flow(this ImageDataGenerator generator, Tensor x, Tensor? y = null, int batchSize = 32, bool shuffle = true,
        Tensor? sampleWeight = null, long? seed = null, SaveOptions? saveTo = null, bool ignoreClassSplit = false, Subset? subset = null,
        PipelineOptions? pipeline = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return new(x, y, generator, batchSize, shuffle, seed, sampleWeight, null, saveTo, subset, ignoreClassSplit, pipeline);
    }

    /// <summary>
    /// The tuple form <c>flow((images, misc), y, ...)</c>: the misc arrays are extra model inputs sliced alongside the
    /// images and returned in <see cref="Batch.MiscInputs"/> (Keras's [batch_x, misc_1[J], …]).
    /// </summary>
    public static NumpyArrayIterator Flow(this ImageDataGenerator generator, (Tensor Images, IReadOnlyList<Tensor> MiscInputs) x, Tensor? y = null,
        int batchSize = 32, bool shuffle = true, Tensor? sampleWeight = null, long? seed = null, SaveOptions? saveTo = null,
        bool ignoreClassSplit = false, Subset? subset = null, PipelineOptions? pipeline = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(x.MiscInputs);
        return new(x.Images, y, generator, batchSize, shuffle, seed, sampleWeight, x.MiscInputs, saveTo, subset, ignoreClassSplit, pipeline);
    }

    /// <summary>
    /// Keras's <c>flow_from_directory</c> (spec §9): classes from the sorted sub-folders of <paramref name="directory"/>
    /// (or <paramref name="classes"/> in the given order), images listed recursively with Keras's extension whitelist,
    /// resized to <paramref name="targetSize"/> (height, width; default 256×256), augmented with this generator.
    /// Prints "Found N images belonging to K classes." to <see cref="PipelineOptions.Log"/> (default Console.Out).
    /// <paramref name="jpegDraft"/> (not a Keras option) decodes JPEGs at reduced scale first, as Pillow's
    /// <c>Image.draft</c>: see <see cref="FileIteratorOptions.JpegDraft"/>.
    /// </summary>
    public static DirectoryIterator FlowFromDirectory(this ImageDataGenerator generator, string directory, (int Height, int Width)? targetSize = null,
        ColorMode colorMode = ColorMode.Rgb, IReadOnlyList<string>? classes = null, ClassMode classMode = ClassMode.Categorical,
        int batchSize = 32, bool shuffle = true, long? seed = null, SaveOptions? saveTo = null, bool followLinks = false,
        Subset? subset = null, Interpolation interpolation = Interpolation.Nearest, bool keepAspectRatio = false, PipelineOptions? pipeline = null,
        bool jpegDraft = false)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var options = FileOptions(targetSize, colorMode, classes, classMode, batchSize, shuffle, seed, saveTo, subset, interpolation, keepAspectRatio, jpegDraft);
        return new(directory, generator, options, followLinks, pipeline);
    }

    /// <summary>
    /// Keras's <c>flow_from_dataframe</c> (spec §10) over an in-memory table: file names in <paramref name="xCol"/>
    /// (joined to <paramref name="directory"/>, or used as paths when it is null), labels in <paramref name="yCol"/>
    /// (or <paramref name="yCols"/> for raw / multi_output), optional numeric <paramref name="weightCol"/>. With
    /// <paramref name="validateFilenames"/>, rows whose file is missing or not an image name are dropped with a warning.
    /// Keras does not pass keep_aspect_ratio here; this port does.
    /// </summary>
    public static DataFrameIterator FlowFromDataFrame(this ImageDataGenerator generator, DataTable dataframe, string? directory = null,
        string xCol = "filename", string? yCol = "class", IReadOnlyList<string>? yCols = null, string? weightCol = null,
        (int Height, int Width)? targetSize = null, ColorMode colorMode = ColorMode.Rgb, IReadOnlyList<string>? classes = null,
        ClassMode classMode = ClassMode.Categorical, int batchSize = 32, bool shuffle = true, long? seed = null, SaveOptions? saveTo = null,
        Subset? subset = null, Interpolation interpolation = Interpolation.Nearest, bool validateFilenames = true, bool keepAspectRatio = false,
        PipelineOptions? pipeline = null,
        bool jpegDraft = false)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var columns = new DataFrameColumns { XCol = xCol, YCol = yCol, YCols = yCols, WeightCol = weightCol };
        var options = FileOptions(targetSize, colorMode, classes, classMode, batchSize, shuffle, seed, saveTo, subset, interpolation, keepAspectRatio, jpegDraft);
        return new(dataframe, generator, directory, columns, options, validateFilenames, pipeline);
    }

    /// <summary>
    /// <c>flow_from_dataframe(pd.read_csv(csvPath), ...)</c>: the same over a CSV file read with pandas's column typing
    /// (<see cref="DataFrameCsv"/>: integers, floats, True/False bools, NA spellings and empty cells as NaN).
    /// </summary>
    /// <remarks>
    /// As with pandas, a cell is never parsed into a list: <c>"['cat', 'dog']"</c> is one class named
    /// <c>['cat', 'dog']</c>. For multi-label categorical rows build a <see cref="DataTable"/> with an
    /// <see cref="object"/> label column holding <c>string[]</c> cells and call <see cref="FlowFromDataFrame"/>.
    /// True/False label columns are bools (quoted or not, as in pandas): binary, sparse and categorical reject them
    /// (Keras's TypeError; to use them as class names, put strings in an in-memory table); raw and multi_output give 1/0.
    /// </remarks>
    // The parameter list repeats FlowFromDataFrame's on purpose: the CSV form is called with the same named arguments.
    public static DataFrameIterator FlowFromCsv(this ImageDataGenerator generator, string csvPath, string? directory = null,
        string xCol = "filename", string? yCol = "class", IReadOnlyList<string>? yCols = null, string? weightCol = null,
        (int Height, int Width)? targetSize = null, ColorMode colorMode = ColorMode.Rgb, IReadOnlyList<string>? classes = null,
        ClassMode classMode = ClassMode.Categorical, int batchSize = 32, bool shuffle = true, long? seed = null, SaveOptions? saveTo = null,
        Subset? subset = null, Interpolation interpolation = Interpolation.Nearest, bool validateFilenames = true, bool keepAspectRatio = false,
        PipelineOptions? pipeline = null,
        bool jpegDraft = false)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return generator.FlowFromDataFrame(DataFrameCsv.Read(csvPath), directory, xCol, yCol, yCols, weightCol, targetSize, colorMode, classes,
            classMode, batchSize, shuffle, seed, saveTo, subset, interpolation, validateFilenames, keepAspectRatio, pipeline, jpegDraft);
    }

    /// <summary>The Keras-named arguments both file flows take, as the record their iterators are built from.</summary>
    static FileIteratorOptions FileOptions((int Height, int Width)? targetSize, ColorMode colorMode, IReadOnlyList<string>? classes,
        ClassMode classMode, int batchSize, bool shuffle, long? seed, SaveOptions? saveTo, Subset? subset, Interpolation interpolation,
        bool keepAspectRatio, bool jpegDraft) => new()
    {
        TargetSize = targetSize ?? FileIteratorOptions.DefaultTargetSize,
        ColorMode = colorMode,
        Classes = classes,
        ClassMode = classMode,
        BatchSize = batchSize,
        Shuffle = shuffle,
        Seed = seed,
        SaveTo = saveTo,
        Subset = subset,
        Interpolation = interpolation,
        KeepAspectRatio = keepAspectRatio,
        JpegDraft = jpegDraft,
    };
}
