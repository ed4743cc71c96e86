using System.Buffers.Binary;
using System.Text;

namespace AugNet.NN.Training;

/// <summary>
/// Little-endian writer for <see cref="TrainingStateFormat"/>: fixed-size numbers and length-prefixed arrays and strings.
/// Without a buffer it only counts (<see cref="Position"/>), so the format can size its array exactly and write once:
/// the book model's state is 13 MB, and growing a stream to that size left ~58 MB of large-object garbage per
/// checkpoint (two per epoch in <c>augnet train</c>), which the GC let pile up.
/// </summary>
internal sealed class StateWriter(byte[]? buffer = null, int start = 0)
{
    int _at = start;

    /// <summary>Where the next value goes (after counting: the bytes a real write needs, from <c>start</c>).</summary>
    public int Position => _at;

    /// <summary>The next <paramref name="count"/> bytes of the buffer (empty when only counting).</summary>
    Span<byte> Next(int count)
    {
        int at = _at;
        _at = checked(_at + count);
        return buffer is null ? default : buffer.AsSpan(at, count);
    }

    public void Int32(int v) { var s = Next(4); if (!s.IsEmpty) BinaryPrimitives.WriteInt32LittleEndian(s, v); }
    public void Int64(long v) { var s = Next(8); if (!s.IsEmpty) BinaryPrimitives.WriteInt64LittleEndian(s, v); }
    public void UInt64(ulong v) { var s = Next(8); if (!s.IsEmpty) BinaryPrimitives.WriteUInt64LittleEndian(s, v); }
    public void Double(double v) { var s = Next(8); if (!s.IsEmpty) BinaryPrimitives.WriteDoubleLittleEndian(s, v); }
    public void Bool(bool v) { var s = Next(1); if (!s.IsEmpty) s[0] = v ? (byte)1 : (byte)0; }

    public void String(string v)
    {
        int length = Encoding.UTF8.GetByteCount(v);
        Int32(length);
        var s = Next(length);
        if (buffer is not null) Encoding.UTF8.GetBytes(v, s);
    }

    public void Floats(ReadOnlySpan<float> v)
    {
        Int32(v.Length);
        var s = Next(checked(4 * v.Length));
        if (buffer is null) return;
        if (BitConverter.IsLittleEndian) System.Runtime.InteropServices.MemoryMarshal.AsBytes(v).CopyTo(s);
        else for (int i = 0; i < v.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(s[(4 * i)..], v[i]);
    }

    public void Doubles(ReadOnlySpan<double> v) { Int32(v.Length); foreach (double d in v) Double(d); }
    public void Ints(ReadOnlySpan<int> v) { Int32(v.Length); foreach (int i in v) Int32(i); }
    public void UInts(ReadOnlySpan<uint> v) { Int32(v.Length); foreach (uint u in v) Int32(unchecked((int)u)); }
}

/// <summary>
/// The matching reader. Every read checks what is left first, so a short or garbled payload ends in an
/// InvalidDataException naming the field (never EndOfStream or IndexOutOfRange, and no huge allocation from a bad length).
/// </summary>
internal sealed class StateReader(byte[] data, int start, int end)
{
    int _at = start;

    public bool AtEnd => _at == end;

    ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || count > end - _at)
            throw new InvalidDataException($"The training state is truncated or malformed: {what} needs {count} bytes at offset {_at}, {end - _at} are left.");
        var s = data.AsSpan(_at, count);
        _at += count;
        return s;
    }

    int Length(int elementSize, string what)
    {
        int n = Int32(what + " length");
        if (n < 0 || (long)n * elementSize > end - _at)
            throw new InvalidDataException($"The training state is truncated or malformed: {what} claims {n} elements at offset {_at}, {end - _at} bytes are left.");
        return n;
    }

    public int Int32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));
    public long Int64(string what) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, what));
    public double Double(string what) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, what));

    public bool Bool(string what) => Take(1, what)[0] switch
    {
        0 => false,
        1 => true,
        var b => throw new InvalidDataException($"The training state is malformed: {what} is {b}, not a flag (0 or 1)."),
    };

    public string String(string what) => Encoding.UTF8.GetString(Take(Length(1, what), what));

    public float[] Floats(string what)
    {
        var b = Take(4 * Length(4, what), what);
        var r = new float[b.Length / 4];
        for (int i = 0; i < r.Length; i++) r[i] = BinaryPrimitives.ReadSingleLittleEndian(b[(4 * i)..]);
        return r;
    }

    public double[] Doubles(string what)
    {
        var b = Take(8 * Length(8, what), what);
        var r = new double[b.Length / 8];
        for (int i = 0; i < r.Length; i++) r[i] = BinaryPrimitives.ReadDoubleLittleEndian(b[(8 * i)..]);
        return r;
    }

    public int[] Ints(string what)
    {
        var b = Take(4 * Length(4, what), what);
        var r = new int[b.Length / 4];
        for (int i = 0; i < r.Length; i++) r[i] = BinaryPrimitives.ReadInt32LittleEndian(b[(4 * i)..]);
        return r;
    }

    public uint[] UInts(string what)
    {
        var b = Take(4 * Length(4, what), what);
        var r = new uint[b.Length / 4];
        for (int i = 0; i < r.Length; i++) r[i] = BinaryPrimitives.ReadUInt32LittleEndian(b[(4 * i)..]);
        return r;
    }

    /// <summary>A count of items that each take at least <paramref name="minBytes"/>, checked against what is left.</summary>
    public int Count(int minBytes, string what) => Length(minBytes, what);
}
