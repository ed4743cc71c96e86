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
    internal override void ReleaseBuffers() => BufferSlot.Release(OutputSlot, GradSlot);
    /// <summary>The window geometry for one sample (KH×KW = pool size, Cin = Cout = channels).</summary>
    private protected Conv2DGeometry SampleGeometry;
    private protected int OH => SampleGeometry.OH;
    private protected int OW => SampleGeometry.OW;

    protected Pooling2D(int poolSize, int? strides, Padding padding, int[]? inputShape, string? name)
        : this((poolSize, poolSize), strides is int s ? (s, s) : null, padding, inputShape, name) { }

    protected Pooling2D((int H, int W) poolSize, (int H, int W)? strides, Padding padding, int[]? inputShape, string? name) : base(inputShape, name)
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

    /// <summary>The window geometry of a batch of <paramref name="n"/> samples.</summary>
    private protected Conv2DGeometry Geometry(int n) => SampleGeometry with { N = n };

    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random)
    {
        RequireRank(inputShape, 3, "(batch, height, width, channels)");
        int h = inputShape[0], w = inputShape[1], c = inputShape[2];
        if (Padding == Padding.Valid && (h < PoolSize.H || w < PoolSize.W))
            throw new ArgumentException($"Layer '{Name}' ({TypeName}): pool {PoolSize} is larger than its input {ShapeText.Batch(inputShape)} with 'valid' padding.");
        SampleGeometry = Conv2DGeometry.Create(1, h, w, c, PoolSize.H, PoolSize.W, c, Strides.H, Strides.W, Padding);
        return [OH, OW, c];
    }
}

/// <summary>Keras <c>MaxPooling2D</c> (default pool 2, strides = pool, 'valid'); the gradient goes to the first maximum.</summary>
/// <remarks>
/// Runs <see cref="Pool2DKernels"/>. Training forwards record each output's source index (argmax) in a buffer that
/// only grows; inference forwards skip it. A backward after an inference forward recomputes the argmax first.
/// </remarks>
public sealed class MaxPooling2D : Pooling2D
{
    int[] _argmax = [];
    bool _argmaxCurrent;
    Tensor? _input;

    public MaxPooling2D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid, int[]? inputShape = null, string? name = null)
        : base(poolSize, strides, padding, inputShape, name) { }

    public MaxPooling2D((int H, int W) poolSize, (int H, int W)? strides = null, Padding padding = Padding.Valid, int[]? inputShape = null, string? name = null)
        : base(poolSize, strides, padding, inputShape, name) { }

    public override string TypeName => "MaxPooling2D";
    public override string NamePrefix => "max_pooling2d";

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int n = input.Shape[0];
        var y = OutputSlot.Get(n, OutputShape);
        Pool2DKernels.MaxForward(Geometry(n), input.Data, y.Data, training ? Argmax(y.Length) : default);
        _argmaxCurrent = training;
        _input = input;
        return y;
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        if (!ComputeInputGradient) return null;
        int n = _input!.Shape[0];
        var g = Geometry(n);
        if (!_argmaxCurrent)
        {
            // Same inputs, same kernel: rewrites the output buffer with identical values and fills the argmax.
            Pool2DKernels.MaxForward(g, _input.Data, OutputSlot.Get(n, OutputShape).Data, Argmax(g.OutputSize));
            _argmaxCurrent = true;
        }
        var dx = GradSlot.Get(n, InputShape);
        Pool2DKernels.MaxBackward(g, gradOutput.Data, Argmax(g.OutputSize), dx.Data);
        return dx;
    }

    Span<int> Argmax(int length)
    {
        if (_argmax.Length < length)
        {
            BatchBufferPool<int>.Return(_argmax);
            _argmax = BatchBufferPool<int>.Rent(length);
        }
        return _argmax.AsSpan(0, length);
    }

    internal override void ReleaseBuffers()
    {
        base.ReleaseBuffers();
        BatchBufferPool<int>.Return(_argmax);
        _argmax = [];
        _argmaxCurrent = false;
    }
}

/// <summary>
/// Keras <c>AveragePooling2D</c> (default pool 2, strides = pool, 'valid'). With 'same' padding the padded cells are
/// left out of the average, as TensorFlow does.
/// </summary>
public sealed class AveragePooling2D : Pooling2D
{
    Tensor? _input;

    public AveragePooling2D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid, int[]? inputShape = null, string? name = null)
        : base(poolSize, strides, padding, inputShape, name) { }

    public AveragePooling2D((int H, int W) poolSize, (int H, int W)? strides = null, Padding padding = Padding.Valid, int[]? inputShape = null, string? name = null)
        : base(poolSize, strides, padding, inputShape, name) { }

    public override string TypeName => "AveragePooling2D";
    public override string NamePrefix => "average_pooling2d";

    (int H0, int H1, int W0, int W1) Window(int oh, int ow)
    {
        int h0 = oh * Strides.H - SampleGeometry.PadTop, w0 = ow * Strides.W - SampleGeometry.PadLeft;
        return (Math.Max(h0, 0), Math.Min(h0 + PoolSize.H, InputShape[0]), Math.Max(w0, 0), Math.Min(w0 + PoolSize.W, InputShape[1]));
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int n = input.Shape[0], h = InputShape[0], w = InputShape[1], c = InputShape[2];
        var y = OutputSlot.Get(n, OutputShape);
        float[] x = input.Data, yd = y.Data;
        KernelParallel.ForWork(n, (long)OH * OW * c * PoolSize.H * PoolSize.W, s =>
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
        KernelParallel.ForWork(n, (long)OH * OW * c * PoolSize.H * PoolSize.W, s =>
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
