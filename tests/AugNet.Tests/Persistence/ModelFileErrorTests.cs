using System.IO.Compression;
using System.Text.Json.Nodes;
using AugNet.NN;
using AugNet.NN.Layers;
using AugNet.Persistence;
using PureHDF;

namespace AugNet.Tests.Persistence;

/// <summary>Bad model files fail with one exception whose message names the file and what is wrong, and never load as a different model.</summary>
public sealed class ModelFileErrorTests : IDisposable
{
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("augnet-badmodel-");
    public void Dispose() => _dir.Delete(true);
    string PathOf(string name) => Path.Combine(_dir.FullName, name);

    static Sequential Small()
    {
        var model = new Sequential(1) { new Conv2D(2, 3, activation: "relu", inputShape: [6, 6, 3]), new Flatten(), new Dense(1, activation: "sigmoid") };
        model.Compile("rmsprop", "binary_crossentropy", "acc");
        return model;
    }

    /// <summary>The book-style file as an editable PureHDF tree, rewritten to <paramref name="name"/> after <paramref name="edit"/>.</summary>
    string Edited(string name, Action<H5File> edit)
    {
        var file = LegacyH5Format.FullModel(Small(), null);
        edit(file);
        string path = PathOf(name);
        file.Write(path);
        return path;
    }

    static T Fails<T>(string path, Action load, params string[] mentions) where T : Exception
    {
        var e = Assert.Throws<T>(load);
        Assert.Contains(path, e.Message);
        foreach (var m in mentions) Assert.Contains(m, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Fact]
    public void MissingFileIsFileNotFound() => Fails<FileNotFoundException>(PathOf("none.h5"), () => Sequential.Load(PathOf("none.h5")));

    [Fact]
    public void TruncatedH5()
    {
        Small().Save(PathOf("full.h5"));
        var bytes = File.ReadAllBytes(PathOf("full.h5"));
        File.WriteAllBytes(PathOf("cut.h5"), bytes[..(bytes.Length / 2)]);
        Fails<InvalidDataException>(PathOf("cut.h5"), () => Sequential.Load(PathOf("cut.h5")));
    }

    [Fact]
    public void NotHdf5()
    {
        File.WriteAllText(PathOf("text.h5"), "this is not an HDF5 file, just some text that is long enough to be read");
        Fails<InvalidDataException>(PathOf("text.h5"), () => Sequential.Load(PathOf("text.h5")), "HDF5");
        File.WriteAllBytes(PathOf("empty.h5"), []);
        Fails<InvalidDataException>(PathOf("empty.h5"), () => Sequential.Load(PathOf("empty.h5")));
    }

    [Fact]
    public void UnknownLayerClassNamesTheLayerAndClass()
    {
        string path = Edited("lstm.h5", f => f.Attributes["model_config"] = ((string)f.Attributes["model_config"]).Replace("\"class_name\": \"Flatten\"", "\"class_name\": \"LSTM\""));
        Fails<NotSupportedException>(path, () => Sequential.Load(path), "flatten", "LSTM");
    }

    [Theory]
    [InlineData("\"activation\": \"relu\"", "\"activation\": \"elu\"", "activation", "elu")]
    [InlineData("\"data_format\": \"channels_last\", \"dilation_rate\"", "\"data_format\": \"channels_first\", \"dilation_rate\"", "data_format", "channels_first")]
    [InlineData("\"dilation_rate\": [1, 1]", "\"dilation_rate\": [2, 2]", "dilation_rate", "conv2d")]
    [InlineData("\"padding\": \"valid\"", "\"padding\": \"causal\"", "padding", "causal")]
    [InlineData("\"dtype\": \"float32\", \"batch_input_shape\": [null, 6", "\"dtype\": \"float16\", \"batch_input_shape\": [null, 6", "dtype", "conv2d")]
    public void UnsupportedOptionNamesTheLayerAndOption(string find, string replace, string option, string detail)
    {
        string path = Edited("opt.h5", f =>
        {
            string config = (string)f.Attributes["model_config"];
            Assert.Contains(find, config);
            f.Attributes["model_config"] = config.Replace(find, replace);
        });
        Fails<NotSupportedException>(path, () => Sequential.Load(path), option, detail);
    }

    [Fact]
    public void MissingWeightDataset()
    {
        string path = Edited("noweight.h5", f => ((H5Group)((H5Group)((H5Group)f["model_weights"])["dense"])["dense"]).Remove("bias:0"));
        Fails<InvalidDataException>(path, () => Sequential.Load(path), "dense/bias:0", "missing");
    }

    [Fact]
    public void WronglyShapedWeight()
    {
        string path = Edited("shape.h5", f => ((H5Group)((H5Group)((H5Group)f["model_weights"])["dense"])["dense"])["kernel:0"] = new H5Dataset(new float[2 * 32], fileDims: [2, 32]));
        Fails<InvalidDataException>(path, () => Sequential.Load(path), "dense", "kernel", "(32, 1)", "(2, 32)");
    }

    [Fact]
    public void MissingLayerGroupAndMissingConfig()
    {
        string path = Edited("nogroup.h5", f => ((H5Group)f["model_weights"]).Remove("conv2d"));
        Fails<InvalidDataException>(path, () => Sequential.Load(path), "conv2d", "missing");
        string noConfig = Edited("noconfig.h5", f => f.Attributes.Remove("model_config"));
        Fails<InvalidDataException>(noConfig, () => Sequential.Load(noConfig), "model_config");
    }

    [Fact]
    public void MalformedConfigJson()
    {
        string path = Edited("json.h5", f => f.Attributes["model_config"] = "{\"class_name\": \"Sequential\", ");
        Fails<InvalidDataException>(path, () => Sequential.Load(path), "model_config", "JSON");
        string wrongType = Edited("type.h5", f => f.Attributes["model_config"] = ((string)f.Attributes["model_config"]).Replace("\"filters\": 2", "\"filters\": \"two\""));
        Fails<InvalidDataException>(wrongType, () => Sequential.Load(wrongType), "filters");
    }

    [Fact]
    public void WeightsOnlyFileGivenToLoadSaysSo()
    {
        Small().SaveWeights(PathOf("w.h5"));
        Fails<InvalidDataException>(PathOf("w.h5"), () => Sequential.Load(PathOf("w.h5")), "weights only", "LoadWeights");
        Small().SaveWeights(PathOf("w.weights.h5"));
        Assert.Throws<ArgumentException>(() => Sequential.Load(PathOf("w.weights.h5")));
    }

    [Fact]
    public void KerasArchiveWithoutConfigOrNotAZip()
    {
        string path = PathOf("noconfig.keras");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var w = new StreamWriter(zip.CreateEntry("metadata.json").Open())) w.Write("{}");
        Fails<InvalidDataException>(path, () => Sequential.Load(path), "config.json");
        File.WriteAllText(PathOf("plain.keras"), "not a zip");
        Fails<InvalidDataException>(PathOf("plain.keras"), () => Sequential.Load(PathOf("plain.keras")));
    }

    [Fact]
    public void LoadWeightsWithTheWrongLayerCountChangesNothing()
    {
        Small().SaveWeights(PathOf("w.h5"));
        var other = new Sequential(2) { new Dense(3, inputShape: [4]), new Dense(2), new Dense(1) };
        other.Build();
        var before = other.GetWeights();
        Fails<InvalidDataException>(PathOf("w.h5"), () => other.LoadWeights(PathOf("w.h5")), "layer count mismatch");
        Assert.Equal(before, other.GetWeights());
    }

    [Fact]
    public void UnknownExtensionAndUnbuiltModel()
    {
        Assert.Throws<ArgumentException>(() => Small().Save(PathOf("model.pkl")));
        var unbuilt = new Sequential { new Dense(2) };
        Assert.Throws<InvalidOperationException>(() => unbuilt.Save(PathOf("u.h5")));
        Assert.False(File.Exists(PathOf("u.h5")));
    }

    [Fact]
    public void UnsupportedFunctionalGraphs()
    {
        var branching = new JsonObject
        {
            ["class_name"] = "Functional",
            ["config"] = new JsonObject
            {
                ["name"] = "m",
                ["layers"] = new JsonArray
                {
                    new JsonObject { ["class_name"] = "InputLayer", ["name"] = "in", ["config"] = new JsonObject { ["batch_input_shape"] = new JsonArray(null, 3), ["name"] = "in" }, ["inbound_nodes"] = new JsonArray() },
                    new JsonObject { ["class_name"] = "Dense", ["name"] = "a", ["config"] = new JsonObject { ["name"] = "a", ["units"] = 2 }, ["inbound_nodes"] = JsonNode.Parse("[[[\"in\", 0, 0, {}]]]") },
                    new JsonObject { ["class_name"] = "Dense", ["name"] = "b", ["config"] = new JsonObject { ["name"] = "b", ["units"] = 2 }, ["inbound_nodes"] = JsonNode.Parse("[[[\"in\", 0, 0, {}]]]") },
                },
            },
        };
        string path = Edited("branch.h5", f => f.Attributes["model_config"] = branching.ToJsonString());
        Fails<NotSupportedException>(path, () => Sequential.Load(path), "more than one layer");
    }
}
