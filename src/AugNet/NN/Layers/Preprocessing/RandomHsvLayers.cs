using System.Runtime.CompilerServices;

namespace AugNet.NN.Layers.Preprocessing;

/// <summary>
/// Keras 3's <c>ops.image.rgb_to_hsv</c> and <c>hsv_to_rgb</c> as its NumPy backend computes them
/// (<c>keras/src/backend/numpy/image.py</c>, after dm_pix), one pixel at a time, every step in float32 in NumPy's
/// order. H, S and V are in [0, 1] for inputs in [0, 1]; the conversions do not normalise, so an image in [0, 255]
/// gives V in [0, 255] and the same H and S.
/// </summary>
/// <example>
/// <code>
/// KerasHsv.RgbToHsv(255f, 128f, 0f, out float h, out float s, out float v);   // h ≈ 0.0837, s = 1, v = 255
/// KerasHsv.HsvToRgb(h, s, v, out float r, out float g, out float b);           // ≈ (255, 128, 0)
/// </code>
/// </example>
public static class KerasHsv
{
    /// <summary>float32 machine epsilon (<c>ml_dtypes.finfo(float32).eps</c>): smaller magnitudes are zeroed first.</summary>
    public const float Epsilon = 1.1920929e-07f;
    const float OneThird = (float)(2.0 / 6.0), TwoThirds = (float)(4.0 / 6.0);

    /// <summary>One pixel RGB → HSV, Keras's formulas: hue from the max channel (red wins ties, then green), 0 for grays.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RgbToHsv(float r, float g, float b, out float h, out float s, out float v)
    {
        // images = np.where(np.abs(images) < eps, 0.0, images)
        if (MathF.Abs(r) < Epsilon) r = 0f;
        if (MathF.Abs(g) < Epsilon) g = 0f;
        if (MathF.Abs(b) < Epsilon) b = 0f;
        float value = MathF.Max(MathF.Max(r, g), b);
        float minimum = MathF.Min(MathF.Min(r, g), b);
        float range = value - minimum;
        float safeValue = value > 0f ? value : 1f;
        float safeRange = range > 0f ? range : 1f;
        s = value > 0f ? range / safeValue : 0f;
        float norm = 1f / (6f * safeRange);
        float hue = value == g ? norm * (b - r) + OneThird : norm * (r - g) + TwoThirds;
        if (value == r) hue = norm * (g - b);
        // np.where(range_ > 0, hue, 0.0) + (hue < 0.0): the wrap test reads the unmasked hue.
        h = (range > 0f ? hue : 0f) + (hue < 0f ? 1f : 0f);
        v = value;
    }

    /// <summary>One pixel HSV → RGB, Keras's formulas (hue taken modulo 1 as <c>np.mod</c>: the result has the divisor's sign).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HsvToRgb(float h, float s, float v, out float r, out float g, out float b)
    {
        float dh = Mod1(h) * 6f;
        float dr = Clip01(MathF.Abs(dh - 3f) - 1f);
        float dg = Clip01(2f - MathF.Abs(dh - 2f));
        float db = Clip01(2f - MathF.Abs(dh - 4f));
        float oneMinusS = 1f - s;
        r = v * (oneMinusS + s * dr);
        g = v * (oneMinusS + s * dg);
        b = v * (oneMinusS + s * db);
    }

    /// <summary>NumPy's float32 <c>np.mod(x, 1.0)</c>: fmod, moved into [0, 1) when negative, +0 for an exact zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Mod1(float x)
    {
        float m = x % 1f;
        if (m == 0f) return 0f;
        return m < 0f ? m + 1f : m;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static float Clip01(float x) => MathF.Min(MathF.Max(x, 0f), 1f);

    /// <summary>Keras's <c>_transform_value_range</c> is skipped when the range already is exactly (0, 1).</summary>
    internal static bool IsUnitRange(float low, float high) => low == 0f && high == 1f;

    /// <summary>Refuses an input without 3 channels (Keras's <c>np.split(images, 3, axis)</c> needs RGB).</summary>
    internal static void RequireRgb(Layer layer, int[] shape, int[] inputShape)
    {
        if (shape[2] != 3)
            throw new ArgumentException($"{(layer.Name.Length > 0 ? $"Layer '{layer.Name}' ({layer.TypeName})" : layer.TypeName)} needs RGB images (3 channels); received input shape ({string.Join(", ", inputShape)}).");
    }
}

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
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, float delta, float low, float high)
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
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, float factor, float low, float high)
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
