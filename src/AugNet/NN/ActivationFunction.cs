using System.Numerics;
using System.Numerics.Tensors;

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
        switch (f)
        {
            case ActivationFunction.Linear: break;
            case ActivationFunction.Relu: TensorPrimitives.Max(y, 0f, y); break;
            case ActivationFunction.Sigmoid: TensorPrimitives.Sigmoid(y, y); break;
            case ActivationFunction.Tanh: TensorPrimitives.Tanh(y, y); break;
            case ActivationFunction.Softmax:
                for (int r = 0; r < y.Length; r += width) SoftmaxRow(y.Slice(r, width));
                break;
        }
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

    /// <summary>dz = dy · f'(z), written into <paramref name="dz"/> (may alias dy), from the output y = f(z).</summary>
    public static void Backward(ActivationFunction f, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dz, int width)
    {
        switch (f)
        {
            case ActivationFunction.Linear:
                if (!dy.Overlaps(dz)) dy.CopyTo(dz);
                break;
            case ActivationFunction.Relu:
            {
                int i = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    int vw = Vector<float>.Count;
                    for (; i <= y.Length - vw; i += vw)
                    {
                        var yv = new Vector<float>(y.Slice(i));
                        var dv = new Vector<float>(dy.Slice(i));
                        Vector.ConditionalSelect(Vector.GreaterThan(yv, Vector<float>.Zero), dv, Vector<float>.Zero).CopyTo(dz.Slice(i));
                    }
                }
                for (; i < y.Length; i++) dz[i] = y[i] > 0 ? dy[i] : 0f;
                break;
            }
            case ActivationFunction.Sigmoid:
                for (int i = 0; i < y.Length; i++) dz[i] = dy[i] * y[i] * (1f - y[i]);
                break;
            case ActivationFunction.Tanh:
                for (int i = 0; i < y.Length; i++) dz[i] = dy[i] * (1f - y[i] * y[i]);
                break;
            case ActivationFunction.Softmax:
                for (int r = 0; r < y.Length; r += width)
                {
                    var yr = y.Slice(r, width);
                    var dr = dy.Slice(r, width);
                    float s = TensorPrimitives.Dot(yr, dr);
                    var zr = dz.Slice(r, width);
                    for (int j = 0; j < width; j++) zr[j] = yr[j] * (dr[j] - s);
                }
                break;
        }
    }
}
