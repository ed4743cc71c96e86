using System.Text.Json.Nodes;
using AugNet.NN;
using AugNet.NN.Layers;
using AugNet.Persistence;
using AugNet.Tests.Support;
using PureHDF;

namespace AugNet.Tests.Persistence;

/// <summary>
/// The saved book model read back with the HDF5 library, against the contract (spec keras-model-format.md §1.1–1.7,
/// §4.3): every attribute, group, dataset name, dtype and shape, the exact model_config and portable training_config
/// texts from the spec, and the flatten order proven by an independent forward pass over the file's own arrays.
/// </summary>
public sealed class KerasH5LayoutTests : IDisposable
{
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("augnet-layout-");
    public void Dispose() => _dir.Delete(true);

    static string SpecBlock(string heading)
    {
        string spec = File.ReadAllText(Path.Combine(Conformance.Dir, "..", "..", "spec", "keras-model-format.md"));
        int at = spec.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"spec heading '{heading}' not found");
        int open = spec.IndexOf("```json\n", at, StringComparison.Ordinal) + 8;
        return spec[open..spec.IndexOf("```", open, StringComparison.Ordinal)];
    }

    [Fact]
    public void BookModelFileHasKerasLayoutAttributesAndExactConfigs()
    {
        var model = ModelZoo.BookConvnet(150, seed: 2);
        string path = Path.Combine(_dir.FullName, "cats_and_dogs_small_2.h5");
        model.Save(path);
        using var f = H5File.OpenRead(path);

        Assert.Equal("2.15.0", f.Attribute("keras_version").Read<string>());
        Assert.Equal("tensorflow", f.Attribute("backend").Read<string>());
        // The exact texts of the spec: §1.6's model_config and §1.7's portable training_config, in json.dumps form.
        Assert.Equal(PythonJson.Serialize(JsonNode.Parse(SpecBlock("#### Complete `model_config` for the book model"))), f.Attribute("model_config").Read<string>());
        Assert.Equal(PythonJson.Serialize(JsonNode.Parse(SpecBlock("**Portable `training_config` that the C# port should write**"))), f.Attribute("training_config").Read<string>());
        Assert.False(f.LinkExists("optimizer_weights"));

        var mw = f.Group("model_weights");
        string[] layerNames = ["conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "conv2d_2", "max_pooling2d_2", "conv2d_3", "max_pooling2d_3", "flatten", "dropout", "dense", "dense_1"];
        Assert.Equal(layerNames, mw.Attribute("layer_names").Read<string[]>());
        Assert.Equal("2.15.0", mw.Attribute("keras_version").Read<string>());
        Assert.Equal("tensorflow", mw.Attribute("backend").Read<string>());
        var shapes = new Dictionary<string, ulong[][]>
        {
            ["conv2d"] = [[3, 3, 3, 32], [32]], ["conv2d_1"] = [[3, 3, 32, 64], [64]], ["conv2d_2"] = [[3, 3, 64, 128], [128]],
            ["conv2d_3"] = [[3, 3, 128, 128], [128]], ["dense"] = [[6272, 512], [512]], ["dense_1"] = [[512, 1], [1]],
        };
        foreach (var name in layerNames)
        {
            var g = mw.Group(name);
            var wn = g.Attribute("weight_names");
            if (!shapes.TryGetValue(name, out var expected)) { Assert.Equal(0UL, wn.Space.Dimensions.Single()); continue; }
            Assert.Equal([$"{name}/kernel:0", $"{name}/bias:0"], wn.Read<string[]>());
            for (int i = 0; i < 2; i++)
            {
                var d = g.Dataset(wn.Read<string[]>()[i]);
                Assert.Equal(H5DataTypeClass.FloatingPoint, d.Type.Class);
                Assert.Equal(4, d.Type.Size);
                Assert.Equal(expected[i], d.Space.Dimensions);
            }
        }
        // The stored arrays are the model's, element for element (kernel HWIO as the engine keeps it).
        Assert.Equal(model.Layers[0].Parameters[0].Value.Data, mw.Dataset("conv2d/conv2d/kernel:0").Read<float[]>());
        Assert.Equal(model.Layers[10].Parameters[0].Value.Data, mw.Dataset("dense/dense/kernel:0").Read<float[]>());
    }

    /// <summary>
    /// Keras semantics computed from the file alone: NHWC convolution with the stored HWIO kernel, 2×2 max pooling,
    /// flatten in (h, w, c) order, then the stored (in, out) Dense kernel. The Dense kernel is random (not symmetric
    /// under any reordering of its rows), so a (c, h, w) flatten in the file would change the result.
    /// </summary>
    [Fact]
    public void IndependentForwardPassOverTheFileArraysGivesPredict()
    {
        var model = new Sequential(4)
        {
            new Conv2D(3, (2, 3), (1, 1), activation: "relu", inputShape: [6, 7, 2]),
            new MaxPooling2D(2),
            new Flatten(),
            new Dense(4, activation: "sigmoid"),
        };
        model.Build();
        TestModels.RandomizeBiases(model, 3);
        string path = Path.Combine(_dir.FullName, "small.h5");
        model.Save(path);
        using var f = H5File.OpenRead(path);
        float[] k = f.Dataset("model_weights/conv2d/conv2d/kernel:0").Read<float[]>(), b = f.Dataset("model_weights/conv2d/conv2d/bias:0").Read<float[]>();
        float[] dk = f.Dataset("model_weights/dense/dense/kernel:0").Read<float[]>(), db = f.Dataset("model_weights/dense/dense/bias:0").Read<float[]>();
        var x = TestModels.RandomBatch(2, [6, 7, 2], 9);
        var expected = new double[2 * 4];
        for (int n = 0; n < 2; n++)
        {
            // conv: 6×7×2 → 5×5×3, relu; pool: → 2×2×3
            var conv = new double[5, 5, 3];
            for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) for (int o = 0; o < 3; o++)
            {
                double s = b[o];
                for (int u = 0; u < 2; u++) for (int v = 0; v < 3; v++) for (int c = 0; c < 2; c++)
                    s += x.Data[((n * 6 + i + u) * 7 + j + v) * 2 + c] * (double)k[((u * 3 + v) * 2 + c) * 3 + o];
                conv[i, j, o] = Math.Max(s, 0);
            }
            var flat = new double[12];
            for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) for (int o = 0; o < 3; o++)
                flat[(i * 2 + j) * 3 + o] = Math.Max(Math.Max(conv[2 * i, 2 * j, o], conv[2 * i, 2 * j + 1, o]), Math.Max(conv[2 * i + 1, 2 * j, o], conv[2 * i + 1, 2 * j + 1, o]));
            for (int u = 0; u < 4; u++)
            {
                double s = db[u];
                for (int r = 0; r < 12; r++) s += flat[r] * dk[r * 4 + u];
                expected[n * 4 + u] = 1 / (1 + Math.Exp(-s));
            }
        }
        var predicted = Sequential.Load(path).Predict(x);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], predicted.Data[i], 1e-5);
    }

    [Fact]
    public void KerasArchiveHasStoredEntriesAndKeras3StorePaths()
    {
        var model = new Sequential(5)
        {
            new Conv2D(2, 3, inputShape: [5, 5, 1]), new BatchNormalization(), new Conv2D(2, 1), new Flatten(), new Dense(1, activation: "sigmoid"),
        };
        model.Compile("rmsprop", "binary_crossentropy", "acc");
        string path = Path.Combine(_dir.FullName, "m.keras");
        model.Save(path);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        Assert.Equal(["metadata.json", "config.json", "model.weights.h5"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength));   // ZIP_STORED
        var config = JsonNode.Parse(new StreamReader(zip.GetEntry("config.json")!.Open()).ReadToEnd())!;
        Assert.Equal("Sequential", config["class_name"]!.GetValue<string>());
        Assert.Equal("[null, 5, 5, 1]", PythonJson.Serialize(config["config"]!["layers"]![0]!["config"]!["batch_shape"]));
        Assert.Equal(-1, config["config"]!["layers"]![2]!["config"]!["axis"]!.GetValue<int>());
        Assert.NotNull(config["compile_config"]);
        using var ms = new MemoryStream();
        zip.GetEntry("model.weights.h5")!.Open().CopyTo(ms);
        ms.Position = 0;
        using var h5 = H5File.Open(ms);
        Assert.True(h5.LinkExists("vars"));
        Assert.Equal(new ulong[] { 3, 3, 1, 2 }, h5.Dataset("layers/conv2d/vars/0").Space.Dimensions);
        Assert.Equal(new ulong[] { 1, 1, 2, 2 }, h5.Dataset("layers/conv2d_1/vars/0").Space.Dimensions);
        Assert.Equal(new ulong[] { 2 }, h5.Dataset("layers/batch_normalization/vars/3").Space.Dimensions);
        Assert.True(h5.LinkExists("layers/flatten/vars"));
    }
}
