using AugNet.Augmentation;
using AugNet.Imaging;

namespace AugNet.Data;

/// <summary>
/// What the directory and data-frame iterators share (spec §11, Keras's <c>BatchFromFilesMixin</c>): images loaded
/// from files with <c>load_img</c> semantics, augmented, standardised, and labelled by class mode. Files are read
/// per batch, so memory stays bounded unless <see cref="PipelineOptions.CacheImages"/> is set.
/// </summary>
public abstract class FileImageIterator : ImageBatchIterator
{
    readonly FileListing _listing;
    readonly Tensor?[]? _cache;

    private protected FileImageIterator(FileListing listing, ImageDataGenerator? generator, FileIteratorOptions options, PipelineOptions? pipeline)
        : base(listing.Filenames.Length, ShapeOf(generator, options.TargetSize, options.ColorMode), generator, options.BatchSize,
            options.Shuffle, options.Seed, options.SaveTo, saveHashBound: 10_000_000, pipeline)
    {
        _listing = listing;
        Options = options;
        if (Pipeline.CacheImages) _cache = new Tensor?[listing.Filenames.Length];
    }

    static int[] ShapeOf(ImageDataGenerator? generator, (int Height, int Width) targetSize, ColorMode colorMode)
    {
        int c = colorMode.Channels();
        return FormatOf(generator) == DataFormat.ChannelsLast ? [targetSize.Height, targetSize.Width, c] : [c, targetSize.Height, targetSize.Width];
    }

    /// <summary>The options the iterator was made with.</summary>
    public FileIteratorOptions Options { get; }

    public ClassMode ClassMode => Options.ClassMode;
    /// <summary>(height, width) every image is resized to.</summary>
    public (int Height, int Width) TargetSize => Options.TargetSize;
    public ColorMode ColorMode => Options.ColorMode;
    public Interpolation Interpolation => Options.Interpolation;
    public bool KeepAspectRatio => Options.KeepAspectRatio;

    /// <summary>File names as listed (relative to the directory, '/'-separated for directories).</summary>
    public IReadOnlyList<string> Filenames => _listing.Filenames;

    /// <summary>Full paths of the files, in <see cref="Filenames"/> order.</summary>
    public IReadOnlyList<string> FilePaths => _listing.FilePaths;

    /// <summary>Class name → index.</summary>
    public IReadOnlyDictionary<string, int> ClassIndices => _listing.ClassIndices;

    /// <summary>Number of classes (including classes without files).</summary>
    public int NumClasses => _listing.ClassIndices.Count;

    /// <summary>Class index of each file (empty when the class mode has no classes; -1 for a multi-label row).</summary>
    public IReadOnlyList<int> Classes => _listing.Classes ?? [];

    /// <summary>Per-file sample weights, or null.</summary>
    public IReadOnlyList<float>? SampleWeights => _listing.SampleWeight;

    /// <inheritdoc/>
    protected override Batch Build(BatchRecipe recipe, CancellationToken cancel)
    {
        int m = recipe.Indices.Length;
        var batchX = NewBatch(m);
        var errors = ForEachImage(m, i => AugmentInto(Load(recipe.Indices[i]).Span, recipe, i, batchX), cancel);
        cancel.ThrowIfCancellationRequested();

        int[] keep = Enumerable.Range(0, m).ToArray();
        if (Array.Exists(errors, e => e != null))
        {
            if (Pipeline.OnCorruptFile == CorruptFilePolicy.Throw || Array.Exists(errors, e => e is not null and not UnreadableImageException)) ThrowFirst(errors);
            var log = Pipeline.Writer;
            lock (log)
                foreach (var e in errors)
                    if (e is UnreadableImageException u) log.WriteLine($"UserWarning: skipping unreadable image '{u.FilePath}': {u.InnerException?.Message}");
            keep = keep.Where(i => errors[i] == null).ToArray();
            batchX = BatchGather.Keep(batchX, keep);
        }

        SaveIfAsked(batchX, recipe, keep);

        int[] rows = keep.Select(i => recipe.Indices[i]).ToArray();
        return Label(batchX, rows);
    }

    /// <summary>
    /// Image <paramref name="j"/> as loaded, shape-checked. Callers only read it (the batch gets its own copy through
    /// <see cref="SampleAugmenter.AugmentInto"/>), so a cached image is shared, not cloned per use.
    /// </summary>
    Tensor Load(int j)
    {
        if (_cache != null && Volatile.Read(ref _cache[j]) is { } cached) return cached;
        string path = _listing.FilePaths[j];
        Tensor image;
        try
        {
            image = ImageLoader.LoadImage(path, ColorMode, TargetSize, Interpolation, KeepAspectRatio, DataFormat);
        }
        catch (Exception e) when (e is not OperationCanceledException and not NotImplementedException)
        {
            throw new UnreadableImageException(path, e);
        }
        if (!image.ShapeEquals(ImageShapeArray))
            throw new UnreadableImageException(path, new InvalidDataException($"loaded as shape {Tensor.FormatShape(image.Shape)}, expected {Tensor.FormatShape(ImageShapeArray)}"));
        if (_cache != null) Volatile.Write(ref _cache[j], image);
        return image;
    }

    /// <summary>Keras's labels by class mode (spec §11.2 step 4) for dataset rows <paramref name="rows"/>.</summary>
    Batch Label(Tensor batchX, int[] rows)
    {
        int m = rows.Length;
        Tensor? weights = _listing.SampleWeight is { } sw ? new Tensor(rows.Select(r => sw[r]).ToArray(), m) : null;
        switch (ClassMode)
        {
            case ClassMode.None:
                return new Batch(batchX, null);
            case ClassMode.Input:
                return new Batch(batchX, batchX.Clone(), weights);
            case ClassMode.Binary:
            case ClassMode.Sparse:
                return new Batch(batchX, new Tensor(rows.Select(r => (float)_listing.Classes![r]).ToArray(), m), weights);
            case ClassMode.Categorical:
            {
                int k = NumClasses;
                var y = new Tensor(m, k);
                for (int i = 0; i < m; i++)
                {
                    int r = rows[i];
                    if (_listing.MultiLabels?[r] is { } many) foreach (int c in many) y.Data[i * k + c] = 1;
                    else y.Data[i * k + _listing.Classes![r]] = 1;
                }
                return new Batch(batchX, y, weights);
            }
            case ClassMode.Raw:
                return new Batch(batchX, BatchGather.Rows(_listing.RawTargets!, 0, rows), weights);
            case ClassMode.MultiOutput:
            {
                var outputs = _listing.Outputs!.Select(t => BatchGather.Rows(t, 0, rows)).ToArray();
                return new Batch(batchX, outputs.Length > 0 ? outputs[0] : null, weights, null, outputs);
            }
            default:
                throw new InvalidOperationException($"Unknown class mode {ClassMode}.");
        }
    }
}
