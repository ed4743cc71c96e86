namespace AugNet.Data;

/// <summary>
/// How an iterator does its work (not what it produces): none of these settings changes a batch's contents, except
/// <see cref="OnCorruptFile"/> for unreadable files.
/// </summary>
public sealed record PipelineOptions
{
    /// <summary>Threads that decode, resize, augment and standardise the images of one batch; -1 = all cores.</summary>
    public int Workers { get; init; } = -1;

    /// <summary>
    /// Batches prepared in the background ahead of the consumer (0 = build each batch when asked).
    /// <para>
    /// Memory: each batch in flight holds its images as floats, batch × H × W × C × 4 bytes (plus its labels):
    /// 8.6 MB at batch 32 and 150×150×3, 19.3 MB at 224×224×3, 4.3 MB at batch 16 and 150×150×3. Up to
    /// PrefetchDepth + 1 batches are alive at once (the prefetched ones and the one being trained on), so the default
    /// of 2 costs 3 × 8.6 = 26 MB for the book model; Fit hands finished batches back and the iterator reuses their
    /// arrays (at most PrefetchDepth + 2 kept), so this stays flat over epochs. While a batch is built, each worker
    /// also holds one decoded image and its resized/augmented copies (a few MB for photos of a few hundred pixels).
    /// </para>
    /// </summary>
    public int PrefetchDepth { get; init; } = 2;

    /// <summary>Error (Keras) or skip-with-warning for unreadable images.</summary>
    public CorruptFilePolicy OnCorruptFile { get; init; } = CorruptFilePolicy.Throw;

    /// <summary>Where the "Found N images ..." lines and warnings go; null = <see cref="Console.Out"/>.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>
    /// File iterators keep each image as <c>load_img</c> returned it (decoded and resized, as 8-bit samples:
    /// H × W × C bytes, 67.5 KB at 150×150×3) after its first use, so later epochs read no files and decode nothing; the
    /// batches are identical either way. Images that would take the cache above this many bytes are loaded from their
    /// file at every use, so this is a hard bound per iterator (a training and a validation iterator each have one).
    /// 0 turns the cache off (every use reads the file, as Keras does, and picks up files changed on disk);
    /// <see cref="long.MaxValue"/> keeps every image. The default, <see cref="DefaultImageCacheBytes"/>, holds the
    /// book's 2,000 images at 150×150 (135 MB) with room to spare. A cached image is not re-read if its file changes.
    /// </summary>
    public long ImageCacheBytes { get; init; } = DefaultImageCacheBytes;

    /// <summary>
    /// 512 MiB, or an eighth of the memory the process may use (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>:
    /// the machine's or the container's limit) when that is less.
    /// </summary>
    public static long DefaultImageCacheBytes { get; } = DefaultCacheBudget();

    static long DefaultCacheBudget()
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available > 0 ? Math.Min(512L << 20, available / 8) : 512L << 20;
    }

    /// <summary>The defaults.</summary>
    public static PipelineOptions Default { get; } = new();

    internal void Validate()
    {
        if (Workers == 0 || Workers < -1)
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "Workers must be -1 (all cores) or at least 1.");
        if (PrefetchDepth < 0)
            throw new ArgumentOutOfRangeException(nameof(PrefetchDepth), PrefetchDepth, "PrefetchDepth must be 0 or more.");
        if (ImageCacheBytes < 0)
            throw new ArgumentOutOfRangeException(nameof(ImageCacheBytes), ImageCacheBytes, "ImageCacheBytes must be 0 (no cache) or more.");
    }

    internal TextWriter Writer => Log ?? Console.Out;
}
