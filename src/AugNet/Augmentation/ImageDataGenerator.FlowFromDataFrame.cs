using System.Data;
using AugNet.Data;
using AugNet.Imaging;

namespace AugNet.Augmentation;

public sealed partial class ImageDataGenerator
{
    /// <summary>
    /// Keras's <c>flow_from_dataframe</c> (spec §10) over an in-memory table: file names in <paramref name="xCol"/>
    /// (joined to <paramref name="directory"/>, or used as paths when it is null), labels in <paramref name="yCol"/>
    /// (or <paramref name="yCols"/> for raw / multi_output), optional numeric <paramref name="weightCol"/>. With
    /// <paramref name="validateFilenames"/>, rows whose file is missing or not an image name are dropped with a warning.
    /// Keras does not pass keep_aspect_ratio here; this port does.
    /// </summary>
    public DataFrameIterator FlowFromDataFrame(DataTable dataframe, string? directory = null, string xCol = "filename", string? yCol = "class",
        IReadOnlyList<string>? yCols = null, string? weightCol = null, (int Height, int Width)? targetSize = null, ColorMode colorMode = ColorMode.Rgb,
        IReadOnlyList<string>? classes = null, ClassMode classMode = ClassMode.Categorical, int batchSize = 32, bool shuffle = true,
        long? seed = null, string? saveToDir = null, string savePrefix = "", string saveFormat = "png", Subset? subset = null,
        Interpolation interpolation = Interpolation.Nearest, bool validateFilenames = true, bool keepAspectRatio = false, PipelineOptions? pipeline = null)
        => new(dataframe, this, directory, xCol, yCol, yCols, weightCol, targetSize, colorMode, classes, classMode, batchSize, shuffle, seed,
            saveToDir, savePrefix, saveFormat, subset, interpolation, validateFilenames, keepAspectRatio, pipeline);

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
    public DataFrameIterator FlowFromCsv(string csvPath, string? directory = null, string xCol = "filename", string? yCol = "class",
        IReadOnlyList<string>? yCols = null, string? weightCol = null, (int Height, int Width)? targetSize = null, ColorMode colorMode = ColorMode.Rgb,
        IReadOnlyList<string>? classes = null, ClassMode classMode = ClassMode.Categorical, int batchSize = 32, bool shuffle = true,
        long? seed = null, string? saveToDir = null, string savePrefix = "", string saveFormat = "png", Subset? subset = null,
        Interpolation interpolation = Interpolation.Nearest, bool validateFilenames = true, bool keepAspectRatio = false, PipelineOptions? pipeline = null)
        => FlowFromDataFrame(DataFrameCsv.Read(csvPath), directory, xCol, yCol, yCols, weightCol, targetSize, colorMode, classes, classMode,
            batchSize, shuffle, seed, saveToDir, savePrefix, saveFormat, subset, interpolation, validateFilenames, keepAspectRatio, pipeline);
}
