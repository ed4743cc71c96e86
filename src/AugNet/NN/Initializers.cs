
namespace AugNet.NN;

/// <summary>
/// Keras's default initialisers, drawn from the model's seeded generator in row-major order of the variable:
/// glorot_uniform U(−l, l) with l = sqrt(6 / (fan_in + fan_out)), where a conv kernel (KH, KW, Cin, Cout) has
/// fan_in = KH·KW·Cin and fan_out = KH·KW·Cout; zeros for biases and betas; ones for gammas and moving variances.
/// (The draws cannot equal TensorFlow's, whose generator differs; the distribution and seeding discipline do.)
/// </summary>
internal static class Initializers
{
    /// <summary>Glorot-uniform values into <paramref name="w"/>; nothing when <paramref name="random"/> is null (weights to be loaded).</summary>
    public static void GlorotUniform(Span<float> w, int fanIn, int fanOut, NumpyRandom? random)
    {
        if (random is null) return;
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < w.Length; i++) w[i] = (float)random.Uniform(-limit, limit);
    }

    /// <summary>fan_in and fan_out of a kernel shape as Keras computes them.</summary>
    public static (int FanIn, int FanOut) Fans(ReadOnlySpan<int> shape)
    {
        if (shape.Length == 2) return (shape[0], shape[1]);
        int receptive = 1;
        for (int i = 0; i < shape.Length - 2; i++) receptive *= shape[i];
        return (receptive * shape[^2], receptive * shape[^1]);
    }
}
