using System.Numerics.Tensors;

namespace AugNet.Augmentation;

/// <summary>
/// Keras's <c>apply_brightness_shift</c> (spec §4.5), which goes through an 8-bit Pillow image:
/// <list type="number">
/// <item>local_scale = min &lt; 0 or max &gt; 255 over the whole image;</item>
/// <item><c>array_to_img</c>: when local_scale or <c>scale</c>, min–max stretch to [0, 255] in float32; then truncate to uint8;</item>
/// <item>Pillow's <c>ImageEnhance.Brightness</c> = blend with black, the factor as float32: 0 ≤ f ≤ 1 gives trunc(f·v),
/// otherwise trunc(f·v) clipped to [0, 255]; f = 0 and f = 1 exactly are copies; an RGBA alpha byte is kept;</item>
/// <item>back to float32; when <c>scale</c> is false and local_scale was true, x / 255 · (max − min) + min in float32.</item>
/// </list>
/// ImageDataGenerator calls it with scale = false. The image is read as (H, W, C) whatever the generator's data format,
/// as Keras's <c>array_to_img</c> does with its default; the last axis must therefore be 1, 3 or 4.
/// </summary>
public static class BrightnessShift
{
    /// <summary>Applies brightness <paramref name="factor"/> in place to an image whose last axis has <paramref name="lastAxis"/> entries.</summary>
    public static void Apply(Span<float> image, int lastAxis, double factor, bool scale = true)
    {
        if (lastAxis is not (1 or 3 or 4))
            throw new ArgumentException($"Unsupported channel number: {lastAxis} (brightness_range needs an image whose last axis has 1, 3 or 4 channels; Keras reads the image as channels_last).", nameof(lastAxis));
        if (image.IsEmpty) return;
        if (image.Length % lastAxis != 0)
            throw new ArgumentException($"{image.Length} floats are not a whole number of {lastAxis}-channel pixels.", nameof(image));
        float xMin = TensorPrimitives.Min(image), xMax = TensorPrimitives.Max(image);
        bool localScale = xMin < 0 || xMax > 255;
        if (localScale || scale)
        {
            // array_to_img(scale=True): x - min(x); x / max(x) when non-zero; x * 255, all float32.
            TensorPrimitives.Subtract(image, xMin, image);
            float top = TensorPrimitives.Max(image);
            if (top != 0) TensorPrimitives.Divide(image, top, image);
            TensorPrimitives.Multiply(image, 255f, image);
        }
        float f = (float)factor;
        bool rgba = lastAxis == 4;
        for (int k = 0; k < image.Length; k++)
        {
            int v = ToByte(image[k]);
            if (!(rgba && k % 4 == 3)) v = Blend(v, f);
            image[k] = v;
        }
        if (!scale && localScale)
        {
            float range = xMax - xMin;
            for (int k = 0; k < image.Length; k++) image[k] = image[k] / 255f * range + xMin;
        }
    }

    /// <summary>NumPy's <c>astype('uint8')</c> on values that lie in [0, 255]: truncation toward zero.</summary>
    static int ToByte(float x) => x >= 255f ? 255 : x > 0f ? (int)x : 0;

    /// <summary>Pillow's <c>ImagingBlend</c> of black (0) with byte <paramref name="v"/> at float factor <paramref name="f"/>.</summary>
    internal static int Blend(int v, float f)
    {
        if (f == 0f) return 0;
        if (f == 1f) return v;
        float t = f * v;
        if (f >= 0f && f <= 1f) return (int)t;
        return t <= 0f ? 0 : t >= 255f ? 255 : (int)t;
    }
}
