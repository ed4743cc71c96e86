using System.Globalization;
using System.Text;
using AugNet.Imaging;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>predict MODEL IMAGE|DIR...</c>: each image prepared as the model's <see cref="AugNet.NN.InputPreprocessing"/>
/// says, classified in batches, and reported as path, class name and the probability of that class.
/// </summary>
internal static class ImagePrediction
{
    public static int Run(string modelPath, IReadOnlyList<string> paths, string? csvPath, bool skipBad, int batchSize)
    {
        var input = ModelInput.ForImages(modelPath);
        var files = ImageFiles.Expand(paths);
        var names = input.Preprocessing.ClassNames;
        var rows = new List<(string Path, int Class, float[] Probabilities)>();
        for (int start = 0; start < files.Count; start += batchSize)
        {
            var (batchFiles, x) = LoadBatch(input, files.Skip(start).Take(batchSize), skipBad);
            if (batchFiles.Count == 0) continue;
            var y = input.Model.Predict(x, batchSize);
            for (int i = 0; i < batchFiles.Count; i++)
            {
                var probabilities = ClassProbabilities(y.Sample(i));
                if (probabilities.Length != names.Count)
                    throw new InvalidDataException($"{modelPath}: the model has {probabilities.Length} class outputs but names {names.Count} classes.");
                int c = input.Preprocessing.ClassIndex(y.Sample(i));
                rows.Add((batchFiles[i], c, probabilities));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{batchFiles[i]}\t{names[c]}\t{probabilities[c]:F4}"));
            }
        }
        if (csvPath is not null)
        {
            WriteCsv(csvPath, names, rows);
            Console.Error.WriteLine($"csv: {csvPath}");
        }
        return 0;
    }

    static (List<string>, Tensor) LoadBatch(ModelInput input, IEnumerable<string> files, bool skipBad)
    {
        var loaded = new List<string>();
        var images = new List<Tensor>();
        foreach (string file in files)
        {
            try { images.Add(input.LoadImage(file)); }
            catch (InvalidImageException e) when (skipBad)
            {
                Console.Error.WriteLine($"augnet: warning: skipped {e.Message}");
                continue;
            }
            loaded.Add(file);
        }
        if (images.Count == 0) return (loaded, new Tensor(0));
        int[] shape = images[0].Shape;
        var data = new float[images.Count * images[0].Length];
        for (int i = 0; i < images.Count; i++) images[i].Data.CopyTo(data, i * images[0].Length);
        return (loaded, new Tensor(data, [images.Count, .. shape]));
    }

    /// <summary>One probability per class: a single sigmoid output p is the two classes (1 − p, p).</summary>
    static float[] ClassProbabilities(ReadOnlySpan<float> output) => output.Length == 1 ? [1 - output[0], output[0]] : output.ToArray();

    static void WriteCsv(string path, IReadOnlyList<string> names, List<(string Path, int Class, float[] Probabilities)> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", new[] { "path", "class", "probability" }.Concat(names).Select(Quote)));
        foreach (var (file, c, p) in rows)
        {
            var fields = new List<string> { Quote(file), Quote(names[c]), Format(p[c]) };
            fields.AddRange(p.Select(Format));
            text.AppendLine(string.Join(",", fields));
        }
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        // Written beside and renamed, so an interrupted run never leaves a half table that looks complete.
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString(), new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }

    static string Format(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting, needed for paths with commas or quotes.</summary>
    static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
