using AugNet.NN.Training;
using ScottPlot;

namespace AugNet.Plotting;

/// <summary>
/// The book's two figures after <c>fit</c>: training against validation accuracy, and training against validation
/// loss, per epoch. Dots are the training values and lines the validation values, as in Deep Learning with Python
/// §5.2, so a widening gap shows overfitting at a glance. Several runs (say with and without augmentation) share one
/// figure, one colour per run. The legend sits right of the data area, so it never covers a point.
/// </summary>
public static class TrainingCurves
{
    /// <summary>One colour per run, the first the book's blue; a fifth run starts again.</summary>
    static readonly Color[] RunColors = [Colors.Blue, Colors.OrangeRed, Colors.Green, Colors.Purple];

    /// <summary>
    /// Writes <c>{prefix}accuracy.png</c> and <c>{prefix}loss.png</c> (each only when the history has that metric) and
    /// returns the paths written. Keys: "acc" or "accuracy", "loss", and their "val_" forms.
    /// </summary>
    public static IReadOnlyList<string> Save(History history, string pathPrefix, int width = 800, int height = 500)
        => Save([("", history)], pathPrefix, width, height);

    /// <summary>
    /// The same two figures with every run of <paramref name="runs"/> drawn in its own colour, the legend naming the
    /// run ("Training acc (augmented)"). An empty name leaves the run unnamed. A metric is plotted when the first run has it.
    /// </summary>
    public static IReadOnlyList<string> Save(IReadOnlyList<(string Name, History History)> runs, string pathPrefix, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("No runs to plot.", nameof(runs));
        foreach (var (name, history) in runs)
        {
            ArgumentNullException.ThrowIfNull(history);
            if (history.Epochs.Count == 0) throw new ArgumentException($"The history{(name == "" ? "" : $" of '{name}'")} has no epochs to plot.", nameof(runs));
        }
        var first = runs[0].History;
        var written = new List<string>();
        string? accKey = first.Values.ContainsKey("acc") ? "acc" : first.Values.ContainsKey("accuracy") ? "accuracy" : null;
        if (accKey is not null)
            written.Add(SaveOne(runs, accKey, "Training and validation accuracy", "Accuracy", pathPrefix + "accuracy.png", width, height));
        if (first.Values.ContainsKey("loss"))
            written.Add(SaveOne(runs, "loss", "Training and validation loss", "Loss", pathPrefix + "loss.png", width, height));
        return written;
    }

    static string SaveOne(IReadOnlyList<(string Name, History History)> runs, string key, string title, string yLabel, string path, int width, int height)
    {
        var plot = Create(runs, key, title, yLabel);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        AtomicFile.Write(full, plot.GetImageBytes(width, height, ImageFormat.Png), "plot");
        return full;
    }

    /// <summary>One figure of one run: training dots, validation line, legend beside the data area.</summary>
    internal static Plot Create(History history, string key, string title, string yLabel) => Create([("", history)], key, title, yLabel);

    /// <summary>One figure: per run, training dots and a validation line in the run's colour; legend beside the data area.</summary>
    internal static Plot Create(IReadOnlyList<(string Name, History History)> runs, string key, string title, string yLabel)
    {
        var plot = new Plot();
        PlotFonts.Apply(plot);
        for (int r = 0; r < runs.Count; r++)
        {
            var (name, history) = runs[r];
            if (!history.Values.TryGetValue(key, out var values)) continue;
            string suffix = name == "" ? "" : $" ({name})";
            var color = RunColors[r % RunColors.Length];
            var epochs = history.Epochs.Select(e => (double)(e + 1)).ToArray();
            var train = plot.Add.ScatterPoints(epochs, values.ToArray());
            train.LegendText = "Training " + yLabel.ToLowerInvariant() + suffix;
            train.MarkerSize = 7;
            train.Color = color;
            if (history.Values.TryGetValue("val_" + key, out var validation))
            {
                var line = plot.Add.ScatterLine(epochs, validation.ToArray());
                line.LegendText = "Validation " + yLabel.ToLowerInvariant() + suffix;
                line.LineWidth = 2;
                line.Color = color;
            }
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
