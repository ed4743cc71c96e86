using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace AugNet.Imaging;

/// <summary>Element types an NPY file may hold here.</summary>
public enum NpyDType { Float32, Float64, UInt8, Int64 }

/// <summary>
/// An array read from or written to NumPy's <c>.npy</c> format (versions 1.0 and 2.0, little-endian, C order),
/// so arrays move between Python and C#. The elements are kept in their file type; convert with
/// <see cref="ToSingle"/>, <see cref="ToDouble"/> or <see cref="ToTensor"/>.
/// </summary>
public sealed partial class NpyArray
{
    static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The element type, NumPy's <c>dtype</c> (&lt;f4, &lt;f8, |u1 or &lt;i8).</summary>
    public NpyDType DType { get; }
    /// <summary>NumPy's <c>shape</c>; empty for a 0-d array (one element).</summary>
    public int[] Shape { get; }
    /// <summary>One of float[], double[], byte[] or long[], matching <see cref="DType"/>.</summary>
    public Array Data { get; }

    /// <summary>Wraps <paramref name="data"/> (not copied; its element type gives <see cref="DType"/>) with <paramref name="shape"/>, whose product must equal its length.</summary>
    public NpyArray(Array data, params int[] shape)
    {
        DType = data switch
        {
            float[] => NpyDType.Float32,
            double[] => NpyDType.Float64,
            byte[] => NpyDType.UInt8,
            long[] => NpyDType.Int64,
            _ => throw new ArgumentException($"NPY arrays hold float[], double[], byte[] or long[], not {data.GetType().Name}.", nameof(data)),
        };
        if (Tensor.CheckedCount(shape) != data.Length)
            throw new ArgumentException($"Shape {Tensor.FormatShape(shape)} does not match {data.Length} elements.", nameof(shape));
        Data = data;
        Shape = (int[])shape.Clone();
    }

    /// <summary>Number of elements (NumPy's <c>size</c>).</summary>
    public int Length => Data.Length;

    /// <summary>A new float32 copy of the elements, as NumPy's <c>astype(np.float32)</c>.</summary>
    public float[] ToSingle() => Data switch
    {
        float[] f => (float[])f.Clone(),
        double[] d => Array.ConvertAll(d, v => (float)v),
        byte[] b => Array.ConvertAll(b, v => (float)v),
        long[] l => Array.ConvertAll(l, v => (float)v),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>A new float64 copy of the elements, as NumPy's <c>astype(np.float64)</c>.</summary>
    public double[] ToDouble() => Data switch
    {
        float[] f => Array.ConvertAll(f, v => (double)v),
        double[] d => (double[])d.Clone(),
        byte[] b => Array.ConvertAll(b, v => (double)v),
        long[] l => Array.ConvertAll(l, v => (double)v),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The array as a float32 <see cref="Tensor"/> of the same shape (a copy).</summary>
    public Tensor ToTensor() => new(ToSingle(), Shape);

    /// <summary>A float32 array sharing the tensor's data and shape, for <see cref="Save"/>.</summary>
    public static NpyArray FromTensor(Tensor t) => new(t.Data, t.Shape);

    // ---------------------------------------------------------------- reading

    /// <summary>NumPy's <c>np.load</c> of a <c>.npy</c> file; format errors name <paramref name="path"/>.</summary>
    public static NpyArray Load(string path)
    {
        var status = FileProbe.Stat(path);
        if (status.Kind == FileKind.Missing) throw new FileNotFoundException($"NPY file not found: {path}", path);
        if (status.Kind != FileKind.Regular) throw new InvalidDataException($"{path}: it is {FileProbe.Describe(status.Kind)}, not a regular file.");
        using var stream = File.OpenRead(path);
        try { return Read(stream); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
    }

    /// <summary>Reads one <c>.npy</c> array (header, then C-order little-endian data) from <paramref name="stream"/>.</summary>
    public static NpyArray Read(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(stream, prefix, "the magic string");
        if (!prefix[..6].SequenceEqual(Magic)) throw new InvalidDataException("not an NPY file (bad magic string).");
        byte major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            Span<byte> len = stackalloc byte[2];
            ReadExactly(stream, len, "the header length");
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(len);
        }
        else if (major is 2 or 3)
        {
            Span<byte> len = stackalloc byte[4];
            ReadExactly(stream, len, "the header length");
            uint l = BinaryPrimitives.ReadUInt32LittleEndian(len);
            if (l > 1 << 20) throw new InvalidDataException($"NPY header length {l} is implausible.");
            headerLength = (int)l;
        }
        else throw new InvalidDataException($"unsupported NPY format version {major}.{prefix[7]}.");

        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, "the header");
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var (dtype, fortran, shape) = ParseHeader(header);
        if (fortran) throw new InvalidDataException("Fortran-order NPY arrays are not supported; save with C order.");

        int count = Tensor.CheckedCount(shape);
        int itemSize = dtype is NpyDType.UInt8 ? 1 : dtype is NpyDType.Float32 ? 4 : 8;
        long byteCount = (long)count * itemSize;
        if (stream.CanSeek && stream.Length - stream.Position < byteCount)
            throw new InvalidDataException($"NPY data is truncated: shape {Tensor.FormatShape(shape)} needs {byteCount} bytes, {stream.Length - stream.Position} remain.");
        Array data = dtype switch
        {
            NpyDType.Float32 when stream.CanSeek => new float[count],
            NpyDType.Float64 when stream.CanSeek => new double[count],
            NpyDType.UInt8 when stream.CanSeek => new byte[count],
            _ when stream.CanSeek => new long[count],
            _ => ReadUnseekable(stream, dtype, count, byteCount, shape),
        };
        if (stream.CanSeek) ReadExactly(stream, ElementBytes(data), "the array data");
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Big-endian hosts are not supported.");
        return new NpyArray(data, shape);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")] private static partial Regex DescrRegex();
    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")] private static partial Regex FortranRegex();
    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")] private static partial Regex ShapeRegex();

    static (NpyDType, bool, int[]) ParseHeader(string header)
    {
        var descr = DescrRegex().Match(header);
        var fortran = FortranRegex().Match(header);
        var shapeMatch = ShapeRegex().Match(header);
        if (!header.TrimStart().StartsWith('{') || !descr.Success || !fortran.Success || !shapeMatch.Success)
            throw new InvalidDataException($"malformed NPY header: {header.Trim()}");
        NpyDType dtype = descr.Groups[1].Value switch
        {
            "<f4" => NpyDType.Float32,
            "<f8" => NpyDType.Float64,
            "|u1" or "<u1" => NpyDType.UInt8,
            "<i8" => NpyDType.Int64,
            var d => throw new InvalidDataException($"unsupported NPY dtype '{d}' (supported: <f4, <f8, |u1, <i8)."),
        };
        var parts = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shape = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
                throw new InvalidDataException($"bad NPY shape entry '{parts[i]}' in header: {header.Trim()}");
        }
        try { Tensor.CheckedCount(shape); }
        catch (ArgumentException e) { throw new InvalidDataException(e.Message); }
        return (dtype, fortran.Groups[1].Value == "True", shape);
    }

    /// <summary>The data of a non-seekable stream, read in growing chunks so a header's size is not trusted before the bytes arrive.</summary>
    static Array ReadUnseekable(Stream stream, NpyDType dtype, int count, long byteCount, int[] shape)
    {
        byte[] bytes = BoundedRead.ReadExactly(stream, byteCount, out long available)
            ?? throw new InvalidDataException($"NPY data is truncated: shape {Tensor.FormatShape(shape)} needs {byteCount} bytes, {available} remain.");
        if (dtype == NpyDType.UInt8) return bytes;
        Array data = dtype switch { NpyDType.Float32 => new float[count], NpyDType.Float64 => new double[count], _ => new long[count] };
        bytes.CopyTo(ElementBytes(data));
        return data;
    }

    static void ReadExactly(Stream s, Span<byte> buffer, string what)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = s.Read(buffer[total..]);
            if (n == 0) throw new InvalidDataException($"NPY file is truncated while reading {what}.");
            total += n;
        }
    }

    // ---------------------------------------------------------------- writing

    /// <summary>
    /// Writes format 1.0 (2.0 when the header needs it) atomically (<see cref="AtomicFile"/>): a temporary file
    /// beside <paramref name="path"/> is renamed into place; the folder must exist.
    /// </summary>
    public void Save(string path) => AtomicFile.Write(path, Write, "NPY file");

    /// <summary>NumPy's <c>np.save</c> layout: magic, version, a header dict padded with spaces to a multiple of 64 bytes, then the data.</summary>
    public void Write(Stream stream)
    {
        string descr = DType switch { NpyDType.Float32 => "<f4", NpyDType.Float64 => "<f8", NpyDType.UInt8 => "|u1", _ => "<i8" };
        string shape = Tensor.FormatShape(Shape); // Python tuple syntax, as NumPy writes it: (3,), (2, 3), ()
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int major = dict.Length + 1 + 10 > ushort.MaxValue ? 2 : 1;
        int prefix = major == 1 ? 10 : 12;
        int total = (prefix + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(total - prefix - 1) + "\n";
        stream.Write(Magic);
        stream.WriteByte((byte)major);
        stream.WriteByte(0);
        Span<byte> len = stackalloc byte[4];
        if (major == 1) { BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length); stream.Write(len[..2]); }
        else { BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)header.Length); stream.Write(len); }
        stream.Write(Encoding.Latin1.GetBytes(header));
        stream.Write(ElementBytes(Data));
    }

    /// <summary>The elements of one of the four array types as raw bytes (the file's little-endian layout on the hosts we run on).</summary>
    static Span<byte> ElementBytes(Array data) => data switch
    {
        float[] f => MemoryMarshal.AsBytes(f.AsSpan()),
        double[] d => MemoryMarshal.AsBytes(d.AsSpan()),
        byte[] b => b,
        long[] l => MemoryMarshal.AsBytes(l.AsSpan()),
        _ => throw new InvalidOperationException($"NPY arrays hold float[], double[], byte[] or long[], not {data.GetType().Name}."),
    };
}
