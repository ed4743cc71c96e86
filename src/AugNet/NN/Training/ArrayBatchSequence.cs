using AugNet.Augmentation;
using AugNet.Data;

namespace AugNet.NN.Training;

/// <summary>
/// In-memory data as an <see cref="IBatchSequence"/>: batches of <c>batchSize</c> samples (the last one smaller),
/// in an order reshuffled at every epoch end with a seeded NumPy-compatible generator when <c>shuffle</c> is set.
///
/// </summary>
public sealed class ArrayBatchSequence : IBatchSequence
{
    readonly Tensor _x;
    readonly Tensor? _y, _w;
    readonly int _batchSize;
    readonly bool _shuffle;
    readonly NumpyRandom _random;
    int[] _order;

    public ArrayBatchSequence(Tensor x, Tensor? y, int batchSize = 32, bool shuffle = true, uint seed = 0, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0 || x.Shape[0] == 0) throw new ArgumentException($"No samples in x {Tensor.FormatShape(x.Shape)}.", nameof(x));
        if (y is not null && y.Shape[0] != x.Shape[0])
            throw new ArgumentException($"x has {x.Shape[0]} samples {Tensor.FormatShape(x.Shape)} but y has {y.Shape[0]} {Tensor.FormatShape(y.Shape)}.", nameof(y));
        if (sampleWeight is not null && sampleWeight.Length != x.Shape[0])
            throw new ArgumentException($"sample_weight has {sampleWeight.Length} values for {x.Shape[0]} samples.", nameof(sampleWeight));
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be positive.");
        _x = x; _y = y; _w = sampleWeight; _batchSize = batchSize; _shuffle = shuffle;
        _random = new NumpyRandom(seed);
        _order = shuffle ? _random.Permutation(x.Shape[0]) : Enumerable.Range(0, x.Shape[0]).ToArray();
    }

    public int Count => (_x.Shape[0] + _batchSize - 1) / _batchSize;

    public Batch GetBatch(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"Batch index must be in [0, {Count}).");
        int start = index * _batchSize, m = Math.Min(_batchSize, _x.Shape[0] - start);
        var idx = _order.AsSpan(start, m);
        return new Batch(Gather(_x, idx), _y is null ? null : Gather(_y, idx), _w is null ? null : Gather(_w, idx));
    }

    static Tensor Gather(Tensor t, ReadOnlySpan<int> idx)
    {
        var shape = (int[])t.Shape.Clone();
        shape[0] = idx.Length;
        var r = new Tensor(shape);
        int inner = t.Length / t.Shape[0];
        for (int i = 0; i < idx.Length; i++) Array.Copy(t.Data, (long)idx[i] * inner, r.Data, (long)i * inner, inner);
        return r;
    }

    public void OnEpochEnd()
    {
        if (_shuffle) _order = _random.Permutation(_x.Shape[0]);
    }
}
