using SkiaSharp;

namespace AugNet.Imaging;

/// <summary>
/// Pillow's <c>JpegImageFile.draft("RGB", (width, height))</c>: libjpeg decodes at 1/2, 1/4 or 1/8 scale (its DCT
/// scaling), the largest reduction that keeps the image at least the requested size on both axes:
/// s = min(W // w, H // h) rounded down to 8, 4, 2 or 1, giving ⌈W/s⌉ × ⌈H/s⌉. Skia's scaled JPEG decode is libjpeg-turbo's
/// with the same settings, and gives Pillow's drafted pixels exactly (checked against Pillow 9.4 at every scale).
/// A 4000×3000 photo for a 150×150 target decodes at 500×375, about 1/50 of the work; the pixels then differ from
/// Keras's <c>load_img</c>, which decodes the full image.
/// </summary>
internal static class JpegDraft
{
    /// <summary>Pillow's scale for an image of <paramref name="width"/>×<paramref name="height"/> and a requested size.</summary>
    public static int Scale(int width, int height, int requestedWidth, int requestedHeight)
    {
        int s = Math.Min(width / Math.Max(1, requestedWidth), height / Math.Max(1, requestedHeight));
        return s >= 8 ? 8 : s >= 4 ? 4 : s >= 2 ? 2 : 1;
    }

    /// <summary>
    /// The size to decode <paramref name="codec"/>'s JPEG at for a requested size, or null for the full size (no
    /// reduction, or Skia would not give libjpeg's ⌈W/s⌉ × ⌈H/s⌉).
    /// </summary>
    public static (int Width, int Height)? ScaledSize(SKCodec codec, (int Width, int Height) requested)
    {
        int w = codec.Info.Width, h = codec.Info.Height;
        int s = Scale(w, h, requested.Width, requested.Height);
        if (s == 1) return null;
        var dims = codec.GetScaledDimensions(1f / s);
        (int Width, int Height) expected = ((w + s - 1) / s, (h + s - 1) / s);
        return (dims.Width, dims.Height) == expected ? expected : null;
    }
}
