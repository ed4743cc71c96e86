using AugNet.NN;
using AugNet.NN.Layers;
using AugNet.NN.Training;

namespace AugNet.Tests.NN;

/// <summary>Two optimiser steps on one weight against values computed by hand from Keras's formulas.</summary>
public class OptimizerTests
{
    static float[] TwoSteps(Optimizer opt, float w0, float g1, float g2)
    {
        var layer = new Dense(1, useBias: false);
        layer.Build([1], new NumpyRandom(0u));
        var p = layer.Kernel;
        p.Value.Data[0] = w0;
        var result = new float[2];
        p.Gradient.Data[0] = g1; opt.Apply([p]); result[0] = p.Value.Data[0];
        p.Gradient.Data[0] = g2; opt.Apply([p]); result[1] = p.Value.Data[0];
        return result;
    }

    [Fact]
    public void RMSprop()
    {
        var w = TwoSteps(new RMSprop(0.01), 1f, 0.5f, -0.2f);
        double ms1 = 0.1 * 0.25, w1 = 1 - 0.01 * 0.5 / (Math.Sqrt(ms1) + 1e-7);
        double ms2 = 0.9 * ms1 + 0.1 * 0.04, w2 = w1 + 0.01 * 0.2 / (Math.Sqrt(ms2) + 1e-7);
        Assert.Equal(w1, w[0], 5);
        Assert.Equal(w2, w[1], 5);
    }

    [Fact]
    public void Adam()
    {
        var w = TwoSteps(new Adam(0.1), 1f, 0.5f, -0.2f);
        double m = 0.05, v = 0.001 * 0.25;
        double w1 = 1 - 0.1 * Math.Sqrt(1 - 0.999) / (1 - 0.9) * m / (Math.Sqrt(v) + 1e-7);
        m = 0.9 * m + 0.1 * -0.2; v = 0.999 * v + 0.001 * 0.04;
        double w2 = w1 - 0.1 * Math.Sqrt(1 - 0.999 * 0.999) / (1 - 0.81) * m / (Math.Sqrt(v) + 1e-7);
        Assert.Equal(w1, w[0], 5);
        Assert.Equal(w2, w[1], 5);
    }

    [Theory]
    [InlineData(0.0, false, 0.95, 0.97)]
    [InlineData(0.9, false, 0.95, 0.925)]
    [InlineData(0.9, true, 0.905, 0.9025)]
    public void SGD(double momentum, bool nesterov, double e1, double e2)
    {
        // lr 0.1, g1 0.5, g2 -0.2. Momentum: v1 = −0.05, w1 = 0.95; v2 = −0.045 + 0.02 = −0.025, w2 = 0.925.
        // Nesterov: w1 = 1 + 0.9·(−0.05) − 0.05 = 0.905; w2 = 0.905 + 0.9·(−0.025) + 0.02 = 0.9025.
        var w = TwoSteps(new SGD(0.1, momentum, nesterov), 1f, 0.5f, -0.2f);
        Assert.Equal(e1, w[0], 5);
        Assert.Equal(e2, w[1], 5);
    }
}
