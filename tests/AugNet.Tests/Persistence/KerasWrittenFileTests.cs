using AugNet.Imaging;
using AugNet.NN;
using AugNet.NN.Training;
using AugNet.Persistence;
using AugNet.Tests.Support;

namespace AugNet.Tests.Persistence;

/// <summary>
/// Files written the way Keras writes them (h5py with Keras's attribute encodings, made by
/// Fixtures/make_keras_fixtures.py since no Keras runs here) load and predict what a NumPy forward pass with Keras's
/// semantics computed: Keras 2.15 (vlen strings, Custom&gt;Adam, an optimizer_weights group), standalone Keras 2.0
/// (bare list config, no InputLayer, fixed-length names, 'lr'), Keras 3's legacy writer (a Functional chain, DTypePolicy
/// dicts, function-dict activations, variable-path weight names, float64 weights) and a Keras 3 .keras archive.
/// </summary>
public class KerasWrittenFileTests
{
    static string Fixture(string name) => Fixtures.PathOf("Persistence/Fixtures", name);

    static Sequential LoadAndCheck(string file, string stem, List<string>? warnings = null)
    {
        var model = Sequential.Load(Fixture(file), w => warnings?.Add(w));
        var x = NpyArray.Load(Fixture(stem + "_x.npy")).ToTensor();
        var expected = NpyArray.Load(Fixture(stem + "_y.npy")).ToTensor();
        var y = model.Predict(x);
        Assert.Equal(expected.Shape, y.Shape);
        for (int i = 0; i < y.Length; i++) Assert.True(Math.Abs(expected.Data[i] - y.Data[i]) <= 1e-5, $"{file}[{i}]: {y.Data[i]} vs NumPy {expected.Data[i]}");
        return model;
    }

    [Fact]
    public void Keras215DenseBatchNormModelWithCustomAdam()
    {
        var model = LoadAndCheck("keras215_dense_bn.h5", "keras215_dense_bn");
        var adam = Assert.IsType<Adam>(model.Optimizer);
        Assert.Equal(0.0005000000237487257, adam.LearningRate);
        Assert.Equal("categorical_crossentropy", model.Loss!.Name);
        Assert.Equal(["accuracy"], model.MetricNames);
        Assert.Equal("dense_input", model.Layers[0].Name);
    }

    [Fact]
    public void Keras20ListConfigWithFixedLengthNamesAndLr()
    {
        var model = LoadAndCheck("keras20_listconfig_fixedlen.h5", "keras20_listconfig_fixedlen");
        var rms = Assert.IsType<RMSprop>(model.Optimizer);
        Assert.Equal(0.0010000000474974513, rms.LearningRate);
        Assert.Equal(["acc"], model.MetricNames);
        Assert.Equal(["conv2d_1", "flatten_1", "dense_1"], model.Layers.Select(l => l.Name));
    }

    [Fact]
    public void Keras3FunctionalChainWithoutTrainingConfigLoadsUncompiled()
    {
        var model = LoadAndCheck("keras3_functional_chain.h5", "keras3_functional_chain");
        Assert.Null(model.Optimizer);
        Assert.Equal("functional", model.Name);
    }

    [Fact]
    public void Keras3ArchiveWithRescalingAndDropout()
    {
        var model = LoadAndCheck("keras3_sequential.keras", "keras3_sequential");
        Assert.Equal(1e-4, Assert.IsType<RMSprop>(model.Optimizer).LearningRate);
        Assert.Equal("binary_crossentropy", model.Loss!.Name);
    }

    [Fact]
    public void LoadedKerasModelsSaveAgainAndReloadIdentically()
    {
        var dir = Directory.CreateTempSubdirectory("augnet-resave-");
        try
        {
            foreach (var (file, stem) in new[] { ("keras215_dense_bn.h5", "keras215_dense_bn"), ("keras3_functional_chain.h5", "keras3_functional_chain") })
            {
                var model = Sequential.Load(Fixture(file));
                string again = Path.Combine(dir.FullName, "again.keras");
                model.Save(again);
                var x = NpyArray.Load(Fixture(stem + "_x.npy")).ToTensor();
                Assert.Equal(model.Predict(x).Clone().Data, Sequential.Load(again).Predict(x).Data);
            }
        }
        finally { dir.Delete(true); }
    }
}
