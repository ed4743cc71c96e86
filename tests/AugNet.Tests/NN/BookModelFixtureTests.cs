using AugNet.Imaging;
using AugNet.NN;
using AugNet.NN.Layers;
using AugNet.NN.Training;

namespace AugNet.Tests.NN;

/// <summary>
/// The book's model (62×62 input, batch 2, dropout off) against PyTorch: logits, loss, every gradient and the weights
/// after one RMSprop step. Fixtures made by Fixtures/make_book_model_fixture.py; weights and input come from the same
/// integer formula on both sides.
/// </summary>
public class BookModelFixtureTests
{
    static string FixtureDir() => Support.Fixtures.Dir("NN/Fixtures");

    static float[] Load(string name) => NpyArray.Load(Path.Combine(FixtureDir(), name)).ToSingle();

    /// <summary>The fixture script's <c>values(n, k, scale)</c>, bit for bit.</summary>
    static void Values(Span<float> dst, int k, double scale)
    {
        for (int i = 0; i < dst.Length; i++)
        {
            ulong v = ((ulong)i * 2654435761UL + (ulong)(12345 * (k + 1))) % 4294967296UL;
            dst[i] = (float)(((double)v / 4294967296.0 - 0.5) * scale);
        }
    }

    static int Stride(int n) => Math.Max(1, n / 1000);

    [Fact]
    public void ForwardBackwardAndRMSpropStepMatchPyTorch()
    {
        var model = SequentialTests.BookModel(62);
        var optimizer = new RMSprop(1e-4);
        model.Compile(optimizer, new BinaryCrossentropy(), "acc");
        Assert.Equal(512, model.Layers[8].OutputShape[0]);
        var ps = model.Parameters.ToList();
        Assert.Equal(12, ps.Count);
        for (int k = 0; k < ps.Count; k++)
        {
            var shape = ps[k].Value.Shape;
            double scale = 0.1;
            if (shape.Length > 1)
            {
                var (fi, fo) = Initializers.Fans(shape);
                scale = 2 * Math.Sqrt(6.0 / (fi + fo));
            }
            Values(ps[k].Value.Span, k, scale);
        }
        var x = new Tensor(2, 62, 62, 3);
        Values(x.Span, 99, 1.0);
        for (int i = 0; i < x.Length; i++) x.Data[i] += 0.5f;
        var y = new Tensor([1f, 0f], 2, 1);

        // The sigmoid is fused with the loss at Compile, so the layers' output is the logits.
        Tensor t = x;
        foreach (var l in model.Layers) t = l.Forward(t, training: false);
        var logits = Load("book_logits.npy");
        for (int i = 0; i < 2; i++) Assert.Equal(logits[i], t.Data[i], 4e-5);
        var grad = new float[2];
        double loss = new BinaryCrossentropy().Compute(t, y, default, grad, logits: true);
        Assert.Equal(NpyArray.Load(Path.Combine(FixtureDir(), "book_loss.npy")).ToDouble()[0], loss, 5);

        Tensor? g = new Tensor(grad, 2, 1);
        for (int i = model.Layers.Count - 1; i >= 0 && g is not null; i--) g = model.Layers[i].Backward(g);
        for (int k = 0; k < ps.Count; k++)
        {
            var expected = Load($"book_grad_{k}.npy");
            var actual = ps[k].Gradient.Data;
            int s = Stride(actual.Length);
            Assert.Equal((actual.Length + s - 1) / s, expected.Length);
            float max = expected.Max(Math.Abs);
            for (int j = 0; j < expected.Length; j++)
                Assert.True(Math.Abs(actual[j * s] - expected[j]) <= 1e-4 * max + 1e-7,
                    $"gradient {k} ({ps[k].Name}) [{j * s}]: {actual[j * s]} vs torch {expected[j]} (max |g| {max})");
        }

        optimizer.Apply(model.TrainableParameters);
        for (int k = 0; k < ps.Count; k++)
        {
            var expected = Load($"book_after_{k}.npy");
            var grads = Load($"book_grad_{k}.npy");
            float maxG = grads.Max(Math.Abs);
            var actual = ps[k].Value.Data;
            int s = Stride(actual.Length);
            for (int j = 0; j < expected.Length; j++)
            {
                if (Math.Abs(grads[j]) < 1e-3 * maxG) continue; // a near-zero gradient's step sign is float noise
                Assert.True(Math.Abs(actual[j * s] - expected[j]) <= 2e-6,
                    $"weight {k} ({ps[k].Name}) [{j * s}] after RMSprop: {actual[j * s]} vs torch {expected[j]}");
            }
        }
    }
}
