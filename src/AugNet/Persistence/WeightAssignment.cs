using AugNet.NN;

namespace AugNet.Persistence;

/// <summary>
/// Puts arrays read from a file into one layer's parameters, in Keras's order (trainable first, then non-trainable,
/// each in creation order: kernel, bias; gamma, beta, moving_mean, moving_variance), after checking the count and
/// every shape. The engine stores weights in Keras's own shapes (HWIO kernels, (in, out) dense kernels, channels_last
/// flatten order), so nothing is transposed.
/// </summary>
internal static class WeightAssignment
{
    /// <summary>The first count or shape mismatch between the layer and the arrays, or null when they fit.</summary>
    public static string? Mismatch(Layer layer, IReadOnlyList<(string Name, float[] Values, int[] Shape)> arrays)
    {
        var ps = layer.Parameters;
        if (ps.Count != arrays.Count)
            return $"layer '{layer.Name}' ({layer.TypeName}) has {ps.Count} weight arrays but the file has {arrays.Count} ({string.Join(", ", arrays.Select(a => a.Name))})";
        for (int i = 0; i < ps.Count; i++)
            if (!ps[i].Value.Shape.AsSpan().SequenceEqual(arrays[i].Shape))
                return $"layer '{layer.Name}' ({layer.TypeName}) weight '{ps[i].Name}' has shape {Tensor.FormatShape(ps[i].Value.Shape)} but the file's '{arrays[i].Name}' is {Tensor.FormatShape(arrays[i].Shape)}";
        return null;
    }

    public static void Assign(Layer layer, IReadOnlyList<(string Name, float[] Values, int[] Shape)> arrays)
    {
        if (Mismatch(layer, arrays) is { } why) throw new InvalidDataException(why + ".");
        for (int i = 0; i < arrays.Count; i++) arrays[i].Values.CopyTo(layer.Parameters[i].Value.Data, 0);
    }
}
