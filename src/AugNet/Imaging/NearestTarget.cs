namespace AugNet.Imaging;

/// <summary>
/// Tells the decoder that <c>load_img</c> will next convert to RGB and resize with nearest to this size (height,
/// width; through the keep_aspect_ratio box when asked). An opaque colour image decoded by rows can then sample each
/// band as it arrives, so the full-size RGB image is never built; the result is that of the resize, and
/// <see cref="ImageLoader.Prepare"/> leaves it as it is because it already has the target size. Every row is still
/// decoded, so the pixels and the errors are those of a full decode.
/// </summary>
internal readonly record struct NearestTarget(int Width, int Height, bool KeepAspectRatio)
{
    /// <summary>The target for these <c>load_img</c> arguments, or null when the next steps are not RGB + nearest resize.</summary>
    public static NearestTarget? For(ColorMode colorMode, (int Height, int Width)? targetSize, Interpolation interpolation, bool keepAspectRatio)
        => colorMode == ColorMode.Rgb && interpolation == Interpolation.Nearest && targetSize is { } t
            ? new NearestTarget(t.Width, t.Height, keepAspectRatio)
            : null;

    /// <summary>
    /// The sampling grid for a decoded <paramref name="width"/>×<paramref name="height"/> RGB image, or null when
    /// <see cref="ImageLoader.Prepare"/> would not resize it (it already has the target size).
    /// </summary>
    public NearestMap? MapFor(int width, int height)
    {
        if (width == Width && height == Height) return null;
        var box = KeepAspectRatio ? ImageLoader.KeepAspectRatioBox(width, height, Width, Height) : ResizeBox.Full(width, height);
        return NearestMap.Create(width, Width, Height, box);
    }
}
