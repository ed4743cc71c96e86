namespace AugNet.Data;

/// <summary>An image file met during iteration could not be read or decoded; <see cref="FilePath"/> names it.</summary>
public sealed class UnreadableImageException(string filePath, Exception inner)
    : IOException(inner.Message.Contains(filePath, StringComparison.Ordinal) ? inner.Message : $"Cannot read image '{filePath}': {inner.Message}", inner)
{
    /// <summary>The file that failed.</summary>
    public string FilePath { get; } = filePath;
}
