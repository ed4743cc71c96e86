namespace AugNet.Imaging;

/// <summary>Formats <see cref="ImageSaver"/> can write.</summary>
public enum ImageFileFormat { Png, Jpeg, Bmp, WebP }

/// <summary>Maps Pillow format names and file extensions to <see cref="ImageFileFormat"/>.</summary>
public static class ImageFileFormats
{
    /// <summary>
    /// "png", "jpg"/"jpeg", "bmp", "webp" (case-insensitive, with or without a leading dot), as Pillow's
    /// <c>format=</c> or a file's extension.
    /// </summary>
    public static ImageFileFormat Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.TrimStart('.').ToLowerInvariant() switch
        {
            "png" => ImageFileFormat.Png,
            "jpg" or "jpeg" => ImageFileFormat.Jpeg,
            "bmp" => ImageFileFormat.Bmp,
            "webp" => ImageFileFormat.WebP,
            _ => throw new ArgumentException($"unknown file format '{name}' (supported: png, jpg, jpeg, bmp, webp).", nameof(name)),
        };
    }

    /// <summary>The format a path's extension names.</summary>
    public static ImageFileFormat FromPath(string path)
    {
        string ext = Path.GetExtension(path);
        if (string.IsNullOrEmpty(ext))
            throw new ArgumentException($"Cannot save image '{path}': unknown file extension (none); give the format explicitly.", nameof(path));
        try { return Parse(ext); }
        catch (ArgumentException) { throw new ArgumentException($"Cannot save image '{path}': unknown file extension '{ext}' (supported: .png, .jpg, .jpeg, .bmp, .webp).", nameof(path)); }
    }
}
