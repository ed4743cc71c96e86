namespace AugNet;

/// <summary>
/// A dense, row-major float32 array with a shape: one image is (H, W, C) (or (C, H, W) for channels_first),
/// a batch is (N, H, W, C). The data lives in a plain managed array so kernels can take spans of it.
/// </summary>
public sealed class Tensor
{
    /// <summary>The elements in row-major (C) order.</summary>
    public float[] Data { get; }

    /// <summary>The size of each axis.</summary>
    public int[] Shape { get; }

    public Tensor(params int[] shape) : this(new float[CheckedCount(shape)], shape) { }

    public Tensor(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long count = CheckedCount(shape);
        if (count != data.Length)
            throw new ArgumentException($"Shape {FormatShape(shape)} needs {count} elements but the data has {data.Length}.", nameof(data));
        Data = data;
        Shape = (int[])shape.Clone();
    }

    public int Rank => Shape.Length;
    public int Length => Data.Length;
    public Span<float> Span => Data;

    public Tensor Clone() => new((float[])Data.Clone(), Shape);

    /// <summary>A tensor sharing this one's data with another shape of the same element count.</summary>
    public Tensor Reshape(params int[] shape) => new(Data, shape);

    /// <summary>Copy of sample <paramref name="index"/> along axis 0 (an image out of a batch).</summary>
    public Tensor Slice0(int index)
    {
        int inner = Data.Length / Shape[0];
        var data = new float[inner];
        Array.Copy(Data, (long)index * inner, data, 0, inner);
        return new Tensor(data, Shape[1..]);
    }

    /// <summary>Span over sample <paramref name="index"/> along axis 0, without copying.</summary>
    public Span<float> Sample(int index)
    {
        int inner = Data.Length / Shape[0];
        return Data.AsSpan(index * inner, inner);
    }

    public bool ShapeEquals(params int[] shape) => Shape.AsSpan().SequenceEqual(shape);

    public override string ToString() => $"Tensor{FormatShape(Shape)}";

    public static string FormatShape(ReadOnlySpan<int> shape) => "(" + string.Join(", ", shape.ToArray()) + (shape.Length == 1 ? ",)" : ")");

    internal static int CheckedCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"Negative dimension in shape {FormatShape(shape)}.");
            count *= d;
            if (count > Array.MaxLength) throw new ArgumentException($"Shape {FormatShape(shape)} has more elements than one array can hold.");
        }
        return (int)count;
    }
}
