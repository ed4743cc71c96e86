namespace AugNet.NN.Layers.Preprocessing;

/// <summary>
/// Keras <c>RandomColorJitter(value_range=(0, 255), brightness_factor=None, contrast_factor=None,
/// saturation_factor=None, hue_factor=None, seed=None)</c> (<c>random_color_jitter.py</c>): the layers
/// <see cref="RandomBrightness"/>, <see cref="RandomContrast"/>, <see cref="RandomSaturation"/> and
/// <see cref="RandomHue"/>, each made only when its factor is given (with that factor, the jitter's value_range and its
/// seed, so each validates its factor with its own message), applied in that order to the batch. As in Keras, every
/// draw comes from the jitter's own generator (Keras passes its SeedGenerator to each sub-layer's
/// <c>get_random_transformation</c>), in the order brightness (one per image), contrast (one per image), saturation
/// (one per image), hue (all the inversion draws, then all the factors); the sub-layers' own generators are unused.
/// Each stage follows its layer's Keras quirks: contrast draws from [1 − a, 1 + b) (a single f: [1, 1 + f)),
/// saturation's single f draws from [−f, f) and clips S to value_range, hue maps value_range to [0, 1] and back.
/// A factor of 0 is not "off" for saturation (it makes the image gray): leave a factor null to skip its stage.
/// Needs 3 channels when saturation or hue is set.
/// </summary>
/// <remarks>
/// The generator is AugNet's <see cref="NumpyRandom"/> (seeded by <c>seed</c>), not Keras's SeedGenerator stream: the
/// same seed gives other draws than Keras; the same draws give Keras's images (float32, NumPy-backend formulas).
/// </remarks>
/// <example>
/// <code>
/// var model = new Sequential
/// {
///     new RandomColorJitter(valueRange: (0, 255), brightnessFactor: 0.2, contrastFactor: 0.2,
///         saturationFactor: (0.4, 0.6), hueFactor: 0.1, seed: 1, inputShape: [180, 180, 3]),
///     new Rescaling(1.0 / 255), new Conv2D(32, 3, activation: "relu"), new Flatten(), new Dense(1, activation: "sigmoid"),
/// };
/// </code>
/// </example>
public sealed class RandomColorJitter : RandomImageLayer
{
    readonly BufferSlot _out = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out);

    public RandomColorJitter((double Low, double High)? valueRange = null, KerasFactor? brightnessFactor = null, KerasFactor? contrastFactor = null,
        KerasFactor? saturationFactor = null, KerasFactor? hueFactor = null, int? seed = null, int[]? inputShape = null, string? name = null)
        : base(seed, inputShape, name)
    {
        ValueRange = valueRange ?? (0, 255);
        BrightnessFactor = brightnessFactor;
        ContrastFactor = contrastFactor;
        SaturationFactor = saturationFactor;
        HueFactor = hueFactor;
        if (brightnessFactor is { } bf) Brightness = new RandomBrightness(bf, ValueRange, seed);
        if (contrastFactor is { } cf) Contrast = new RandomContrast(cf, ValueRange, seed);
        if (saturationFactor is { } sf) Saturation = new RandomSaturation(sf, ValueRange, seed);
        if (hueFactor is { } hf) Hue = new RandomHue(hf, ValueRange, seed);
    }

    /// <summary>Keras's value_range, as given (the sub-layers sort it where Keras's do).</summary>
    public (double Low, double High) ValueRange { get; }
    public KerasFactor? BrightnessFactor { get; }
    public KerasFactor? ContrastFactor { get; }
    public KerasFactor? SaturationFactor { get; }
    public KerasFactor? HueFactor { get; }

    /// <summary>The stages (null when their factor is null); their draws come from this layer's <see cref="RandomImageLayer.Random"/>.</summary>
    public RandomBrightness? Brightness { get; }
    public RandomContrast? Contrast { get; }
    public RandomSaturation? Saturation { get; }
    public RandomHue? Hue { get; }

    public override string TypeName => "RandomColorJitter";
    public override string NamePrefix => "random_color_jitter";

    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random)
    {
        var shape = base.OnBuild(inputShape, random);
        if (Saturation is not null || Hue is not null) KerasHsv.RequireRgb(this, shape, inputShape);
        return shape;
    }

    /// <summary>One step's parameters, one entry per image for each stage present (null for an absent stage).</summary>
    public readonly record struct Draws(float[]? BrightnessDeltas, float[]? ContrastFactors, float[]? SaturationFactors, float[]? HueDeltas);

    /// <summary>The next step's parameters for <paramref name="count"/> images, drawn from this layer's generator in Keras's stage order.</summary>
    public Draws Draw(int count)
    {
        var random = Random;
        float[]? b = null, c = null, s = null, h = null;
        if (Brightness is not null) { Brightness.Random = random; b = Brightness.DrawDeltas(count); }
        if (Contrast is not null) { Contrast.Random = random; c = Contrast.DrawFactors(count); }
        if (Saturation is not null) { Saturation.Random = random; s = Saturation.DrawFactors(count); }
        if (Hue is not null) { Hue.Random = random; h = Hue.DrawDeltas(count); }
        return new Draws(b, c, s, h);
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        if (!training) return input;
        var draws = Draw(input.Shape[0]);
        int[] shape = InputShape;
        return ForEachImage(input, _out, 8, (src, dst, k) => Apply(src, dst, shape, draws, k));
    }

    /// <summary>Image <paramref name="index"/> of the batch through the stages present, with its draws, as Keras chains them.</summary>
    void Apply(ReadOnlySpan<float> source, Span<float> destination, int[] shape, in Draws draws, int index)
    {
        source.CopyTo(destination);
        if (Brightness is { } b)
            RandomBrightness.Apply(destination, destination, draws.BrightnessDeltas![index], (float)b.ValueRange.Low, (float)b.ValueRange.High);
        if (Contrast is { } c)
            RandomContrast.Apply(destination, destination, shape, draws.ContrastFactors![index], (float)c.ValueRange.Low, (float)c.ValueRange.High);
        if (Saturation is { } s)
            RandomSaturation.Apply(destination, destination, draws.SaturationFactors![index], (float)s.ValueRange.Low, (float)s.ValueRange.High);
        if (Hue is { } h)
            RandomHue.Apply(destination, destination, draws.HueDeltas![index], (float)h.ValueRange.Low, (float)h.ValueRange.High);
    }
}
