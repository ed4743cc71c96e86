namespace AugNet.NN.Layers.Preprocessing;

/// <summary>
/// Keras <c>RandomContrast(factor, value_range=(0, 255), seed=None)</c>: per image, one contrast factor
/// c ~ U[1 − lower, 1 + upper) (float32); each channel becomes (x − mean)·c + mean, with mean the channel's mean over
/// height then width, then clipped to value_range. The factor goes through Keras's base <c>_set_factor</c> with bounds
/// (0, 1), so a single number f gives (lower, upper) = (max(−f, 0), f) = (0, f): Keras 3's RandomContrast(0.2) draws
/// c from [1.0, 1.2) — it only ever raises contrast (<c>random_contrast.py</c>, <c>_FACTOR_BOUNDS = (0, 1)</c> with
/// <c>base_image_preprocessing_layer.py</c> <c>_set_factor</c>); a pair (a, b) gives [1 − a, 1 + b). The channel mean
/// is summed in float64 and rounded to float32 (Keras: NumPy's float32 means) — it can differ in the last bit.
/// </summary>
public sealed class RandomContrast : RandomFactorColorLayer
{
    public RandomContrast(KerasFactor factor, (double Low, double High)? valueRange = null, int? seed = null, int[]? inputShape = null, string? name = null)
        : base(factor, (0, 1), valueRange, sortValueRange: false, seed, inputShape, name) { }

    public override string TypeName => "RandomContrast";
    public override string NamePrefix => "random_contrast";

    /// <summary>The next step's contrast factors, one per image.</summary>
    public float[] DrawFactors(int count)
    {
        var f = new float[count];
        for (int i = 0; i < count; i++) f[i] = UniformFloat(1.0 - Lower, 1.0 + Upper);
        return f;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        if (!training) return input;
        var factors = DrawFactors(input.Shape[0]);
        int[] shape = InputShape;
        var (lo, hi) = ((float)ValueRange.Low, (float)ValueRange.High);
        return ForEachImage(input, Output, 1, (src, dst, k) => Apply(src, dst, shape, factors[k], lo, hi));
    }

    /// <summary>Adjusts one image (H, W, C) by contrast factor <paramref name="factor"/> and clips to [low, high].</summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<int> shape, float factor, float low, float high)
    {
        int c = shape[2], pixels = shape[0] * shape[1];
        Span<double> sums = c <= 64 ? stackalloc double[c] : new double[c];
        sums.Clear();
        for (int p = 0; p < pixels; p++)
            for (int k = 0; k < c; k++) sums[k] += source[p * c + k];
        Span<float> means = c <= 64 ? stackalloc float[c] : new float[c];
        for (int k = 0; k < c; k++) means[k] = (float)(sums[k] / pixels);
        for (int p = 0; p < pixels; p++)
            for (int k = 0; k < c; k++)
            {
                float v = (source[p * c + k] - means[k]) * factor + means[k];
                // np.clip(x, lo, hi) = minimum(maximum(x, lo), hi).
                destination[p * c + k] = MathF.Min(MathF.Max(v, low), high);
            }
    }
}

/// <summary>
/// Keras <c>RandomBrightness(factor, value_range=(0, 255), seed=None)</c>: per image, one delta
/// d = U[lower, upper)·(high − low) (float32, factor through the base <c>_set_factor</c> with bounds (−1, 1)) is added
/// to every value, then the image is clipped to the (sorted) value_range. −1 gives black, +1 white.
/// </summary>
public sealed class RandomBrightness : RandomFactorColorLayer
{
    public RandomBrightness(KerasFactor factor, (double Low, double High)? valueRange = null, int? seed = null, int[]? inputShape = null, string? name = null)
        : base(factor, (-1, 1), valueRange, sortValueRange: true, seed, inputShape, name) { }

    public override string TypeName => "RandomBrightness";
    public override string NamePrefix => "random_brightness";

    /// <summary>The next step's deltas, one per image (already scaled by the value range).</summary>
    public float[] DrawDeltas(int count)
    {
        var d = new float[count];
        float span = (float)(ValueRange.High - ValueRange.Low);
        for (int i = 0; i < count; i++) d[i] = UniformFloat(Lower, Upper) * span;
        return d;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        if (!training) return input;
        var deltas = DrawDeltas(input.Shape[0]);
        var (lo, hi) = ((float)ValueRange.Low, (float)ValueRange.High);
        return ForEachImage(input, Output, 1, (src, dst, k) => Apply(src, dst, deltas[k], lo, hi));
    }

    /// <summary>x + delta, clipped to [low, high], for every value of one image.</summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, float delta, float low, float high)
    {
        for (int i = 0; i < source.Length; i++) destination[i] = MathF.Min(MathF.Max(source[i] + delta, low), high);
    }
}

/// <summary>
/// Keras <c>RandomGrayscale(factor=0.5, data_format=None, seed=None)</c> (<c>random_grayscale.py</c>): per image one
/// draw u ~ U[0, 1) (float32); when u &lt; factor the image becomes grayscale — Keras's <c>ops.image.rgb_to_grayscale</c>
/// with the weights (0.2989, 0.5870, 0.1140) in float32 (NumPy backend: a tensordot of the float32 image with the
/// float32 weights) — broadcast back to all 3 channels by <c>numpy.where</c>, so the channel count is kept. factor is
/// the probability of converting: 0 never, 1 always. Needs 3 channels (Keras's tensordot fails on any other count).
/// </summary>
public sealed class RandomGrayscale : RandomImageLayer
{
    /// <summary>Keras's <c>rgb_to_grayscale</c> weights (its reference is <c>tf.image.rgb_to_grayscale</c>).</summary>
    public const float RedWeight = 0.2989f, GreenWeight = 0.5870f, BlueWeight = 0.1140f;

    readonly BufferSlot _out = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out);

    public RandomGrayscale(double factor = 0.5, int? seed = null, int[]? inputShape = null, string? name = null)
        : base(seed, inputShape, name)
    {
        if (!(factor >= 0 && factor <= 1)) throw new ArgumentException($"`factor` should be between 0 and 1. Received: factor={KerasFactor.PythonFloat(factor)}");
        Factor = factor;
    }

    /// <summary>The probability that an image is converted.</summary>
    public double Factor { get; }
    public override string TypeName => "RandomGrayscale";
    public override string NamePrefix => "random_grayscale";

    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random)
    {
        var shape = base.OnBuild(inputShape, random);
        if (shape[2] != 3)
            throw new ArgumentException($"Layer '{Name}' (RandomGrayscale) needs RGB images (3 channels); received input shape ({string.Join(", ", inputShape)}).");
        return shape;
    }

    /// <summary>The next step's choices, one per image: true converts the image to grayscale.</summary>
    public bool[] DrawChoices(int count)
    {
        var c = new bool[count];
        for (int i = 0; i < count; i++) c[i] = UniformFloat(0, 1) < Factor;
        return c;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        if (!training) return input;
        var choices = DrawChoices(input.Shape[0]);
        return ForEachImage(input, _out, 1, (src, dst, k) =>
        {
            if (choices[k]) Apply(src, dst);
            else src.CopyTo(dst);
        });
    }

    /// <summary>One channels_last RGB image to grayscale, the gray value written to all 3 channels (float32, Keras's weights).</summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination)
    {
        for (int p = 0; p + 2 < source.Length; p += 3)
        {
            float g = source[p] * RedWeight + source[p + 1] * GreenWeight;
            g += source[p + 2] * BlueWeight;
            destination[p] = destination[p + 1] = destination[p + 2] = g;
        }
    }
}
