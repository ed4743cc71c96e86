using AugNet.Data;
using AugNet.NN.Callbacks;

namespace AugNet.NN.Training;

/// <summary>
/// Keras <c>fit</c>'s arguments. Steps default to the sequence's Count; with fewer steps the sequence is read on
/// across epochs (as Keras reads a generator), calling OnEpochEnd whenever a full pass ends. Validation, when given,
/// runs after every epoch over ValidationSteps batches (default: the whole validation sequence).
/// Verbose: 0 silent, 1 progress bar (one line per epoch when Output is not a terminal), 2 one line per epoch.
/// </summary>
public sealed record FitOptions
{
    public int Epochs { get; init; } = 1;
    public int? StepsPerEpoch { get; init; }
    public IBatchSequence? ValidationData { get; init; }
    public int? ValidationSteps { get; init; }
    public IReadOnlyList<Callback> Callbacks { get; init; } = [];
    /// <summary>Keras's class_weight: class index → weight multiplying the loss of samples of that class.</summary>
    public IReadOnlyDictionary<int, double>? ClassWeight { get; init; }
    public int InitialEpoch { get; init; }
    /// <summary>Reshuffle array data every epoch (only for the array overload; a sequence shuffles itself).</summary>
    public bool Shuffle { get; init; } = true;
    public int Verbose { get; init; } = 1;
    /// <summary>Where the progress goes (default Console.Out).</summary>
    public TextWriter? Output { get; init; }
    /// <summary>Batch size for the array overload (Keras default 32).</summary>
    public int BatchSize { get; init; } = 32;

    internal void Validate()
    {
        if (Epochs < 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be ≥ 0.");
        if (StepsPerEpoch is <= 0) throw new ArgumentOutOfRangeException(nameof(StepsPerEpoch), StepsPerEpoch, "steps_per_epoch must be positive.");
        if (ValidationSteps is <= 0) throw new ArgumentOutOfRangeException(nameof(ValidationSteps), ValidationSteps, "validation_steps must be positive.");
        if (InitialEpoch < 0 || InitialEpoch > Epochs) throw new ArgumentOutOfRangeException(nameof(InitialEpoch), InitialEpoch, $"initial_epoch must be in [0, epochs={Epochs}].");
        if (Verbose is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(Verbose), Verbose, "verbose must be 0, 1 or 2.");
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch_size must be positive.");
        if (ClassWeight is not null && ClassWeight.Values.Any(w => !(w >= 0) || double.IsInfinity(w)))
            throw new ArgumentException("class_weight values must be finite and ≥ 0.", nameof(ClassWeight));
    }
}

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
