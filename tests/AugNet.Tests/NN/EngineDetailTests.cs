using AugNet.Tests.Support;
using AugNet.Data;
using AugNet.NN;
using AugNet.NN.Callbacks;
using AugNet.NN.Kernels;
using AugNet.NN.Layers;
using AugNet.NN.Training;
using AugNet.Tests.NN.Kernels;

namespace AugNet.Tests.NN;

/// <summary>SIMD and parallel paths against scalar references, buffer reuse, progress output, the model zoo.</summary>
public class EngineDetailTests
{
    static float[] Random(int n, uint seed)
    {
        var r = new NumpyRandom(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)r.Uniform(-1, 1);
        return a;
    }

    [Theory]
    [InlineData(37)]
    [InlineData(1000)]
    [InlineData(70_001)]
    public void ActivationsMatchScalarFormulas(int n)
    {
        var z = Random(n, 1u);
        var dy = Random(n, 2u);
        foreach (var f in new[] { ActivationFunction.Relu, ActivationFunction.Sigmoid, ActivationFunction.Tanh })
        {
            var y = (float[])z.Clone();
            Activations.Forward(f, y, 1);
            var dz = new float[n];
            Activations.Backward(f, y, dy, dz, 1);
            for (int i = 0; i < n; i++)
            {
                double e = f switch { ActivationFunction.Relu => Math.Max(z[i], 0), ActivationFunction.Sigmoid => 1 / (1 + Math.Exp(-z[i])), _ => Math.Tanh(z[i]) };
                Assert.Equal(e, y[i], 1e-5);
                double d = f switch { ActivationFunction.Relu => z[i] > 0 ? dy[i] : 0, ActivationFunction.Sigmoid => dy[i] * e * (1 - e), _ => dy[i] * (1 - e * e) };
                Assert.Equal(d, dz[i], 1e-5);
            }
        }
    }

    [Fact]
    public void ParallelBiasGradientIsDeterministicAndCorrect()
    {
        const int width = 32, rows = 5000;
        var dz = Random(width * rows, 3u);
        var a = new float[width];
        var b = new float[width];
        using (KernelTestData.Use(KernelSettings.BestPath, 1)) BiasActivation.BiasGradient(dz, width, a);
        using (KernelTestData.Use(KernelSettings.BestPath, 3)) BiasActivation.BiasGradient(dz, width, b);
        Assert.Equal(a, b);
        for (int j = 0; j < width; j++)
        {
            double s = 0;
            for (int r = 0; r < rows; r++) s += dz[r * width + j];
            Assert.Equal(s, a[j], 3);
        }
        var y = (float[])dz.Clone();
        var bias = Random(width, 4u);
        BiasActivation.Forward(y, bias, width, ActivationFunction.Relu);
        for (int i = 0; i < y.Length; i++) Assert.Equal(Math.Max(dz[i] + bias[i % width], 0f), y[i]);
    }

    [Theory]
    [InlineData(ActivationFunction.Relu)]
    [InlineData(ActivationFunction.Sigmoid)]
    [InlineData(ActivationFunction.Softmax)]
    public void BackwardWithBiasGradientLeavesDyAndMatchesSeparateSteps(ActivationFunction f)
    {
        const int width = 16, rows = 3000;
        var y = Random(width * rows, 5u);
        Activations.Forward(f, y, width);
        var dy = Random(width * rows, 6u);
        var dyCopy = (float[])dy.Clone();
        var dz = new float[dy.Length];
        var db = new float[width];
        Activations.BackwardWithBiasGradient(f, y, dy, dz, width, db);
        Assert.Equal(dyCopy, dy);
        var expected = new float[dy.Length];
        Activations.Backward(f, y, dy, expected, width);
        Assert.Equal(expected, dz);
        for (int j = 0; j < width; j++)
        {
            double s = 0;
            for (int r = 0; r < rows; r++) s += expected[r * width + j];
            Assert.Equal(s, db[j], 3);
        }
    }

    [Fact]
    public void SoftmaxWithBiasIsRowSoftmaxOfShiftedRows()
    {
        const int width = 5, rows = 7;
        var z = Random(width * rows, 7u);
        var bias = Random(width, 8u);
        var y = (float[])z.Clone();
        Activations.ForwardWithBias(ActivationFunction.Softmax, y, bias, width);
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            for (int j = 0; j < width; j++) sum += Math.Exp(z[r * width + j] + bias[j]);
            for (int j = 0; j < width; j++) Assert.Equal(Math.Exp(z[r * width + j] + bias[j]) / sum, y[r * width + j], 1e-6);
        }
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
