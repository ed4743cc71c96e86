using AugNet.NN;
using AugNet.NN.Layers;
using AugNet.NN.Training;
using AugNet.Persistence;
using static AugNet.Tests.Support.TestModels;

namespace AugNet.Tests.Persistence;

/// <summary>
/// Save then load, for every model kind and both full-model formats: the loaded model predicts bit for bit the same,
/// prints the same summary and carries the same compile settings and preprocessing record; weights-only files round
/// trip by order and by name.
/// </summary>
public sealed class KerasModelRoundTripTests : IDisposable
{
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("augnet-persist-");
    public void Dispose() => _dir.Delete(true);
    string PathOf(string name) => Path.Combine(_dir.FullName, name);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var m in new[] { "book150", "book32", "bn-avgpool", "rescaling-gmp", "dense-vectors" })
            foreach (var ext in new[] { ".h5", ".keras" }) data.Add(m, ext);
        return data;
    }

    static Sequential Make(string kind) => kind switch
    {
        "book150" => WithBiases(ModelZoo.BookConvnet(150, seed: 3)),
        "book32" => WithBiases(ModelZoo.BookConvnet(32, seed: 4, learningRate: 5e-4)),
        "bn-avgpool" => BatchNormAveragePoolModel(),
        "rescaling-gmp" => RescalingGlobalMaxModel(),
        "dense-vectors" => DenseVectorModel(),
        _ => throw new ArgumentException(kind),
    };

    static Sequential WithBiases(Sequential m) { RandomizeBiases(m, 21); return m; }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SaveThenLoadPredictsBitForBitWithTheSameSummary(string kind, string ext)
    {
        var model = Make(kind);
        model.Preprocessing = new InputPreprocessing("rgb", "bilinear", 1.0 / 255, ["cats", "dogs"], "binary");
        string path = PathOf(kind + ext);
        model.Save(path);
        var loaded = Sequential.Load(path);

        var x = RandomBatch(4, model.InputShape!, 5, 0, 1);
        Assert.Equal(model.Predict(x).Clone().Data, loaded.Predict(x).Data);
        Assert.Equal(model.Summary(), loaded.Summary());
        Assert.Equal(model.Name, loaded.Name);
        Assert.Equal(model.Preprocessing, loaded.Preprocessing! with { ClassNames = model.Preprocessing!.ClassNames });
        Assert.Equal(model.Preprocessing.ClassNames, loaded.Preprocessing!.ClassNames);
        if (model.Optimizer is null) { Assert.Null(loaded.Optimizer); return; }
        Assert.Equal(model.Optimizer.GetType(), loaded.Optimizer!.GetType());
        Assert.Equal(model.Optimizer.LearningRate, loaded.Optimizer.LearningRate);
        Assert.Equal(model.Loss!.Name, loaded.Loss!.Name);
        Assert.Equal(model.MetricNames, loaded.MetricNames);
        // The fused output activation survives: a compiled loaded model still outputs probabilities.
        Assert.All(loaded.Predict(x).Data, v => Assert.InRange(v, kind == "rescaling-gmp" ? float.MinValue : 0f, kind == "rescaling-gmp" ? float.MaxValue : 1f));
    }

    [Fact]
    public void OptimizerHyperParametersRoundTrip()
    {
        foreach (var (opt, ext) in new (Optimizer, string)[] { (new Adam(2e-3, 0.8, 0.99, 1e-6), ".h5"), (new SGD(0.1, 0.5, true), ".keras"), (new RMSprop(3e-4, 0.8, 1e-5), ".h5") })
        {
            var model = new Sequential { new Dense(2, activation: "softmax", inputShape: [3]) };
            model.Compile(opt, new CategoricalCrossentropy(fromLogits: false), "acc");
            string path = PathOf("opt" + ext);
            model.Save(path);
            var back = Sequential.Load(path).Optimizer!;
            switch (opt)
            {
                case Adam a: var b = Assert.IsType<Adam>(back); Assert.Equal((a.LearningRate, a.Beta1, a.Beta2, a.Epsilon), (b.LearningRate, b.Beta1, b.Beta2, b.Epsilon)); break;
                case SGD s: var t = Assert.IsType<SGD>(back); Assert.Equal((s.LearningRate, s.Momentum, s.Nesterov), (t.LearningRate, t.Momentum, t.Nesterov)); break;
                case RMSprop r: var q = Assert.IsType<RMSprop>(back); Assert.Equal((r.LearningRate, r.Rho, r.Epsilon), (q.LearningRate, q.Rho, q.Epsilon)); break;
            }
        }
    }

    [Fact]
    public void LossFromLogitsRoundTrips()
    {
        var model = new Sequential { new Dense(1, inputShape: [3]) };
        model.Compile(new RMSprop(), new BinaryCrossentropy(fromLogits: true));
        model.Save(PathOf("logits.h5"));
        Assert.True(Sequential.Load(PathOf("logits.h5")).Loss!.FromLogits);
    }

    [Theory]
    [InlineData("w.h5")]
    [InlineData("w.weights.h5")]
    public void WeightsOnlyFilesRoundTripIntoAFreshModel(string name)
    {
        var model = BatchNormAveragePoolModel();
        model.SaveWeights(PathOf(name));
        var fresh = new Sequential(99)
        {
            new Conv2D(8, (4, 4), (2, 2), AugNet.NN.Kernels.Padding.Same, activation: "relu", inputShape: [15, 17, 3]),
            new BatchNormalization(), new AveragePooling2D(3, strides: 2, padding: AugNet.NN.Kernels.Padding.Same),
            new GlobalAveragePooling2D(), new Dense(5, activation: "softmax"),
        };
        fresh.Build();
        Assert.NotEqual(model.GetWeights()[0], fresh.GetWeights()[0]);
        fresh.LoadWeights(PathOf(name));
        Assert.Equal(model.GetWeights(), fresh.GetWeights());
    }

    [Fact]
    public void LoadWeightsByNameFillsMatchingLayersAndSkipsMismatchesOnlyWhenAsked()
    {
        var source = new Sequential(1) { new Dense(4, inputShape: [3], name: "shared"), new Dense(2, name: "head") };
        source.Build();
        source.SaveWeights(PathOf("src.h5"));
        // Same "shared" layer, a differently shaped "head", and a layer the file does not have.
        var target = new Sequential(2) { new Dense(4, inputShape: [3], name: "shared"), new Dense(5, name: "head"), new Dense(1, name: "extra") };
        target.Build();
        var before = target.GetWeights();
        var ex = Assert.Throws<InvalidDataException>(() => target.LoadWeights(PathOf("src.h5"), byName: true));
        Assert.Contains("head", ex.Message);
        Assert.Equal(before, target.GetWeights());   // nothing changed on failure

        var warnings = new List<string>();
        target.LoadWeights(PathOf("src.h5"), byName: true, skipMismatch: true, warn: warnings.Add);
        Assert.Equal(source.Layers[0].Parameters[0].Value.Data, target.Layers[0].Parameters[0].Value.Data);
        Assert.Equal(before[2], target.GetWeights()[2]);   // head kept
        Assert.Equal(before[4], target.GetWeights()[4]);   // extra untouched
        Assert.Contains(warnings, w => w.Contains("skipping layer 'head'"));
        Assert.Throws<ArgumentException>(() => target.LoadWeights(PathOf("src.h5"), skipMismatch: true));
    }

    [Fact]
    public void LoadWeightsReadsAFullModelFileToo()
    {
        var model = ModelZoo.BookConvnet(32, seed: 8);
        model.Save(PathOf("full.h5"));
        var other = ModelZoo.BookConvnet(32, seed: 9);
        other.LoadWeights(PathOf("full.h5"));
        Assert.Equal(model.GetWeights(), other.GetWeights());
        other = ModelZoo.BookConvnet(32, seed: 9);
        model.Save(PathOf("full.keras"));
        other.LoadWeights(PathOf("full.keras"));
        Assert.Equal(model.GetWeights(), other.GetWeights());
    }

    [Fact]
    public void SavingReplacesAFileWholeAndLeavesNoTemporaries()
    {
        var model = ModelZoo.BookConvnet(32, seed: 1);
        model.Save(PathOf("m.h5"));
        long first = new FileInfo(PathOf("m.h5")).Length;
        model.Save(PathOf("m.h5"));
        Assert.Equal(first, new FileInfo(PathOf("m.h5")).Length);
        Assert.Equal(["m.h5"], _dir.GetFiles().Select(f => f.Name));
    }
}
