namespace AugNet.NN.Training;

/// <summary>Keras's History: per-epoch values under the log keys ("loss", "acc", "val_loss", "val_acc", "lr").</summary>
public sealed class History
{
    readonly Dictionary<string, List<double>> _values = [];

    public List<int> Epochs { get; } = [];
    public IReadOnlyDictionary<string, List<double>> Values => _values;
    public IReadOnlyList<double> this[string key] => _values.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"History has no '{key}'; it has {string.Join(", ", _values.Keys)}.");

    /// <summary>Why training stopped before the last epoch (NaN loss, early stopping), or null.</summary>
    public string? StopReason { get; internal set; }

    internal void Append(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        Epochs.Add(epoch);
        foreach (var (k, v) in logs)
        {
            if (!_values.TryGetValue(k, out var list)) _values[k] = list = [];
            list.Add(v);
        }
    }
}
