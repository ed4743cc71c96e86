namespace AugNet.Imaging;

/// <summary>Colour modes of Keras's <c>load_img</c>.</summary>
public enum ColorMode { Grayscale, Rgb, Rgba }

/// <summary>Pillow resampling filters that <c>load_img</c> accepts by name.</summary>
public enum Interpolation { Nearest, Bilinear, Bicubic, Hamming, Box, Lanczos }

/// <summary>
/// Keras's <c>load_img</c> (decode, convert colour with Pillow's rules, resize with Pillow-exact filters) and
/// <c>load_img</c> followed by <c>img_to_array</c>.
/// </summary>
public static class ImageLoader
{
    /// <summary>
    /// Pillow's decompression-bomb limit in pixels: a warning above it, <see cref="ImageTooLargeException"/> above
    /// twice it, checked from the header before pixels are allocated. Null = unlimited. Same as
    /// <see cref="ImageDecoder.MaxImagePixels"/>.
    /// </summary>
    public static long? MaxImagePixels
    {
        get => ImageDecoder.MaxImagePixels;
        set => ImageDecoder.MaxImagePixels = value;
    }

    /// <summary>
    /// Decodes PNG, JPEG, BMP, GIF or WebP, converts to <paramref name="colorMode"/> with Pillow's rules, resizes to
    /// <paramref name="targetSize"/> (height, width) with Pillow-exact filters, and returns float32 (H, W, C) values
    /// in 0–255 ((C, H, W) for channels_first). <paramref name="jpegDraft"/>: with a target size, JPEGs are decoded at
    /// 1/2, 1/4 or 1/8 scale first, as Pillow's <c>Image.draft("RGB", target)</c> (much faster for large photos; the
    /// pixels then differ from Keras's <c>load_img</c>, which decodes the full image; see <see cref="JpegDraft"/>).
    /// </summary>
    public static Tensor LoadImage(string path, ColorMode colorMode = ColorMode.Rgb, (int Height, int Width)? targetSize = null,
        Interpolation interpolation = Interpolation.Nearest, bool keepAspectRatio = false, DataFormat dataFormat = DataFormat.ChannelsLast,
        bool jpegDraft = false)
        => ArrayImage.ImgToArray(LoadRaster(path, colorMode, targetSize, interpolation, keepAspectRatio, jpegDraft), dataFormat);

    /// <summary><see cref="LoadImage(string, ColorMode, ValueTuple{int, int}?, Interpolation, bool, DataFormat, bool)"/> from encoded bytes in memory (Keras's BytesIO input).</summary>
    public static Tensor LoadImage(ReadOnlySpan<byte> encoded, ColorMode colorMode = ColorMode.Rgb, (int Height, int Width)? targetSize = null,
        Interpolation interpolation = Interpolation.Nearest, bool keepAspectRatio = false, DataFormat dataFormat = DataFormat.ChannelsLast,
        string sourceName = "<memory>", bool jpegDraft = false)
        => ArrayImage.ImgToArray(LoadRaster(encoded, colorMode, targetSize, interpolation, keepAspectRatio, sourceName, jpegDraft), dataFormat);

    /// <summary>Keras's <c>load_img</c> proper: the converted, resized image as Pillow would hold it (8-bit, or mode I for 16-bit grey).</summary>
    public static RasterImage LoadRaster(string path, ColorMode colorMode = ColorMode.Rgb, (int Height, int Width)? targetSize = null,
        Interpolation interpolation = Interpolation.Nearest, bool keepAspectRatio = false, bool jpegDraft = false)
    {
        CheckTargetSize(targetSize);
        var nearest = NearestTarget.For(colorMode, targetSize, interpolation, keepAspectRatio);
        return Prepare(ImageDecoder.DecodeFile(path, nearest, DraftSize(targetSize, jpegDraft)), colorMode, targetSize, interpolation, keepAspectRatio);
    }

    /// <summary><see cref="LoadRaster(string, ColorMode, ValueTuple{int, int}?, Interpolation, bool, bool)"/> from encoded bytes.</summary>
    public static RasterImage LoadRaster(ReadOnlySpan<byte> encoded, ColorMode colorMode = ColorMode.Rgb, (int Height, int Width)? targetSize = null,
        Interpolation interpolation = Interpolation.Nearest, bool keepAspectRatio = false, string sourceName = "<memory>", bool jpegDraft = false)
    {
        CheckTargetSize(targetSize);
        var nearest = NearestTarget.For(colorMode, targetSize, interpolation, keepAspectRatio);
        return Prepare(ImageDecoder.Decode(encoded, sourceName, nearest, DraftSize(targetSize, jpegDraft)), colorMode, targetSize, interpolation, keepAspectRatio);
    }

    /// <summary>Pillow's draft request (width, height) for a target size, when asked (a draft needs a target).</summary>
    static (int Width, int Height)? DraftSize((int Height, int Width)? targetSize, bool jpegDraft) =>
        jpegDraft && targetSize is { } t ? (t.Width, t.Height) : null;

    /// <summary>
    /// The steps of <c>load_img</c> after decoding: colour conversion ('grayscale' keeps L and I, otherwise converts
    /// to L; 'rgb'/'rgba' convert unless already there), then, when the size differs from the target, a resize —
    /// with keep_aspect_ratio through a centre box at the target aspect ratio (integer arithmetic).
    /// </summary>
    public static RasterImage Prepare(RasterImage image, ColorMode colorMode, (int Height, int Width)? targetSize,
        Interpolation interpolation, bool keepAspectRatio)
    {
        ArgumentNullException.ThrowIfNull(image);
        var converted = colorMode switch
        {
            ColorMode.Grayscale => image.Mode is PixelMode.L or PixelMode.I ? image : ColorConversion.Convert(image, PixelMode.L),
            ColorMode.Rgba => ColorConversion.Convert(image, PixelMode.RGBA),
            ColorMode.Rgb => ColorConversion.Convert(image, PixelMode.RGB),
            _ => throw new ArgumentException("color_mode must be \"grayscale\", \"rgb\", or \"rgba\"", nameof(colorMode)),
        };
        if (targetSize is not { } target) return converted;
        int tw = target.Width, th = target.Height;
        if (converted.Width == tw && converted.Height == th) return converted;
        if (!keepAspectRatio) return PillowResize.Resize(converted, tw, th, interpolation);
        var box = KeepAspectRatioBox(converted.Width, converted.Height, tw, th);
        return PillowResize.Resize(converted, tw, th, interpolation, box);
    }

    /// <summary>
    /// keep_aspect_ratio's centre crop: crop_h = min(h, w·th // tw), crop_w = min(w, h·tw // th),
    /// top = (h − crop_h) // 2, left = (w − crop_w) // 2.
    /// </summary>
    public static ResizeBox KeepAspectRatioBox(int width, int height, int targetWidth, int targetHeight)
    {
        long cropH = Math.Min(height, (long)width * targetHeight / targetWidth);
        long cropW = Math.Min(width, (long)height * targetWidth / targetHeight);
        long top = (height - cropH) / 2, left = (width - cropW) / 2;
        return new ResizeBox(left, top, left + cropW, top + cropH);
    }

    /// <summary>Keras's interpolation names: nearest, bilinear, bicubic, hamming, box, lanczos.</summary>
    public static Interpolation ParseInterpolation(string name) => name switch
    {
        "nearest" => Interpolation.Nearest,
        "bilinear" => Interpolation.Bilinear,
        "bicubic" => Interpolation.Bicubic,
        "hamming" => Interpolation.Hamming,
        "box" => Interpolation.Box,
        "lanczos" => Interpolation.Lanczos,
        _ => throw new ArgumentException(
            $"Invalid interpolation method {name} specified. Supported methods are nearest, bilinear, bicubic, hamming, box, lanczos", nameof(name)),
    };

    /// <summary>Keras's colour mode names: "grayscale", "rgb", "rgba".</summary>
    public static ColorMode ParseColorMode(string name) => name switch
    {
        "grayscale" => ColorMode.Grayscale,
        "rgb" => ColorMode.Rgb,
        "rgba" => ColorMode.Rgba,
        _ => throw new ArgumentException("color_mode must be \"grayscale\", \"rgb\", or \"rgba\"", nameof(name)),
    };

    /// <summary>Keras's name of an interpolation (the inverse of <see cref="ParseInterpolation"/>).</summary>
    public static string Name(this Interpolation interpolation) => interpolation.ToString().ToLowerInvariant();

    static void CheckTargetSize((int Height, int Width)? targetSize)
    {
        if (targetSize is { } t && (t.Height < 1 || t.Width < 1))
            throw new ArgumentException($"target_size must be positive (height, width); got ({t.Height}, {t.Width}).", nameof(targetSize));
    }
}
