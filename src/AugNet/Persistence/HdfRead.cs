using PureHDF;

namespace AugNet.Persistence;

/// <summary>
/// Reads what Keras and h5py put in HDF5 files, in every encoding they have used (spec §1.2, §4.1): strings as
/// variable-length or fixed-length, ASCII or UTF-8, scalar or 1-D; empty name lists as a float64 array of shape (0,);
/// name lists split into name0, name1, … above 64 KB; float16/32/64 weights in any layout.
/// </summary>
internal static class HdfRead
{
    /// <summary>A string attribute (scalar or one-element array), or null when absent.</summary>
    public static string? StringAttribute(IH5Object o, string name)
    {
        if (!o.AttributeExists(name)) return null;
        var a = o.Attribute(name);
        if (a.Type.Class != H5DataTypeClass.String && a.Type.Class != H5DataTypeClass.VariableLength)
            throw new InvalidDataException($"attribute '{name}' of '{o.Name}' is not a string.");
        return a.Space.Rank == 0 ? a.Read<string>() : a.Read<string[]>().FirstOrDefault();
    }

    /// <summary>A list of names (layer_names, weight_names), chunk-aware; empty when absent or of length 0.</summary>
    public static List<string> Names(IH5Object o, string name)
    {
        if (o.AttributeExists(name)) return ReadNames(o.Attribute(name));
        var all = new List<string>();
        for (int k = 0; o.AttributeExists(name + k); k++) all.AddRange(ReadNames(o.Attribute(name + k)));
        return all;
    }

    static List<string> ReadNames(IH5Attribute a)
    {
        // Keras writes [] as an empty float64 array: check the size before a typed read.
        if (a.Space.Rank > 0 && a.Space.Dimensions.Aggregate(1UL, (x, d) => x * d) == 0) return [];
        if (a.Type.Class != H5DataTypeClass.String && a.Type.Class != H5DataTypeClass.VariableLength)
            throw new InvalidDataException($"attribute '{a.Name}' should hold names but has type {a.Type.Class}.");
        return a.Space.Rank == 0 ? [a.Read<string>()] : [.. a.Read<string[]>().Select(s => s.TrimEnd('\0'))];
    }

    /// <summary>A floating-point dataset as float32 values and its shape.</summary>
    public static (float[] Values, int[] Shape) Floats(IH5Dataset d, string where)
    {
        var shape = d.Space.Dimensions.Select(x => checked((int)x)).ToArray();
        if (d.Type.Class != H5DataTypeClass.FloatingPoint) throw new InvalidDataException($"{where} is not floating-point data ({d.Type.Class}).");
        float[] values = d.Type.Size switch
        {
            4 => d.Read<float[]>(),
            8 => [.. d.Read<double[]>().Select(v => (float)v)],
            2 => [.. d.Read<Half[]>().Select(v => (float)v)],
            var s => throw new InvalidDataException($"{where} has {s}-byte floats; expected 2, 4 or 8."),
        };
        long count = shape.Aggregate(1L, (x, y) => x * y);
        if (values.Length != count) throw new InvalidDataException($"{where} holds {values.Length} values for shape {Tensor.FormatShape(shape)}.");
        return (values, shape);
    }

    /// <summary>The object at a relative path, or an error naming what is missing (Keras's KeyError, said plainly).</summary>
    public static IH5Dataset Dataset(IH5Group g, string path, string where)
    {
        if (!g.LinkExists(path)) throw new InvalidDataException($"{where}: dataset '{path}' is listed but missing.");
        return g.Dataset(path);
    }

    public static IH5Group Group(IH5Group g, string path, string where)
    {
        if (!g.LinkExists(path)) throw new InvalidDataException($"{where}: group '{path}' is missing.");
        return g.Group(path);
    }
}
