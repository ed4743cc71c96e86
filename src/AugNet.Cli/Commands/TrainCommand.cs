using System.CommandLine;
using AugNet.Augmentation;
using AugNet.Data;
using AugNet.NN;
using AugNet.NN.Callbacks;
using AugNet.NN.Training;
using AugNet.Persistence;
using AugNet.Plotting;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>augnet train DATA_DIR [generator options] ...</c>: the book's §5.2 run. Trains the small convnet with dropout from
/// <c>DATA_DIR/train</c> through <c>FlowFromDirectory</c> with the given augmentation, validates on
/// <c>DATA_DIR/validation</c> with rescaling only, then writes the weights, a CSV log and the accuracy/loss curves.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Argument<DirectoryInfo>("data") { Description = "Folder with train/ and validation/ class folders (e.g. from 'augnet datasets fetch cats-vs-dogs')" };
        var size = new Option<int>("--size") { Description = "Images are resized to SIZE×SIZE (the book uses 150)", DefaultValueFactory = _ => 150 };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 30 };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 32 };
        var steps = new Option<int?>("--steps-per-epoch") { Description = "Default: one pass over train/" };
        var validationSteps = new Option<int?>("--validation-steps") { Description = "Default: one pass over validation/" };
        var learningRate = new Option<double>("--learning-rate") { DefaultValueFactory = _ => 1e-4 };
        var seed = new Option<uint>("--seed") { DefaultValueFactory = _ => 1 };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Where the weights, log and plots go", DefaultValueFactory = _ => new DirectoryInfo("runs/latest") };
        var command = new Command("train", "Train the book's convnet with augmentation from class folders, then plot the curves")
            { data, size, epochs, batch, steps, validationSteps, learningRate, seed, outDir };
        var generatorOptions = new GeneratorOptionsBinding(command);

        command.SetAction(result =>
        {
            string root = result.GetValue(data)!.FullName;
            string trainDir = Path.Combine(root, "train"), validationDir = Path.Combine(root, "validation");
            foreach (var d in new[] { trainDir, validationDir })
                if (!Directory.Exists(d)) throw new DirectoryNotFoundException($"{d} does not exist; 'augnet datasets fetch cats-vs-dogs --dir {root}' writes it.");
            int side = result.GetValue(size);
            if (side < 8) throw new ArgumentException($"--size must be at least 8, got {side}.");
            int batchSize = result.GetValue(batch);
            if (batchSize < 1) throw new ArgumentException($"--batch-size must be positive, got {batchSize}.");
            uint s = result.GetValue(seed);
            var augmentation = generatorOptions.Build(result);
            if (augmentation.Rescale is null) augmentation = augmentation with { Rescale = 1.0 / 255 };
            var validationOptions = new ImageDataGeneratorOptions { Rescale = augmentation.Rescale };

            using var train = new ImageDataGenerator(augmentation).FlowFromDirectory(trainDir, (side, side), classMode: ClassMode.Binary, batchSize: batchSize, seed: s);
            using var validation = new ImageDataGenerator(validationOptions).FlowFromDirectory(validationDir, (side, side), classMode: ClassMode.Binary, batchSize: batchSize, shuffle: false);
            if (train.ClassIndices.Count != 2) throw new ArgumentException($"{trainDir} must hold exactly two class folders for this binary model; found {train.ClassIndices.Count}.");

            var model = ModelZoo.BookConvnet(side, 3, s, learningRate: result.GetValue(learningRate));
            model.Summary(Console.Out);
            string output = result.GetValue(outDir)!.FullName;
            Directory.CreateDirectory(output);
            var history = model.Fit(train, new FitOptions
            {
                Epochs = result.GetValue(epochs),
                StepsPerEpoch = result.GetValue(steps),
                ValidationData = validation,
                ValidationSteps = result.GetValue(validationSteps),
                Callbacks = [new CSVLogger(Path.Combine(output, "log.csv"))],
            });
            string weights = Path.Combine(output, "model.h5");
            model.Save(weights);
            var plots = TrainingCurves.Save(history, Path.Combine(output, "curves_"));
            Console.WriteLine($"weights: {weights}");
            foreach (var p in plots) Console.WriteLine($"plot: {p}");
            if (history.StopReason is not null) Console.WriteLine($"stopped early: {history.StopReason}");
            return 0;
        });
        return command;
    }
}
