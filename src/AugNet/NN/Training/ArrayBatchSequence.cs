using AugNet.Data;

namespace AugNet.NN.Training;

/// <summary>
/// In-memory data as an <see cref="IBatchSequence"/>: batches of <c>batchSize</c> samples (the last one smaller),
/// in an order reshuffled at every epoch end with a seeded NumPy-compatible generator when <c>shuffle</c> is set.
/// Its state (order and generator) can be saved and restored, so training on arrays resumes exactly.
/// Batches that Fit hands back (<see cref="IBatchRecycler"/>) are refilled for later batches of the same size, so
/// training allocates no batch arrays after the first steps.
/// </summary>
public sealed class ArrayBatchSequence : IResumableSequence, IBatchRecycler
{
    /// <summary>Arrays kept for reuse at most (x, y and weights of a full and a last batch, with one to spare).</summary>
    const int RecycleCapacity = 8;

    readonly List<float[]> _recycled = [];
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

    Tensor Gather(Tensor t, ReadOnlySpan<int> idx)
    {
        var shape = (int[])t.Shape.Clone();
        shape[0] = idx.Length;
        int inner = t.Length / t.Shape[0];
        float[]? reused = null;
        long length = (long)idx.Length * inner;
        lock (_recycled)
        {
            int at = _recycled.FindIndex(a => a.Length == length);
            if (at >= 0) { reused = _recycled[at]; _recycled.RemoveAt(at); }
        }
        // Every element is overwritten below, so a reused array needs no clearing.
        var r = reused is null ? new Tensor(shape) : new Tensor(reused, shape);
        for (int i = 0; i < idx.Length; i++) Array.Copy(t.Data, (long)idx[i] * inner, r.Data, (long)i * inner, inner);
        return r;
    }

    /// <inheritdoc/>
    void IBatchRecycler.Recycle(Batch batch)
    {
        lock (_recycled)
            foreach (var t in new[] { batch.X, batch.Y, batch.SampleWeight })
                if (t is not null && _recycled.Count < RecycleCapacity && !_recycled.Exists(a => ReferenceEquals(a, t.Data))) _recycled.Add(t.Data);
    }

    public void OnEpochEnd()
    {
        if (_shuffle) _order = _random.Permutation(_x.Shape[0]);
    }

    /// <summary>The current order and the generator that draws the next one.</summary>
    public SequenceState GetState() => new(nameof(ArrayBatchSequence), 0, 0, (int[])_order.Clone(), _random.GetState(), 0);

    /// <summary>Continues from a state recorded by <see cref="GetState"/> over the same number of samples.</summary>
    public void SetState(SequenceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.CheckFits(this, _x.Shape[0]);
        if (state.Order is null) throw new ArgumentException("The state has no sample order.", nameof(state));
        _random.SetState(state.Random);
        _order = (int[])state.Order.Clone();
    }
}
