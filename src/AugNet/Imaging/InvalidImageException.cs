namespace AugNet.Imaging;

/// <summary>An image file (or buffer) that cannot be decoded: empty, truncated, corrupt or of an unknown format.</summary>
public class InvalidImageException : IOException
{
    /// <summary>The file (or the caller's name for the buffer) that failed.</summary>
    public string FileName { get; }

    public InvalidImageException(string fileName, string message, Exception? inner = null)
        : base($"Cannot load image '{fileName}': {message}", inner) => FileName = fileName;
}

/// <summary>
/// An image whose header declares more pixels than <see cref="ImageDecoder.MaxImagePixels"/> allows (Pillow's
/// DecompressionBombError) or more than the <see cref="ImageDecoder.Budget"/>. Raised from the header, before any pixel
/// memory is allocated.
/// </summary>
public sealed class ImageTooLargeException : InvalidImageException
{
    /// <summary>Declared width.</summary>
    public long Width { get; }
    /// <summary>Declared height.</summary>
    public long Height { get; }

    public ImageTooLargeException(string fileName, long width, long height, long limit)
        : base(fileName, $"image size {width}x{height} ({width * height} pixels) exceeds the limit of {limit} pixels " +
                         "(twice ImageDecoder.MaxImagePixels); it could be a decompression bomb. Raise or clear the limit to load it.")
        => (Width, Height) = (width, height);

    /// <summary>A refusal by the <see cref="DecodeBudget"/>: <paramref name="message"/> names the declared size and the limit.</summary>
    internal ImageTooLargeException(string fileName, long width, long height, string message)
        : base(fileName, message) => (Width, Height) = (width, height);
}
