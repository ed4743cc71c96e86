namespace AugNet.Imaging;

/// <summary>
/// How much one image decode may cost, checked from the file's header before any pixel memory is allocated, so a
/// tiny file declaring a huge image is refused in microseconds instead of costing gigabytes. Pillow's
/// <see cref="ImageDecoder.MaxImagePixels"/> (warn, refuse above twice) applies as well; this budget is the hard,
/// caller-chosen limit a service or the CLI sets. Null fields are unlimited.
/// </summary>
public sealed record DecodeBudget
{
    /// <summary>Most pixels (width × height as declared) an image may have.</summary>
    public long? MaxPixels { get; init; }

    /// <summary>Most bytes the decoded pixels of one image may take before resizing (e.g. 4 per pixel for RGBA).</summary>
    public long? MaxBytes { get; init; }

    /// <summary>Most bytes of an encoded image file that are read (default 1 GiB; a .NET array holds at most 2 GiB).</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>How the caller raises the limits, named in refusals (a CLI option, a setting).</summary>
    public string RaiseWith { get; init; } = "ImageDecoder.Budget";

    /// <summary>The library's default: no limit beyond Pillow's pixel limit and the 1 GiB file limit.</summary>
    public static DecodeBudget Default { get; } = new();

    internal void Check(string sourceName, string format, long width, long height, int bytesPerPixel)
    {
        long pixels = width * height;
        if (MaxPixels is { } maxPixels && pixels > maxPixels)
            throw new ImageTooLargeException(sourceName, width, height,
                $"its {format} header declares {width}x{height} ({pixels} pixels), more than the decode budget of {maxPixels} pixels; raise it with {RaiseWith}.");
        long bytes = pixels * bytesPerPixel;
        if (MaxBytes is { } maxBytes && bytes > maxBytes)
            throw new ImageTooLargeException(sourceName, width, height,
                $"its {format} header declares {width}x{height}, which needs {bytes} bytes to decode, more than the decode budget of {maxBytes} bytes; raise it with {RaiseWith}.");
        if (bytes > Array.MaxLength)
            throw new ImageTooLargeException(sourceName, width, height,
                $"its {format} header declares {width}x{height}, which needs {bytes} bytes to decode, more than one .NET array holds ({Array.MaxLength}).");
    }
}
