using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AugNet.NN.Callbacks;

/// <summary>
/// Keras's Progbar as plain text. On a terminal (verbose 1) one line is redrawn with a carriage return:
/// " 37/100 [==========>...................] - ETA: 7s - loss: 0.6931 - acc: 0.5000", finished at the epoch end with
/// the elapsed time, time per step and the validation values. Off a terminal, or with verbose 2, only the final
/// line of each epoch is written. Values print as Keras does: %.4f, or %.4e when |v| ≤ 1e-3.
/// </summary>
public sealed class ProgressLogger : Callback
{
    readonly TextWriter _writer;
    readonly int _epochs;
    readonly bool _bar;
    readonly Stopwatch _clock = new();
    int _steps;
    int _done; // batches finished this epoch: fewer than _steps when training stopped early (a NaN loss)
    double _lastDraw = -1;
    int _lastLength;

    public ProgressLogger(TextWriter writer, int epochs, int verbose = 1, bool? isTerminal = null)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _epochs = epochs;
        bool terminal = isTerminal ?? (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected);
        _bar = verbose == 1 && terminal;
    }

    public override void OnEpochBegin(int epoch, int steps)
    {
        _steps = steps;
        _done = 0;
        _lastDraw = -1;
        _lastLength = 0;
        _clock.Restart();
        _writer.WriteLine($"Epoch {epoch + 1}/{_epochs}");
    }

    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        _done = batch + 1;
        if (!_bar) return;
        double now = _clock.Elapsed.TotalSeconds;
        int current = batch + 1;
        if (current < _steps && now - _lastDraw < 0.05) return;
        _lastDraw = now;
        double eta = now / current * (_steps - current);
        var line = new StringBuilder(Bar(current, _steps)).Append(" - ETA: ").Append(FormatEta(eta)).Append(Values(logs)).ToString();
        int pad = Math.Max(0, _lastLength - line.Length);
        _writer.Write("\r" + line + new string(' ', pad));
        _lastLength = line.Length;
        _writer.Flush();
    }

    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
    {
        double seconds = _clock.Elapsed.TotalSeconds;
        // A NaN loss stops the epoch part-way (Model.StopTraining): show the batches actually done, as Keras's bar does.
        int done = Model is { StopTraining: true } && _done > 0 && _done < _steps ? _done : _steps;
        double perStep = done == 0 ? 0 : seconds / done;
        string timing = $" - {seconds.ToString("F0", CultureInfo.InvariantCulture)}s {PerStep(perStep)}";
        string head = _bar ? Bar(done, _steps) : $"{done}/{_steps}";
        string line = head + timing + Values(logs.Where(kv => kv.Key != "lr"));
        if (_bar)
        {
            int pad = Math.Max(0, _lastLength - line.Length);
            _writer.Write("\r" + line + new string(' ', pad) + "\n");
        }
        else _writer.WriteLine(line);
        _writer.Flush();
    }

    /// <summary>Keras's bar: "%{d}d/%d [" then (width·progress − 1) '=', '&gt;' (or '=' when done), dots, ']'.</summary>
    public static string Bar(int current, int target, int width = 30)
    {
        int digits = (int)Math.Floor(Math.Log10(Math.Max(target, 1))) + 1;
        var sb = new StringBuilder(current.ToString(CultureInfo.InvariantCulture).PadLeft(digits)).Append('/').Append(target).Append(" [");
        int progWidth = target == 0 ? width : (int)(width * (double)current / target);
        if (progWidth > 0)
        {
            sb.Append('=', progWidth - 1);
            sb.Append(current < target ? '>' : '=');
        }
        sb.Append('.', width - progWidth).Append(']');
        return sb.ToString();
    }

    static string FormatEta(double eta)
    {
        int e = (int)eta;
        return e > 3600 ? $"{e / 3600}:{e % 3600 / 60:00}:{e % 60:00}" : e > 60 ? $"{e / 60}:{e % 60:00}" : $"{e}s";
    }

    static string PerStep(double s) =>
        s >= 1 ? $"{s.ToString("F0", CultureInfo.InvariantCulture)}s/step"
        : s >= 1e-3 ? $"{(s * 1e3).ToString("F0", CultureInfo.InvariantCulture)}ms/step"
        : $"{(s * 1e6).ToString("F0", CultureInfo.InvariantCulture)}us/step";

    static string Values(IEnumerable<KeyValuePair<string, double>> logs)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in logs)
            sb.Append(" - ").Append(k).Append(": ").Append(Math.Abs(v) > 1e-3 ? v.ToString("F4", CultureInfo.InvariantCulture) : v.ToString("0.0000e+00", CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
