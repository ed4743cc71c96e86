namespace AugNet.NN.Callbacks;

/// <summary>
/// Keras's callback hooks. Logs hold the running epoch means ("loss", "acc", ...) at batch end and the epoch's
/// values plus "val_*" at epoch end. Set <see cref="Sequential.StopTraining"/> to stop after the current epoch.
/// </summary>
public abstract class Callback
{
    public Sequential Model { get; internal set; } = null!;
    public virtual void OnTrainBegin() { }
    public virtual void OnEpochBegin(int epoch, int steps) { }
    public virtual void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) { }
    /// <summary>Epoch end; <paramref name="logs"/> may be extended (ReduceLROnPlateau adds "lr").</summary>
    public virtual void OnEpochEnd(int epoch, Dictionary<string, double> logs) { }
    public virtual void OnTrainEnd() { }

    /// <summary>
    /// Training was cancelled (<see cref="Training.FitOptions.CancellationToken"/>) after <paramref name="step"/> batches of
    /// epoch <paramref name="epoch"/> (0-based); <see cref="Sequential.LastTrainingState"/> holds the state to resume
    /// from, e.g. to write a checkpoint. OnTrainEnd follows.
    /// </summary>
    public virtual void OnInterrupted(int epoch, int step) { }

    /// <summary>
    /// The counters this callback needs to continue a resumed run as if uninterrupted (best value, epochs waited), or
    /// null when it keeps none. Saved in the <see cref="Training.TrainingState"/> under the callback's type name.
    /// </summary>
    public virtual double[]? SaveState() => null;

    /// <summary>Resuming: called after OnTrainBegin with what <see cref="SaveState"/> returned for this callback.</summary>
    public virtual void RestoreState(IReadOnlyList<double> values) { }

    /// <summary>For RestoreState: throws unless <paramref name="values"/> has <paramref name="count"/> entries.</summary>
    protected void CheckStateLength(IReadOnlyList<double> values, int count)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != count)
            throw new ArgumentException($"{GetType().Name} keeps {count} value(s) in a training state; the state has {values.Count}.", nameof(values));
    }
}

/// <summary>Which way "better" goes for a monitored quantity; Auto picks Max for names containing "acc", else Min.</summary>
public enum MonitorMode { Auto, Min, Max }

internal static class Monitor
{
    public static bool IsMax(MonitorMode mode, string monitor) => mode == MonitorMode.Max || (mode == MonitorMode.Auto && monitor.Contains("acc", StringComparison.Ordinal));

    /// <summary>The starting "best" value: −∞ when larger is better, +∞ when smaller is.</summary>
    public static double Worst(MonitorMode mode, string monitor) => IsMax(mode, monitor) ? double.NegativeInfinity : double.PositiveInfinity;

    public static bool TryGet(IReadOnlyDictionary<string, double> logs, string monitor, out double value, TextWriter? warn)
    {
        if (logs.TryGetValue(monitor, out value)) return true;
        warn?.WriteLine($"Warning: the monitored quantity '{monitor}' is not available; available: {string.Join(", ", logs.Keys)}.");
        return false;
    }
}
