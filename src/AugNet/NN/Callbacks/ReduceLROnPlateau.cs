namespace AugNet.NN.Callbacks;

/// <summary>
/// Keras <c>ReduceLROnPlateau</c>(monitor 'val_loss', factor 0.1, patience 10, mode auto, min_delta 1e-4,
/// cooldown 0, min_lr 0): after <c>patience</c> epochs without an improvement larger than min_delta, the learning rate
/// becomes max(lr·factor, min_lr), then waits <c>cooldown</c> epochs. Adds "lr" to the epoch logs.
/// </summary>
public sealed class ReduceLROnPlateau : Callback
{
    readonly string _monitor;
    readonly double _factor, _minDelta, _minLr;
    readonly int _patience, _cooldown;
    readonly MonitorMode _mode;
    double _best;
    int _wait, _cooldownCounter;

    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, MonitorMode mode = MonitorMode.Auto,
        double minDelta = 1e-4, int cooldown = 0, double minLr = 0)
    {
        if (!(factor < 1 && factor >= 0)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateau does not support a factor ≥ 1.");
        _monitor = monitor; _factor = factor; _patience = patience; _mode = mode; _minDelta = minDelta; _cooldown = cooldown; _minLr = minLr;
    }

    public override void OnTrainBegin()
    {
        _best = Monitor.Worst(_mode, _monitor);
        _wait = 0;
        _cooldownCounter = 0;
    }

    /// <summary>Best value, epochs waited and cooldown left (the learning rate itself is the optimiser's, saved with it).</summary>
    public override double[]? SaveState() => [_best, _wait, _cooldownCounter];

    public override void RestoreState(IReadOnlyList<double> values)
    {
        CheckStateLength(values, 3);
        (_best, _wait, _cooldownCounter) = (values[0], (int)values[1], (int)values[2]);
    }

    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
    {
        var opt = Model.Optimizer!;
        logs["lr"] = opt.LearningRate;
        if (!Monitor.TryGet(logs, _monitor, out double v, Console.Error)) return;
        bool max = Monitor.IsMax(_mode, _monitor);
        if (_cooldownCounter > 0) { _cooldownCounter--; _wait = 0; }
        if (max ? v > _best + _minDelta : v < _best - _minDelta) { _best = v; _wait = 0; return; }
        if (_cooldownCounter > 0) return;
        _wait++;
        if (_wait >= _patience && opt.LearningRate > _minLr)
        {
            opt.LearningRate = Math.Max(opt.LearningRate * _factor, _minLr);
            _cooldownCounter = _cooldown;
            _wait = 0;
        }
    }
}
