using System.CommandLine;
using System.Globalization;
using AugNet.Data;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.NN.Callbacks;
using AugNet.NN.Training;
using AugNet.Persistence;
using AugNet.Plotting;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>augnet train DATA_DIR|--csv FILE [options] [generator options]</c>: the book's §5.2 run, for any number of
/// classes. Trains a convnet (<see cref="TrainModelChoice"/>) with the given augmentation and validates with the
/// preparation steps only (<see cref="TrainGenerators"/>), on images from a folder or a CSV (<see cref="TrainData"/>),
/// every option checked first (<see cref="TrainOptions"/>). Writes the model (with how its images were prepared, so
/// predict and evaluate can repeat it), the best-validation checkpoint, a CSV log and the curves.
/// </summary>
internal static class TrainCommand
{
    /// <summary>The book's file name for the augmented cats-vs-dogs model (Listing 5.16), written too when the classes are exactly those.</summary>
    const string BookFileName = "cats_and_dogs_small_2.h5";

    public static Command Create()
    {
        var command = new Command("train", "Train a convnet with augmentation on your images (two classes: sigmoid head; more: softmax), "
            + "then write RUN_DIR/model.h5 (with its class names, image size, colour mode and rescale, for predict and evaluate), "
            + "RUN_DIR/best.h5 (best validation epoch), log.csv and the accuracy/loss curves.\n"
            + "Examples: augnet train data/cats-vs-dogs --size 32 --epochs 3 --out runs/cvd\n"
            + "          augnet train my_classes --validation-split 0.2 --color-mode grayscale --size 28 --out runs/mine\n"
            + "          augnet train --csv labels.csv --x-col file --y-col label --directory images --validation-split 0.2 --size 32 --out runs/csv\n"
            + "Ctrl-C finishes the current batch, writes RUN_DIR/last.h5 and exits 130; 'augnet train --resume RUN_DIR' continues.");
        var options = new TrainOptions(command);

        command.SetAction(result =>
        {
            if (result.GetValue(options.Resume) is not { } resumeDir)
            {
                var settings = options.Read(result);
                var run = new RunFolder(result.GetValue(options.Out)!.FullName);
                Directory.CreateDirectory(run.Path);
                run.SaveArguments(ArgumentsOf(result, options));
                return Train(settings, run, null);
            }
            if (result.GetValue(options.Data) is not null || result.GetValue(options.Csv) is not null)
                throw new UsageException("--resume takes the data and settings from the run folder; give only --resume RUN_DIR (and optionally --epochs).");
            var folder = new RunFolder(resumeDir.FullName);
            var saved = folder.LoadArguments().ToList();
            if (result.GetResult(options.Epochs) is { Implicit: false })
            {
                int at = saved.IndexOf("--epochs");
                if (at >= 0) saved.RemoveRange(at, 2);
                saved.AddRange(["--epochs", result.GetValue(options.Epochs).ToString(CultureInfo.InvariantCulture)]);
            }
            var original = command.Parse(saved);
            if (original.Errors.Count > 0) throw new InvalidDataException($"{folder.Settings}: the saved arguments no longer parse: {original.Errors[0].Message}");
            var resumed = options.Read(original);
            folder.SaveArguments(saved);
            return Train(resumed, folder, folder.LoadLast());
        });
        return command;
    }

    static int Train(TrainSettings settings, RunFolder run, (Sequential Model, TrainingState State)? resumed)
    {
        var generators = new TrainGenerators(settings.Augmentation, Console.Error);
        var load = settings.Loading;
        using var data = TrainData.Open(settings.Source, generators, load, settings.ClassMode, settings.ValidationSplitGiven);
        // Keras stops with "Your input ran out of data" when steps_per_epoch asks for more batches than the data holds;
        // refuse up front instead of training on repeated batches.
        if (settings.Steps is int asked && asked > data.Train.Count)
            throw new ArgumentException($"--steps-per-epoch {asked} is more than the {data.Train.Count} batches of the training data " +
                $"({data.Train.Samples} images, batch size {data.Train.BatchSize}); Keras would run out of data. Use at most {data.Train.Count}.");
        if (settings.ValidationSteps is int askedV && askedV > data.Validation.Count)
            throw new ArgumentException($"--validation-steps {askedV} is more than the {data.Validation.Count} batches of the validation data " +
                $"({data.Validation.Samples} images, batch size {data.Validation.BatchSize}). Use at most {data.Validation.Count}.");
        if (generators.NeedsFit)
        {
            generators.Fit(data.Train.FilePaths, load.Size, load.Color, load.Resize, load.JpegDraft, load.Seed, Console.Out);
            // The fitted mean and std are saved with the model (InputStandardization); a ZCA matrix is not, so say so rather
            // than let predict and evaluate silently feed unwhitened images.
            if (generators.Train.Options.ZcaWhitening)
                Console.Error.WriteLine("warning: model.h5 records the rescale and the featurewise mean/std but not the ZCA matrix; "
                    + "augnet predict and evaluate will not whiten, so their results differ from validation.");
        }

        var model = resumed?.Model ?? settings.Model.Create(load.Size.Height, settings.Channels, load.Seed, data.ClassMode, data.ClassNames.Length,
            TrainModelChoice.CreateOptimizer(settings.Optimizer, settings.LearningRate), settings.AugmentLayers is { } spec ? AugmentLayerSpec.Parse(spec, load.Seed) : null);
        // Saved in model.h5 and best.h5, so predict/evaluate prepare new images exactly like these.
        model.Preprocessing = new InputPreprocessing(load.Color.ToString().ToLowerInvariant(), load.Resize.Name(), generators.Train.Options.Rescale,
            data.ClassNames, data.ClassMode.ToKeras(), generators.Standardization(), load.JpegDraft);
        model.Summary(Console.Out);

        string output = run.Path, monitored = settings.Monitor, best = Path.Combine(output, "best.h5"), log = Path.Combine(output, "log.csv");
        // A best.h5 from an earlier run in the same folder would be mistaken for this one's (a resumed run keeps its own).
        if (resumed is null && File.Exists(best)) File.Delete(best);
        var state = resumed?.State;
        if (state is not null) Console.WriteLine($"resuming {run.Path} at epoch {state.Epoch + 1}, batch {state.Step} of {state.StepsPerEpoch}");
        // The callbacks' order is part of the resume state (matched by type, in order): keep it fixed, optional ones last.
        List<Callback> callbacks = [new CSVLogger(log, append: state is not null), new ModelCheckpoint(best, monitored, saveBestOnly: true), new ModelCheckpoint(run.Last)];
        if (settings.EarlyStopping is { } patience) callbacks.Add(new EarlyStopping(monitored, patience: patience));
        using var interrupt = new InterruptHandler();
        var history = model.Fit(data.Train, new FitOptions
        {
            Epochs = settings.Epochs,
            InitialEpoch = state?.Epoch ?? 0,
            ResumeFrom = state,
            StepsPerEpoch = settings.Steps,
            ValidationData = data.Validation,
            ValidationSteps = settings.ValidationSteps,
            Callbacks = callbacks,
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
        if (data.ClassNames.SequenceEqual(["cats", "dogs"]))
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

    /// <summary>
    /// The run's own arguments (without the command name), as run.json keeps them for --resume; the data, CSV, config,
    /// model and output paths as full paths, so a resume from another working directory finds them.
    /// </summary>
    static List<string> ArgumentsOf(ParseResult result, TrainOptions options)
    {
        var paths = new Dictionary<System.CommandLine.Parsing.Token, string>(ReferenceEqualityComparer.Instance);
        foreach (var (given, full) in options.Paths(result))
            foreach (var t in given?.Tokens ?? []) paths[t] = full;
        var args = result.Tokens.Where(t => t.Type != System.CommandLine.Parsing.TokenType.Command).Select(t => paths.GetValueOrDefault(t, t.Value)).ToList();
        // The default --out is not among the tokens; a resume must still land in the same folder.
        if (result.GetResult(options.Out) is null or { Implicit: true }) args.AddRange(["--out", result.GetValue(options.Out)!.FullName]);
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
