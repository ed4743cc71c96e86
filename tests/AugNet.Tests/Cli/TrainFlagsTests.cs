using AugNet.NN;
using AugNet.NN.Training;
using AugNet.Persistence;

namespace AugNet.Tests.Cli;

/// <summary>
/// <c>augnet train</c>'s data, model and training flags: a CSV (flow_from_dataframe), --class-mode sparse with adam on
/// grayscale images, --early-stopping, --config overridden by a flag, featurewise options fitted on a sample, a Keras
/// model config. Each run is one epoch at 16 pixels on the fixture's 18 images.
/// </summary>
[Collection("Cli")]
public class TrainFlagsTests(CliFixture f)
{
    static readonly string[] Quick = ["--size", "16", "--epochs", "1", "--seed", "3"];

    string Run(string name) => Path.Combine(f.Root, name);

    [Fact]
    public void ACsvOfFilesAndLabelsTrainsWithValidationSubsets()
    {
        // Rows interleave the classes, so the first 30% (Keras's validation subset) holds every class.
        string csv = Run("labels.csv");
        var rows = Enumerable.Range(0, CliFixture.PerClass).SelectMany(i => CliFixture.Colours.Select(c => $"{c}/{c}.{i}.png,{c}"));
        File.WriteAllLines(csv, ["file,label", .. rows]);
        string run = Run("run-csv");
        var r = CliRunner.Run(["train", "--csv", csv, "--x-col", "file", "--y-col", "label", "--directory", f.Rgb, "--validation-split", "0.3", .. Quick, "--out", run]);
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("Found 13 validated image filenames belonging to 3 classes.", r.Out);
        Assert.Contains("Found 5 validated image filenames belonging to 3 classes.", r.Out);
        var model = Sequential.Load(Path.Combine(run, "model.h5"));
        Assert.Equal(CliFixture.Colours, model.Preprocessing!.ClassNames);
        Assert.Equal([3], model.OutputShape!);
        // run.json keeps the CSV and its folder as full paths, so --resume works from anywhere.
        string settings = File.ReadAllText(Path.Combine(run, "run.json"));
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(csv), settings);
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(f.Rgb), settings);

        var missing = CliRunner.Run(["train", "--csv", csv, "--x-col", "file", "--y-col", "kind", "--directory", f.Rgb, "--validation-split", "0.3", .. Quick, "--out", run]);
        Assert.Equal(1, missing.Code);
        Assert.Contains("has no column 'kind' (--y-col); its columns are: file, label.", Assert.Single(missing.ErrLines));
    }

    [Fact]
    public void SparseClassModeWithAdamOnGrayscaleCompilesTheMatchingHeadAndLoss()
    {
        string run = Run("run-sparse");
        var r = CliRunner.Run(["train", f.Gray, "--validation-split", "0.3", "--color-mode", "grayscale", "--class-mode", "sparse", "--optimizer", "adam", .. Quick, "--out", run]);
        Assert.True(r.Code == 0, r.Err);
        var model = Sequential.Load(Path.Combine(run, "model.h5"));
        Assert.Equal([16, 16, 1], model.InputShape!);
        Assert.Equal([3], model.OutputShape!);
        Assert.IsType<SparseCategoricalCrossentropy>(model.Loss);
        Assert.Equal(1e-3, Assert.IsType<Adam>(model.Optimizer).LearningRate, 9);
        Assert.Equal("sparse", model.Preprocessing!.ClassMode);
    }

    [Fact]
    public void BinaryClassModeOnThreeClassesIsRefusedInOneLine()
    {
        var r = CliRunner.Run(["train", f.Rgb, "--validation-split", "0.3", "--class-mode", "binary", .. Quick, "--out", Run("run-binary3")]);
        Assert.Equal(1, r.Code);
        Assert.Contains("--class-mode binary needs exactly two classes", Assert.Single(r.ErrLines));
    }

    [Fact]
    public void EarlyStoppingEndsTheRunWhenTheMonitoredLossStopsImproving()
    {
        // SGD at 1e-30 leaves every weight unchanged, so val_loss is the same each epoch: patience 1 stops after epoch 2.
        string run = Run("run-early");
        var r = CliRunner.Run(["train", f.Rgb, "--validation-split", "0.3", "--size", "16", "--epochs", "6", "--optimizer", "sgd",
            "--learning-rate", "1e-30", "--early-stopping", "1", "--out", run]);
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("stopped early: EarlyStopping: 'val_loss' did not improve for 1 epoch(s)", r.Out);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "log.csv")).Length);
    }

    [Fact]
    public void ConfigFileGivesKerasKeywordsAndExplicitFlagsOverrideIt()
    {
        string config = Run("generator.json");
        File.WriteAllText(config, """{"featurewise_std_normalization": true, "rotation_range": 10, "validation_split": 0.3}""");
        var r = CliRunner.Run(["train", f.Rgb, "--config", config, "--validation-split", "0.5", .. Quick, "--out", Run("run-config")]);
        Assert.True(r.Code == 0, r.Err);
        // --validation-split 0.5 wins over the file's 0.3: 3 of each class's 6 images in each subset.
        Assert.Equal(2, r.OutLines.Count(l => l == "Found 9 images belonging to 3 classes."));
        // std normalisation needs fit (and turns centring on, as Keras does): done on a sample, said in one line;
        // Keras's warning about it printed once although both generators raise it.
        Assert.Contains("fitting the generator (featurewise_center, featurewise_std_normalization) on 9 of the 9 training images, as datagen.fit(x) would", r.Out);
        Assert.Equal(1, r.ErrLines.Count(l => l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains("overrides setting of `featurewise_center`")));
        Assert.DoesNotContain(r.ErrLines, l => l.Contains("hasn't been fit"));
        // The fitted mean/std are kept in the model file (only a ZCA matrix would not be), so there is nothing to warn about.
        Assert.DoesNotContain(r.ErrLines, l => l.Contains("records the rescale", StringComparison.Ordinal));

        File.WriteAllText(config, """{"rotation_degrees": 10}""");
        var bad = CliRunner.Run(["train", f.Rgb, "--config", config, "--validation-split", "0.3", .. Quick, "--out", Run("run-config")]);
        Assert.Equal(1, bad.Code);
        string line = Assert.Single(bad.ErrLines);
        Assert.Contains(config, line);
        Assert.Contains("rotation_degrees", line);
    }

    /// <summary>A Keras 2 config as model.to_json() writes it: InputLayer, Flatten, Dense(units, activation).</summary>
    static string KerasConfig(int side, int channels, int units, string activation) => $$$"""
        {"class_name": "Sequential", "config": {"name": "tiny", "layers": [
          {"class_name": "InputLayer", "config": {"batch_input_shape": [null, {{{side}}}, {{{side}}}, {{{channels}}}], "dtype": "float32", "name": "input_1"}},
          {"class_name": "Flatten", "config": {"name": "flatten"}},
          {"class_name": "Dense", "config": {"name": "out", "units": {{{units}}}, "activation": "{{{activation}}}"}}]},
         "keras_version": "2.13.1", "backend": "tensorflow"}
        """;

    [Fact]
    public void AKerasModelConfigTrainsWhenItsHeadFitsTheClasses()
    {
        string json = Run("tiny.json");
        File.WriteAllText(json, KerasConfig(12, 3, 3, "softmax"));
        string run = Run("run-json");
        var r = CliRunner.Run(["train", f.Rgb, "--validation-split", "0.3", "--model", json, "--epochs", "1", "--out", run]);
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal([12, 12, 3], Sequential.Load(Path.Combine(run, "model.h5")).InputShape!);

        File.WriteAllText(json, KerasConfig(12, 3, 2, "softmax"));
        var head = CliRunner.Run(["train", f.Rgb, "--validation-split", "0.3", "--model", json, "--epochs", "1", "--out", run]);
        Assert.Equal(1, head.Code);
        Assert.Contains("need a last layer Dense(3, softmax)", Assert.Single(head.ErrLines));

        var size = CliRunner.Run(["train", f.Rgb, "--validation-split", "0.3", "--model", json, "--size", "16", "--out", run]);
        Assert.Equal(2, size.Code);
        Assert.Contains("--size 16 does not match", Assert.Single(size.ErrLines));
    }

    [Fact]
    public void VerbosePrintsTheStackTraceOfAFailure()
    {
        var r = CliRunner.Run(["train", f.Rgb, "--validation-split", "0.3", "--class-mode", "binary", .. Quick, "--out", Run("run-verbose"), "--verbose"]);
        Assert.Equal(1, r.Code);
        Assert.True(r.ErrLines.Length > 2, r.Err);
        Assert.Contains(r.ErrLines, l => l.StartsWith("at AugNet.", StringComparison.Ordinal));
    }
}
