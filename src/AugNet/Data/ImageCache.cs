using AugNet.Imaging;

namespace AugNet.Data;

/// <summary>
/// The images of a file iterator as <c>load_img</c> returned them (decoded, colour-converted, resized: 8-bit samples,
/// or 32-bit for 16-bit grey), kept after their first use so later epochs skip reading and decoding the files, up to
/// a byte budget. Bytes rather than floats: a 150×150 RGB image costs 67.5 KB instead of 270 KB, and the float batch is
/// rebuilt from them exactly (img_to_array is a plain widening). Images that would go over the budget are simply not
/// kept (they are loaded from their file at every use), so memory never exceeds the budget whatever the data set's size.
/// Safe for concurrent use by the iterator's workers.
/// </summary>
internal sealed class ImageCache
{
    readonly RasterImage?[] _images;
    readonly long _budget;
    long _used;

    public ImageCache(int count, long budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budgetBytes);
        _images = new RasterImage?[count];
        _budget = budgetBytes;
    }

    /// <summary>Bytes held now.</summary>
    public long UsedBytes => Interlocked.Read(ref _used);

    /// <summary>Images held now.</summary>
    public int Count => _images.Count(i => i != null);

    /// <summary>Image <paramref name="index"/> if it is held.</summary>
    public RasterImage? Get(int index) => Volatile.Read(ref _images[index]);

    /// <summary>Keeps <paramref name="image"/> for <paramref name="index"/> if the budget allows (first writer wins).</summary>
    public void TryAdd(int index, RasterImage image)
    {
        long size = SizeOf(image);
        if (Interlocked.Add(ref _used, size) > _budget || Interlocked.CompareExchange(ref _images[index], image, null) != null)
            Interlocked.Add(ref _used, -size);
    }

    static long SizeOf(RasterImage image) => image.Bytes.LongLength + 4L * image.Ints.LongLength;
}
