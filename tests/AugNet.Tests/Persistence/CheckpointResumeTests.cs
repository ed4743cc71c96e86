using AugNet.Augmentation;
using AugNet.Data;
using AugNet.NN;
using AugNet.NN.Layers;
using AugNet.NN.Training;
using AugNet.Persistence;

namespace AugNet.Tests.Persistence;

/// <summary>
/// Resume through a file: ModelCheckpoint writes a model file carrying the training state; LoadCheckpoint in a fresh
/// "process" (new model and iterator objects) continues so that 2 + 2 epochs give the weights of 4 uninterrupted ones.
/// </summary>
public sealed class CheckpointResumeTests : IDisposable
{
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("augnet-ckpt-");
    public void Dispose() => _dir.Delete(true);

    static Sequential Net(uint seed)
    {
        var model = new Sequential(seed)
        {
            new Conv2D(4, 3, activation: "relu", inputShape: [10, 10, 3]), new BatchNormalization(), new MaxPooling2D(2),
            new Flatten(), new Dropout(0.3), new Dense(8, activation: "relu"), new Dense(1, activation: "sigmoid"),
        };
        model.Compile(new Adam(0.01), new BinaryCrossentropy(), "acc");
        return model;
    }

    static NumpyArrayIterator Flow()
    {
        var r = new NumpyRandom(3u);
        var x = new Tensor(40, 10, 10, 3);
        var y = new Tensor(40, 1);
        for (int i = 0; i < x.Length; i++) x.Data[i] = (float)r.RandomSample();
        for (int i = 0; i < 40; i++) y.Data[i] = i % 2;
        return new ImageDataGenerator(new ImageDataGeneratorOptions { RotationRange = 15, HorizontalFlip = true })
            .Flow(x, y, batchSize: 8, shuffle: true, seed: 1, pipeline: new PipelineOptions { Log = TextWriter.Null });
    }

    [Theory]
    [InlineData("ck.h5")]
    [InlineData("ck.keras")]
    public void TwoEpochsThenResumeFromTheFileEqualsFourUninterrupted(string name)
    {
        var straight = Net(5);
        using (var data = Flow()) straight.Fit(data, new FitOptions { Epochs = 4, Verbose = 0 });

        string path = Path.Combine(_dir.FullName, name);
        var first = Net(5);
        using (var data = Flow()) first.Fit(data, new FitOptions { Epochs = 2, Verbose = 0, Callbacks = [new ModelCheckpoint(path)] });

        var (resumed, state) = ModelFile.LoadCheckpoint(path);
        Assert.NotNull(state);
        Assert.Equal(2, state.Epoch);
        using (var data = Flow()) resumed.Fit(data, new FitOptions { Epochs = 4, InitialEpoch = state.Epoch, ResumeFrom = state, Verbose = 0 });
        Assert.Equal(straight.GetWeights(), resumed.GetWeights());
    }

    [Fact]
    public void ACheckpointIsStillAPlainKerasModelFile()
    {
        string path = Path.Combine(_dir.FullName, "plain.h5");
        var model = Net(1);
        using (var data = Flow()) model.Fit(data, new FitOptions { Epochs = 1, Verbose = 0, Callbacks = [new ModelCheckpoint(path)] });
        var loaded = Sequential.Load(path);
        Assert.Equal(model.GetWeights(), loaded.GetWeights());
        // A model saved without a state has none.
        model.Save(path);
        Assert.Null(ModelFile.LoadCheckpoint(path).State);
    }

    [Fact]
    public void SaveBestOnlyKeepsTheBestEpoch()
    {
        string path = Path.Combine(_dir.FullName, "best_{epoch:02d}.h5");
        var model = Net(2);
        using var data = Flow();
        var h = model.Fit(data, new FitOptions { Epochs = 3, Verbose = 0, ValidationData = data, ValidationSteps = 2, Callbacks = [new ModelCheckpoint(path, saveBestOnly: true)] });
        var losses = h["val_loss"];
        for (int e = 0; e < 3; e++)
        {
            bool improved = losses[e] < losses.Take(e).DefaultIfEmpty(double.PositiveInfinity).Min();
            Assert.Equal(improved, File.Exists(Path.Combine(_dir.FullName, $"best_{e + 1:00}.h5")));
        }
    }
}
