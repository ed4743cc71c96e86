namespace AugNet.Data;

/// <summary>Row gathering: <c>array[J]</c> along axis 0, as the iterators slice labels, weights and extra inputs.</summary>
internal static class BatchGather
{
    /// <summary>Rows <paramref name="rows"/> of <paramref name="source"/> (offset by <paramref name="first"/>) as a new (m, ...) tensor.</summary>
    public static Tensor Rows(Tensor source, int first, ReadOnlySpan<int> rows)
    {
        int inner = source.Shape[0] == 0 ? 0 : source.Length / source.Shape[0];
        var shape = (int[])source.Shape.Clone();
        shape[0] = rows.Length;
        var data = new float[rows.Length * inner];
        for (int i = 0; i < rows.Length; i++)
            Array.Copy(source.Data, (long)(first + rows[i]) * inner, data, (long)i * inner, inner);
        return new Tensor(data, shape);
    }

    /// <summary>Keeps batch positions <paramref name="keep"/> of a (m, ...) tensor (used when unreadable samples are skipped).</summary>
    public static Tensor Keep(Tensor batch, ReadOnlySpan<int> keep) => Rows(batch, 0, keep);
}
