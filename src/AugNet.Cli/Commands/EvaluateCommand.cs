using System.CommandLine;
using System.Globalization;
using AugNet.Data;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>augnet evaluate MODEL DATA_DIR</c>: the book's <c>evaluate_generator</c> on the test set — loss and metrics
/// over every image of a folder of class folders, loaded as the model's preprocessing says. The class folders
/// must be the model's classes, because a different set or order would score the wrong labels without any error.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "A compiled model file (.h5 or .keras), e.g. RUN_DIR/model.h5 from 'augnet train'" };
        var data = new Argument<DirectoryInfo>("data") { Description = "Folder with one sub-folder of images per class, named as the model's classes" };
        var batch = new Option<int>("--batch-size") { Description = "Images per evaluation step (memory, not results), e.g. --batch-size 64", DefaultValueFactory = _ => 32 };
        var command = new Command("evaluate", "Loss and accuracy of a trained model on a folder of class folders (e.g. the book's test set).\n"
            + "Example: augnet evaluate runs/cvd/model.h5 data/cats-vs-dogs/test   →   loss 0.5321  acc 0.7450  (n=1000)")
            { model, data, batch };

        command.SetAction(result =>
        {
            string modelPath = result.GetValue(model)!.FullName, dir = result.GetValue(data)!.FullName;
            int batchSize = result.GetValue(batch);
            if (batchSize < 1) throw new ArgumentException($"--batch-size must be positive, got {batchSize}.");
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir} does not exist.");
            var input = ModelInput.ForImages(modelPath);
            if (input.Model.Loss is null)
                throw new InvalidOperationException($"{modelPath} is not compiled (the file has no training config), so it has no loss to evaluate.");
            string[] folders = [.. Directory.GetDirectories(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
            // A model without stored class names (a Keras file) can only be trusted with the sorted folders, as FlowFromDirectory would order them.
            var classes = input.Assumed && folders.Length == input.Preprocessing.ClassNames.Count ? folders : input.Preprocessing.ClassNames;
            if (!folders.Order(StringComparer.Ordinal).SequenceEqual(classes.Order(StringComparer.Ordinal)))
                throw new ArgumentException($"{dir} has class folders ({string.Join(", ", folders)}) but {modelPath} was trained on ({string.Join(", ", classes)}); they must be the same.");

            var generator = input.Generator();
            using var iterator = generator.FlowFromDirectory(dir, (input.Height, input.Width), input.ColorMode, classes, input.ClassMode,
                batchSize, shuffle: false, interpolation: input.Interpolation,
                // "Found N images" on stderr: stdout is the one result line scripts read. One pass, so no image cache.
                pipeline: new PipelineOptions { Log = Console.Error, ImageCacheBytes = 0 }, jpegDraft: input.Preprocessing.JpegDraft);
            if (iterator.Samples == 0) throw new InvalidOperationException($"No images found in the class folders of {dir}.");
            var logs = input.Model.Evaluate(iterator);
            Console.WriteLine(string.Join("  ", logs.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:F4}")))
                + $"  (n={iterator.Samples})");
            return 0;
        });
        return command;
    }
}
