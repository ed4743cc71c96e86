using System.Buffers.Binary;
using System.IO.Compression;

namespace AugNet.Imaging;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST: a big-endian header (two zero bytes, a type code, the number of
/// dimensions, then each dimension as a 32-bit integer) followed by the values in row-major order. Only unsigned
/// bytes (type 0x08), the only type those datasets use, are read. Files ending in ".gz" are decompressed on the fly.
/// </summary>
public sealed class IdxFile
{
    /// <summary>The dimensions, e.g. (60000, 28, 28) for images, (60000) for labels.</summary>
    public int[] Shape { get; }

    /// <summary>The values, row-major.</summary>
    public byte[] Data { get; }

    /// <summary>Wraps <paramref name="data"/> (not copied) with <paramref name="shape"/>, whose product must equal its length.</summary>
    public IdxFile(byte[] data, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (int d in shape) count *= d;
        if (count != data.Length) throw new ArgumentException($"IDX shape {Tensor.FormatShape(shape)} needs {count} values, got {data.Length}.");
        Data = data;
        Shape = (int[])shape.Clone();
    }

    /// <summary>Reads <paramref name="path"/> (gzip-compressed when it ends in ".gz").</summary>
    public static IdxFile Load(string path)
    {
        var status = FileProbe.Stat(path);
        if (status.Kind == FileKind.Missing) throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);
        if (status.Kind != FileKind.Regular) throw new InvalidDataException($"'{path}': it is {FileProbe.Describe(status.Kind)}, not a regular file.");
        try
        {
            using var file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            return Read(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}': {e.Message}", e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new InvalidDataException($"'{path}': the file cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads one IDX array from <paramref name="stream"/>. Format errors, a header cut short included, are
    /// <see cref="InvalidDataException"/>; the declared size is checked against the bytes available (or read in
    /// growing chunks from a non-seekable stream) before the array is allocated.
    /// </summary>
    public static IdxFile Read(Stream stream)
    {
        Span<byte> magic = stackalloc byte[4];
        ReadHeader(stream, magic, "the magic number");
        if (magic[0] != 0 || magic[1] != 0) throw new InvalidDataException("not an IDX file (the magic number must start with two zero bytes).");
        if (magic[2] != 0x08) throw new InvalidDataException($"IDX value type 0x{magic[2]:x2} is not supported (only unsigned bytes, 0x08).");
        int rank = magic[3];
        if (rank is < 1 or > 8) throw new InvalidDataException($"IDX rank {rank} is out of range.");
        var shape = new int[rank];
        Span<byte> dim = stackalloc byte[4];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            ReadHeader(stream, dim, $"dimension {i}");
            uint d = BinaryPrimitives.ReadUInt32BigEndian(dim);
            if (d > int.MaxValue) throw new InvalidDataException($"IDX dimension {i} is too large ({d}).");
            shape[i] = (int)d;
            count *= d;
            if (count > Array.MaxLength) throw new InvalidDataException($"IDX array of shape {Tensor.FormatShape(shape)} is too large.");
        }
        var data = BoundedRead.ReadExactly(stream, count, out long available)
            ?? throw new InvalidDataException($"IDX data ends early: {count} values expected for shape {Tensor.FormatShape(shape)}, the file holds {available}.");
        return new IdxFile(data, shape);
    }

    static void ReadHeader(Stream stream, Span<byte> buffer, string what)
    {
        try { stream.ReadExactly(buffer); }
        catch (EndOfStreamException) { throw new InvalidDataException($"the IDX header is truncated (the file ends in {what})."); }
    }

    /// <summary>Writes this array as uncompressed IDX.</summary>
    public void Write(Stream stream)
    {
        stream.Write([0, 0, 0x08, (byte)Shape.Length]);
        Span<byte> dim = stackalloc byte[4];
        foreach (int d in Shape)
        {
            BinaryPrimitives.WriteUInt32BigEndian(dim, (uint)d);
            stream.Write(dim);
        }
        stream.Write(Data);
    }

    /// <summary>The values as an NPY uint8 array of the same shape.</summary>
    public NpyArray ToNpy() => new(Data, Shape);
}
