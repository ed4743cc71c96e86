using AugNet.Tests.Support;
using AugNet.Data;
using AugNet.NN;
using AugNet.NN.Callbacks;
using AugNet.NN.Layers;
using AugNet.NN.Training;

namespace AugNet.Tests.NN;

/// <summary>
/// Optimiser vector path, buffer reuse, progress output, the model zoo, Fit over a sequence. The activation and
/// bias kernels (and the <see cref="Activations"/> entry points over them) are tested in <see cref="Kernels.BiasActivationTests"/>.
/// </summary>
public class EngineDetailTests
{
    static float[] Random(int n, uint seed)
    {
        var r = new NumpyRandom(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)r.Uniform(-1, 1);
        return a;
    }

    [Fact]
    public void RMSpropVectorPathMatchesScalarFormula()
    {
        var layer = new Dense(37, useBias: false);
        layer.Build([1], new NumpyRandom(0u));
        var p = layer.Kernel;
        var w0 = (float[])p.Value.Data.Clone();
        var g = Random(37, 5u);
        g.CopyTo(p.Gradient.Data, 0);
        new RMSprop(0.01).Apply([p]);
        for (int i = 0; i < 37; i++)
        {
            float ms = 0.1f * g[i] * g[i];
            Assert.Equal(w0[i] - 0.01f * g[i] / (MathF.Sqrt(ms) + 1e-7f), p.Value.Data[i], 1e-6f);
        }
    }

    [Fact]
    public void TrainingStepsReuseBuffersInSteadyState()
    {
        var model = new Sequential(1u) { new Dense(64, "relu", inputShape: [32]), new Dropout(0.3), new Dense(10, "softmax") };
        model.Compile(new Adam(), new CategoricalCrossentropy(), "accuracy");
        var x = new Tensor(Random(16 * 32, 6u), 16, 32);
        var y = new Tensor(16, 10);
        for (int s = 0; s < 16; s++) y.Data[s * 10 + s % 10] = 1;
        for (int i = 0; i < 3; i++) model.TrainOnBatch(x, y);
        long perStep = AllocationProbe.MinBytesPerStep(() => model.TrainOnBatch(x, y), steps: 20);
        // Activations and gradients are 16×64 floats (4 KB) per layer; only small bookkeeping objects may remain.
        Assert.True(perStep < 2048, $"{perStep} bytes allocated per step");
    }

    [Fact]
    public void ProgressOnTerminalRedrawsOneLine()
    {
        var w = new StringWriter();
        var p = new ProgressLogger(w, epochs: 2, verbose: 1, isTerminal: true);
        p.OnEpochBegin(0, 2);
        p.OnBatchEnd(0, new Dictionary<string, double> { ["loss"] = 0.5, ["acc"] = 0.75 });
        p.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 0.5, ["acc"] = 0.75, ["val_loss"] = 0.0001 });
        string s = w.ToString();
        Assert.StartsWith("Epoch 1/2\n\r1/2 [==============>...............] - ETA: 0s - loss: 0.5000 - acc: 0.7500", s.Replace("\r\n", "\n"));
        Assert.Contains("\r2/2 [==============================] - 0s ", s);
        Assert.Contains("- val_loss: 1.0000e-04", s);
    }

    [Fact]
    public void ModelZooBookConvnetHasTheBooksParameterCount()
    {
        var m = ModelZoo.BookConvnet();
        Assert.Equal(3_453_121, m.Parameters.Sum(p => (long)p.Count));
        Assert.Equal([7, 7, 128], m.Layers[7].OutputShape);
        Assert.Equal(3, ModelZoo.BookConvnet(32).Layers.Count(l => l is Conv2D));
    }

    [Fact]
    public void FitReadsSequenceAcrossEpochsLikeAGenerator()
    {
        var seq = new CountingSequence();
        var model = new Sequential(1u) { new Dense(1, "sigmoid", inputShape: [2]) };
        model.Compile("sgd", "binary_crossentropy");
        model.Fit(seq, new FitOptions { Epochs = 3, StepsPerEpoch = 2, Verbose = 0 });
        Assert.Equal([0, 1, 2, 0, 1, 2], seq.Requested);
        Assert.Equal(2, seq.EpochEnds);
    }

    sealed class CountingSequence : IBatchSequence
    {
        public List<int> Requested { get; } = [];
        public int EpochEnds { get; private set; }
        public int Count => 3;
        public Batch GetBatch(int index) { Requested.Add(index); return new Batch(new Tensor(4, 2), new Tensor(4, 1)); }
        public void OnEpochEnd() => EpochEnds++;
    }
}

public class InputGradientTests
{
    [Fact]
    public void LayersBeforeAnyWeightsSkipTheInputGradient()
    {
        var m = new Sequential { new InputLayer([4, 4, 1]), new MaxPooling2D(2), new Conv2D(2, 1), new Flatten(), new Dense(1) };
        m.Build();
        Assert.Equal([false, false, false, true, true], m.Layers.Select(l => l.ComputeInputGradient).ToArray());
        m.Compile("sgd", "mse");
        m.TrainOnBatch(new Tensor(3, 4, 4, 1), new Tensor(3, 1));
        var s = m.Summary();
        Assert.DoesNotContain("InputLayer", s);
        Assert.Contains("Total params: 13", s); // conv 1·1·1·2 + 2, dense 8 + 1
    }
}
