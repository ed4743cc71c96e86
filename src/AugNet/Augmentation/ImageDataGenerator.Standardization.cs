using System.Buffers;
using System.Numerics.Tensors;

namespace AugNet.Augmentation;

public sealed partial class ImageDataGenerator
{
    FeaturewiseStatistics? _mean, _std;
    FeaturewiseTiles? _tiles;

    /// <summary>
    /// Operand tiles for one (mean, std) pair, rebuilt when either changes; immutable, so threads can share it.
    /// channels_last: one tile holding all channels; channels_first: one constant tile per channel. When every
    /// operand is a float32 value (statistics from fit) the float32 kernel gives NumPy's result directly.
    /// </summary>
    sealed record FeaturewiseTiles(FeaturewiseStatistics? Mean, FeaturewiseStatistics? Std, bool IsFloat32,
        double[][] Sub, double[][] Div, float[][] Sub32, float[][] Div32)
    {
        /// <summary>The tiles for <paramref name="channels"/> channels; a missing mean subtracts 0, a missing std divides by 1.</summary>
        public static FeaturewiseTiles Create(FeaturewiseStatistics? mean, FeaturewiseStatistics? std, int channels, bool channelsLast)
        {
            var sub = mean?.Operand ?? new double[channels];
            var div = std?.Operand ?? Enumerable.Repeat(1.0, channels).ToArray();
            bool f32 = sub.All(v => (double)(float)v == v) && div.All(v => (double)(float)v == v);
            double[][] s, d;
            if (channelsLast)
            {
                int length = StandardizationKernels.TileLength(sub.Length);
                s = [StandardizationKernels.RepeatTile(sub, length)];
                d = [StandardizationKernels.RepeatTile(div, length)];
            }
            else
            {
                int length = StandardizationKernels.TileLength(1);
                s = sub.Select(v => StandardizationKernels.RepeatTile([v], length)).ToArray();
                d = div.Select(v => StandardizationKernels.RepeatTile([v], length)).ToArray();
            }
            static float[][] ToFloat(double[][] t) => t.Select(a => a.Select(v => (float)v).ToArray()).ToArray();
            return new FeaturewiseTiles(mean, std, f32, s, d, ToFloat(s), ToFloat(d));
        }
    }

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
        if (o.Rescale is { } r && r != 0) TensorPrimitives.Multiply(x.Span, (float)r, x.Span);
        StandardizeAfterRescale(x.Span, x.Shape);
        return x;
    }

    /// <summary>
    /// What the iterators do per sample: <c>apply_transform</c> (skipped for null or the identity, which Keras leaves
    /// untouched) then <c>standardize</c>. Returns a new tensor, except that an untransformed <paramref name="image"/>
    /// is standardised in place and returned, as Keras does.
    /// </summary>
    public Tensor TransformAndStandardize(Tensor image, TransformParams? parameters)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (parameters is null || parameters.Equals(TransformParams.Identity)) return Standardize(image);
        if (Options.PreprocessingFunction is not null) return Standardize(ApplyTransform(image, parameters));
        var result = new Tensor(image.Shape);
        TransformAndStandardize(image.Span, image.Shape, parameters, result.Span);
        return result;
    }

    /// <summary>
    /// <see cref="TransformAndStandardize(Tensor, TransformParams?)"/> from one image's elements into
    /// <paramref name="destination"/> (e.g. a sample of a batch), allocating nothing for the pixels. Without a
    /// preprocessing_function the rescale is fused into the warp's stores, which gives the same bits as the two steps
    /// and saves a pass over the image.
    /// </summary>
    public void TransformAndStandardize(ReadOnlySpan<float> image, ReadOnlySpan<int> shape, TransformParams? parameters, Span<float> destination)
    {
        int length = Tensor.CheckedCount(shape);
        if (image.Length != length || destination.Length != length)
            throw new ArgumentException($"Image of shape {Tensor.FormatShape(shape)} needs {length} elements; got {image.Length} in and {destination.Length} out.");
        var o = Options;
        if (o.PreprocessingFunction is not null)
        {
            // The function sees (and may replace) a whole tensor, so this path goes through tensors; Standardize checks
            // that the function kept the shape.
            TransformAndStandardize(new Tensor(image.ToArray(), shape.ToArray()), parameters).Span.CopyTo(destination);
            return;
        }
        float rescale = o.Rescale is { } r && r != 0 ? (float)r : 1f;
        if (parameters is null || parameters.Equals(TransformParams.Identity))
        {
            if (rescale != 1f) TensorPrimitives.Multiply(image, rescale, destination);
            else image.CopyTo(destination);
        }
        else if (rescale != 1f)
            ImageTransforms.ApplyTransformAndRescale(image, destination, shape, parameters, rescale, o.FillMode, (float)o.Cval, o.InterpolationOrder, o.DataFormat);
        else
            ImageTransforms.ApplyTransform(image, destination, shape, parameters, o.FillMode, (float)o.Cval, o.InterpolationOrder, o.DataFormat);
        StandardizeAfterRescale(destination, shape);
    }

    /// <summary>The steps of <see cref="Standardize"/> after rescale: samplewise, featurewise, ZCA.</summary>
    void StandardizeAfterRescale(Span<float> data, ReadOnlySpan<int> shape)
    {
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
        if (mean1 is not null || std1 is not null) ApplyFeaturewise(data, shape, mean1, std1);
        if (Options.ZcaWhitening)
        {
            if (Zca is { } zca)
            {
                // Per-image working rows (H·W·C values each) come from the pool: this runs once per sample on the iterators' hot path.
                int dim = zca.Dimension;
                var scratch = ArrayPool<double>.Shared.Rent(dim);
                var row = ArrayPool<float>.Shared.Rent(dim);
                try { zca.ApplyInPlace(data, scratch.AsSpan(0, dim), row.AsSpan(0, dim)); }
                finally
                {
                    ArrayPool<double>.Shared.Return(scratch);
                    ArrayPool<float>.Shared.Return(row);
                }
            }
            else Warnings.Warn(NotFitWarning("zca_whitening"));
        }
    }

    static string NotFitWarning(string option) =>
        $"This ImageDataGenerator specifies `{option}`, but it hasn't been fit on any training data. Fit it first by calling `.fit(numpy_data)`.";

    /// <summary>x ← (x − mean) / (std + 1e-6) per channel, each step rounded to float32 as NumPy does.</summary>
    void ApplyFeaturewise(Span<float> data, ReadOnlySpan<int> shape, FeaturewiseStatistics? mean, FeaturewiseStatistics? std)
    {
        int channels = (mean ?? std)!.Values.Length;
        if (std is not null && mean is not null && std.Values.Length != channels)
            throw new InvalidOperationException($"Mean has {channels} channels but std has {std.Values.Length}.");
        int axis = ChannelAxisOf(shape);
        if (shape[axis] != channels)
            throw new ArgumentException($"The featurewise statistics have {channels} channels but the input {Tensor.FormatShape(shape)} has {shape[axis]} on its channel axis ({Options.DataFormat.ToKerasName()}).", nameof(shape));
        var tiles = _tiles;
        if (tiles is null || !ReferenceEquals(tiles.Mean, mean) || !ReferenceEquals(tiles.Std, std))
            _tiles = tiles = FeaturewiseTiles.Create(mean, std, channels, Options.DataFormat == DataFormat.ChannelsLast);
        if (Options.DataFormat == DataFormat.ChannelsLast)
        {
            if (tiles.IsFloat32) StandardizationKernels.SubtractThenDivideTiled(data, tiles.Sub32[0], tiles.Div32[0]);
            else StandardizationKernels.SubtractThenDivideTiled(data, tiles.Sub[0], tiles.Div[0]);
        }
        else
        {
            int inner = 1;
            for (int a = axis + 1; a < shape.Length; a++) inner *= shape[a];
            int blocks = data.Length / inner;
            for (int b = 0; b < blocks; b++)
            {
                int c = b % channels;
                if (tiles.IsFloat32) StandardizationKernels.SubtractThenDivideTiled(data.Slice(b * inner, inner), tiles.Sub32[c], tiles.Div32[c]);
                else StandardizationKernels.SubtractThenDivideTiled(data.Slice(b * inner, inner), tiles.Sub[c], tiles.Div[c]);
            }
        }
    }

    /// <summary>The channel axis of an image (rank 3) or batch (rank 4) in this generator's data format.</summary>
    int ChannelAxisOf(ReadOnlySpan<int> shape)
    {
        if (shape.Length < 3) throw new ArgumentException($"Featurewise standardisation needs an image (rank 3) or a batch (rank 4); got {Tensor.FormatShape(shape)}.", nameof(shape));
        return Options.DataFormat == DataFormat.ChannelsLast ? shape.Length - 1 : shape.Length - 3;
    }
}
