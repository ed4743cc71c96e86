namespace AugNet.NN.Callbacks;

/// <summary>
/// Keras <c>EarlyStopping</c>(monitor 'val_loss', min_delta 0, patience 0, mode auto, baseline none,
/// restore_best_weights false): stops once the monitored value has not improved by more than min_delta for
/// <c>patience</c> epochs in a row.
/// </summary>
public sealed class EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, MonitorMode mode = MonitorMode.Auto,
    double? baseline = null, bool restoreBestWeights = false) : Callback
{
    double _best;
    int _wait;
    float[][]? _bestWeights;

    public int StoppedEpoch { get; private set; }

    public override void OnTrainBegin()
    {
        _wait = 0;
        _best = baseline ?? Monitor.Worst(mode, monitor);
        _bestWeights = null;
        StoppedEpoch = 0;
    }

    /// <summary>Best value and epochs waited; the restore_best_weights snapshot is not carried (it is weights, not a counter).</summary>
    public override double[]? SaveState() => [_best, _wait];

    public override void RestoreState(IReadOnlyList<double> values)
    {
        CheckStateLength(values, 2);
        (_best, _wait) = (values[0], (int)values[1]);
    }

    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
    {
        if (!Monitor.TryGet(logs, monitor, out double v, Console.Error)) return;
        bool max = Monitor.IsMax(mode, monitor);
        double delta = Math.Abs(minDelta);
        bool improved = max ? v - delta > _best : v + delta < _best;
        if (improved)
        {
            _best = v;
            _wait = 0;
            if (restoreBestWeights) _bestWeights = Model.GetWeights();
            return;
        }
        _wait++;
        if (_wait >= patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            Model.StopTraining = true;
            Model.StopReason = $"EarlyStopping: '{monitor}' did not improve for {_wait} epoch(s) (best {_best:G6}).";
            if (restoreBestWeights && _bestWeights is not null) Model.SetWeights(_bestWeights);
        }
    }
}
