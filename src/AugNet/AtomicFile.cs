namespace AugNet;

/// <summary>
/// The one way AugNet replaces a file: the content goes to a uniquely named temporary file beside the target
/// (<c>.NAME.XXXXXXXX.tmp</c>, same folder so the rename stays on one file system), which is then renamed over the
/// target. A failure at any point deletes the temporary file and leaves the target as it was, so no reader ever
/// sees a half-written image, array, plot or weights file, and concurrent writers never share a temporary name.
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Atomically replaces <paramref name="path"/> with <paramref name="bytes"/>. The folder must exist;
    /// <paramref name="what"/> ("image", "NPY file") names the file in that error.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes, string what)
        => Write(path, what, bytes, static (stream, b) => stream.Write(b));

    /// <summary>Atomically replaces <paramref name="path"/> with what <paramref name="write"/> writes to the stream (as above).</summary>
    public static void Write(string path, Action<Stream> write, string what)
        => Write(path, what, write, static (stream, w) => w(stream));

    static void Write<TState>(string path, string what, TState state, Action<Stream, TState> write)
        where TState : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"Cannot save {what} '{path}': the folder '{dir}' does not exist.");
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            // Read access too: HDF5 writers seek back and re-read what they wrote.
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
                write(fs, state);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            // The temporary name means nothing to the caller: report the target and its folder instead.
            if (e is UnauthorizedAccessException && e.Message.Contains(temp, StringComparison.Ordinal))
                throw new UnauthorizedAccessException($"Cannot save {what} '{path}': the folder '{dir}' is not writable.", e);
            if (e is IOException && e.Message.Contains(temp, StringComparison.Ordinal))
                throw new IOException($"Cannot save {what} '{path}': no file can be created in the folder '{dir}' ({e.Message.Replace($" : '{temp}'", "").Replace(temp, path)}).", e);
            throw;
        }
    }
}
