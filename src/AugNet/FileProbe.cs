using System.Buffers;
using System.Runtime.InteropServices;

namespace AugNet;

/// <summary>What a path names, as <c>stat</c> reports it (after following symbolic links unless asked not to).</summary>
internal enum FileKind { Missing, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, SymbolicLink, Other }

/// <summary>A file's identity: (device, inode) on Unix. Two paths with the same identity are the same file or folder.</summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode);

/// <summary>The result of <see cref="FileProbe.Stat"/>.</summary>
internal readonly record struct FileStatus(FileKind Kind, FileIdentity? Identity, long Size);

/// <summary>
/// <c>stat</c> without opening the file: opening a FIFO blocks until a writer appears and reading a device may never
/// end, so loaders ask first and read only regular files. On Linux this is the <c>statx</c> system call (its result
/// layout is the same on every architecture); elsewhere the .NET file APIs, which tell files from folders only.
/// </summary>
internal static unsafe class FileProbe
{
    const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
    const uint StatxBasicStats = 0x7ff;
    static bool _statxMissing;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    static extern int StatX(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte* buffer);

    /// <summary>What <paramref name="path"/> is; links are followed unless <paramref name="followLinks"/> is false.</summary>
    public static FileStatus Stat(string path, bool followLinks = true)
    {
        if (OperatingSystem.IsLinux() && !Volatile.Read(ref _statxMissing))
        {
            try
            {
                byte* buf = stackalloc byte[256];
                if (StatX(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buf) != 0) return new(FileKind.Missing, null, 0);
                int mode = *(ushort*)(buf + 28);
                ulong inode = *(ulong*)(buf + 32);
                long size = *(long*)(buf + 40);
                ulong device = (ulong)*(uint*)(buf + 136) << 32 | *(uint*)(buf + 140);
                var kind = (mode & 0xF000) switch
                {
                    0x8000 => FileKind.Regular,
                    0x4000 => FileKind.Directory,
                    0x1000 => FileKind.Fifo,
                    0x2000 => FileKind.CharacterDevice,
                    0x6000 => FileKind.BlockDevice,
                    0xC000 => FileKind.Socket,
                    0xA000 => FileKind.SymbolicLink,
                    _ => FileKind.Other,
                };
                return new(kind, new FileIdentity(device, inode), size);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                Volatile.Write(ref _statxMissing, true); // glibc before 2.28 or another libc: fall back below
            }
        }
        if (Directory.Exists(path)) return new(FileKind.Directory, null, 0);
        if (!File.Exists(path)) return new(FileKind.Missing, null, 0);
        return new(FileKind.Regular, null, new FileInfo(path).Length);
    }

    /// <summary>"a FIFO (named pipe)", "a character device", … — for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.SymbolicLink => "a symbolic link",
        _ => "a special file",
    };

    /// <summary>
    /// Reads a whole regular file, at most <paramref name="maxBytes"/> bytes, refusing FIFOs, devices and sockets
    /// before opening them (an <see cref="IOException"/> naming the file; <paramref name="what"/> says what it is,
    /// e.g. "image"). A file that grows while being read is read up to the limit only.
    /// </summary>
    public static byte[] ReadRegularFile(string path, long maxBytes, string what, string limitName)
    {
        using var stream = OpenRegularFile(path, maxBytes, what, limitName);
        var bytes = new byte[stream.Length];
        int total = ReadUpTo(stream, bytes);
        return total == bytes.Length ? bytes : bytes[..total];
    }

    /// <summary>
    /// <see cref="ReadRegularFile"/> for readers that only look at the bytes while the result is alive, such as the
    /// image decoders: files up to <see cref="PooledFileBytes.MaxPooled"/> go into a buffer rented from
    /// <see cref="ArrayPool{T}.Shared"/>, so a folder of multi-megabyte photos leaves no large array per file for the GC;
    /// larger ones get an array of their own (the pool would keep a rounded-up buffer of up to 1 GiB alive). Dispose
    /// the result to hand the buffer back.
    /// </summary>
    public static PooledFileBytes ReadRegularFilePooled(string path, long maxBytes, string what, string limitName)
    {
        using var stream = OpenRegularFile(path, maxBytes, what, limitName);
        if (stream.Length > Array.MaxLength)
            throw new IOException($"Cannot load {what} '{path}': the file has {stream.Length} bytes, more than one array can hold.");
        int length = (int)stream.Length;
        bool pooled = length <= PooledFileBytes.MaxPooled;
        var buffer = pooled ? ArrayPool<byte>.Shared.Rent(length) : new byte[length];
        var result = new PooledFileBytes(buffer, 0, pooled);
        try { return result with { Length = ReadUpTo(stream, buffer.AsSpan(0, length)) }; }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Opens a regular file within the limit, refusing missing files, FIFOs, devices and sockets first.</summary>
    static FileStream OpenRegularFile(string path, long maxBytes, string what, string limitName)
    {
        var status = Stat(path);
        if (status.Kind == FileKind.Missing) throw new FileNotFoundException($"Cannot load {what} '{path}': the file does not exist.", path);
        if (status.Kind != FileKind.Regular)
            throw new IOException($"Cannot load {what} '{path}': it is {Describe(status.Kind)}, not a regular file.");
        if (status.Size > maxBytes)
            throw new IOException($"Cannot load {what} '{path}': the file has {status.Size} bytes, more than the limit of {maxBytes} ({limitName}).");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (stream.Length > maxBytes)
        {
            long length = stream.Length;
            stream.Dispose();
            throw new IOException($"Cannot load {what} '{path}': the file has {length} bytes, more than the limit of {maxBytes} ({limitName}).");
        }
        return stream;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the file ends (a file that shrank meanwhile); returns the bytes read.</summary>
    static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}

/// <summary>A file's bytes from <see cref="FileProbe.ReadRegularFilePooled"/>: the first <see cref="Length"/> of <see cref="Buffer"/>.</summary>
internal readonly record struct PooledFileBytes(byte[] Buffer, int Length, bool Pooled) : IDisposable
{
    /// <summary>Larger files are not read into pooled buffers: 16 MiB (a 12-megapixel JPEG is 3–8 MB).</summary>
    public const int MaxPooled = 16 << 20;

    /// <summary>The file's bytes.</summary>
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    /// <summary>Hands a pooled buffer back; nothing for one of its own.</summary>
    public void Dispose()
    {
        if (Pooled) ArrayPool<byte>.Shared.Return(Buffer);
    }
}
