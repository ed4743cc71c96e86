namespace AugNet.Augmentation;

/// <summary>
/// Keras's <c>ImageDataGenerator</c> (spec §2–§6): draws augmentation parameters with a NumPy-compatible RNG, applies
/// them through <see cref="ImageTransforms"/>, standardises images and fits dataset statistics. The constructor
/// resolves Keras's interlocking flags (§2.2 step 6) with its warnings, which collect in <see cref="Warnings"/>; the
/// resolved flags are <see cref="FeaturewiseCenter"/>, <see cref="FeaturewiseStdNormalization"/> and
/// <see cref="SamplewiseCenter"/>, while <see cref="Options"/> keeps what the caller asked for. Randomness always
/// comes from the <see cref="NumpyRandom"/> passed in, never from process-global state.
/// </summary>
public sealed partial class ImageDataGenerator
{
    public ImageDataGeneratorOptions Options { get; }

    /// <summary>Keras's UserWarnings raised by this generator (construction, <c>standardize</c>, <c>fit</c>).</summary>
    public GeneratorWarnings Warnings { get; } = new();

    /// <summary>Effective <c>featurewise_center</c>: on when asked, or forced on by zca_whitening or featurewise_std_normalization.</summary>
    public bool FeaturewiseCenter { get; }

    /// <summary>Effective <c>featurewise_std_normalization</c>: off when zca_whitening is on (Keras's override).</summary>
    public bool FeaturewiseStdNormalization { get; }

    /// <summary>Effective <c>samplewise_center</c>: forced on by samplewise_std_normalization.</summary>
    public bool SamplewiseCenter { get; }

    public ImageDataGenerator(ImageDataGeneratorOptions? options = null) : this(options, null) { }

    /// <summary>Builds the generator and subscribes <paramref name="onWarning"/> before the constructor's own warnings fire.</summary>
    public ImageDataGenerator(ImageDataGeneratorOptions? options, Action<string>? onWarning)
    {
        Options = options ?? new ImageDataGeneratorOptions();
        if (onWarning is not null) Warnings.Raised += onWarning;
        var o = Options;
        bool center = o.FeaturewiseCenter, std = o.FeaturewiseStdNormalization;
        // §2.2 step 6 reads the original arguments, not the updated attributes.
        if (o.ZcaWhitening)
        {
            if (!o.FeaturewiseCenter)
            {
                center = true;
                Warnings.Warn("This ImageDataGenerator specifies `zca_whitening`, which overrides setting of `featurewise_center`.");
            }
            if (o.FeaturewiseStdNormalization)
            {
                std = false;
                Warnings.Warn("This ImageDataGenerator specifies `zca_whitening` which overrides setting of`featurewise_std_normalization`.");
            }
        }
        if (o.FeaturewiseStdNormalization && !o.FeaturewiseCenter)
        {
            center = true;
            Warnings.Warn("This ImageDataGenerator specifies `featurewise_std_normalization`, which overrides setting of `featurewise_center`.");
        }
        bool sampleCenter = o.SamplewiseCenter;
        if (o.SamplewiseStdNormalization && !o.SamplewiseCenter)
        {
            sampleCenter = true;
            Warnings.Warn("This ImageDataGenerator specifies `samplewise_std_normalization`, which overrides setting of `samplewise_center`.");
        }
        FeaturewiseCenter = center;
        FeaturewiseStdNormalization = std;
        SamplewiseCenter = sampleCenter;
    }

    /// <summary>The image axes (row, column, channel) of one image in this generator's data format.</summary>
    (int Row, int Col, int Channel) ImageAxes => Options.DataFormat == DataFormat.ChannelsLast ? (0, 1, 2) : (1, 2, 0);

    /// <summary>
    /// Keras's <c>get_random_transform</c> with §0.3's fix: draws one image's parameters from <paramref name="rng"/> in
    /// exactly Keras's order (§3.1): θ; tx from <c>width_shift_range</c> scaled by W; ty from <c>height_shift_range</c>
    /// scaled by H; shear; zx then zy unless the zoom range is [1, 1]; the horizontal and vertical flip coins (always
    /// drawn); the channel-shift intensity when the range is non-zero; the brightness factor when a range is set.
    /// </summary>
    public TransformParams GetRandomTransform(ReadOnlySpan<int> imageShape, NumpyRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (imageShape.Length != 3)
            throw new ArgumentException($"get_random_transform needs the shape of one image (rank 3), got {Tensor.FormatShape(imageShape)}.", nameof(imageShape));
        var o = Options;
        var (rowAxis, colAxis, _) = ImageAxes;
        int h = imageShape[rowAxis], w = imageShape[colAxis];

        double theta = o.RotationRange != 0 ? rng.Uniform(-o.RotationRange, o.RotationRange) : 0;
        double tx = o.WidthShiftRange.Draw(rng, w);
        double ty = o.HeightShiftRange.Draw(rng, h);
        double shear = o.ShearRange != 0 ? rng.Uniform(-o.ShearRange, o.ShearRange) : 0;
        double zx = 1, zy = 1;
        if (o.ZoomRange.IsActive)
        {
            zx = rng.Uniform(o.ZoomRange.Low, o.ZoomRange.High);
            zy = rng.Uniform(o.ZoomRange.Low, o.ZoomRange.High);
        }
        bool flipH = rng.RandomSample() < 0.5 && o.HorizontalFlip;
        bool flipV = rng.RandomSample() < 0.5 && o.VerticalFlip;
        double? channelShift = o.ChannelShiftRange != 0 ? rng.Uniform(-o.ChannelShiftRange, o.ChannelShiftRange) : null;
        double? brightness = o.BrightnessRange is { } b ? rng.Uniform(b.Low, b.High) : null;

        return new TransformParams
        {
            Theta = theta, Tx = tx, Ty = ty, Shear = shear, Zx = zx, Zy = zy,
            FlipHorizontal = flipH, FlipVertical = flipV, ChannelShiftIntensity = channelShift, Brightness = brightness,
        };
    }

    /// <summary>Keras's <c>apply_transform</c>: applies <paramref name="parameters"/> with this generator's fill mode, cval, interpolation order and data format. Returns a new tensor.</summary>
    public Tensor ApplyTransform(Tensor image, TransformParams parameters)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(parameters);
        return ImageTransforms.ApplyTransform(image, parameters, Options.FillMode, (float)Options.Cval, Options.InterpolationOrder, Options.DataFormat);
    }

    /// <summary><c>random_transform</c>: draw then apply.</summary>
    public Tensor RandomTransform(Tensor image, NumpyRandom rng) => ApplyTransform(image, GetRandomTransform(image.Shape, rng));

    /// <summary>
    /// Draws the parameters of every sample of <paramref name="batch"/> (N, …) first, in sample order (the same stream
    /// as N calls of <see cref="RandomTransform"/>), then applies them in parallel, so the result does not depend on
    /// <paramref name="maxDegreeOfParallelism"/> (-1 = all cores). Returns a new batch.
    /// </summary>
    public Tensor RandomTransformBatch(Tensor batch, NumpyRandom rng, int maxDegreeOfParallelism = -1)
    {
        var parameters = GetRandomTransforms(batch, rng);
        return ImageTransforms.ApplyTransformBatch(batch, parameters, Options.FillMode, (float)Options.Cval, Options.InterpolationOrder, Options.DataFormat, maxDegreeOfParallelism);
    }

    /// <summary>Draws one parameter record per sample of a rank-4 batch, in sample order.</summary>
    public TransformParams[] GetRandomTransforms(Tensor batch, NumpyRandom rng)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rng);
        if (batch.Rank != 4) throw new ArgumentException($"A batch must have rank 4 (N, H, W, C) or (N, C, H, W); got shape {Tensor.FormatShape(batch.Shape)}.", nameof(batch));
        var imageShape = batch.Shape.AsSpan(1);
        var parameters = new TransformParams[batch.Shape[0]];
        for (int i = 0; i < parameters.Length; i++) parameters[i] = GetRandomTransform(imageShape, rng);
        return parameters;
    }
}
