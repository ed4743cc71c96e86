using System.Globalization;
using System.Text.RegularExpressions;
using AugNet.NN.Callbacks;
using AugNet.NN.Training;
using Monitor = AugNet.NN.Callbacks.Monitor;

namespace AugNet.Persistence;

/// <summary>
/// Keras <c>ModelCheckpoint</c>(filepath, monitor 'val_loss', save_best_only false, save_weights_only false, mode auto):
/// after each epoch, or only when the monitored value improved, saves the model (.h5 or .keras, see
/// <see cref="ModelFile"/>) with the training state of that epoch's end, so <see cref="ModelFile.LoadCheckpoint"/> can
/// resume from it exactly, or, with <paramref name="saveWeightsOnly"/>, only the weights (.h5 or .weights.h5). Files are
/// written to a temporary name and renamed, so an interrupted run never leaves a truncated checkpoint.
/// The path may hold Python-style fields as Keras allows: {epoch:02d} (1-based) and {name:.2f} for any log key.
/// </summary>
public sealed partial class ModelCheckpoint(string filepath, string monitor = "val_loss", bool saveBestOnly = false,
    MonitorMode mode = MonitorMode.Auto, bool saveWeightsOnly = false) : Callback
{
    double _best;

    // The last state saved and its bytes, refilled in place at the next save: both are 13.8 MB for the book model, and
    // new ones at every save (two checkpoints an epoch in augnet train) were large-object garbage that the GC let pile
    // up to hundreds of MB before a full collection. Nobody else sees them: they are serialised and written at once.
    TrainingState? _state;
    byte[]? _stateBytes;

    /// <summary>The best monitored value so far (−∞/+∞ before the first).</summary>
    public double Best => _best;

    public override void OnTrainBegin() => _best = Monitor.Worst(mode, monitor);

    /// <summary>The best value so far, so save_best_only compares across a resume.</summary>
    public override double[]? SaveState() => [_best];

    public override void RestoreState(IReadOnlyList<double> values)
    {
        CheckStateLength(values, 1);
        _best = values[0];
    }

    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
    {
        string path = FormatPath(filepath, epoch + 1, logs);
        if (saveBestOnly)
        {
            if (!Monitor.TryGet(logs, monitor, out double v, Console.Error)) return;
            if (!(Monitor.IsMax(mode, monitor) ? v > _best : v < _best)) return;
            _best = v;
        }
        if (saveWeightsOnly) Model.SaveWeights(path);
        else
        {
            _state = Model.CurrentTrainingState(reuse: _state);
            _stateBytes = _state.ToBytesInto(_stateBytes);
            ModelFile.SaveCheckpointBytes(Model, path, _stateBytes);
        }
    }

    /// <summary>Fills {epoch:02d}, {epoch}, {key:.Nf}, {key} in a Keras checkpoint path.</summary>
    public static string FormatPath(string pattern, int epoch, IReadOnlyDictionary<string, double> logs) =>
        Field().Replace(pattern, m =>
        {
            string key = m.Groups[1].Value, spec = m.Groups[2].Value;
            if (key == "epoch")
            {
                int width = spec.EndsWith('d') && spec.Length > 1 ? int.Parse(spec[..^1].TrimStart('0') is "" ? "0" : spec[..^1], CultureInfo.InvariantCulture) : 0;
                return epoch.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            }
            if (!logs.TryGetValue(key, out double v)) throw new KeyError($"Checkpoint path '{pattern}' names '{key}', which is not in the logs ({string.Join(", ", logs.Keys)}).");
            if (spec.StartsWith('.') && spec.EndsWith('f')) return v.ToString("F" + spec[1..^1], CultureInfo.InvariantCulture);
            return v.ToString("R", CultureInfo.InvariantCulture);
        });

    [GeneratedRegex(@"\{(\w+)(?::([^}]*))?\}")]
    private static partial Regex Field();

    sealed class KeyError(string message) : KeyNotFoundException(message);
}
