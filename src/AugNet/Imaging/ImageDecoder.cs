using System.Buffers;
using System.Buffers.Binary;
using SkiaSharp;

namespace AugNet.Imaging;

/// <summary>
/// Decodes PNG, JPEG, BMP, GIF (first frame) and WebP with SkiaSharp into the Pillow mode Pillow would open the file
/// in: grey without alpha → L (non-interlaced 16-bit grey PNG → I with the full 16-bit values), anything with alpha → RGBA,
/// otherwise RGB. Pixels come out unpremultiplied and without colour management (no destination colour space), so
/// embedded ICC profiles do not change them, as in Pillow. Non-interlaced 16-bit colour PNGs keep the high byte, as Pillow's
/// ";16B" unpackers do (interlaced 16-bit PNGs go through Skia's 8-bit conversion, which may round instead). The declared size is checked against <see cref="MaxImagePixels"/> before pixels are allocated.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Pillow's default <c>Image.MAX_IMAGE_PIXELS</c>: 1024·1024·1024 // 4 // 3.</summary>
    public const long DefaultMaxImagePixels = 1024L * 1024 * 1024 / 4 / 3;

    /// <summary>
    /// Above this many pixels a decode warns (via <see cref="ImagingWarnings"/>); above twice this it is refused with
    /// <see cref="ImageTooLargeException"/>, like Pillow. Null disables both checks.
    /// </summary>
    public static long? MaxImagePixels { get; set; } = DefaultMaxImagePixels;

    /// <summary>
    /// The hard limits of every decode (pixels, decoded bytes, file bytes), checked from the header before pixels are
    /// allocated; refusals are <see cref="ImageTooLargeException"/> naming the file, its declared size and
    /// <see cref="DecodeBudget.RaiseWith"/>. Applies to all threads.
    /// </summary>
    public static DecodeBudget Budget { get; set; } = DecodeBudget.Default;

    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Reads and decodes the file at <paramref name="path"/> (read fully, then closed, as Keras does).</summary>
    public static RasterImage DecodeFile(string path) => DecodeFile(path, null);

    /// <summary>
    /// <see cref="DecodeFile(string)"/> that may already apply the nearest resize that follows (see <see cref="NearestTarget"/>)
    /// and, with <paramref name="jpegDraft"/>, decodes a JPEG at reduced scale for that size (see <see cref="JpegDraft"/>).
    /// </summary>
    internal static RasterImage DecodeFile(string path, NearestTarget? nearest, (int Width, int Height)? jpegDraft = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        PooledFileBytes file;
        // A pooled buffer: the decoder copies what it needs, and photos of several MB would otherwise each leave a
        // large-object array behind.
        try { file = FileProbe.ReadRegularFilePooled(path, Budget.MaxFileBytes, "image", Budget.RaiseWith); }
        catch (FileNotFoundException) { throw; }
        catch (IOException e) when (e.Message.StartsWith($"Cannot load image '{path}': ", StringComparison.Ordinal))
        {
            // Refused before reading (a FIFO, a device, over the file limit): the reason is already worded.
            throw new InvalidImageException(path, e.Message[$"Cannot load image '{path}': ".Length..], e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidImageException(path, "the file cannot be read: " + e.Message, e);
        }
        using (file) return Decode(file.Span, path, MaxImagePixels, Budget, nearest, jpegDraft);
    }

    /// <summary>Decodes an encoded image held in memory; <paramref name="sourceName"/> names it in errors.</summary>
    public static RasterImage Decode(ReadOnlySpan<byte> encoded, string sourceName = "<memory>")
        => Decode(encoded, sourceName, MaxImagePixels);

    /// <summary><see cref="Decode(ReadOnlySpan{byte}, string)"/> that may already apply the nearest resize that follows (see <see cref="NearestTarget"/>).</summary>
    internal static RasterImage Decode(ReadOnlySpan<byte> encoded, string sourceName, NearestTarget? nearest, (int Width, int Height)? jpegDraft = null)
        => Decode(encoded, sourceName, MaxImagePixels, Budget, nearest, jpegDraft);

    /// <summary>Decodes with an explicit pixel limit instead of <see cref="MaxImagePixels"/> (null = unlimited).</summary>
    public static RasterImage Decode(ReadOnlySpan<byte> encoded, string sourceName, long? maxImagePixels)
        => Decode(encoded, sourceName, maxImagePixels, Budget, null, null);

    /// <summary>Decodes under an explicit <paramref name="budget"/> instead of <see cref="Budget"/> (for one caller, without changing the global one).</summary>
    public static RasterImage Decode(ReadOnlySpan<byte> encoded, string sourceName, DecodeBudget budget)
        => Decode(encoded, sourceName, MaxImagePixels, budget, null, null);

    static RasterImage Decode(ReadOnlySpan<byte> encoded, string sourceName, long? maxImagePixels, DecodeBudget budget, NearestTarget? nearest,
        (int Width, int Height)? jpegDraft)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (encoded.IsEmpty) throw new InvalidImageException(sourceName, "the file is empty (0 bytes).");
        var png = PngHeader.TryRead(encoded);
        if (png is { } h)
        {
            CheckSize(sourceName, h.Width, h.Height, maxImagePixels);
            budget.Check(sourceName, "PNG", h.Width, h.Height, h.BitDepth == 16 ? 2 * Math.Max(1, ChannelsOf(h.ColorType)) + 4 : 4);
        }
        DeclaredSizeCheck.Check(encoded, sourceName, png);

        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec == null)
            throw new InvalidImageException(sourceName, png != null
                ? "the PNG header or data is corrupt."
                : "unknown or unsupported image format (expected PNG, JPEG, BMP, GIF or WebP).");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0) throw new InvalidImageException(sourceName, $"invalid image size {info.Width}x{info.Height}.");
        if (png == null)
        {
            CheckSize(sourceName, info.Width, info.Height, maxImagePixels);
            budget.Check(sourceName, codec.EncodedFormat.ToString().ToUpperInvariant(), info.Width, info.Height, info.AlphaType == SKAlphaType.Opaque ? 3 : 4);
        }

        bool opaque = info.AlphaType == SKAlphaType.Opaque;
        bool grey = opaque && (info.ColorType == SKColorType.Gray8 || png is { ColorType: 0 });
        bool sixteen = png is { BitDepth: 16 };
        int w = info.Width, hgt = info.Height;
        // Limits above are checked on the declared size; a draft only makes the decode smaller.
        if (jpegDraft is { } draft && codec.EncodedFormat == SKEncodedImageFormat.Jpeg && JpegDraft.ScaledSize(codec, draft) is { } scaled)
            (w, hgt) = scaled;
        if (grey && !sixteen)
        {
            var bytes = new byte[checked(w * hgt)];
            DecodeInto(codec, new SKImageInfo(w, hgt, SKColorType.Gray8, SKAlphaType.Opaque), bytes, w, sourceName);
            return new RasterImage(w, hgt, PixelMode.L, bytes);
        }
        if (png is { BitDepth: 16, Interlace: 0 } header16)
            return Png16Decoder.Decode(encoded, header16, sourceName);
        var rgbaInfo = new SKImageInfo(w, hgt, SKColorType.Rgba8888, opaque ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        if (opaque && DecodeRgbByRows(codec, rgbaInfo, sourceName, nearest?.MapFor(w, hgt)) is { } rgbImage) return rgbImage;
        var rgba = new byte[checked((long)w * hgt * 4)];
        DecodeInto(codec, rgbaInfo, rgba, w * 4, sourceName);
        return opaque ? DropAlpha(rgba, w, hgt) : new RasterImage(w, hgt, PixelMode.RGBA, rgba);
    }

    static int ChannelsOf(int pngColorType) => pngColorType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => 1 };

    /// <summary>
    /// An opaque image decoded a band of rows at a time straight into RGB, so no full-size RGBA copy is held (3 bytes
    /// per pixel at the peak instead of 7). With <paramref name="nearest"/>, the RGB result is that grid's samples of
    /// each band instead of the whole image. Null when the codec has no top-down scanline decoder (GIF, WebP,
    /// bottom-up BMP); the caller then decodes the whole frame. A band the decoder cannot fill means the data ended:
    /// the decode stops there.
    /// </summary>
    static unsafe RasterImage? DecodeRgbByRows(SKCodec codec, SKImageInfo info, string sourceName, NearestMap? nearest)
    {
        if (codec.StartScanlineDecode(info) != SKCodecResult.Success) return null;
        if (codec.ScanlineOrder != SKCodecScanlineOrder.TopDown) return null;
        int w = info.Width, h = info.Height;
        var output = nearest == null
            ? new RasterImage(w, h, PixelMode.RGB, new byte[checked((long)w * h * 3)])
            : RasterImage.Create(nearest.Xs.Length, nearest.Ys.Length, PixelMode.RGB);
        // A band of about 64 KB stays in the cache between the decoder's writes and the copy's reads; the buffer is
        // pooled because every image of a folder needs one (and it was a large-object-heap array per image).
        int band = Math.Clamp((1 << 16) / (w * 4), 1, h);
        var rows = ArrayPool<byte>.Shared.Rent(checked(band * w * 4));
        try
        {
            var path = SimdPaths.Current;
            int next = 0; // the first output row of the nearest grid not yet filled
            for (int y = 0; y < h; y += band)
            {
                int want = Math.Min(band, h - y), got;
                fixed (byte* p = rows) got = codec.GetScanlines((IntPtr)p, want, w * 4);
                if (got < want) throw new InvalidImageException(sourceName, "the file is truncated (incomplete image data).");
                var src = rows.AsSpan(0, want * w * 4);
                if (nearest == null) SampleKernels.RgbaToRgb(src, output.Bytes.AsSpan((int)((long)y * w * 3), want * w * 3), path);
                else next = SampleBand(nearest, src, y, want, w, output, next);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(rows); }
        return output;
    }

    /// <summary>
    /// Fills the output rows of <paramref name="map"/> whose source row lies in the band of <paramref name="count"/>
    /// RGBA rows from <paramref name="y0"/>, starting at output row <paramref name="next"/> (the grid's rows never
    /// decrease); returns the first row left for later bands. Rows sampled outside the source stay zero, as in the resize.
    /// </summary>
    static int SampleBand(NearestMap map, ReadOnlySpan<byte> band, int y0, int count, int w, RasterImage output, int next)
    {
        var ys = map.Ys;
        while (next < ys.Length && ys[next] < y0 + count)
        {
            int yi = ys[next];
            if (yi >= y0) map.GatherRow(band.Slice((yi - y0) * w * 4, w * 4), 4, output.Row(next), 3);
            next++;
        }
        return next;
    }

    /// <summary>Reads only the header: (width, height) without decoding pixels.</summary>
    public static (int Width, int Height) ReadSize(ReadOnlySpan<byte> encoded, string sourceName = "<memory>")
    {
        if (encoded.IsEmpty) throw new InvalidImageException(sourceName, "the file is empty (0 bytes).");
        if (PngHeader.TryRead(encoded) is { } h && (h.Width > int.MaxValue || h.Height > int.MaxValue))
            throw new InvalidImageException(sourceName, $"invalid PNG size {h.Width}x{h.Height}.");
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new InvalidImageException(sourceName, "unknown or unsupported image format.");
        return (codec.Info.Width, codec.Info.Height);
    }

    static void CheckSize(string sourceName, long width, long height, long? maxImagePixels)
    {
        if (maxImagePixels is not { } limit) return;
        long pixels = width * height;
        if (pixels > 2 * limit) throw new ImageTooLargeException(sourceName, width, height, 2 * limit);
        if (pixels > limit)
            ImagingWarnings.Warn($"Image '{sourceName}' size ({pixels} pixels) exceeds limit of {limit} pixels, could be decompression bomb DOS attack.");
    }

    static unsafe void DecodeInto(SKCodec codec, SKImageInfo target, Span<byte> buffer, int rowBytes, string sourceName)
    {
        SKCodecResult result;
        fixed (byte* p = buffer)
            result = codec.GetPixels(target, (IntPtr)p, rowBytes, new SKCodecOptions(0));
        if (result == SKCodecResult.Success) return;
        string why = result switch
        {
            SKCodecResult.IncompleteInput => "the file is truncated (incomplete image data).",
            SKCodecResult.ErrorInInput => "the image data is corrupt.",
            _ => $"the decoder failed ({result}).",
        };
        throw new InvalidImageException(sourceName, why);
    }

    static RasterImage DropAlpha(byte[] rgba, int w, int h)
    {
        var rgb = new byte[checked(w * h * 3)];
        SampleKernels.RgbaToRgb(rgba, rgb, SimdPaths.Current);
        return new RasterImage(w, h, PixelMode.RGB, rgb);
    }

    /// <summary>The PNG IHDR fields that decide Pillow's mode, the size check and the 16-bit decoder.</summary>
    internal readonly record struct PngHeader(long Width, long Height, int BitDepth, int ColorType, int Interlace)
    {
        public static PngHeader? TryRead(ReadOnlySpan<byte> b)
        {
            if (b.Length < 29 || !b[..8].SequenceEqual(PngSignature) || !b.Slice(12, 4).SequenceEqual("IHDR"u8)) return null;
            return new PngHeader(BinaryPrimitives.ReadUInt32BigEndian(b.Slice(16, 4)), BinaryPrimitives.ReadUInt32BigEndian(b.Slice(20, 4)), b[24], b[25], b[28]);
        }
    }
}
