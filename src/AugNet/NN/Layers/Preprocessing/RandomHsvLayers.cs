namespace AugNet.NN.Layers.Preprocessing;

/// <summary>
/// Keras <c>RandomHue(factor, value_range=(0, 255), seed=None)</c> (<c>random_hue.py</c>): per batch, Keras draws
/// u ~ U[0, 1) for every image, then f ~ U[lower, upper) for every image (two float32 <c>random.uniform</c> calls, in
/// that order); image i's hue moves by δ = (u &gt; 0.5 ? −1 : 1)·f·0.5, so at most half a turn either way. Each image is
/// mapped from value_range to [0, 1] (Keras's <c>_transform_value_range</c>: (x − low)/(high − low), skipped when the
/// range is (0, 1)), converted by <see cref="KerasHsv.RgbToHsv"/>, h + δ wrapped once into [0, 1] (h − 1 when above 1,
/// then h + 1 when below 0), converted back, clipped to [0, 1] and mapped back (y·(high − low) + low).
/// The factor goes through the base <c>_set_factor</c> with bounds (0, 1): a single f gives [0, f), a pair (a, b) is
/// sorted and refused only when a &gt; 1 or b &lt; 0. value_range is kept as given (Keras neither checks nor sorts it).
/// Needs 3 channels.
/// </summary>
/// <remarks>
/// The draws come from the layer's own <see cref="NumpyRandom"/> (seeded by <c>seed</c>) in Keras's order — all the
/// u of the batch, then all the f — not from Keras's SeedGenerator stream, whose numbers AugNet does not reproduce:
/// the same seed gives other draws than Keras, the same draws give Keras's images (float32, the NumPy backend's
/// formulas). Keras also draws at inference (its <c>get_random_transformation</c> does not look at training); AugNet
/// draws only in training, so the identity at inference does not advance the generator.
/// </remarks>
/// <example>
/// <code>
/// var model = new Sequential
/// {
///     new RandomHue(0.2, valueRange: (0, 255), seed: 1, inputShape: [180, 180, 3]),
///     new Rescaling(1.0 / 255), new Conv2D(32, 3, activation: "relu"), new Flatten(), new Dense(1, activation: "sigmoid"),
/// };
/// </code>
/// </example>
public sealed class RandomHue : RandomFactorColorLayer
{
    public RandomHue(KerasFactor factor, (double Low, double High)? valueRange = null, int? seed = null, int[]? inputShape = null, string? name = null)
        : base(factor, (0, 1), valueRange, sortValueRange: false, seed, inputShape, name) { }

    public override string TypeName => "RandomHue";
    public override string NamePrefix => "random_hue";

    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random)
    {
        var shape = base.OnBuild(inputShape, random);
        KerasHsv.RequireRgb(this, shape, inputShape);
        return shape;
    }

    /// <summary>The next step's hue shifts δ (fractions of a turn), one per image: all the inversion draws, then all the factor draws.</summary>
    public float[] DrawDeltas(int count)
    {
        var d = new float[count];
        for (int i = 0; i < count; i++) d[i] = UniformFloat(0, 1) > 0.5f ? -1f : 1f;
        for (int i = 0; i < count; i++) d[i] = d[i] * UniformFloat(Lower, Upper) * 0.5f;
        return d;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        if (!training) return input;
        var deltas = DrawDeltas(input.Shape[0]);
        var (lo, hi) = ((float)ValueRange.Low, (float)ValueRange.High);
        return ForEachImage(input, Output, 8, (src, dst, k) => Apply(src, dst, deltas[k], lo, hi));
    }

    /// <summary>
    /// Rotates the hue of one channels_last RGB image in value range [low, high] by <paramref name="delta"/> (a fraction
    /// of a turn), as Keras. <paramref name="destination"/> may be <paramref name="source"/> itself.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, float delta, float low, float high) =>
        Apply(source, destination, delta, low, high, SimdPaths.Current);

    /// <summary><see cref="Apply(ReadOnlySpan{float}, Span{float}, float, float, float)"/> on a given SIMD path: the vector kernel, then the scalar one for the remainder pixels.</summary>
    internal static void Apply(ReadOnlySpan<float> source, Span<float> destination, float delta, float low, float high, SimdPath path)
    {
        int done = path >= SimdPath.Vector256 ? KerasHsvVector.Hue256(source, destination, delta, low, high)
            : path >= SimdPath.Vector128 ? KerasHsvVector.Hue128(source, destination, delta, low, high) : 0;
        ApplyScalar(source[done..], destination[done..], delta, low, high);
    }

    /// <summary>The scalar kernel: the reference the vector kernels match bit for bit.</summary>
    internal static void ApplyScalar(ReadOnlySpan<float> source, Span<float> destination, float delta, float low, float high)
    {
        bool scale = !KerasHsv.IsUnitRange(low, high);
        float span = high - low;
        for (int p = 0; p + 2 < source.Length; p += 3)
        {
            float r = source[p], g = source[p + 1], b = source[p + 2];
            if (scale) { r = (r - low) / span; g = (g - low) / span; b = (b - low) / span; }
            KerasHsv.RgbToHsv(r, g, b, out float h, out float s, out float v);
            h += delta;
            if (h > 1f) h -= 1f;
            if (h < 0f) h += 1f;
            KerasHsv.HsvToRgb(h, s, v, out r, out g, out b);
            r = MathF.Min(MathF.Max(r, 0f), 1f);
            g = MathF.Min(MathF.Max(g, 0f), 1f);
            b = MathF.Min(MathF.Max(b, 0f), 1f);
            if (scale) { r = r * span + low; g = g * span + low; b = b * span + low; }
            destination[p] = r;
            destination[p + 1] = g;
            destination[p + 2] = b;
        }
    }
}

/// <summary>
/// Keras <c>RandomSaturation(factor, value_range=(0, 255), seed=None)</c> (<c>random_saturation.py</c>): per image one
/// u ~ U[lower, upper) (float32), turned into the multiplier m = u / (1 − u + 1e-7) (Keras's <c>epsilon()</c>), so
/// u = 0.5 keeps the image, 0 makes it gray and 1 multiplies S by 10⁷. Keras converts the image as it is (no
/// value_range mapping) with <see cref="KerasHsv.RgbToHsv"/>, replaces S by clip(S·m, low, high) with the sorted
/// value_range, and converts back, without a final clip.
/// </summary>
/// <remarks>
/// Keras 3 quirks kept, because they are what its code computes:
/// <list type="bullet">
/// <item>The factor goes through the base <c>_set_factor</c> with the default bounds (−1, 1) (the layer sets no
/// <c>_FACTOR_BOUNDS</c>), so a single f draws u from [−f, f), not the [0, f) its docstring describes: half of the
/// draws are negative, give m &lt; 0 and so S = low, a gray image for value_range (0, 255). A pair (a, b) is sorted and
/// refused only when a &gt; 1 or b &lt; −1; pass a pair such as (0.3, 0.7) for saturation changes both ways about 0.5.</item>
/// <item>S is clipped to value_range, not to [0, 1]: with the default (0, 255), S may exceed 1 and the smallest
/// channel then goes below 0 (v·(1 − S)); the output is not clipped. With value_range (0, 1) S stays in [0, 1].</item>
/// </list>
/// The draws come from the layer's own <see cref="NumpyRandom"/> in Keras's order (one per image), not from Keras's
/// SeedGenerator stream, whose numbers AugNet does not reproduce: the same draws give Keras's images (float32).
/// </remarks>
/// <example>
/// <code>
/// var model = new Sequential
/// {
///     new RandomSaturation((0.3, 0.7), seed: 1, inputShape: [180, 180, 3]),   // m in [0.43, 2.33)
///     new Rescaling(1.0 / 255), new Conv2D(32, 3, activation: "relu"), new Flatten(), new Dense(1, activation: "sigmoid"),
/// };
/// </code>
/// </example>
public sealed class RandomSaturation : RandomFactorColorLayer
{
    /// <summary>Keras's <c>backend.epsilon()</c> as float32, in m = u / (1 − u + ε).</summary>
    public const float KerasEpsilon = 1e-7f;

    public RandomSaturation(KerasFactor factor, (double Low, double High)? valueRange = null, int? seed = null, int[]? inputShape = null, string? name = null)
        : base(factor, (-1, 1), valueRange, sortValueRange: true, seed, inputShape, name) { }

    public override string TypeName => "RandomSaturation";
    public override string NamePrefix => "random_saturation";

    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random)
    {
        var shape = base.OnBuild(inputShape, random);
        KerasHsv.RequireRgb(this, shape, inputShape);
        return shape;
    }

    /// <summary>The multiplier m = u / (1 − u + 1e-7) for a draw u, in float32 as Keras.</summary>
    public static float Multiplier(float u) => u / (1f - u + KerasEpsilon);

    /// <summary>The next step's saturation multipliers m, one per image.</summary>
    public float[] DrawFactors(int count)
    {
        var f = new float[count];
        for (int i = 0; i < count; i++) f[i] = Multiplier(UniformFloat(Lower, Upper));
        return f;
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        if (!training) return input;
        var factors = DrawFactors(input.Shape[0]);
        var (lo, hi) = ((float)ValueRange.Low, (float)ValueRange.High);
        return ForEachImage(input, Output, 8, (src, dst, k) => Apply(src, dst, factors[k], lo, hi));
    }

    /// <summary>
    /// Multiplies the saturation of one channels_last RGB image by <paramref name="factor"/> and clips it to [low, high],
    /// as Keras. <paramref name="destination"/> may be <paramref name="source"/> itself.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, float factor, float low, float high) =>
        Apply(source, destination, factor, low, high, SimdPaths.Current);

    /// <summary><see cref="Apply(ReadOnlySpan{float}, Span{float}, float, float, float)"/> on a given SIMD path: the vector kernel, then the scalar one for the remainder pixels.</summary>
    internal static void Apply(ReadOnlySpan<float> source, Span<float> destination, float factor, float low, float high, SimdPath path)
    {
        int done = path >= SimdPath.Vector256 ? KerasHsvVector.Saturation256(source, destination, factor, low, high)
            : path >= SimdPath.Vector128 ? KerasHsvVector.Saturation128(source, destination, factor, low, high) : 0;
        ApplyScalar(source[done..], destination[done..], factor, low, high);
    }

    /// <summary>The scalar kernel: the reference the vector kernels match bit for bit.</summary>
    internal static void ApplyScalar(ReadOnlySpan<float> source, Span<float> destination, float factor, float low, float high)
    {
        for (int p = 0; p + 2 < source.Length; p += 3)
        {
            KerasHsv.RgbToHsv(source[p], source[p + 1], source[p + 2], out float h, out float s, out float v);
            s = MathF.Min(MathF.Max(s * factor, low), high);
            KerasHsv.HsvToRgb(h, s, v, out float r, out float g, out float b);
            destination[p] = r;
            destination[p + 1] = g;
            destination[p + 2] = b;
        }
    }
}
