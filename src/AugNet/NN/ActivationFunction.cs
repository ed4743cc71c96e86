using System.Numerics.Tensors;
using AugNet.NN.Kernels;

namespace AugNet.NN;

/// <summary>The element-wise activations Keras names 'linear', 'relu', 'sigmoid', 'tanh' and 'softmax' (last axis).</summary>
public enum ActivationFunction { Linear, Relu, Sigmoid, Tanh, Softmax }

/// <summary>Forward and backward of the activations, in place over spans; backward needs only the activation's output.</summary>
public static class Activations
{
    /// <summary>Parses Keras's activation names (null or "linear" mean none).</summary>
    public static ActivationFunction Parse(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "linear" or "none" => ActivationFunction.Linear,
        "relu" => ActivationFunction.Relu,
        "sigmoid" => ActivationFunction.Sigmoid,
        "tanh" => ActivationFunction.Tanh,
        "softmax" => ActivationFunction.Softmax,
        _ => throw new ArgumentException($"Unknown activation '{name}'; expected linear, relu, sigmoid, tanh or softmax.", nameof(name)),
    };

    public static string KerasName(ActivationFunction f) => f.ToString().ToLowerInvariant();

    /// <summary>y = f(y) in place; softmax works on rows of <paramref name="width"/> elements.</summary>
    public static void Forward(ActivationFunction f, Span<float> y, int width)
    {
        if (f == ActivationFunction.Softmax)
            for (int r = 0; r < y.Length; r += width) SoftmaxRow(y.Slice(r, width));
        else BiasActivation.Forward(y, default, 1, f);
    }

    /// <summary>
    /// y = f(y + bias) in place over rows of <paramref name="width"/> elements (an empty bias means none): the fused
    /// <see cref="BiasActivation"/> kernel for element-wise activations, bias then row softmax for softmax.
    /// </summary>
    public static void ForwardWithBias(ActivationFunction f, Span<float> y, ReadOnlySpan<float> bias, int width)
    {
        if (f != ActivationFunction.Softmax) { BiasActivation.Forward(y, bias, width, f); return; }
        if (!bias.IsEmpty) BiasActivation.Forward(y, bias, width, ActivationFunction.Linear);
        Forward(f, y, width);
    }

    /// <summary>Numerically stable softmax of one row, in place (the maximum is subtracted first).</summary>
    public static void SoftmaxRow(Span<float> row)
    {
        float max = TensorPrimitives.Max(row);
        TensorPrimitives.Subtract(row, max, row);
        TensorPrimitives.Exp(row, row);
        float sum = TensorPrimitives.Sum(row);
        TensorPrimitives.Divide(row, sum, row);
    }

    /// <summary>
    /// dz = dy · f'(z), written into <paramref name="dz"/> (may be dy itself), from the output y = f(z). The spans come
    /// in <see cref="BiasActivation.Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, ActivationFunction)"/>'s
    /// order: dy, y, dz.
    /// </summary>
    public static void Backward(ActivationFunction f, ReadOnlySpan<float> dy, ReadOnlySpan<float> y, Span<float> dz, int width)
    {
        if (f != ActivationFunction.Softmax) { BiasActivation.Backward(dy, y, dz, f); return; }
        for (int r = 0; r < y.Length; r += width)
        {
            var yr = y.Slice(r, width);
            var dr = dy.Slice(r, width);
            float s = TensorPrimitives.Dot(yr, dr);
            var zr = dz.Slice(r, width);
            for (int j = 0; j < width; j++) zr[j] = yr[j] * (dr[j] - s);
        }
    }

    /// <summary>
    /// <see cref="Backward"/> and, when <paramref name="dbias"/> is not empty, dbias[c] = Σ_rows dz[row, c] — in one
    /// pass (<see cref="BiasActivation.BackwardWithBiasGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, ActivationFunction, Span{float})"/>)
    /// for element-wise activations. The bias gradient's summation order is fixed, so it is the same on any thread count.
    /// </summary>
    public static void BackwardWithBiasGradient(ActivationFunction f, ReadOnlySpan<float> dy, ReadOnlySpan<float> y, Span<float> dz, int width, Span<float> dbias)
    {
        if (dbias.IsEmpty) Backward(f, dy, y, dz, width);
        else if (f == ActivationFunction.Softmax)
        {
            Backward(f, dy, y, dz, width);
            BiasActivation.BiasGradient(dz, width, dbias);
        }
        else BiasActivation.BackwardWithBiasGradient(dy, y, dz, width, f, dbias);
    }
}
