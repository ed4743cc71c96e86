namespace AugNet.Imaging;

/// <summary>
/// Reads a byte count that a file's header declares without trusting it: on a seekable stream the count is checked
/// against the bytes that remain before anything is allocated; on any other stream (gzip, a pipe, a network stream)
/// the buffer grows with the data actually read (doubling from 1 MiB), so a few header bytes claiming gigabytes cost
/// at most what the stream really delivers.
/// </summary>
internal static class BoundedRead
{
    const int FirstChunk = 1 << 20;

    /// <summary>
    /// Exactly <paramref name="count"/> bytes from <paramref name="stream"/>, or null when the stream ends first
    /// (<paramref name="available"/> then says how many it had, when known).
    /// </summary>
    public static byte[]? ReadExactly(Stream stream, long count, out long available)
    {
        if (count > Array.MaxLength) throw new InvalidDataException($"{count} bytes do not fit in one .NET array.");
        if (stream.CanSeek)
        {
            available = stream.Length - stream.Position;
            if (available < count) return null;
            var all = new byte[count];
            stream.ReadExactly(all);
            return all;
        }
        var buffer = new byte[Math.Min(count, FirstChunk)];
        long total = 0;
        while (total < count)
        {
            if (total == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(count, 2L * buffer.Length));
            int n = stream.Read(buffer, (int)total, buffer.Length - (int)total);
            if (n == 0) { available = total; return null; }
            total += n;
        }
        available = total;
        return buffer;
    }
}
