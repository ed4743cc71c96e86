using AugNet.Augmentation;
using AugNet.NN;
using AugNet.NN.Kernels;
using static AugNet.Tests.NN.Kernels.KernelTestData;

namespace AugNet.Tests.NN.Kernels;

/// <summary>
/// The fused bias + activation kernel and its bias gradient against formulas and across SIMD paths and thread counts,
/// and the <see cref="Activations"/> entry points built on it.
/// </summary>
public class BiasActivationTests
{
    [Theory]
    [InlineData(ActivationFunction.Linear)]
    [InlineData(ActivationFunction.Relu)]
    [InlineData(ActivationFunction.Sigmoid)]
    [InlineData(ActivationFunction.Tanh)]
    public void ForwardAddsBiasThenActivates(ActivationFunction act)
    {
        foreach (int channels in new[] { 1, 3, 40 })
        {
            int rows = 70000 / channels + 3; // large enough to be split into parallel chunks
            var y = Random(rows * channels, 1); var bias = Random(channels, 2);
            var expected = new float[y.Length];
            for (int i = 0; i < y.Length; i++)
            {
                double v = y[i] + bias[i % channels];
                expected[i] = (float)(act switch
                {
                    ActivationFunction.Relu => Math.Max(v, 0),
                    ActivationFunction.Sigmoid => 1 / (1 + Math.Exp(-v)),
                    ActivationFunction.Tanh => Math.Tanh(v),
                    _ => v,
                });
            }
            var exactRelu = new float[y.Length];
            for (int i = 0; i < y.Length; i++) exactRelu[i] = Math.Max(y[i] + bias[i % channels], 0f);
            using (Use(SimdPaths.Best, 2))
                BiasActivation.Forward(y, bias, channels, act);
            AssertClose(expected, y, 1e-6f, 1e-5f, $"{act} channels={channels}");
            if (act == ActivationFunction.Relu) Assert.Equal(exactRelu, y); // float add then max, bit for bit
        }
    }

    [Theory]
    [InlineData(ActivationFunction.Linear)]
    [InlineData(ActivationFunction.Relu)]
    [InlineData(ActivationFunction.Sigmoid)]
    [InlineData(ActivationFunction.Tanh)]
    public void BackwardMultipliesByTheDerivativeFromTheOutput(ActivationFunction act)
    {
        var y = Random(100003, 1); var dy = Random(y.Length, 2);
        if (act == ActivationFunction.Sigmoid) for (int i = 0; i < y.Length; i++) y[i] = (y[i] + 1) / 2;
        var expected = new float[y.Length];
        for (int i = 0; i < y.Length; i++)
            expected[i] = dy[i] * act switch
            {
                ActivationFunction.Relu => y[i] > 0 ? 1f : 0f,
                ActivationFunction.Sigmoid => y[i] * (1 - y[i]),
                ActivationFunction.Tanh => 1 - y[i] * y[i],
                _ => 1f,
            };
        using (Use(SimdPaths.Best, 2))
            BiasActivation.Backward(dy, y, act);
        AssertClose(expected, dy, 0, 1e-6f, act.ToString());
    }

    [Theory]
    [InlineData(7, 40000, 2e-3f)]
    [InlineData(32, 5000, 5e-4f)]
    public void BiasGradientSumsRowsIdenticallyForEveryThreadCount(int channels, int rows, float atol)
    {
        var dy = Random(rows * channels, 3);
        var expected = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double s = 0;
            for (int r = 0; r < rows; r++) s += dy[r * channels + c];
            expected[c] = (float)s;
        }
        float[]? first = null;
        foreach (int threads in new[] { 1, 2, 3, 4 })
        {
            var db = new float[channels];
            using (Use(SimdPaths.Best, threads))
                BiasActivation.BiasGradient(dy, channels, db);
            AssertClose(expected, db, atol, 1e-4f, $"threads={threads}");
            if (first is null) first = db; else Assert.Equal(first, db);
        }
    }

    [Theory]
    [InlineData(ActivationFunction.Relu, 1)]
    [InlineData(ActivationFunction.Sigmoid, 5)]
    [InlineData(ActivationFunction.Tanh, 64)]
    [InlineData(ActivationFunction.Linear, 3)]
    public void FusedBackwardAndBiasGradientEqualTheTwoCalls(ActivationFunction act, int channels)
    {
        int rows = 90000 / channels + 7;
        var y = Random(rows * channels, 1); var dy = Random(y.Length, 2);
        var expected = (float[])dy.Clone(); var dbExpected = new float[channels];
        BiasActivation.Backward(expected, y, act);
        BiasActivation.BiasGradient(expected, channels, dbExpected);
        var db = new float[channels];
        using (Use(SimdPaths.Best, 2))
            BiasActivation.BackwardWithBiasGradient(dy, y, channels, act, db);
        Assert.Equal(expected, dy);
        Assert.Equal(dbExpected, db);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(24)]
    [InlineData(7)]
    public void VectorRowSumPathsEqualTheScalarSteps(int channels)
    {
        // Relu/linear with whole vectors of channels take a register path; every SIMD path and the out-of-place form
        // must give exactly what the element-wise backward followed by a scalar row sum gives.
        int rows = 70000 / channels + 5;
        var y = Random(rows * channels, 7); var dy = Random(y.Length, 8);
        y[0] = -0f; y[1] = float.NaN;
        foreach (var act in new[] { ActivationFunction.Relu, ActivationFunction.Linear })
        {
            var expected = (float[])dy.Clone();
            var dbExpected = new float[channels];
            using (Use(SimdPath.Scalar, 1))
            {
                BiasActivation.Backward(expected, y, act);
                BiasActivation.BiasGradient(expected, channels, dbExpected);
            }
            foreach (var path in SupportedPaths())
                foreach (int threads in new[] { 1, 3 })
                    using (Use(path, threads))
                    {
                        var inPlace = (float[])dy.Clone(); var db = new float[channels];
                        BiasActivation.BackwardWithBiasGradient(inPlace, y, channels, act, db);
                        Assert.Equal(expected, inPlace);
                        Assert.Equal(dbExpected, db);
                        var dz = new float[dy.Length]; var db2 = new float[channels];
                        BiasActivation.BackwardWithBiasGradient(dy, y, dz, channels, act, db2);
                        Assert.Equal(expected, dz);
                        Assert.Equal(dbExpected, db2);
                        var db3 = new float[channels];
                        BiasActivation.BiasGradient(expected, channels, db3);
                        Assert.Equal(dbExpected, db3);
                    }
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(24)]
    [InlineData(7)]
    public void OnePassReluEqualsBiasThenMaxIncludingNaNAndSignedZero(int channels)
    {
        var y = Random(channels * 301, 5); var bias = Random(channels, 6);
        y[0] = float.NaN; y[1] = -bias[1]; y[2] = -0f; bias[2] = -0f; y[channels] = float.NegativeInfinity;
        foreach (var act in new[] { ActivationFunction.Relu, ActivationFunction.Linear })
        {
            var expected = (float[])y.Clone();
            for (int r = 0; r < expected.Length; r += channels)
                System.Numerics.Tensors.TensorPrimitives.Add(expected.AsSpan(r, channels), bias, expected.AsSpan(r, channels));
            if (act == ActivationFunction.Relu) System.Numerics.Tensors.TensorPrimitives.Max(expected, 0f, expected);
            var actual = (float[])y.Clone();
            BiasActivation.ForwardRange(actual, bias, channels, act);
            for (int i = 0; i < y.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]) || (float.IsNaN(expected[i]) && float.IsNaN(actual[i])),
                    $"{act} channels={channels} element {i}: {actual[i]} vs {expected[i]}");
        }
    }

    // The Activations entry points over this kernel (softmax included), with NumPy-seeded data.
    static float[] NumpyUniform(int n, uint seed)
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
        var z = NumpyUniform(n, 1u);
        var dy = NumpyUniform(n, 2u);
        foreach (var f in new[] { ActivationFunction.Relu, ActivationFunction.Sigmoid, ActivationFunction.Tanh })
        {
            var y = (float[])z.Clone();
            Activations.Forward(f, y, 1);
            var dz = new float[n];
            Activations.Backward(f, dy, y, dz, 1);
            for (int i = 0; i < n; i++)
            {
                double e = f switch { ActivationFunction.Relu => Math.Max(z[i], 0), ActivationFunction.Sigmoid => 1 / (1 + Math.Exp(-z[i])), _ => Math.Tanh(z[i]) };
                Assert.Equal(e, y[i], 1e-5);
                double d = f switch { ActivationFunction.Relu => z[i] > 0 ? dy[i] : 0, ActivationFunction.Sigmoid => dy[i] * e * (1 - e), _ => dy[i] * (1 - e * e) };
                Assert.Equal(d, dz[i], 1e-5);
            }
        }
    }

    [Theory]
    [InlineData(ActivationFunction.Relu)]
    [InlineData(ActivationFunction.Sigmoid)]
    [InlineData(ActivationFunction.Softmax)]
    public void BackwardWithBiasGradientLeavesDyAndMatchesSeparateSteps(ActivationFunction f)
    {
        const int width = 16, rows = 3000;
        var y = NumpyUniform(width * rows, 5u);
        Activations.Forward(f, y, width);
        var dy = NumpyUniform(width * rows, 6u);
        var dyCopy = (float[])dy.Clone();
        var dz = new float[dy.Length];
        var db = new float[width];
        Activations.BackwardWithBiasGradient(f, dy, y, dz, width, db);
        Assert.Equal(dyCopy, dy);
        var expected = new float[dy.Length];
        Activations.Backward(f, dy, y, expected, width);
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
        var z = NumpyUniform(width * rows, 7u);
        var bias = NumpyUniform(width, 8u);
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
    public void RejectsMismatchedShapes()
    {
        Assert.Throws<ArgumentException>(() => BiasActivation.Forward(new float[10], new float[3], 3, ActivationFunction.Relu));
        Assert.Throws<ArgumentException>(() => BiasActivation.Forward(new float[9], new float[2], 3, ActivationFunction.Relu));
        Assert.Throws<ArgumentException>(() => BiasActivation.Backward(new float[9], new float[8], ActivationFunction.Relu));
        var untouched = new float[] { 1, 2, 3 };
        var ex = Assert.Throws<ArgumentException>(() => BiasActivation.Forward(untouched, new float[] { 1, 1, 1 }, 3, ActivationFunction.Softmax));
        Assert.Contains("not element-wise", ex.Message);
        Assert.Equal(new float[] { 1, 2, 3 }, untouched);
    }
}
