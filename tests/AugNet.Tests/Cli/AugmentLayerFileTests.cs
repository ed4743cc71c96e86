using System.Text.Json.Nodes;
using AugNet.Cli.Commands;
using AugNet.NN;
using AugNet.NN.Layers.Preprocessing;
using AugNet.Persistence;

namespace AugNet.Tests.Cli;

/// <summary>
/// <c>augnet train --augment-layers FILE.json</c>: Keras layer configs (a list, or a keras.Sequential config) give the
/// same layers as the equivalent spec string; other classes, bad configs and missing files are one-line usage errors.
/// </summary>
[Collection("Cli")]
public sealed class AugmentLayerFileTests(CliFixture f) : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("augnet-augf-").FullName;
    string Run => Path.Combine(_dir, "run");
    public void Dispose() => Directory.Delete(_dir, true);

    string Write(string json, string name = "augment.json")
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>What defines a layer: its class and its Keras config (factors, fill, interpolation, value range, seed).</summary>
    static string Describe(Layer layer)
    {
        var c = new JsonObject();
        KerasPreprocessingLayerConfig.Write((ImagePreprocessingLayer)layer, c);
        return $"{layer.TypeName} {c.ToJsonString()}";
    }

    const string EveryKind = """
        [{"class_name": "RandomFlip", "config": {"mode": "horizontal"}},
         {"class_name": "RandomRotation", "config": {"factor": 0.1}},
         {"class_name": "RandomZoom", "config": {"height_factor": [-0.2, 0.2]}},
         {"class_name": "RandomTranslation", "config": {"height_factor": 0.1, "width_factor": 0.1}},
         {"class_name": "RandomContrast", "config": {"factor": 0.3}},
         {"class_name": "RandomBrightness", "config": {"factor": [-0.1, 0.2]}},
         {"class_name": "RandomShear", "config": {"x_factor": 0.3, "y_factor": 0.0}},
         {"class_name": "RandomGrayscale", "config": {"factor": 0.25}},
         {"class_name": "RandomHue", "config": {"factor": 0.2}},
         {"class_name": "RandomSaturation", "config": {"factor": [0.3, 0.7]}},
         {"class_name": "RandomColorJitter", "config": {"brightness_factor": 0.1, "hue_factor": 0.05}}]
        """;

    [Fact]
    public void TheFileBuildsTheSameLayersAsTheEquivalentSpecString()
    {
        var fromSpec = AugmentLayerSpec.Parse("flip:horizontal,rotation:0.1,zoom:-0.2:0.2,translation:0.1,contrast:0.3,brightness:-0.1:0.2,shear:0.3:0,grayscale:0.25,hue:0.2,saturation:0.3:0.7,jitter:0.1:::0.05", 7);
        var fromFile = AugmentLayerSpec.Parse(Write(EveryKind), 7);
        Assert.Equal(fromSpec.Select(Describe), fromFile.Select(Describe));

        // Same layers, same seeds: the same augmented images.
        var x = Support.TestModels.RandomBatch(2, [9, 9, 3], 3, 0, 255);
        Tensor Augment(List<Layer> front)
        {
            var model = new Sequential(1) { new AugNet.NN.Layers.InputLayer([9, 9, 3]) };
            foreach (var layer in front) model.Add(layer);
            model.Build();
            var y = x;
            foreach (var layer in model.Layers.Skip(1)) y = layer.Forward(y, training: true).Clone();
            return y;
        }
        Assert.Equal(Augment(fromSpec).Data, Augment(fromFile).Data);
    }

    [Fact]
    public void ASequentialConfigWithAnInputLayerAndItsOwnSeedsIsRead()
    {
        string path = Write("""
            {"class_name": "Sequential", "config": {"name": "data_augmentation", "layers": [
              {"class_name": "InputLayer", "config": {"batch_shape": [null, 16, 16, 3], "dtype": "float32", "name": "input_layer"}},
              {"module": "keras.layers", "class_name": "RandomFlip", "config": {"name": "random_flip", "trainable": true, "dtype": "float32", "mode": "horizontal", "seed": 1, "data_format": "channels_last"}, "registered_name": null},
              {"module": "keras.layers", "class_name": "RandomRotation", "config": {"name": "random_rotation", "factor": [-0.1, 0.1], "fill_mode": "reflect", "seed": null}}]}}
            """);
        var layers = AugmentLayerSpec.Parse(path, 40);
        Assert.Equal((RandomFlip.Horizontal, (int?)1), layers[0] is RandomFlip flip ? (flip.Mode, flip.Seed) : default);
        var rotation = Assert.IsType<RandomRotation>(layers[1]);
        Assert.Equal((int?)42, rotation.Seed);  // no seed of its own: seed + its index (2, counting the InputLayer)
        Assert.Equal("random_flip", layers[0].Name);
    }

    [Fact]
    public void TrainPutsTheFilesLayersInFrontOfTheModel()
    {
        string path = Write("""[{"class_name": "RandomFlip", "config": {"mode": "horizontal"}}, {"class_name": "RandomZoom", "config": {"height_factor": 0.2}}]""");
        var r = CliRunner.Run("train", f.Rgb, "--validation-split", "0.3", "--size", "16", "--epochs", "1", "--seed", "4", "--augment-layers", path, "--out", Run);
        Assert.True(r.Code == 0, r.Err);
        var model = Sequential.Load(Path.Combine(Run, "model.h5"));
        Assert.IsType<RandomFlip>(model.Layers[1]);
        Assert.IsType<RandomZoom>(model.Layers[2]);
        Assert.Equal([16, 16, 3], model.InputShape!);
    }

    [Theory]
    [InlineData("""[{"class_name": "RandomFlip", "config": {}}, {"class_name": "Conv2D", "config": {"filters": 3, "kernel_size": 3}}]""", "entry 1 is a Conv2D")]
    [InlineData("""[{"class_name": "Resizing", "config": {"height": 8, "width": 8}}]""", "entry 0 is a Resizing")]
    [InlineData("""[{"class_name": "Rescaling", "config": {"scale": 0.5}}]""", "entry 0 is a Rescaling")]
    [InlineData("""[{"class_name": "RandomRotation", "config": {"factor": "big"}}]""", "entry 0")]
    [InlineData("""[{"class_name": "RandomFlip", "config": {"mode": "sideways"}}]""", "sideways")]
    [InlineData("""[{"class_name": "RandomZoom", "config": {"height_factor": 0.2, "data_format": "channels_first"}}]""", "channels_first")]
    [InlineData("""[{"config": {"mode": "horizontal"}}]""", "entry 0 is not a Keras layer config")]
    [InlineData("""[{"class_name": "RandomFlip"}]""", "entry 0 (RandomFlip) has no config object")]
    [InlineData("""{"layers": []}""", "expected a JSON list")]
    [InlineData("""[]""", "no layers")]
    [InlineData("""flip:horizontal""", "not valid JSON")]
    public void BadFilesAreOneLineUsageErrorsNamingTheFile(string json, string mention)
    {
        string path = Write(json);
        var r = CliRunner.Run("train", f.Rgb, "--validation-split", "0.3", "--size", "16", "--augment-layers", path, "--out", Run);
        Assert.Equal(2, r.Code);
        string line = Assert.Single(r.ErrLines);
        Assert.Contains(path, line);
        Assert.Contains(mention, line);
        Assert.False(Directory.Exists(Run));
    }

    [Fact]
    public void AMissingFileIsAUsageErrorNamingIt()
    {
        string path = Path.Combine(_dir, "nowhere.json");
        var r = CliRunner.Run("train", f.Rgb, "--validation-split", "0.3", "--size", "16", "--augment-layers", path, "--out", Run);
        Assert.Equal(2, r.Code);
        Assert.Contains($"{path}: no such file", Assert.Single(r.ErrLines));
    }

    [Fact]
    public void HelpDescribesTheFileForm()
    {
        var r = CliRunner.Run("train", "--help");
        Assert.Contains("SPEC|FILE.json", r.Out);
        Assert.Contains("keras.Sequential config", r.Out);
    }
}
