namespace AugNet.NN.Training;

/// <summary>How Keras compares an output row with its target for 'accuracy'.</summary>
public enum AccuracyKind { Binary, Categorical, SparseCategorical }

/// <summary>
/// Keras's accuracy metrics as weighted running means over an epoch: binary (output &gt; 0.5 equals the 0/1 target,
/// averaged over the row), categorical (argmax of output equals argmax of target) and sparse categorical (argmax of
/// output equals the class index). 'acc'/'accuracy' pick the form from the loss and output as Keras does.
/// </summary>
public sealed class Accuracy
{
    double _sum, _weight;

    public Accuracy(string name, AccuracyKind kind) { Name = name; Kind = kind; }

    /// <summary>The key in logs and History, exactly as given to Compile ("acc", "accuracy", ...).</summary>
    public string Name { get; }
    public AccuracyKind Kind { get; }
    public double Result => _weight == 0 ? 0 : _sum / _weight;

    public void Reset() { _sum = 0; _weight = 0; }

    /// <summary>The running sums, saved with a training state so an epoch stopped midway ends with the same value.</summary>
    internal MetricTotals Totals
    {
        get => new(Name, _sum, _weight);
        set { _sum = value.Sum; _weight = value.Weight; }
    }

    public void Update(Tensor output, Tensor target, ReadOnlySpan<float> sampleWeight)
    {
        int n = output.Shape[0], width = output.Rank > 1 ? output.Shape[^1] : 1;
        int rowsPerSample = output.Length / n / width;
        int tw = Kind == AccuracyKind.SparseCategorical ? 1 : width;
        for (int s = 0; s < n; s++)
        {
            double w = sampleWeight.IsEmpty ? 1 : sampleWeight[s];
            double hits = 0;
            for (int r = 0; r < rowsPerSample; r++)
            {
                int row = s * rowsPerSample + r;
                var o = output.Data.AsSpan(row * width, width);
                var t = target.Data.AsSpan(row * tw, tw);
                hits += Kind switch
                {
                    AccuracyKind.Binary => BinaryRow(o, t),
                    AccuracyKind.Categorical => ArgMax(o) == ArgMax(t) ? 1 : 0,
                    _ => ArgMax(o) == (int)t[0] ? 1 : 0,
                };
            }
            _sum += w * hits / rowsPerSample;
            _weight += w;
        }
    }

    static double BinaryRow(ReadOnlySpan<float> o, ReadOnlySpan<float> t)
    {
        int hit = 0;
        for (int j = 0; j < o.Length; j++) if ((o[j] > 0.5f ? 1f : 0f) == t[j]) hit++;
        return (double)hit / o.Length;
    }

    static int ArgMax(ReadOnlySpan<float> v)
    {
        int best = 0;
        for (int j = 1; j < v.Length; j++) if (v[j] > v[best]) best = j;
        return best;
    }

    /// <summary>Resolves a metric name given to Compile, as Keras does for 'acc'/'accuracy'.</summary>
    public static Accuracy Resolve(string name, Loss loss, int outputWidth) => name.ToLowerInvariant() switch
    {
        "acc" or "accuracy" => new Accuracy(name, loss switch
        {
            BinaryCrossentropy => AccuracyKind.Binary,
            SparseCategoricalCrossentropy => AccuracyKind.SparseCategorical,
            CategoricalCrossentropy => AccuracyKind.Categorical,
            _ => outputWidth == 1 ? AccuracyKind.Binary : AccuracyKind.Categorical,
        }),
        "binary_accuracy" => new Accuracy(name, AccuracyKind.Binary),
        "categorical_accuracy" => new Accuracy(name, AccuracyKind.Categorical),
        "sparse_categorical_accuracy" => new Accuracy(name, AccuracyKind.SparseCategorical),
        _ => throw new ArgumentException($"Unknown metric '{name}'; expected acc, accuracy, binary_accuracy, categorical_accuracy or sparse_categorical_accuracy."),
    };
}
