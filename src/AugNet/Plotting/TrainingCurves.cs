using AugNet.NN.Training;
using ScottPlot;

namespace AugNet.Plotting;

/// <summary>
/// The book's two figures after <c>fit</c>: training against validation accuracy, and training against validation
/// loss, per epoch. Dots are the training values and lines the validation values, as in Deep Learning with Python
/// §5.2, so a widening gap shows overfitting at a glance.
/// </summary>
public static class TrainingCurves
{
    /// <summary>
    /// Writes <c>{prefix}accuracy.png</c> and <c>{prefix}loss.png</c> (each only when the history has that metric) and
    /// returns the paths written. Keys: "acc" or "accuracy", "loss", and their "val_" forms.
    /// </summary>
    public static IReadOnlyList<string> Save(History history, string pathPrefix, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Epochs.Count == 0) throw new ArgumentException("The history has no epochs to plot.", nameof(history));
        var written = new List<string>();
        string? accKey = history.Values.ContainsKey("acc") ? "acc" : history.Values.ContainsKey("accuracy") ? "accuracy" : null;
        if (accKey is not null)
            written.Add(SaveOne(history, accKey, "Training and validation accuracy", "Accuracy", pathPrefix + "accuracy.png", width, height));
        if (history.Values.ContainsKey("loss"))
            written.Add(SaveOne(history, "loss", "Training and validation loss", "Loss", pathPrefix + "loss.png", width, height));
        return written;
    }

    static string SaveOne(History history, string key, string title, string yLabel, string path, int width, int height)
    {
        var plot = Create(history, key, title, yLabel);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        AtomicFile.Write(full, plot.GetImageBytes(width, height, ImageFormat.Png), "plot");
        return full;
    }

    /// <summary>One figure: training dots, validation line, legend beside the data area.</summary>
    internal static Plot Create(History history, string key, string title, string yLabel)
    {
        var epochs = history.Epochs.Select(e => (double)(e + 1)).ToArray();
        var plot = new Plot();
        PlotFonts.Apply(plot);
        var train = plot.Add.ScatterPoints(epochs, history[key].ToArray());
        train.LegendText = "Training " + yLabel.ToLowerInvariant();
        train.MarkerSize = 7;
        if (history.Values.TryGetValue("val_" + key, out var validation))
        {
            var line = plot.Add.ScatterLine(epochs, validation.ToArray());
            line.LegendText = "Validation " + yLabel.ToLowerInvariant();
            line.LineWidth = 2;
        }
        plot.Title(title);
        plot.XLabel("Epoch");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.YLabel(yLabel);
        // Outside the data area, on the right: a legend inside would sit on the last epochs' points, where the gap
        // between the curves is what the reader looks for.
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
