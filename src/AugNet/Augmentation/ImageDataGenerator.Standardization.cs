using System.Numerics.Tensors;

namespace AugNet.Augmentation;

public sealed partial class ImageDataGenerator
{
    FeaturewiseStatistics? _mean, _std;
    FeaturewiseTiles? _tiles;

    /// <summary>The channels_last operand tiles for one (mean, std) pair, rebuilt when either changes; immutable, so threads can share it.</summary>
    sealed record FeaturewiseTiles(FeaturewiseStatistics? Mean, FeaturewiseStatistics? Std, double[] Sub, double[] Div);

    /// <summary>
    /// Keras's <c>mean</c>: the per-channel dataset mean from <see cref="Fit"/> (null until fitted). Setting it (as
    /// Keras users assign <c>generator.mean</c>) takes the values as float64.
    /// </summary>
    public double[]? Mean
    {
        get => _mean is null ? null : (double[])_mean.Values.Clone();
        set => _mean = value is null ? null : new FeaturewiseStatistics(CheckStatistic(value, nameof(Mean)), isFloat32: false, isStd: false);
    }

    /// <summary>Keras's <c>std</c>: the per-channel dataset population std from <see cref="Fit"/> (null until fitted); settable like <see cref="Mean"/>.</summary>
    public double[]? Std
    {
        get => _std is null ? null : (double[])_std.Values.Clone();
        set => _std = value is null ? null : new FeaturewiseStatistics(CheckStatistic(value, nameof(Std)), isFloat32: false, isStd: true);
    }

    /// <summary>Keras's <c>zca_whitening_matrix</c>, kept in low-rank form (see <see cref="ZcaWhiteningMatrix"/>); null until fitted.</summary>
    public ZcaWhiteningMatrix? Zca { get; set; }

    static double[] CheckStatistic(double[] values, string name)
    {
        if (values.Length == 0) throw new ArgumentException($"{name} needs one value per channel.", name);
        foreach (double v in values)
            if (!double.IsFinite(v)) throw new ArgumentException($"{name} values must be finite.", name);
        return values;
    }

    /// <summary>
    /// Keras's <c>standardize</c> (spec §6.1) in place on one image or a batch, in this order: preprocessing_function
    /// (its result replaces x and must keep the shape), rescale (float32 multiply by (float)rescale), samplewise centre
    /// and std over <b>all</b> elements of x (for a batch, batch-global, as Keras), featurewise centre and std
    /// normalisation with the fitted per-channel statistics, ZCA. A featurewise step asked for but not fitted is
    /// skipped with Keras's warning. Returns the standardised tensor (x itself unless preprocessing_function returned
    /// a new one).
    /// </summary>
    public Tensor Standardize(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var o = Options;
        if (o.PreprocessingFunction is { } f)
        {
            var y = f(x) ?? throw new InvalidOperationException("preprocessing_function returned null.");
            if (!y.ShapeEquals(x.Shape))
                throw new InvalidOperationException($"preprocessing_function must return the shape it was given: got {Tensor.FormatShape(y.Shape)} for {Tensor.FormatShape(x.Shape)}.");
            x = y;
        }
        var data = x.Span;
        if (o.Rescale is { } r && r != 0) TensorPrimitives.Multiply(data, (float)r, data);
        if (SamplewiseCenter && data.Length > 0)
        {
            // np.mean(x, keepdims=True): float32 pairwise sum, float32 division.
            float mean = NumpyFloat32Sums.PairwiseSum(data) / data.Length;
            TensorPrimitives.Subtract(data, mean, data);
        }
        if (Options.SamplewiseStdNormalization && data.Length > 0)
        {
            // np.std(x, keepdims=True): its own mean, then the pairwise sum of float32 squared deviations.
            float mean = NumpyFloat32Sums.PairwiseSum(data) / data.Length;
            float std = MathF.Sqrt(NumpyFloat32Sums.PairwiseSumOfSquaredDeviations(data, mean) / data.Length);
            TensorPrimitives.Divide(data, std + 1e-6f, data);
        }
        FeaturewiseStatistics? mean1 = null, std1 = null;
        if (FeaturewiseCenter)
        {
            if (_mean is not null) mean1 = _mean;
            else Warnings.Warn(NotFitWarning("featurewise_center"));
        }
        if (FeaturewiseStdNormalization)
        {
            if (_std is not null) std1 = _std;
            else Warnings.Warn(NotFitWarning("featurewise_std_normalization"));
        }
        if (mean1 is not null || std1 is not null) ApplyFeaturewise(x, mean1, std1);
        if (o.ZcaWhitening)
        {
            if (Zca is { } zca)
            {
                var scratch = new double[zca.Dimension];
                var row = new float[zca.Dimension];
                zca.ApplyInPlace(data, scratch, row);
            }
            else Warnings.Warn(NotFitWarning("zca_whitening"));
        }
        return x;
    }

    static string NotFitWarning(string option) =>
        $"This ImageDataGenerator specifies `{option}`, but it hasn't been fit on any training data. Fit it first by calling `.fit(numpy_data)`.";

    /// <summary>x ← (x − mean) / (std + 1e-6) per channel, each step rounded to float32 as NumPy does.</summary>
    void ApplyFeaturewise(Tensor x, FeaturewiseStatistics? mean, FeaturewiseStatistics? std)
    {
        int channels = (mean ?? std)!.Values.Length;
        if (std is not null && mean is not null && std.Values.Length != channels)
            throw new InvalidOperationException($"Mean has {channels} channels but std has {std.Values.Length}.");
        int axis = ChannelAxisOf(x);
        if (x.Shape[axis] != channels)
            throw new ArgumentException($"The featurewise statistics have {channels} channels but the input {Tensor.FormatShape(x.Shape)} has {x.Shape[axis]} on its channel axis ({Options.DataFormat.ToKerasName()}).", nameof(x));
        var sub = mean?.Operand ?? new double[channels];
        var div = std?.Operand ?? Enumerable.Repeat(1.0, channels).ToArray();
        var data = x.Span;
        if (Options.DataFormat == DataFormat.ChannelsLast)
        {
            var tiles = _tiles;
            if (tiles is null || !ReferenceEquals(tiles.Mean, mean) || !ReferenceEquals(tiles.Std, std))
            {
                int length = StandardizationKernels.TileLength(channels);
                _tiles = tiles = new FeaturewiseTiles(mean, std, StandardizationKernels.RepeatTile(sub, length), StandardizationKernels.RepeatTile(div, length));
            }
            StandardizationKernels.SubtractThenDivideTiled(data, tiles.Sub, tiles.Div);
        }
        else
        {
            int inner = 1;
            for (int a = axis + 1; a < x.Rank; a++) inner *= x.Shape[a];
            int blocks = data.Length / inner;
            int tile = StandardizationKernels.TileLength(1);
            var subTiles = new double[channels][];
            var divTiles = new double[channels][];
            for (int c = 0; c < channels; c++)
            {
                subTiles[c] = StandardizationKernels.RepeatTile([sub[c]], tile);
                divTiles[c] = StandardizationKernels.RepeatTile([div[c]], tile);
            }
            for (int b = 0; b < blocks; b++)
                StandardizationKernels.SubtractThenDivideTiled(data.Slice(b * inner, inner), subTiles[b % channels], divTiles[b % channels]);
        }
    }

    /// <summary>The channel axis of an image (rank 3) or batch (rank 4) in this generator's data format.</summary>
    int ChannelAxisOf(Tensor x)
    {
        if (x.Rank < 3) throw new ArgumentException($"Featurewise standardisation needs an image (rank 3) or a batch (rank 4); got {Tensor.FormatShape(x.Shape)}.", nameof(x));
        return Options.DataFormat == DataFormat.ChannelsLast ? x.Rank - 1 : x.Rank - 3;
    }
}
