using AugNet.Augmentation;

namespace AugNet.Data;

/// <summary>
/// What the array and file iterators share: the generator, the data format and image shape, Keras's per-batch draws
/// and the save_to_dir options. Keras draws one <c>randint</c> hash per saved sample after the batch's transforms:
/// <c>randint(1e4)</c> in <c>NumpyArrayIterator</c>, <c>randint(1e7)</c> in <c>BatchFromFilesMixin</c>, so the bound is
/// the subclass's.
/// </summary>
public abstract class ImageBatchIterator : BatchIterator, IBatchRecycler
{
    readonly int[] _imageShape;
    readonly int _saveHashBound;
    readonly List<float[]> _recycled = [];

    /// <summary>Image arrays kept for reuse at most: the batches in flight are the prefetched ones plus the one in use.</summary>
    int RecycleCapacity => Pipeline.PrefetchDepth + 2;

    private protected ImageBatchIterator(int samples, int[] imageShape, ImageDataGenerator? generator, int batchSize, bool shuffle,
        long? seed, SaveOptions? saveTo, int saveHashBound, PipelineOptions? pipeline)
        : base(samples, batchSize, shuffle, seed, pipeline)
    {
        _imageShape = imageShape;
        _saveHashBound = saveHashBound;
        Generator = generator;
        DataFormat = FormatOf(generator);
        SaveTo = saveTo;
    }

    /// <summary>The generator that augments and standardises (null = images as they are).</summary>
    public ImageDataGenerator? Generator { get; }

    /// <summary>The data format of images and batches (the generator's; channels_last without one).</summary>
    public DataFormat DataFormat { get; }

    /// <summary>Shape of one image: (H, W, C) or (C, H, W).</summary>
    public IReadOnlyList<int> ImageShape => _imageShape;

    /// <summary><see cref="ImageShape"/> as the array the shape checks take; not to be changed.</summary>
    private protected int[] ImageShapeArray => _imageShape;

    /// <summary>Where and how batches are saved (null = not saved).</summary>
    public SaveOptions? SaveTo { get; }

    /// <summary>save_to_dir writes files, so batches are not prefetched (see the base class).</summary>
    protected override bool BuildHasSideEffects => SaveTo != null;

    /// <summary>The data format a generator imposes (channels_last without one).</summary>
    private protected static DataFormat FormatOf(ImageDataGenerator? generator) => generator?.Options.DataFormat ?? DataFormat.ChannelsLast;

    /// <inheritdoc/>
    protected sealed override BatchRecipe Prepare(long ordinal, int[] indices, NumpyRandom rng) =>
        SampleAugmenter.Draw(ordinal, indices, rng, Generator, _imageShape, SaveTo != null, _saveHashBound);

    /// <summary>An empty (m, ...image shape) batch: a recycled array of that size (cleared) when one was handed back.</summary>
    private protected Tensor NewBatch(int m)
    {
        int[] shape = [m, .. _imageShape];
        long length = (long)m * _imageShape.Aggregate(1L, (a, d) => a * d);
        float[]? reused = null;
        lock (_recycled)
        {
            int i = _recycled.FindIndex(a => a.Length == length);
            if (i >= 0) { reused = _recycled[i]; _recycled.RemoveAt(i); }
        }
        if (reused is null) return new Tensor(shape);
        Array.Clear(reused);
        return new Tensor(reused, shape);
    }

    /// <inheritdoc/>
    void IBatchRecycler.Recycle(Batch batch)
    {
        lock (_recycled)
            if (_recycled.Count < RecycleCapacity && !_recycled.Exists(a => ReferenceEquals(a, batch.X.Data))) _recycled.Add(batch.X.Data);
    }

    /// <summary>Augments and standardises one image into batch position <paramref name="i"/> (a copy without a generator).</summary>
    private protected void AugmentInto(ReadOnlySpan<float> image, BatchRecipe recipe, int i, Tensor batchX) =>
        SampleAugmenter.AugmentInto(Generator, image, _imageShape, recipe.Transforms?[i], batchX.Sample(i));

    /// <summary>
    /// save_to_dir, when set: writes batch rows 0.. of <paramref name="batchX"/>, which hold recipe positions
    /// <paramref name="positions"/> (null = every position, in order).
    /// </summary>
    private protected void SaveIfAsked(Tensor batchX, BatchRecipe recipe, int[]? positions = null)
    {
        if (SaveTo == null) return;
        positions ??= Enumerable.Range(0, recipe.Indices.Length).ToArray();
        SampleAugmenter.Save(batchX, recipe, positions, SaveTo, DataFormat);
    }
}
