using AugNet.NN;
using AugNet.Persistence;
using AugNet.NN.Callbacks;
using AugNet.NN.Layers;
using AugNet.NN.Training;

namespace AugNet.Tests.NN;

public class SequentialTests
{
    public static Sequential BookModel(int size = 150, uint seed = 0) => new(seed)
    {
        new Conv2D(32, 3, activation: "relu", inputShape: [size, size, 3]),
        new MaxPooling2D(2),
        new Conv2D(64, 3, activation: "relu"),
        new MaxPooling2D(2),
        new Conv2D(128, 3, activation: "relu"),
        new MaxPooling2D(2),
        new Conv2D(128, 3, activation: "relu"),
        new MaxPooling2D(2),
        new Flatten(),
        new Dropout(0.5),
        new Dense(512, activation: "relu"),
        new Dense(1, activation: "sigmoid"),
    };

    [Fact]
    public void BookModelSummaryShowsKerasTableAnd3453121Parameters()
    {
        var model = BookModel();
        model.Compile(new RMSprop(1e-4), new BinaryCrossentropy(), "acc");
        string s = model.Summary();
        Assert.Contains("conv2d (Conv2D)              (None, 148, 148, 32)      896", s);
        Assert.Contains("max_pooling2d_3 (MaxPooling2 (None, 7, 7, 128)         0", s);
        Assert.Contains("flatten (Flatten)            (None, 6272)              0", s);
        Assert.Contains("dense (Dense)                (None, 512)               3211776", s);
        Assert.Contains("Total params: 3,453,121\nTrainable params: 3,453,121\nNon-trainable params: 0\n", s);
    }

    /// <summary>Two classes of 12×12 grey images: horizontal or vertical bars at random positions, plus noise.</summary>
    static (Tensor X, Tensor Y) Bars(int n, uint seed)
    {
        var r = new NumpyRandom(seed);
        var x = new Tensor(n, 12, 12, 1);
        var y = new Tensor(n, 1);
        for (int s = 0; s < n; s++)
        {
            int cls = r.Next(2), at = r.Next(10) + 1;
            y.Data[s] = cls;
            for (int i = 0; i < 144; i++) x.Data[s * 144 + i] = (float)r.Uniform(0, 0.3);
            for (int k = 0; k < 12; k++) x.Data[s * 144 + (cls == 0 ? at * 12 + k : k * 12 + at)] += 0.7f;
        }
        return (x, y);
    }

    static Sequential SmallConvnet(uint seed) => new(seed)
    {
        new Conv2D(8, 3, activation: "relu", inputShape: [12, 12, 1]),
        new MaxPooling2D(2),
        new Flatten(),
        new Dropout(0.2),
        new Dense(16, activation: "relu"),
        new Dense(1, activation: "sigmoid"),
    };

    [Fact]
    public void SmallConvnetLearnsSyntheticTwoClassProblem()
    {
        var (x, y) = Bars(400, 1u);
        var (vx, vy) = Bars(200, 2u);
        var model = SmallConvnet(3u);
        model.Compile(new RMSprop(0.003), new BinaryCrossentropy(), "acc");
        var log = new StringWriter();
        var history = model.Fit(x, y, new FitOptions { Epochs = 8, BatchSize = 20, ValidationData = new ArrayBatchSequence(vx, vy, 50, false), Output = log });
        Assert.Equal(8, history["loss"].Count);
        Assert.True(history["val_acc"][^1] >= 0.95, $"val_acc {history["val_acc"][^1]}\n{log}");
        Assert.True(history["loss"][^1] < history["loss"][0]);
        Assert.Contains("Epoch 8/8", log.ToString());
        Assert.Contains("20/20 - ", log.ToString());
        var eval = model.Evaluate(vx, vy);
        Assert.Equal(history["val_acc"][^1], eval["acc"], 10);
        Assert.Equal(200, model.Predict(vx).Shape[0]);
    }

    [Fact]
    public void SameSeedGivesIdenticalWeightsAfterTraining()
    {
        float[][] Train()
        {
            var (x, y) = Bars(60, 5u);
            var model = SmallConvnet(9u);
            model.Compile(new Adam(), new BinaryCrossentropy(), "acc");
            model.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 16, Verbose = 0 });
            return model.GetWeights();
        }
        var a = Train();
        var b = Train();
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i]);
        var c = SmallConvnet(10u);
        c.Build();
        Assert.NotEqual(c.GetWeights()[0], SmallConvnet(9u).Also(m => m.Build()).GetWeights()[0]);
    }

    [Fact]
    public void LayerShapeMismatchIsReportedAtCompileWithShapes()
    {
        var model = new Sequential { new Dense(4, inputShape: [10]), new Conv2D(2, 3) };
        var e = Assert.Throws<ArgumentException>(() => model.Compile("rmsprop", "binary_crossentropy", "acc"));
        Assert.Contains("conv2d", e.Message);
        Assert.Contains("(None, 4)", e.Message);
    }

    [Fact]
    public void DataShapeMismatchIsReportedAtFitWithShapes()
    {
        var model = SmallConvnet(1u);
        model.Compile("rmsprop", "binary_crossentropy", "acc");
        var e = Assert.Throws<ArgumentException>(() => model.Fit(new Tensor(4, 12, 12, 3), new Tensor(4, 1), new FitOptions { Verbose = 0 }));
        Assert.Contains("(4, 12, 12, 3)", e.Message);
        Assert.Contains("(None, 12, 12, 1)", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => model.Fit(new Tensor(4, 12, 12, 1), new Tensor(4, 2), new FitOptions { Verbose = 0 }));
        Assert.Contains("(4, 2)", e2.Message);
    }

    [Fact]
    public void NaNLossStopsTrainingWithMessage()
    {
        var (x, y) = Bars(40, 1u);
        x.Data[5] = float.NaN;
        var model = SmallConvnet(1u);
        model.Compile("rmsprop", "binary_crossentropy", "acc");
        var before = model.GetWeights();
        var log = new StringWriter();
        var h = model.Fit(x, y, new FitOptions { Epochs = 3, BatchSize = 40, Output = log, Verbose = 2 });
        Assert.Contains("invalid loss", h.StopReason);
        Assert.Contains("invalid loss", log.ToString());
        Assert.Empty(h.Epochs);
        Assert.Equal(before[0], model.GetWeights()[0]);
    }

    [Fact]
    public void CompileLeavesTheLayersActivationsAsBuilt()
    {
        var model = new Sequential(1) { new Dense(3, activation: "relu", inputShape: [4]), new Dense(1, activation: "sigmoid") };
        model.Compile(new RMSprop(), new BinaryCrossentropy(), "acc");
        Assert.Equal(ActivationFunction.Sigmoid, ((Dense)model.Layers[1]).Activation);
        var softmax = new Sequential(1) { new Dense(3, inputShape: [4]), new Activation("softmax") };
        softmax.Compile(new Adam(), new CategoricalCrossentropy(), "acc");
        Assert.Equal(ActivationFunction.Softmax, ((Activation)softmax.Layers[1]).Function);
        // The fused model still outputs probabilities.
        var x = new Tensor(new float[] { 1, -2, 3, 0.5f }, 1, 4);
        Assert.Equal(1f, softmax.Predict(x).Data.Sum(), 5);
    }

    [Fact]
    public void CallbacksLogCheckpointAndStop()
    {
        var dir = Directory.CreateTempSubdirectory("augnet-nn-");
        try
        {
            var (x, y) = Bars(60, 1u);
            var model = SmallConvnet(1u);
            model.Compile(new SGD(0), new BinaryCrossentropy(), "acc"); // lr 0: nothing improves
            string csv = Path.Combine(dir.FullName, "log.csv");
            var h = model.Fit(x, y, new FitOptions
            {
                Epochs = 10, BatchSize = 30, Verbose = 0, ValidationData = new ArrayBatchSequence(x, y, 30, false),
                Callbacks = [new ReduceLROnPlateau(patience: 1), new CSVLogger(csv), new EarlyStopping(patience: 2), new ModelCheckpoint(Path.Combine(dir.FullName, "w{epoch:02d}.weights.h5"), saveWeightsOnly: true)],
            });
            Assert.Equal(3, h.Epochs.Count);
            Assert.Contains("EarlyStopping", h.StopReason);
            var lines = File.ReadAllLines(csv);
            Assert.Equal("epoch,acc,loss,lr,val_acc,val_loss", lines[0]);
            Assert.Equal(4, lines.Length);
            Assert.True(File.Exists(Path.Combine(dir.FullName, "w03.weights.h5")));
            var copy = SmallConvnet(2u);
            copy.Build();
            copy.LoadWeights(Path.Combine(dir.FullName, "w03.weights.h5"));
            Assert.Equal(model.GetWeights()[0], copy.GetWeights()[0]);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void ProgressBarMatchesKerasLayout()
    {
        Assert.Equal(" 37/100 [==========>...................]", ProgressLogger.Bar(37, 100));
        Assert.Equal("100/100 [==============================]", ProgressLogger.Bar(100, 100));
    }
}

static class Ext
{
    public static T Also<T>(this T v, Action<T> a) { a(v); return v; }
}
