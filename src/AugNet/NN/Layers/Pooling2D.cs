using AugNet.Augmentation;
using AugNet.NN.Kernels;

namespace AugNet.NN.Layers;

/// <summary>
/// Shared geometry of Keras's 2-D pooling layers (channels_last): pool size, strides (default: the pool size) and
/// padding. 'valid': out = floor((in − pool) / stride) + 1; 'same': out = ceil(in / stride) with TensorFlow's
/// padding split (the extra row/column at the bottom/right). Work is split by sample across threads; each sample's
/// result depends only on that sample, so the split cannot change the numbers.
/// </summary>
public abstract class Pooling2D : Layer
{
    private protected readonly BufferSlot OutputSlot = new(), GradSlot = new();
    private protected int OH, OW, PadTop, PadLeft;

    protected Pooling2D(int poolSize, int? strides, Padding padding, string? name, int[]? inputShape)
        : this((poolSize, poolSize), strides is int s ? (s, s) : null, padding, name, inputShape) { }

    protected Pooling2D((int H, int W) poolSize, (int H, int W)? strides, Padding padding, string? name, int[]? inputShape) : base(name, inputShape)
    {
        if (poolSize.H <= 0 || poolSize.W <= 0) throw new ArgumentOutOfRangeException(nameof(poolSize), poolSize, "Pool size must be positive.");
        var st = strides ?? poolSize;
        if (st.H <= 0 || st.W <= 0) throw new ArgumentOutOfRangeException(nameof(strides), strides, "Strides must be positive.");
        PoolSize = poolSize;
        Strides = st;
        Padding = padding;
    }

    public (int H, int W) PoolSize { get; }
    public (int H, int W) Strides { get; }
    public Padding Padding { get; }

    protected override int[] OnBuild(int[] inputShape, NumpyRandom random)
    {
        RequireRank(inputShape, 3, "(batch, height, width, channels)");
        int h = inputShape[0], w = inputShape[1];
        if (Padding == Padding.Valid)
        {
            if (h < PoolSize.H || w < PoolSize.W)
                throw new ArgumentException($"Layer '{Name}' ({TypeName}): pool {PoolSize} is larger than its input {ShapeText.Batch(inputShape)} with 'valid' padding.");
            OH = (h - PoolSize.H) / Strides.H + 1;
            OW = (w - PoolSize.W) / Strides.W + 1;
        }
        else
        {
            OH = (h + Strides.H - 1) / Strides.H;
            OW = (w + Strides.W - 1) / Strides.W;
            PadTop = Math.Max((OH - 1) * Strides.H + PoolSize.H - h, 0) / 2;
            PadLeft = Math.Max((OW - 1) * Strides.W + PoolSize.W - w, 0) / 2;
        }
        return [OH, OW, inputShape[2]];
    }

    /// <summary>Runs <paramref name="perSample"/> for every sample, in parallel when the batch is big enough to pay.</summary>
    protected static void ForEachSample(int n, long workPerSample, Action<int> perSample)
    {
        if (n > 1 && workPerSample * n > 32_768) Parallel.For(0, n, perSample);
        else for (int i = 0; i < n; i++) perSample(i);
    }
}

/// <summary>Keras <c>MaxPooling2D</c> (default pool 2, strides = pool, 'valid'); the gradient goes to the first maximum.</summary>
public sealed class MaxPooling2D : Pooling2D
{
    int[] _argmax = [];
    Tensor? _input;

    public MaxPooling2D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid, string? name = null, int[]? inputShape = null)
        : base(poolSize, strides, padding, name, inputShape) { }

    public MaxPooling2D((int H, int W) poolSize, (int H, int W)? strides = null, Padding padding = Padding.Valid, string? name = null, int[]? inputShape = null)
        : base(poolSize, strides, padding, name, inputShape) { }

    public override string TypeName => "MaxPooling2D";
    public override string NamePrefix => "max_pooling2d";

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int n = input.Shape[0], h = InputShape[0], w = InputShape[1], c = InputShape[2];
        var y = OutputSlot.Get(n, OutputShape);
        if (_argmax.Length != y.Length) _argmax = new int[y.Length];
        float[] x = input.Data, yd = y.Data;
        int[] arg = _argmax;
        ForEachSample(n, (long)OH * OW * c * PoolSize.H * PoolSize.W, s =>
        {
            for (int oh = 0; oh < OH; oh++)
                for (int ow = 0; ow < OW; ow++)
                {
                    int o = ((s * OH + oh) * OW + ow) * c;
                    for (int ch = 0; ch < c; ch++) { yd[o + ch] = float.NegativeInfinity; arg[o + ch] = -1; }
                    for (int ph = 0; ph < PoolSize.H; ph++)
                    {
                        int ih = oh * Strides.H + ph - PadTop;
                        if ((uint)ih >= (uint)h) continue;
                        for (int pw = 0; pw < PoolSize.W; pw++)
                        {
                            int iw = ow * Strides.W + pw - PadLeft;
                            if ((uint)iw >= (uint)w) continue;
                            int i = ((s * h + ih) * w + iw) * c;
                            for (int ch = 0; ch < c; ch++)
                                if (x[i + ch] > yd[o + ch] || arg[o + ch] < 0) { yd[o + ch] = x[i + ch]; arg[o + ch] = i + ch; }
                        }
                    }
                }
        });
        _input = input;
        return y;
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        if (!ComputeInputGradient) return null;
        int n = _input!.Shape[0], c = InputShape[2];
        var dx = GradSlot.Get(n, InputShape);
        float[] dxd = dx.Data, dy = gradOutput.Data;
        int[] arg = _argmax;
        int perIn = InputShape[0] * InputShape[1] * c, perOut = OH * OW * c;
        ForEachSample(n, perOut, s =>
        {
            dxd.AsSpan(s * perIn, perIn).Clear();
            for (int o = s * perOut, end = o + perOut; o < end; o++) dxd[arg[o]] += dy[o];
        });
        return dx;
    }
}

/// <summary>
/// Keras <c>AveragePooling2D</c> (default pool 2, strides = pool, 'valid'). With 'same' padding the padded cells are
/// left out of the average, as TensorFlow does.
/// </summary>
public sealed class AveragePooling2D : Pooling2D
{
    Tensor? _input;

    public AveragePooling2D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid, string? name = null, int[]? inputShape = null)
        : base(poolSize, strides, padding, name, inputShape) { }

    public AveragePooling2D((int H, int W) poolSize, (int H, int W)? strides = null, Padding padding = Padding.Valid, string? name = null, int[]? inputShape = null)
        : base(poolSize, strides, padding, name, inputShape) { }

    public override string TypeName => "AveragePooling2D";
    public override string NamePrefix => "average_pooling2d";

    (int H0, int H1, int W0, int W1) Window(int oh, int ow)
    {
        int h0 = oh * Strides.H - PadTop, w0 = ow * Strides.W - PadLeft;
        return (Math.Max(h0, 0), Math.Min(h0 + PoolSize.H, InputShape[0]), Math.Max(w0, 0), Math.Min(w0 + PoolSize.W, InputShape[1]));
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int n = input.Shape[0], h = InputShape[0], w = InputShape[1], c = InputShape[2];
        var y = OutputSlot.Get(n, OutputShape);
        float[] x = input.Data, yd = y.Data;
        ForEachSample(n, (long)OH * OW * c * PoolSize.H * PoolSize.W, s =>
        {
            for (int oh = 0; oh < OH; oh++)
                for (int ow = 0; ow < OW; ow++)
                {
                    var (h0, h1, w0, w1) = Window(oh, ow);
                    int o = ((s * OH + oh) * OW + ow) * c;
                    float inv = 1f / ((h1 - h0) * (w1 - w0));
                    for (int ch = 0; ch < c; ch++)
                    {
                        float sum = 0;
                        for (int ih = h0; ih < h1; ih++)
                            for (int iw = w0; iw < w1; iw++) sum += x[((s * h + ih) * w + iw) * c + ch];
                        yd[o + ch] = sum * inv;
                    }
                }
        });
        _input = input;
        return y;
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        if (!ComputeInputGradient) return null;
        int n = _input!.Shape[0], h = InputShape[0], w = InputShape[1], c = InputShape[2];
        var dx = GradSlot.Get(n, InputShape);
        float[] dxd = dx.Data, dy = gradOutput.Data;
        ForEachSample(n, (long)OH * OW * c * PoolSize.H * PoolSize.W, s =>
        {
            dxd.AsSpan(s * h * w * c, h * w * c).Clear();
            for (int oh = 0; oh < OH; oh++)
                for (int ow = 0; ow < OW; ow++)
                {
                    var (h0, h1, w0, w1) = Window(oh, ow);
                    int o = ((s * OH + oh) * OW + ow) * c;
                    float inv = 1f / ((h1 - h0) * (w1 - w0));
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++)
                        {
                            int i = ((s * h + ih) * w + iw) * c;
                            for (int ch = 0; ch < c; ch++) dxd[i + ch] += dy[o + ch] * inv;
                        }
                }
        });
        return dx;
    }
}
