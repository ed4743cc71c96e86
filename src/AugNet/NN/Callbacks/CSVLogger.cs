using System.Globalization;

namespace AugNet.NN.Callbacks;

/// <summary>
/// Keras <c>CSVLogger</c>(filename, separator ',', append false): a header "epoch" + the sorted log keys, then one
/// row per epoch, flushed at once so a crash leaves complete rows.
/// </summary>
public sealed class CSVLogger(string filename, char separator = ',', bool append = false) : Callback
{
    StreamWriter? _writer;
    string[]? _keys;

    public override void OnTrainBegin()
    {
        bool hasHeader = append && File.Exists(filename) && new FileInfo(filename).Length > 0;
        _writer = new StreamWriter(filename, append);
        _keys = null;
        if (hasHeader) _keys = [];
    }

    public override void OnEpochEnd(int epoch, Dictionary<string, double> logs)
    {
        if (_writer is null) return;
        if (_keys is null || _keys.Length == 0)
        {
            bool writeHeader = _keys is null;
            _keys = [.. logs.Keys.OrderBy(k => k, StringComparer.Ordinal)];
            if (writeHeader) _writer.WriteLine(string.Join(separator, new[] { "epoch" }.Concat(_keys)));
        }
        _writer.WriteLine(string.Join(separator, new[] { epoch.ToString(CultureInfo.InvariantCulture) }
            .Concat(_keys.Select(k => logs.TryGetValue(k, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "NA"))));
        _writer.Flush();
    }

    public override void OnTrainEnd()
    {
        _writer?.Dispose();
        _writer = null;
    }
}
