using System.Diagnostics;
using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.NN.Training;
using AugNet.Persistence;

namespace AugNet.Cli.Commands;

/// <summary>What one quickstart run measured: the best validation epoch (1-based) and its model's test accuracy.</summary>
internal sealed record QuickstartResult(string Name, string ModelFile, History History, int BestEpoch, double BestValAcc,
    double TestAcc, double TestLoss, int Epochs, double Seconds);

/// <summary>
/// One training run of the quickstart: the book's convnet on train/, validated on validation/ with rescaling only,
/// the best-validation-accuracy epoch kept in <c>modelPath</c> by ModelCheckpoint(save_best_only), then that model
/// (not the last epoch's) evaluated on test/, as the book's readers evaluate the model they would keep.
/// </summary>
internal static class QuickstartRun
{
    static readonly string[] Classes = ["cats", "dogs"];

    /// <summary>
    /// Trains and evaluates one run of <paramref name="kind"/> (see <see cref="QuickstartRunKind"/>). <c>epochs</c> and
    /// <c>steps</c> override the recipe's. Returns null when <c>cancel</c> (Ctrl-C) stopped the training.
    /// </summary>
    public static QuickstartResult? Train(string name, QuickstartRunKind kind, QuickstartRecipe recipe, string data, string modelPath, uint seed,
        int? epochs, int? steps, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var size = (recipe.Size, recipe.Size);
        var trainOptions = kind == QuickstartRunKind.Augmented ? recipe.TrainingOptions() : QuickstartRecipe.RescaleOnly;
        using var train = new ImageDataGenerator(trainOptions).FlowFromDirectory(Path.Combine(data, "train"), size, ColorMode.Rgb, Classes,
            ClassMode.Binary, recipe.BatchSize, seed: seed);
        using var validation = Rescaled(Path.Combine(data, "validation"), size, recipe.BatchSize);
        if (train.Samples == 0 || validation.Samples == 0)
            throw new InvalidOperationException($"{data} needs images in train/cats, train/dogs, validation/cats and validation/dogs.");

        var model = ModelZoo.BookConvnet(recipe.Size, 3, seed, learningRate: recipe.LearningRate, dropout: kind == QuickstartRunKind.Baseline ? 0 : 0.5,
            front: kind == QuickstartRunKind.Layers ? QuickstartRecipe.AugmentationLayers(seed) : null);
        // Stored in the model file, so 'augnet predict' and 'augnet evaluate' prepare new images the same way.
        model.Preprocessing = new InputPreprocessing("rgb", Interpolation.Nearest.Name(), QuickstartRecipe.Rescale, Classes, ClassMode.Binary.ToKeras());
        if (File.Exists(modelPath)) File.Delete(modelPath); // an earlier quickstart's best must not pass for this one's
        var history = model.Fit(train, new FitOptions
        {
            Epochs = epochs ?? recipe.Epochs,
            StepsPerEpoch = steps ?? recipe.StepsPerEpoch,
            ValidationData = validation,
            ValidationSteps = steps is null ? recipe.ValidationSteps : null,
            Callbacks = [new ModelCheckpoint(modelPath, "val_acc", saveBestOnly: true)],
            CancellationToken = cancel,
        });
        if (cancel.IsCancellationRequested) return null;
        if (!File.Exists(modelPath)) throw new InvalidOperationException($"{name}: no epoch produced a validation accuracy, so {modelPath} was not written.");

        var (bestEpoch, bestValAcc) = Best(history, "val_acc");
        var best = Sequential.Load(modelPath);
        using var test = Rescaled(Path.Combine(data, "test"), size, recipe.BatchSize);
        if (test.Samples == 0) throw new InvalidOperationException($"{data}/test has no images in cats/ and dogs/.");
        var logs = best.Evaluate(test);
        return new QuickstartResult(name, modelPath, history, bestEpoch, bestValAcc, logs["acc"], logs["loss"], history.Epochs.Count, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Rescale-only, unshuffled batches of a split (validation and test), as the book's test_datagen gives them.</summary>
    static DirectoryIterator Rescaled(string directory, (int, int) size, int batchSize) =>
        new ImageDataGenerator(QuickstartRecipe.RescaleOnly).FlowFromDirectory(directory, size, ColorMode.Rgb, Classes, ClassMode.Binary, batchSize, shuffle: false);

    /// <summary>The epoch (1-based) ModelCheckpoint kept: the first with the highest value, since only a strictly better one replaces it.</summary>
    static (int Epoch, double Value) Best(History history, string key)
    {
        var values = history[key];
        int at = 0;
        for (int i = 1; i < values.Count; i++)
            if (values[i] > values[at]) at = i;
        return (history.Epochs[at] + 1, values[at]);
    }
}
