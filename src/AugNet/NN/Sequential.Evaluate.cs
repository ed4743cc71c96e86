using AugNet.Data;
using AugNet.NN.Training;

namespace AugNet.NN;

/// <summary>Keras's <c>evaluate</c> (loss and metrics without updates) and <c>predict</c>.</summary>
public sealed partial class Sequential
{
    /// <summary>Keras <c>evaluate</c>: the loss and metrics over <paramref name="steps"/> batches (default: all).</summary>
    public Dictionary<string, double> Evaluate(IBatchSequence data, int? steps = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireCompiled();
        return ReleasingBuffers(() => EvaluateCursor(new Cursor(data), steps ?? data.Count));
    }

    public Dictionary<string, double> Evaluate(Tensor x, Tensor y, int batchSize = 32) => Evaluate(new ArrayBatchSequence(x, y, batchSize, shuffle: false));

    Dictionary<string, double> EvaluateCursor(Cursor data, int steps)
    {
        foreach (var m in _metrics) m.Reset();
        double lossSum = 0;
        long seen = 0;
        for (int s = 0; s < steps; s++)
        {
            var batch = data.Next();
            var (_, l, _) = ForwardLoss(batch, null, training: false);
            lossSum += l * batch.X.Shape[0];
            seen += batch.X.Shape[0];
            (data.Sequence as IBatchRecycler)?.Recycle(batch);
        }
        var logs = new Dictionary<string, double> { ["loss"] = lossSum / Math.Max(seen, 1) };
        foreach (var m in _metrics) logs[m.Name] = m.Result;
        return logs;
    }

    /// <summary>Keras <c>predict</c> on arrays: outputs of all samples, computed <paramref name="batchSize"/> at a time.</summary>
    public Tensor Predict(Tensor x, int batchSize = 32) => Predict(new ArrayBatchSequence(x, null, batchSize, shuffle: false));

    /// <summary>Keras <c>predict</c> on a sequence: the outputs of its first <paramref name="steps"/> batches (default all), stacked.</summary>
    public Tensor Predict(IBatchSequence data, int? steps = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ReleasingBuffers(() => PredictAll(data, steps ?? data.Count));
    }

    Tensor PredictAll(IBatchSequence data, int steps)
    {
        var parts = new List<float[]>();
        int total = 0;
        for (int s = 0; s < steps; s++)
        {
            var o = Forward(data.GetBatch(s % data.Count).X, training: false);
            parts.Add((float[])o.Data.Clone());
            total += o.Shape[0];
        }
        var result = new Tensor([total, .. OutputShape!]);
        int at = 0;
        foreach (var p in parts) { p.CopyTo(result.Data, at); at += p.Length; }
        return result;
    }
}
