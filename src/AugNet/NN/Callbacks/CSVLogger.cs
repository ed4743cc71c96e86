using System.Globalization;
using AugNet.NN.Training;

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

    /// <summary>
    /// The History a log holds (the inverse of this logger, "NA" cells as NaN), e.g. to plot a resumed run's curves over
    /// all its epochs. Throws InvalidDataException naming the file and line when a row does not fit the header.
    /// </summary>
    public static History Read(string filename, char separator = ',')
    {
        var history = new History();
        var lines = File.ReadAllLines(filename).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0) return history;
        var keys = lines[0].Split(separator);
        if (keys[0] != "epoch") throw new InvalidDataException($"{filename}: the first column should be 'epoch', not '{keys[0]}'.");
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(separator);
            if (cells.Length != keys.Length || !int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int epoch))
                throw new InvalidDataException($"{filename}, line {i + 1}: {cells.Length} cells for {keys.Length} columns or a bad epoch number.");
            var logs = new Dictionary<string, double>();
            for (int k = 1; k < keys.Length; k++)
                logs[keys[k]] = double.TryParse(cells[k], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
            history.Append(epoch, logs);
        }
        return history;
    }
}
