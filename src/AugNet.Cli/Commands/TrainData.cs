using System.Data;
using AugNet.Data;
using AugNet.Imaging;

namespace AugNet.Cli.Commands;

/// <summary>Where a train run's images come from: a folder (book layout or class folders) or a CSV listing files and labels.</summary>
internal abstract record TrainSource
{
    /// <summary>DATA with train/ + validation/, or class folders split by --validation-split (see <see cref="TrainingFolders"/>).</summary>
    public sealed record Folders(string Root) : TrainSource;

    /// <summary>flow_from_dataframe over a CSV: file names in <paramref name="XCol"/> (relative to <paramref name="Directory"/>), labels in <paramref name="YCol"/>.</summary>
    public sealed record Csv(string File, string? Directory, string XCol, string YCol) : TrainSource;
}

/// <summary>
/// The training and validation iterators of a run, with the class names and class mode they were built with. The
/// class mode is chosen here because its default depends on how many classes the data has (binary for two,
/// categorical otherwise), which is known only once the folders or the CSV have been read.
/// </summary>
internal sealed class TrainData : IDisposable
{
    public required FileImageIterator Train { get; init; }
    public required FileImageIterator Validation { get; init; }
    public required string[] ClassNames { get; init; }
    public required ClassMode ClassMode { get; init; }

    /// <summary>How the images are read: size, colour, resize filter, batch size, seed, image cache (the same for both iterators).</summary>
    public sealed record Loading((int Height, int Width) Size, ColorMode Color, Interpolation Resize, int BatchSize, uint Seed, long ImageCacheBytes, bool JpegDraft)
    {
        public PipelineOptions Pipeline => new() { ImageCacheBytes = ImageCacheBytes };
    }

    public static TrainData Open(TrainSource source, TrainGenerators generators, Loading load, ClassMode? requested, bool validationSplitGiven) =>
        source switch
        {
            TrainSource.Folders f => FromFolders(f, generators, load, requested, validationSplitGiven),
            TrainSource.Csv c => FromCsv(c, generators, load, requested),
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        };

    static TrainData FromFolders(TrainSource.Folders source, TrainGenerators generators, Loading load, ClassMode? requested, bool split)
    {
        var folders = TrainingFolders.Resolve(source.Root, split);
        var mode = ChooseMode(requested, folders.ClassCount, folders.TrainDir);
        Subset? train = folders.Subsets ? Subset.Training : null, validation = folders.Subsets ? Subset.Validation : null;
        var t = generators.Train.FlowFromDirectory(folders.TrainDir, load.Size, load.Color, classMode: mode, batchSize: load.BatchSize,
            seed: load.Seed, subset: train, interpolation: load.Resize, pipeline: load.Pipeline, jpegDraft: load.JpegDraft);
        string[] classes = ClassesOf(t);
        var v = generators.Validation.FlowFromDirectory(folders.ValidationDir, load.Size, load.Color, classes, mode, load.BatchSize,
            shuffle: false, seed: load.Seed, subset: validation, interpolation: load.Resize, pipeline: load.Pipeline, jpegDraft: load.JpegDraft);
        return Checked(t, v, classes, mode, folders.TrainDir, folders.ValidationDir + (folders.Subsets ? " for this --validation-split" : ""));
    }

    /// <summary>The CSV's rows split by --validation-split (Keras's subsets: the first rows are validation).</summary>
    static TrainData FromCsv(TrainSource.Csv source, TrainGenerators generators, Loading load, ClassMode? requested)
    {
        var table = DataFrameCsv.Read(source.File);
        foreach (var (flag, column) in new[] { ("--x-col", source.XCol), ("--y-col", source.YCol) })
            if (!table.Columns.Contains(column))
                throw new ArgumentException($"{source.File} has no column '{column}' ({flag}); its columns are: {string.Join(", ", table.Columns.Cast<DataColumn>().Select(c => c.ColumnName))}.");
        int classCount = table.Rows.Cast<DataRow>().Select(r => r[source.YCol]).Where(v => v is not DBNull).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Count();
        var mode = ChooseMode(requested, classCount, $"{source.File} (column '{source.YCol}')");
        var t = generators.Train.FlowFromDataFrame(table, source.Directory, source.XCol, source.YCol, targetSize: load.Size, colorMode: load.Color,
            classMode: mode, batchSize: load.BatchSize, seed: load.Seed, subset: Subset.Training, interpolation: load.Resize, pipeline: load.Pipeline, jpegDraft: load.JpegDraft);
        string[] classes = ClassesOf(t);
        var v = generators.Validation.FlowFromDataFrame(table, source.Directory, source.XCol, source.YCol, targetSize: load.Size, colorMode: load.Color,
            classes: classes, classMode: mode, batchSize: load.BatchSize, shuffle: false, seed: load.Seed, subset: Subset.Validation, interpolation: load.Resize, pipeline: load.Pipeline, jpegDraft: load.JpegDraft);
        return Checked(t, v, classes, mode, source.File, source.File + " for this --validation-split");
    }

    /// <summary>--class-mode, or Keras's usual choice for the class count; binary is refused unless there are exactly two classes.</summary>
    static ClassMode ChooseMode(ClassMode? requested, int classes, string where)
    {
        if (classes < 2) throw new ArgumentException($"{where} must hold at least two classes; found {classes}.");
        var mode = requested ?? (classes == 2 ? ClassMode.Binary : ClassMode.Categorical);
        if (mode == ClassMode.Binary && classes != 2)
            throw new ArgumentException($"--class-mode binary needs exactly two classes, but {where} has {classes}; use categorical or sparse.");
        return mode;
    }

    static string[] ClassesOf(FileImageIterator iterator) => [.. iterator.ClassIndices.OrderBy(kv => kv.Value).Select(kv => kv.Key)];

    static TrainData Checked(FileImageIterator train, FileImageIterator validation, string[] classes, ClassMode mode, string trainWhere, string validationWhere)
    {
        var data = new TrainData { Train = train, Validation = validation, ClassNames = classes, ClassMode = mode };
        if (train.Samples == 0 || validation.Samples == 0)
        {
            data.Dispose();
            throw new InvalidOperationException(train.Samples == 0
                ? $"No training images found in {trainWhere}."
                : $"No validation images found in {validationWhere}; best.h5 needs a validation loss.");
        }
        return data;
    }

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }
}
