using AugNet.NN;
using AugNet.NN.Kernels;
using AugNet.NN.Layers;
using AugNet.NN.Training;

namespace AugNet.Tests.NN;

/// <summary>Analytic gradients of every layer and loss against central finite differences (objective summed in double).</summary>
public class GradientCheckTests
{
    static Tensor Random(NumpyRandom r, params int[] shape)
    {
        var t = new Tensor(shape);
        // Magnitudes in [0.1, 1): away from ReLU's and max-pooling's kinks at the finite-difference step.
        for (int i = 0; i < t.Length; i++) { double u = r.Uniform(-1, 1); t.Data[i] = (float)(Math.Sign(u) * (0.1 + 0.9 * Math.Abs(u))); }
        return t;
    }

    /// <summary>Objective L = Σ r·layer(x); checks dL/dx and dL/dparams at sampled positions.</summary>
    static void Check(Layer layer, int[] inputShape, int batch = 2, bool training = true, double eps = 1e-2, double tol = 2e-2)
    {
        var rng = new NumpyRandom(7u);
        layer.Build(inputShape, rng);
        var x = Random(rng, [batch, .. inputShape]);
        var y0 = layer.Forward(x, training);
        var r = Random(rng, y0.Shape);
        double Objective()
        {
            var y = layer.Forward(x, training);
            double s = 0;
            for (int i = 0; i < y.Length; i++) s += (double)y.Data[i] * r.Data[i];
            return s;
        }
        layer.Forward(x, training);
        var dx = layer.Backward(r)!.Clone();
        var grads = layer.Parameters.Where(p => p.Trainable).Select(p => p.Gradient.Clone()).ToList();
        void Compare(float[] values, float[] analytic, string what)
        {
            int step = Math.Max(1, values.Length / 40);
            for (int i = 0; i < values.Length; i += step)
            {
                float keep = values[i];
                values[i] = keep + (float)eps; double up = Objective();
                values[i] = keep - (float)eps; double down = Objective();
                values[i] = keep;
                double numeric = (up - down) / (2 * eps), a = analytic[i];
                Assert.True(Math.Abs(numeric - a) <= tol * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(numeric))),
                    $"{layer.TypeName} {what}[{i}]: analytic {a}, numeric {numeric}");
            }
        }
        Compare(x.Data, dx.Data, "input");
        var trainable = layer.Parameters.Where(p => p.Trainable).ToList();
        for (int k = 0; k < trainable.Count; k++) Compare(trainable[k].Value.Data, grads[k].Data, trainable[k].Name);
    }

    [Theory]
    [InlineData(Padding.Valid, 1, "relu")]
    [InlineData(Padding.Same, 2, "tanh")]
    [InlineData(Padding.Same, 1, "sigmoid")]
    [InlineData(Padding.Valid, 1, "softmax")]
    [InlineData(Padding.Same, 1, "linear")]
    public void Conv2D(Padding padding, int stride, string activation)
    {
        var layer = new Conv2D(3, 3, stride, padding, activation);
        Check(layer, [5, 6, 2], eps: activation == "relu" ? 1e-3 : 1e-2);
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("softmax")]
    [InlineData("sigmoid")]
    [InlineData("relu")]
    public void Dense(string activation) => Check(new Dense(4, activation), [5]);

    [Fact] public void MaxPooling2DValid() => Check(new MaxPooling2D(2), [4, 6, 3], eps: 1e-3);
    [Fact] public void MaxPooling2DBackwardAfterInferenceForward() => Check(new MaxPooling2D(2), [4, 6, 3], training: false, eps: 1e-3);
    [Fact] public void MaxPooling2DSameStride1() => Check(new MaxPooling2D(3, 1, Padding.Same), [4, 5, 2], eps: 1e-3);
    [Fact] public void AveragePooling2DValid() => Check(new AveragePooling2D(2), [4, 6, 3]);
    [Fact] public void AveragePooling2DSame() => Check(new AveragePooling2D(2, 2, Padding.Same), [5, 5, 2]);
    [Fact] public void GlobalMaxPooling2D() => Check(new GlobalMaxPooling2D(), [4, 5, 3], eps: 1e-3);
    [Fact] public void Rescaling() => Check(new Rescaling(1.0 / 255, -0.5), [3, 4, 2]);
    [Fact] public void GlobalAveragePooling2D() => Check(new GlobalAveragePooling2D(), [3, 4, 5]);
    [Fact] public void Flatten() => Check(new Flatten(), [3, 4, 2]);
    [Fact] public void BatchNormalizationTraining() => Check(new BatchNormalization(), [3, 3, 4], batch: 3);
    [Fact] public void BatchNormalizationInference() => Check(new BatchNormalization(), [6], batch: 3, training: false);
    [Fact] public void DropoutInference() => Check(new Dropout(0.5), [7], training: false);

    [Theory]
    [InlineData("softmax")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("relu")]
    public void Activation(string f) => Check(new Activation(f), [6], eps: 1e-3);

    [Fact]
    public void DropoutTrainingUsesOneMaskForForwardAndBackward()
    {
        var d = new Dropout(0.5) { Random = new NumpyRandom(3u) };
        d.Build([1000], new NumpyRandom(1u));
        var x = new Tensor([1, 1000]);
        x.Span.Fill(1f);
        var y = d.Forward(x, training: true).Clone();
        var g = d.Backward(x)!;
        Assert.Equal(y.Data, g.Data);
        int kept = y.Data.Count(v => v == 2f);
        Assert.Equal(1000, kept + y.Data.Count(v => v == 0f));
        Assert.InRange(kept, 430, 570);
    }

    public static TheoryData<string, bool, int> LossCases => new()
    {
        { "binary_crossentropy", false, 1 }, { "binary_crossentropy", true, 1 }, { "binary_crossentropy", false, 3 },
        { "categorical_crossentropy", false, 4 }, { "categorical_crossentropy", true, 4 },
        { "sparse_categorical_crossentropy", false, 4 }, { "sparse_categorical_crossentropy", true, 4 },
        { "mse", false, 3 },
    };

    [Theory]
    [MemberData(nameof(LossCases))]
    public void Loss(string name, bool logits, int width)
    {
        var loss = AugNet.NN.Training.Loss.FromName(name, logits);
        var rng = new NumpyRandom(11u);
        int n = 3;
        var o = new Tensor(n, width);
        for (int i = 0; i < o.Length; i++) o.Data[i] = logits ? (float)rng.Uniform(-3, 3) : (float)rng.Uniform(0.05, 0.95);
        Tensor t;
        if (name.StartsWith("sparse")) { t = new Tensor(n, 1); for (int s = 0; s < n; s++) t.Data[s] = rng.Next(width); }
        else if (name.StartsWith("categorical")) { t = new Tensor(n, width); for (int s = 0; s < n; s++) t.Data[s * width + rng.Next(width)] = 1; }
        else { t = new Tensor(n, width); for (int i = 0; i < t.Length; i++) t.Data[i] = name == "mse" ? (float)rng.Uniform(-1, 1) : rng.Next(2); }
        float[] sw = [0.5f, 1f, 2f];
        var grad = new float[o.Length];
        loss.Compute(o, t, sw, grad, logits);
        const double eps = 1e-3;
        var scratch = new float[o.Length];
        for (int i = 0; i < o.Length; i++)
        {
            float keep = o.Data[i];
            o.Data[i] = keep + (float)eps; double up = loss.Compute(o, t, sw, scratch, logits);
            o.Data[i] = keep - (float)eps; double down = loss.Compute(o, t, sw, scratch, logits);
            o.Data[i] = keep;
            double numeric = (up - down) / (2 * eps);
            Assert.True(Math.Abs(numeric - grad[i]) <= 1e-3 * Math.Max(1, Math.Abs(numeric)), $"{name} grad[{i}]: analytic {grad[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void BinaryCrossentropyFromLogitsIsStableWhereProbabilitiesSaturate()
    {
        var loss = new BinaryCrossentropy();
        var o = new Tensor([200f, -200f], 2, 1);
        var t = new Tensor([0f, 1f], 2, 1);
        var g = new float[2];
        double l = loss.Compute(o, t, default, g, logits: true);
        Assert.Equal(200, l, 6);
        Assert.Equal(0.5f, g[0], 6);
        Assert.Equal(-0.5f, g[1], 6);
    }
}
