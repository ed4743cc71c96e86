using System.CommandLine;
using System.Globalization;
using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.NN.Callbacks;
using AugNet.NN.Training;
using AugNet.Persistence;
using AugNet.Plotting;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>augnet train DATA_DIR [generator options] ...</c>: the book's §5.2 run, for any number of classes. Trains the
/// small convnet with dropout through <c>FlowFromDirectory</c> with the given augmentation and validates with
/// rescaling only, either on the book's <c>DATA_DIR/train</c> + <c>DATA_DIR/validation</c> or on class folders held
/// directly in DATA_DIR, split with Keras's <c>validation_split</c> subsets. Writes the model (with how its images
/// were prepared, so predict and evaluate can repeat it), the best-validation checkpoint, a CSV log and the curves.
/// </summary>
internal static class TrainCommand
{
    /// <summary>The book's file name for the augmented cats-vs-dogs model (Listing 5.16), written too when the classes are exactly those.</summary>
    const string BookFileName = "cats_and_dogs_small_2.h5";

    public static Command Create()
    {
        var data = new Argument<DirectoryInfo?>("data")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "Folder with train/ and validation/ class folders (the book's layout, e.g. from 'augnet datasets fetch cats-vs-dogs'), "
                + "or with class folders directly (then give --validation-split)",
        };
        var size = new Option<int>("--size") { Description = "Images are resized to SIZE×SIZE (the book uses 150)", DefaultValueFactory = _ => 150 };
        var colorMode = new Option<string>("--color-mode") { Description = "How images are loaded: rgb, grayscale or rgba", DefaultValueFactory = _ => "rgb" };
        colorMode.AcceptOnlyFromAmong("rgb", "grayscale", "rgba");
        var interpolation = new Option<string>("--interpolation") { Description = "Resize filter: nearest (Keras's default), bilinear, bicubic, hamming, box, lanczos", DefaultValueFactory = _ => "nearest" };
        interpolation.AcceptOnlyFromAmong("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos");
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 30 };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 32 };
        var steps = new Option<int?>("--steps-per-epoch") { Description = "Default: one pass over the training images" };
        var validationSteps = new Option<int?>("--validation-steps") { Description = "Default: one pass over the validation images" };
        var learningRate = new Option<double>("--learning-rate") { DefaultValueFactory = _ => 1e-4 };
        var seed = new Option<uint>("--seed") { Description = "Seed for the weights, the shuffling and the augmentation", DefaultValueFactory = _ => 1 };
        var monitor = new Option<string>("--monitor") { Description = "What best.h5 keeps the best of: val_loss (lowest) or val_acc (highest)", DefaultValueFactory = _ => "val_loss" };
        monitor.AcceptOnlyFromAmong("val_loss", "val_acc");
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Where the model, checkpoint, log and plots go", DefaultValueFactory = _ => new DirectoryInfo("runs/latest") };
        var resume = new Option<DirectoryInfo?>("--resume")
        {
            Description = "Continue the run in RUN_DIR from its last.h5 (written every epoch and on Ctrl-C) with the same data and settings, "
                + "exactly as if it had not stopped; --epochs N may raise the total. Example: augnet train --resume runs/cvd --epochs 60",
        };
        var command = new Command("train", "Train the book's convnet with augmentation on class folders (2 classes: sigmoid head; more: softmax), "
            + "then write RUN_DIR/model.h5, RUN_DIR/best.h5 (best validation epoch), log.csv and the accuracy/loss curves.\n"
            + "Examples: augnet train data/cats-vs-dogs --size 32 --epochs 3 --out runs/cvd\n"
            + "          augnet train my_classes --validation-split 0.2 --color-mode grayscale --size 28 --out runs/mine\n"
            + "Ctrl-C finishes the current batch, writes RUN_DIR/last.h5 and exits 130; 'augnet train --resume RUN_DIR' continues.")
            { data, size, colorMode, interpolation, epochs, batch, steps, validationSteps, learningRate, seed, monitor, outDir, resume };
        var generatorOptions = new GeneratorOptionsBinding(command);

        command.SetAction(result =>
        {
            ValidateNumbers(result);
            if (result.GetValue(resume) is not { } resumeDir)
            {
                if (result.GetValue(data) is null) throw new ArgumentException("train needs a DATA folder (or --resume RUN_DIR).");
                var run = new RunFolder(result.GetValue(outDir)!.FullName);
                Directory.CreateDirectory(run.Path);
                run.SaveArguments(ArgumentsOf(result, data, outDir));
                return Train(result, run, null);
            }
            if (result.GetValue(data) is not null) throw new ArgumentException("--resume takes the data folder and settings from the run folder; give only --resume RUN_DIR (and optionally --epochs).");
            var folder = new RunFolder(resumeDir.FullName);
            var saved = folder.LoadArguments().ToList();
            if (result.GetResult(epochs) is { Implicit: false })
            {
                int at = saved.IndexOf("--epochs");
                if (at >= 0) saved.RemoveRange(at, 2);
                saved.AddRange(["--epochs", result.GetValue(epochs).ToString(CultureInfo.InvariantCulture)]);
            }
            var original = command.Parse(saved);
            if (original.Errors.Count > 0) throw new InvalidDataException($"{folder.Settings}: the saved arguments no longer parse: {original.Errors[0].Message}");
            folder.SaveArguments(saved);
            return Train(original, folder, folder.LoadLast());
        });
        return command;

        // Every option that needs no files is checked before anything is listed, built or written.
        void ValidateNumbers(ParseResult result)
        {
            int side = result.GetValue(size);
            if (side < 8) throw new ArgumentException($"--size must be at least 8, got {side}.");
            if (result.GetValue(batch) is var b && b < 1) throw new ArgumentException($"--batch-size must be positive, got {b}.");
            if (result.GetValue(epochs) is var e && e < 0) throw new ArgumentException($"--epochs must be 0 or more, got {e}.");
            if (result.GetValue(steps) is int st && st < 1) throw new ArgumentException($"--steps-per-epoch must be positive, got {st}.");
            if (result.GetValue(validationSteps) is int vs && vs < 1) throw new ArgumentException($"--validation-steps must be positive, got {vs}.");
            if (result.GetValue(learningRate) is var lr && !(lr > 0 && double.IsFinite(lr)))
                throw new ArgumentException($"--learning-rate must be a positive number, got {lr.ToString(CultureInfo.InvariantCulture)}.");
            generatorOptions.Build(result); // the augmentation options' own checks
        }

        int Train(ParseResult result, RunFolder run, (Sequential Model, TrainingState State)? resumed)
        {
            ValidateNumbers(result);
            int side = result.GetValue(size);
            int batchSize = result.GetValue(batch);
            uint s = result.GetValue(seed);
            var augmentation = generatorOptions.Build(result);
            if (augmentation.Rescale is null) augmentation = augmentation with { Rescale = 1.0 / 255 };
            var color = ImageLoader.ParseColorMode(result.GetValue(colorMode)!);
            var resize = ImageLoader.ParseInterpolation(result.GetValue(interpolation)!);
            var split = TrainingFolders.Resolve(result.GetValue(data)!.FullName, generatorOptions.ToKerasDictionary(result).ContainsKey("validation_split"));

            int classCount = split.ClassCount;
            var classMode = classCount == 2 ? ClassMode.Binary : ClassMode.Categorical;
            var validationOptions = new ImageDataGeneratorOptions { Rescale = augmentation.Rescale, ValidationSplit = augmentation.ValidationSplit };
            using var train = new ImageDataGenerator(augmentation).FlowFromDirectory(split.TrainDir, (side, side), color, classMode: classMode,
                batchSize: batchSize, seed: s, subset: split.Subsets ? Subset.Training : null, interpolation: resize);
            string[] classNames = [.. train.ClassIndices.OrderBy(kv => kv.Value).Select(kv => kv.Key)];
            using var validation = new ImageDataGenerator(validationOptions).FlowFromDirectory(split.ValidationDir, (side, side), color, classNames,
                classMode, batchSize, shuffle: false, seed: s, subset: split.Subsets ? Subset.Validation : null, interpolation: resize);
            if (train.Samples == 0) throw new InvalidOperationException($"No training images found in {split.TrainDir}.");
            if (validation.Samples == 0)
                throw new InvalidOperationException($"No validation images found in {split.ValidationDir}{(split.Subsets ? " for this --validation-split" : "")}; best.h5 needs a validation loss.");

            // Keras stops with "Your input ran out of data" when steps_per_epoch asks for more batches than the data holds;
            // refuse up front instead of training on repeated batches.
            if (result.GetValue(steps) is int asked && asked > train.Count)
                throw new ArgumentException($"--steps-per-epoch {asked} is more than the {train.Count} batches of the training data " +
                    $"({train.Samples} images, batch size {batchSize}); Keras would run out of data. Use at most {train.Count}.");
            if (result.GetValue(validationSteps) is int askedV && askedV > validation.Count)
                throw new ArgumentException($"--validation-steps {askedV} is more than the {validation.Count} batches of the validation data " +
                    $"({validation.Samples} images, batch size {batchSize}). Use at most {validation.Count}.");

            int channels = color switch { ColorMode.Grayscale => 1, ColorMode.Rgba => 4, _ => 3 };
            var model = resumed?.Model ?? ModelZoo.BookConvnet(side, channels, s, learningRate: result.GetValue(learningRate), classes: classCount);
            // Saved in model.h5 and best.h5, so predict/evaluate prepare new images exactly like these.
            model.Preprocessing = new InputPreprocessing(color.ToString().ToLowerInvariant(), resize.Name(), augmentation.Rescale, classNames, classMode.ToKeras());
            model.Summary(Console.Out);

            string output = run.Path;
            string monitored = result.GetValue(monitor)!, best = Path.Combine(output, "best.h5"), log = Path.Combine(output, "log.csv");
            // A best.h5 from an earlier run in the same folder would be mistaken for this one's (a resumed run keeps its own).
            if (resumed is null && File.Exists(best)) File.Delete(best);
            var checkpoint = new ModelCheckpoint(best, monitored, saveBestOnly: true);
            var state = resumed?.State;
            if (state is not null) Console.WriteLine($"resuming {run.Path} at epoch {state.Epoch + 1}, batch {state.Step} of {state.StepsPerEpoch}");
            using var interrupt = new InterruptHandler();
            var history = model.Fit(train, new FitOptions
            {
                Epochs = result.GetValue(epochs),
                InitialEpoch = state?.Epoch ?? 0,
                ResumeFrom = state,
                StepsPerEpoch = result.GetValue(steps),
                ValidationData = validation,
                ValidationSteps = result.GetValue(validationSteps),
                // The callbacks' order is part of the resume state (matched by type, in order): keep it fixed.
                Callbacks = [new CSVLogger(log, append: state is not null), checkpoint, new ModelCheckpoint(run.Last)],
                CancellationToken = interrupt.Token,
            });
            if (interrupt.Token.IsCancellationRequested && model.LastTrainingState is { } stopped)
            {
                ModelFile.SaveCheckpoint(model, run.Last, stopped);
                Console.WriteLine($"interrupted: {history.StopReason}; saved {run.Last}. Continue with: augnet train --resume {run.Path}");
                return ExitCodes.Interrupted;
            }
            if (state is not null) history = CSVLogger.Read(log);

            string modelPath = Path.Combine(output, "model.h5");
            model.Save(modelPath);
            Console.WriteLine($"model: {modelPath}");
            if (classNames.SequenceEqual(["cats", "dogs"]))
            {
                string bookPath = Path.Combine(output, BookFileName);
                model.Save(bookPath);
                Console.WriteLine($"model (the book's name): {bookPath}");
            }
            Console.WriteLine(File.Exists(best) ? $"best: {best} ({BestEpoch(history, monitored)})" : $"best: not written ({monitored} never improved)");
            Console.WriteLine($"log: {log}");
            foreach (var p in TrainingCurves.Save(history, Path.Combine(output, "curves_"))) Console.WriteLine($"plot: {p}");
            if (history.StopReason is not null) Console.WriteLine($"stopped early: {history.StopReason}");
            return 0;
        }
    }

    /// <summary>
    /// The run's own arguments (without the command name), as run.json keeps them for --resume; the data and output
    /// folders as full paths, so a resume from another working directory finds them.
    /// </summary>
    static List<string> ArgumentsOf(ParseResult result, Argument<DirectoryInfo?> data, Option<DirectoryInfo> outDir)
    {
        var folders = new Dictionary<System.CommandLine.Parsing.Token, string>(ReferenceEqualityComparer.Instance);
        foreach (var t in result.GetResult(data)?.Tokens ?? []) folders[t] = result.GetValue(data)!.FullName;
        foreach (var t in result.GetResult(outDir)?.Tokens ?? []) folders[t] = result.GetValue(outDir)!.FullName;
        var args = result.Tokens.Where(t => t.Type != System.CommandLine.Parsing.TokenType.Command).Select(t => folders.GetValueOrDefault(t, t.Value)).ToList();
        // The default --out is not among the tokens; a resume must still land in the same folder.
        if (result.GetResult(outDir) is null or { Implicit: true }) args.AddRange(["--out", result.GetValue(outDir)!.FullName]);
        return args;
    }

    /// <summary>"epoch 2 of 3, val_loss 0.6512": which epoch the checkpoint kept, the same rule ModelCheckpoint applied (first best wins).</summary>
    static string BestEpoch(History history, string monitored)
    {
        var values = history[monitored];
        bool max = monitored.EndsWith("acc", StringComparison.Ordinal);
        int at = -1;
        for (int i = 0; i < values.Count; i++)
            if (!double.IsNaN(values[i]) && (at < 0 || (max ? values[i] > values[at] : values[i] < values[at]))) at = i;
        return at < 0 ? monitored : string.Create(CultureInfo.InvariantCulture, $"epoch {history.Epochs[at] + 1} of {history.Epochs.Count}, {monitored} {values[at]:F4}");
    }
}
