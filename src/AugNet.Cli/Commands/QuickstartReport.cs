using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;

namespace AugNet.Cli.Commands;

/// <summary>
/// The quickstart's results in three forms: the console table, results.json (for scripts and the README's figures)
/// and report.html. The page references only the PNGs and model files the quickstart wrote beside it, by relative
/// name, so it opens offline and keeps working when the folder is moved.
/// </summary>
internal sealed record QuickstartReport(QuickstartRecipe Recipe, uint Seed, string Data, IReadOnlyList<QuickstartResult> Runs, double Seconds)
{
    public const string JsonFile = "results.json", HtmlFile = "report.html";

    /// <summary>The table the book's reader compares: best validation accuracy, the epoch it came at, test accuracy, time.</summary>
    public void PrintTable(TextWriter output)
    {
        output.WriteLine($"{"run",-10} {"best val_acc",12} {"epoch",6} {"test_acc",9} {"seconds",8}");
        foreach (var r in Runs)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name,-10} {r.BestValAcc,12:F4} {r.BestEpoch,6} {r.TestAcc,9:F4} {r.Seconds,8:F1}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {Seconds:F1} s"));
    }

    public void WriteJson(string path)
    {
        // Relaxed escaping: the recipe's "32×32" stays readable; the file is read as JSON, never embedded in HTML.
        var json = new JsonObject
        {
            ["seed"] = Seed,
            ["seconds"] = Math.Round(Seconds, 3), // milliseconds: a tiny run can take under 0.05 s
            ["data"] = Data,
            ["recipe"] = new JsonObject
            {
                ["name"] = Recipe.Name,
                ["size"] = Recipe.Size,
                ["batch_size"] = Recipe.BatchSize,
                ["optimizer"] = "rmsprop",
                ["learning_rate"] = Recipe.LearningRate,
                ["training_generator"] = Recipe.KerasCall(),
            },
        };
        foreach (var r in Runs)
            json[r.Name] = new JsonObject
            {
                ["best_val_acc"] = r.BestValAcc,
                ["best_epoch"] = r.BestEpoch,
                ["test_acc"] = r.TestAcc,
                ["test_loss"] = r.TestLoss,
                ["epochs"] = r.Epochs,
                ["seconds"] = Math.Round(r.Seconds, 3),
                ["model"] = Path.GetFileName(r.ModelFile),
            };
        if (!Runs.Any(r => r.Name == "baseline")) json["baseline"] = null; // skipped with --no-baseline: present, and saying so
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    /// <summary>The page; <paramref name="files"/> are the artefacts beside it (figures, models) by file name.</summary>
    public void WriteHtml(string path, QuickstartFiles files)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>AugNet quickstart: cats vs dogs</title>
            <style>
            body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; } td, th { border: 1px solid #ccc; padding: .3em .7em; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; } th { text-align: left; } code { background: #f4f4f4; }
            img { max-width: 100%; border: 1px solid #ddd; }
            </style></head><body>
            <h1>Cats vs dogs with data augmentation</h1>
            <p>Deep Learning with Python §5.2 in AugNet: the small convnet trained with augmentation and dropout, against
            the same model trained without either. Each run keeps its best-validation-accuracy epoch, evaluated on the test images.</p>
            <h2>Results</h2>
            <table><tr><th>run</th><th>best val_acc</th><th>at epoch</th><th>test_acc</th><th>seconds</th><th>model</th></tr>

            """);
        foreach (var r in Runs)
            html.Append(string.Create(CultureInfo.InvariantCulture,
                $"<tr><td>{r.Name}</td><td class=\"n\">{r.BestValAcc:F4}</td><td class=\"n\">{r.BestEpoch} of {r.Epochs}</td><td class=\"n\">{r.TestAcc:F4}</td><td class=\"n\">{r.Seconds:F1}</td><td>{Link(r.ModelFile)}</td></tr>\n"));
        html.Append(string.Create(CultureInfo.InvariantCulture, $"</table>\n<p>Total {Seconds:F1} s. Also as {Link(JsonFile)}"));
        // Linked only when written: the page must reference nothing that is not there.
        if (File.Exists(files.Onnx)) html.Append($"; the augmented model for other runtimes: {Link(files.Onnx)}");
        html.Append(".</p>\n<h2>Training curves</h2>\n");
        html.Append($"<p>Dots: training; lines: validation.</p>\n<p><img src=\"{Name(files.Accuracy)}\" alt=\"Training and validation accuracy\"></p>\n");
        html.Append($"<p><img src=\"{Name(files.Loss)}\" alt=\"Training and validation loss\"></p>\n");
        html.Append($"<h2>Augmented samples</h2>\n<p>One training image and random augmentations of it, as the training generator draws them.</p>\n");
        html.Append($"<p><img src=\"{Name(files.Augmented)}\" alt=\"A training image and its augmented versions\"></p>\n");
        html.Append("<h2>Settings</h2>\n<table>\n");
        foreach (var (key, value) in Settings()) html.Append($"<tr><th>{Encode(key)}</th><td><code>{Encode(value)}</code></td></tr>\n");
        html.Append("</table>\n</body></html>\n");
        File.WriteAllText(path, html.ToString());
    }

    IEnumerable<(string, string)> Settings()
    {
        yield return ("recipe", Recipe.Name);
        yield return ("data", Data);
        yield return ("image size", $"{Recipe.Size}×{Recipe.Size}×3");
        bool layers = Runs.Any(r => r.Name == "layers");
        yield return ("model", $"Conv2D/MaxPooling2D blocks, Flatten, Dropout(0.5) ({(layers ? "augmented and layers runs" : "augmented run only")}), Dense(512, relu), Dense(1, sigmoid)");
        yield return ("compile", string.Create(CultureInfo.InvariantCulture, $"loss='binary_crossentropy', optimizer=RMSprop(learning_rate={Recipe.LearningRate}), metrics=['acc']"));
        yield return ("training generator (augmented)", Recipe.KerasCall());
        yield return ($"training generator (baseline{(layers ? ", layers" : "")}), validation, test", "ImageDataGenerator(rescale=1./255)");
        if (layers) yield return ("augmentation layers (layers run, at the front of the model)", QuickstartRecipe.AugmentationLayersKeras);
        yield return ("batch size", Recipe.BatchSize.ToString(CultureInfo.InvariantCulture));
        yield return ("epochs", Runs.Count > 0 ? Runs[0].Epochs.ToString(CultureInfo.InvariantCulture) : Recipe.Epochs.ToString(CultureInfo.InvariantCulture));
        yield return ("checkpoint", "ModelCheckpoint(monitor='val_acc', save_best_only=True)");
        yield return ("seed", Seed.ToString(CultureInfo.InvariantCulture));
    }

    static string Name(string path) => Uri.EscapeDataString(Path.GetFileName(path));
    static string Link(string path) => $"<a href=\"{Name(path)}\">{Encode(Path.GetFileName(path))}</a>";
    static string Encode(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>The artefacts a quickstart writes into its folder (full paths).</summary>
internal sealed record QuickstartFiles(string Directory)
{
    public string Augmented => Path.Combine(Directory, "augmented.png");
    public string Accuracy => Path.Combine(Directory, "accuracy.png");
    public string Loss => Path.Combine(Directory, "loss.png");
    /// <summary>The book's names: _1 for the first (no augmentation, no dropout) model, _2 for the augmented one (Listing 5.16).</summary>
    public string AugmentedModel => Path.Combine(Directory, "cats_and_dogs_small_2.h5");
    public string BaselineModel => Path.Combine(Directory, "cats_and_dogs_small_1.h5");
    /// <summary>The second edition's route (augmentation layers in the model), with --layers.</summary>
    public string LayersModel => Path.Combine(Directory, "cats_and_dogs_small_layers.h5");
    public string Onnx => Path.ChangeExtension(AugmentedModel, ".onnx");
    public string Json => Path.Combine(Directory, QuickstartReport.JsonFile);
    public string Html => Path.Combine(Directory, QuickstartReport.HtmlFile);
}
