using AugNet.Augmentation;

namespace AugNet.Data;

/// <summary>
/// Keras's <c>NumpyArrayIterator</c> (spec §8), made by <see cref="ImageDataGeneratorFlows.Flow(ImageDataGenerator, Tensor, Tensor?, int, bool, Tensor?, long?, SaveOptions?, bool, Subset?, PipelineOptions?)"/>:
/// augmented batches from in-memory images (N, H, W, C) (or (N, C, H, W) for channels_first) with optional labels,
/// sample weights and extra inputs. The images are read in place (not copied); a subset is a view.
/// </summary>
public sealed class NumpyArrayIterator : ImageBatchIterator
{
    readonly Tensor _x;
    readonly int _first;
    readonly Tensor? _y;
    readonly Tensor? _sampleWeight;
    readonly IReadOnlyList<Tensor> _misc;

    /// <summary>
    /// Builds the iterator with Keras's checks in Keras's order (spec §8.1). Note Keras's constructor default
    /// shuffle=False (flow's is True).
    /// </summary>
    /// <remarks>
    /// <para><c>x</c>: Images, rank 4.</para>
    /// <para><c>y</c>: Labels (N, ...) or null.</para>
    /// <para><c>generator</c>: Augments and standardises each image; null = none.</para>
    /// <para><c>miscInputs</c>: The tuple form's extra inputs, each (N, ...).</para>
    /// <para><c>saveTo</c>: Keras's save_to_dir, save_prefix and save_format; null = batches are not saved.</para>
    /// <para><c>subset</c>: With the generator's validation_split: validation = the first int(N·split) samples.</para>
    /// <para><c>ignoreClassSplit</c>: Skip the check that both subsets contain the same label values.</para>
    /// </remarks>
    public NumpyArrayIterator(Tensor x, Tensor? y, ImageDataGenerator? generator, int batchSize = 32, bool shuffle = false,
        long? seed = null, Tensor? sampleWeight = null, IReadOnlyList<Tensor>? miscInputs = null, SaveOptions? saveTo = null,
        Subset? subset = null, bool ignoreClassSplit = false, PipelineOptions? pipeline = null)
        : this(Validate(x, y, generator, sampleWeight, miscInputs, subset, ignoreClassSplit, pipeline), generator, batchSize, shuffle, seed,
            saveTo, pipeline)
    {
    }

    sealed record Checked(Tensor X, int First, int Count, Tensor? Y, Tensor? SampleWeight, IReadOnlyList<Tensor> Misc);

    NumpyArrayIterator(Checked c, ImageDataGenerator? generator, int batchSize, bool shuffle, long? seed, SaveOptions? saveTo,
        PipelineOptions? pipeline)
        : base(c.Count, c.X.Shape[1..], generator, batchSize, shuffle, seed, saveTo, saveHashBound: 10_000, pipeline)
    {
        _x = c.X;
        _first = c.First;
        _y = c.Y;
        _sampleWeight = c.SampleWeight;
        _misc = c.Misc;
    }

    static Checked Validate(Tensor x, Tensor? y, ImageDataGenerator? generator, Tensor? sampleWeight,
        IReadOnlyList<Tensor>? miscInputs, Subset? subset, bool ignoreClassSplit, PipelineOptions? pipeline)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0)
            throw new ArgumentException($"Input data in `NumpyArrayIterator` should have rank 4. You passed an array with shape {x}", nameof(x));
        int n = x.Shape[0];
        var misc = miscInputs ?? [];
        for (int k = 0; k < misc.Count; k++)
            if (misc[k].Rank == 0 || misc[k].Shape[0] != n)
                throw new ArgumentException($"All of the arrays in `x` should have the same length. Found a pair with: len(x[0]) = {n}, len(x[{k + 1}]) = {(misc[k].Rank == 0 ? 0 : misc[k].Shape[0])}", nameof(miscInputs));
        if (y != null && (y.Rank == 0 || y.Shape[0] != n))
            throw new ArgumentException($"`x` (images tensor) and `y` (labels) should have the same length. Found: x.shape = {Tensor.FormatShape(x.Shape)}, y.shape = {Tensor.FormatShape(y.Shape)}", nameof(y));
        if (sampleWeight != null && (sampleWeight.Rank == 0 || sampleWeight.Shape[0] != n))
            throw new ArgumentException($"`x` (images tensor) and `sample_weight` should have the same length. Found: x.shape = {Tensor.FormatShape(x.Shape)}, sample_weight.shape = {Tensor.FormatShape(sampleWeight.Shape)}", nameof(sampleWeight));

        int first = 0, count = n;
        if (subset is not null)
        {
            double split = SubsetNames.SplitFor(subset, generator);
            int splitIdx = (int)(n * split);
            if (y != null && !ignoreClassSplit)
            {
                var head = UniqueValues(y, 0, splitIdx);
                var tail = UniqueValues(y, splitIdx, n);
                if (!head.SetEquals(tail))
                    throw new ArgumentException("Training and validation subsets have different number of classes after the split. If your numpy arrays are sorted by the label, you might want to shuffle them.", nameof(subset));
            }
            (first, int end) = SubsetNames.Range(subset, split, n);
            count = end - first;
        }

        if (x.Rank != 4)
            throw new ArgumentException($"Input data in `NumpyArrayIterator` should have rank 4. You passed an array with shape {Tensor.FormatShape(x.Shape)}", nameof(x));
        var format = FormatOf(generator);
        int channelAxis = format == DataFormat.ChannelsLast ? 3 : 1;
        int channels = x.Shape[channelAxis];
        if (channels is not (1 or 3 or 4))
        {
            (pipeline ?? PipelineOptions.Default).Writer.WriteLine(
                $"UserWarning: NumpyArrayIterator is set to use the data format convention \"{format.ToKerasName()}\" (channels on axis {channelAxis}), i.e. expected either 1, 3, or 4 channels on axis {channelAxis}. However, it was passed an array with shape {Tensor.FormatShape(x.Shape)} ({channels} channels).");
        }

        if (first == 0 && count == n) return new Checked(x, 0, n, y, sampleWeight, misc);
        // The images stay a view (offset); the small arrays are sliced.
        var range = Enumerable.Range(first, count).ToArray();
        return new Checked(x, first, count,
            y == null ? null : BatchGather.Rows(y, 0, range),
            sampleWeight == null ? null : BatchGather.Rows(sampleWeight, 0, range),
            misc.Select(m => BatchGather.Rows(m, 0, range)).ToArray());
    }

    static HashSet<float> UniqueValues(Tensor y, int from, int to)
    {
        int inner = y.Shape[0] == 0 ? 0 : y.Length / y.Shape[0];
        var set = new HashSet<float>();
        foreach (float v in y.Data.AsSpan(from * inner, (to - from) * inner)) set.Add(v);
        return set;
    }

    /// <inheritdoc/>
    protected override Batch Build(BatchRecipe recipe, CancellationToken cancel)
    {
        int m = recipe.Indices.Length;
        var batchX = NewBatch(m);
        ThrowFirst(ForEachImage(m, i => AugmentInto(_x.Sample(_first + recipe.Indices[i]), recipe, i, batchX), cancel));
        SaveIfAsked(batchX, recipe);

        var misc = _misc.Count == 0 ? null : _misc.Select(t => BatchGather.Rows(t, 0, recipe.Indices)).ToArray();
        if (_y == null) return new Batch(batchX, null, null, misc);
        return new Batch(batchX, BatchGather.Rows(_y, 0, recipe.Indices),
            _sampleWeight == null ? null : BatchGather.Rows(_sampleWeight, 0, recipe.Indices), misc);
    }
}
