using System.Numerics.Tensors;

namespace AugNet.Augmentation;

/// <summary>
/// Keras's <c>apply_channel_shift</c> (spec §4.3): adds the same intensity to every channel, then clips to the
/// image's global minimum and maximum (over all channels, taken before the shift). NumPy adds the intensity as a
/// float32, so this works in float32 too.
/// </summary>
public static class ChannelShift
{
    /// <summary>Shifts <paramref name="image"/> in place by <paramref name="intensity"/>, clipped to its own range.</summary>
    public static void Apply(Span<float> image, double intensity)
    {
        if (image.IsEmpty) return;
        float min = TensorPrimitives.Min(image), max = TensorPrimitives.Max(image);
        TensorPrimitives.Add(image, (float)intensity, image);
        TensorPrimitives.Clamp(image, min, max, image);
    }
}
