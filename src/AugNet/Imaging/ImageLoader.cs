namespace AugNet.Imaging;

/// <summary>Colour modes of Keras's <c>load_img</c>.</summary>
public enum ColorMode { Grayscale, Rgb, Rgba }

/// <summary>Pillow resampling filters that <c>load_img</c> accepts by name.</summary>
public enum Interpolation { Nearest, Bilinear, Bicubic, Hamming, Box, Lanczos }

/// <summary>Keras's <c>load_img</c> followed by <c>img_to_array</c>. (Contract stub: Imaging owner implements.)</summary>
public static class ImageLoader
{
    /// <summary>
    /// Decodes PNG, JPEG, BMP, GIF or WebP, converts to <paramref name="colorMode"/> with Pillow's rules, resizes to
    /// <paramref name="targetSize"/> (height, width) with Pillow-exact filters, and returns float32 (H, W, C) values
    /// in 0–255 ((C, H, W) for channels_first).
    /// </summary>
    public static Tensor LoadImage(string path, ColorMode colorMode = ColorMode.Rgb, (int Height, int Width)? targetSize = null,
        Interpolation interpolation = Interpolation.Nearest, bool keepAspectRatio = false, DataFormat dataFormat = DataFormat.ChannelsLast)
        => throw new NotImplementedException();
}
