using SkiaSharp;

namespace AugNet.Imaging;

/// <summary>
/// Keras's <c>save_img</c>: <see cref="ArrayImage.ArrayToImage"/> then an encode by format. Files are written
/// atomically (encoded in memory, written to a temporary file beside the target, then renamed), so a failure never
/// leaves a half-written image.
/// </summary>
public static class ImageSaver
{
    /// <summary>Pillow's default JPEG quality.</summary>
    public const int DefaultJpegQuality = 75;
    /// <summary>Pillow's default WebP quality (lossy).</summary>
    public const int DefaultWebpQuality = 80;

    /// <summary>Writes a (H, W, C) float image as PNG/JPEG/BMP/WebP by extension, min–max scaling to 0–255 when <paramref name="scale"/>.</summary>
    public static void SaveImage(string path, Tensor image, DataFormat dataFormat = DataFormat.ChannelsLast, bool scale = true)
        => SaveImage(path, image, dataFormat, fileFormat: null, scale);

    /// <summary>
    /// Keras's <c>save_img(path, x, data_format, file_format, scale)</c>. <paramref name="fileFormat"/> (e.g. "png",
    /// "jpg") overrides the extension. An RGBA image saved as JPEG is converted to RGB (alpha dropped) with Keras's
    /// warning. <paramref name="quality"/> applies to JPEG and lossy WebP.
    /// </summary>
    public static void SaveImage(string path, Tensor image, DataFormat dataFormat, string? fileFormat, bool scale = true, int? quality = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var format = fileFormat != null ? ImageFileFormats.Parse(fileFormat) : ImageFileFormats.FromPath(path);
        SaveRaster(path, ArrayImage.ArrayToImage(image, dataFormat, scale), format, quality);
    }

    /// <summary>Encodes and atomically writes a <see cref="RasterImage"/> (format from the extension when null).</summary>
    public static void SaveRaster(string path, RasterImage image, ImageFileFormat? format = null, int? quality = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(image);
        byte[] encoded;
        try { encoded = Encode(image, format ?? ImageFileFormats.FromPath(path), quality); }
        catch (NotSupportedException e) { throw new NotSupportedException($"Cannot save image '{path}': {e.Message}", e); }
        WriteAtomically(path, encoded);
    }

    /// <summary>Encodes an image in memory. RGBA→JPEG drops alpha with Keras's warning; LA is written as RGBA (PNG/WebP) or L (JPEG/BMP).</summary>
    public static byte[] Encode(RasterImage image, ImageFileFormat format, int? quality = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Mode == PixelMode.I)
            throw new NotSupportedException("mode I images (one channel with values above 255) cannot be encoded; scale the array to 0–255 first.");
        if (image.Width < 1 || image.Height < 1)
            throw new NotSupportedException($"an image of size {image.Width}x{image.Height} cannot be encoded.");
        if (quality is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(quality), quality, "quality must be in 0–100.");
        if (format == ImageFileFormat.Jpeg && image.Mode == PixelMode.RGBA)
        {
            ImagingWarnings.Warn("The JPG format does not support RGBA images, converting to RGB.");
            image = ColorConversion.Convert(image, PixelMode.RGB);
        }
        if (image.Mode == PixelMode.LA)
            image = ColorConversion.Convert(image, format is ImageFileFormat.Jpeg or ImageFileFormat.Bmp ? PixelMode.L : PixelMode.RGBA);
        if (format == ImageFileFormat.Bmp) return BmpWriter.Encode(image);
        return EncodeWithSkia(image, format, quality);
    }

    static unsafe byte[] EncodeWithSkia(RasterImage image, ImageFileFormat format, int? quality)
    {
        int w = image.Width, h = image.Height;
        byte[] pixels;
        SKImageInfo info;
        if (image.Mode == PixelMode.L)
        {
            pixels = image.Bytes;
            info = new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque);
        }
        else
        {
            bool alpha = image.Mode == PixelMode.RGBA;
            pixels = alpha ? image.Bytes : ColorConversion.Convert(image, PixelMode.RGBA).Bytes;
            info = new SKImageInfo(w, h, SKColorType.Rgba8888, alpha ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
        }
        fixed (byte* p = pixels)
        {
            using var pixmap = new SKPixmap(info, (IntPtr)p, info.RowBytes);
            using SKData? data = format switch
            {
                ImageFileFormat.Png => pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 6)),
                ImageFileFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(quality ?? DefaultJpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)),
                ImageFileFormat.WebP => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, quality ?? DefaultWebpQuality)),
                _ => throw new NotSupportedException($"format {format} is not supported by the encoder."),
            };
            if (data == null) throw new NotSupportedException($"the {format} encoder failed for a {w}x{h} {image.Mode} image.");
            return data.ToArray();
        }
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> to a temporary file in the target's folder, then renames it over
    /// <paramref name="path"/> (<see cref="AtomicFile"/>); the folder must exist.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes) => AtomicFile.Write(path, bytes, "image");
}
