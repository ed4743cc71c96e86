using AugNet.Augmentation;
using AugNet.Imaging;

namespace AugNet.Data;

/// <summary>
/// What the directory and data-frame iterators share (spec §11, Keras's <c>BatchFromFilesMixin</c>): images loaded
/// from files with <c>load_img</c> semantics, augmented, standardised, and labelled by class mode. Files are read
/// per batch; after its first use an image is kept, as bytes, in a cache bounded by
/// <see cref="PipelineOptions.ImageCacheBytes"/>, so later epochs decode nothing.
/// </summary>
public abstract class FileImageIterator : ImageBatchIterator
{
    readonly FileListing _listing;
    readonly ImageCache? _cache;

    private protected FileImageIterator(FileListing listing, ImageDataGenerator? generator, FileIteratorOptions options, PipelineOptions? pipeline)
        : base(listing.Filenames.Length, ShapeOf(generator, options.TargetSize, options.ColorMode), generator, options.BatchSize,
            options.Shuffle, options.Seed, options.SaveTo, saveHashBound: 10_000_000, pipeline)
    {
        _listing = listing;
        Options = options;
        if (Pipeline.ImageCacheBytes > 0) _cache = new ImageCache(listing.Filenames.Length, Pipeline.ImageCacheBytes);
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
        var errors = ForEachImage(m, i => LoadAndAugmentInto(recipe.Indices[i], recipe, i, batchX), cancel);
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

    /// <summary>Bytes the image cache holds now (0 without a cache).</summary>
    public long CachedImageBytes => _cache?.UsedBytes ?? 0;

    /// <summary>Images the image cache holds now.</summary>
    public int CachedImages => _cache?.Count ?? 0;

    [ThreadStatic] static float[]? t_image;

    /// <summary>
    /// Image <paramref name="j"/> as <c>img_to_array(load_img(...))</c>, augmented into batch position <paramref name="i"/>.
    /// The float image lives in a per-thread buffer (the generator reads it and writes the batch), so a load allocates
    /// only what decoding does, and nothing at all when the image is cached.
    /// </summary>
    void LoadAndAugmentInto(int j, BatchRecipe recipe, int i, Tensor batchX)
    {
        var raster = Load(j);
        var destination = batchX.Sample(i);
        if (Generator == null)
        {
            ArrayImage.ImgToArray(raster, destination, DataFormat);
            return;
        }
        var image = t_image is { } buffer && buffer.Length == destination.Length ? buffer : t_image = new float[destination.Length];
        ArrayImage.ImgToArray(raster, image, DataFormat);
        AugmentInto(image, recipe, i, batchX);
    }

    /// <summary>Image <paramref name="j"/> as <c>load_img</c> returns it, from the cache or its file, size-checked.</summary>
    RasterImage Load(int j)
    {
        if (_cache?.Get(j) is { } cached) return cached;
        string path = _listing.FilePaths[j];
        RasterImage image;
        try
        {
            image = ImageLoader.LoadRaster(path, ColorMode, TargetSize, Interpolation, KeepAspectRatio, Options.JpegDraft);
        }
        catch (Exception e) when (e is not OperationCanceledException and not NotImplementedException)
        {
            throw new UnreadableImageException(path, e);
        }
        var (h, w) = TargetSize;
        if (image.Height != h || image.Width != w || image.Channels != ColorMode.Channels())
            throw new UnreadableImageException(path, new InvalidDataException(
                $"loaded as shape {Tensor.FormatShape([image.Height, image.Width, image.Channels])}, expected {Tensor.FormatShape([h, w, ColorMode.Channels()])}"));
        _cache?.TryAdd(j, image);
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
