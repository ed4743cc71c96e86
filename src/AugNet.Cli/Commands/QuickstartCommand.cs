using System.CommandLine;
using System.Diagnostics;
using AugNet.Augmentation;
using AugNet.Data.Datasets;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.Persistence;
using AugNet.Plotting;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>augnet quickstart [--dir DIR]</c>: Deep Learning with Python §5.2 in one command. Fetches the cats-vs-dogs
/// sample, shows augmented samples, trains the convnet with augmentation and dropout and (unless --no-baseline)
/// without either, keeps each run's best-validation model, plots both runs' curves, evaluates on the test images
/// and writes results.json and report.html. Everything lands in DIR.
/// </summary>
internal static class QuickstartCommand
{
    const int AugmentedSamples = 7, GridColumns = 4;

    public static Command Create()
    {
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Folder to work in: the data, models, figures and report go there (default: the current folder). Example: --dir cvd" };
        var seed = new Option<uint>("--seed") { Description = "Seed for the weights, the shuffling and the augmentation, e.g. 2", DefaultValueFactory = _ => 1 };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Skip the second run (no augmentation, no dropout); about halves the time" };
        var book = new Option<bool>("--book") { Description = "The book's exact settings instead: 150×150, rotation 40, shifts/shear/zoom 0.2, RMSprop 1e-4, 100 epochs of 100 steps (about an hour or more)" };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs per run instead of the recipe's (100), e.g. 10 for a first look" };
        var layers = new Option<bool>("--layers") { Description = "Also train the second edition's way: the generator only rescales and the model starts with RandomFlip(\"horizontal\"), RandomRotation(0.1), RandomZoom(0.2) (cats_and_dogs_small_layers.h5)" };
        var steps = new Option<int?>("--steps") { Description = "Batches per epoch instead of one pass over the training images, e.g. 5 for a smoke test" };
        // For tests and offline use: a folder already in the book's layout, used as is instead of fetching.
        var data = new Option<DirectoryInfo?>("--data") { Description = "Use this folder with train/, validation/ and test/ of cats/ and dogs/ instead of fetching", Hidden = true };
        var command = new Command("quickstart", "The book's cats-vs-dogs chapter in one command: fetch the sample (npm), write augmented.png, train with "
            + "augmentation + dropout and a baseline without, keep the best-validation models (cats_and_dogs_small_2.h5 and .onnx, "
            + "cats_and_dogs_small_1.h5), write accuracy.png, loss.png, results.json and report.html. About 2-5 minutes on 2 cores.\n"
            + "Example: mkdir cvd && cd cvd && augnet quickstart")
            { dir, seed, noBaseline, layers, book, epochs, steps, data };

        command.SetAction(result =>
        {
            var clock = Stopwatch.StartNew();
            string folder = result.GetValue(dir)?.FullName ?? Directory.GetCurrentDirectory();
            int? epochCount = result.GetValue(epochs), stepCount = result.GetValue(steps);
            if (epochCount is < 1) throw new ArgumentException($"--epochs must be at least 1, got {epochCount}.");
            if (stepCount is < 1) throw new ArgumentException($"--steps must be at least 1, got {stepCount}.");
            Directory.CreateDirectory(folder);
            var recipe = result.GetValue(book) ? QuickstartRecipe.Book : QuickstartRecipe.Small;
            uint s = result.GetValue(seed);
            var files = new QuickstartFiles(folder);

            // 1. The data: the book's cats_and_dogs_small folder, fetched once.
            string dataDir = result.GetValue(data)?.FullName ?? CatsVsDogs.Fetch(Path.Combine(folder, "cats_and_dogs_small"), Console.Out).Directory;
            Console.WriteLine($"recipe: {recipe.Name}; training generator {recipe.KerasCall()}");

            // 2. The book's figure of augmented samples.
            WriteAugmentedSamples(files.Augmented, dataDir, recipe, s);
            Console.WriteLine($"wrote {files.Augmented}");

            // 3-4. The two runs.
            using var interrupt = new InterruptHandler();
            var runs = new List<QuickstartResult>();
            foreach (var (name, kind, model) in Runs(result.GetValue(noBaseline), result.GetValue(layers), files))
            {
                Console.WriteLine();
                Console.WriteLine(kind switch
                {
                    QuickstartRunKind.Augmented => "== augmented: augmentation + Dropout(0.5) ==",
                    QuickstartRunKind.Baseline => "== baseline: no augmentation, no dropout ==",
                    _ => $"== layers: {QuickstartRecipe.AugmentationLayersKeras} in the model + Dropout(0.5) ==",
                });
                var run = QuickstartRun.Train(name, kind, recipe, dataDir, model, s, epochCount, stepCount, interrupt.Token);
                if (run is null)
                {
                    Console.WriteLine($"interrupted during the {name} run; the files written so far are in {folder}.");
                    return ExitCodes.Interrupted;
                }
                runs.Add(run);
            }

            // 5. The kept model for other runtimes.
            Sequential.Load(files.AugmentedModel).ExportOnnx(files.Onnx);

            // 6-7. Figures, table, results.json, report.html.
            TrainingCurves.Save([.. runs.Select(r => (r.Name, r.History))], folder + Path.DirectorySeparatorChar);
            var report = new QuickstartReport(recipe, s, dataDir, runs, clock.Elapsed.TotalSeconds);
            Console.WriteLine();
            report.PrintTable(Console.Out);
            report.WriteJson(files.Json);
            report.WriteHtml(files.Html, files);
            Console.WriteLine($"models: {string.Join(", ", runs.Select(r => r.ModelFile))}, {files.Onnx}");
            Console.WriteLine($"figures: {files.Accuracy}, {files.Loss}, {files.Augmented}");
            Console.WriteLine($"report: {files.Html} (results: {files.Json})");
            return 0;
        });
        return command;
    }

    static IEnumerable<(string Name, QuickstartRunKind Kind, string Model)> Runs(bool noBaseline, bool layers, QuickstartFiles files)
    {
        yield return ("augmented", QuickstartRunKind.Augmented, files.AugmentedModel);
        if (!noBaseline) yield return ("baseline", QuickstartRunKind.Baseline, files.BaselineModel);
        if (layers) yield return ("layers", QuickstartRunKind.Layers, files.LayersModel);
    }

    /// <summary>
    /// The first training cat (the book shows one of its first cats) at the model's input size, then augmented
    /// versions drawn by the training generator's own transform, enlarged to about 128 pixels a tile.
    /// </summary>
    static void WriteAugmentedSamples(string path, string dataDir, QuickstartRecipe recipe, uint seed)
    {
        string cats = Path.Combine(dataDir, "train", "cats");
        string image = (Directory.Exists(cats) ? Directory.EnumerateFiles(cats).Order(StringComparer.Ordinal).FirstOrDefault() : null)
            ?? throw new InvalidOperationException($"No training image in {cats}.");
        var original = ImageLoader.LoadImage(image, ColorMode.Rgb, (recipe.Size, recipe.Size), Interpolation.Nearest);
        var generator = new ImageDataGenerator(recipe.TrainingOptions());
        var rng = new NumpyRandom(seed);
        var tiles = new List<Tensor> { original };
        var captions = new List<string> { "original" };
        for (int i = 1; i <= AugmentedSamples; i++)
        {
            tiles.Add(generator.RandomTransform(original, rng));
            captions.Add($"augmented {i}");
        }
        LabelledImageGrid.Save(path, tiles, captions, GridColumns, zoom: Math.Max(1, 128 / recipe.Size));
    }
}
