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
    internal const float OneThird = (float)(2.0 / 6.0), TwoThirds = (float)(4.0 / 6.0);

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
