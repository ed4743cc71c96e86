
namespace AugNet.NN.Layers;

/// <summary>
/// Keras <c>GlobalMaxPooling2D</c>: (N, H, W, C) → (N, C), the maximum over height and width; the gradient goes to
/// the first position holding the maximum (row-major order), as for <see cref="MaxPooling2D"/>.
/// </summary>
public sealed class GlobalMaxPooling2D(int[]? inputShape = null, string? name = null) : GlobalPooling2D(inputShape, name)
{
    int[] _argmax = [];

    public override string TypeName => "GlobalMaxPooling2D";
    public override string NamePrefix => "global_max_pooling2d";

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int n = input.Shape[0], hw = InputShape[0] * InputShape[1], c = InputShape[2];
        var y = _out.Get(n, OutputShape);
        if (_argmax.Length < n * c) _argmax = new int[n * c];
        float[] x = input.Data, yd = y.Data;
        for (int s = 0; s < n; s++)
        {
            int o = s * c, b = s * hw * c;
            for (int ch = 0; ch < c; ch++) { yd[o + ch] = x[b + ch]; _argmax[o + ch] = 0; }
            for (int p = 1; p < hw; p++)
                for (int ch = 0; ch < c; ch++)
                {
                    float v = x[b + p * c + ch];
                    // NaN propagates as in TensorFlow's reduce_max: a NaN, once taken, is never replaced.
                    if (v > yd[o + ch] || float.IsNaN(v) && !float.IsNaN(yd[o + ch])) { yd[o + ch] = v; _argmax[o + ch] = p; }
                }
        }
        _batch = n;
        return y;
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        if (!ComputeInputGradient) return null;
        int hw = InputShape[0] * InputShape[1], c = InputShape[2];
        var dx = _dx.Get(_batch, InputShape);
        dx.Data.AsSpan().Clear();
        for (int s = 0; s < _batch; s++)
            for (int ch = 0; ch < c; ch++)
                dx.Data[(s * hw + _argmax[s * c + ch]) * c + ch] = gradOutput.Data[s * c + ch];
        return dx;
    }
}
