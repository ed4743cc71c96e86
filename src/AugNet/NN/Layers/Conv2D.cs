using System.Numerics.Tensors;
using AugNet.Augmentation;
using AugNet.NN.Kernels;

namespace AugNet.NN.Layers;

/// <summary>
/// Keras <c>Conv2D</c> in channels_last: input (N, H, W, Cin), kernel (KH, KW, Cin, Cout) glorot_uniform, bias (Cout)
/// zeros, then the activation. 'same' padding follows TensorFlow (see <see cref="Conv2DGeometry"/>).
/// </summary>
public sealed class Conv2D : Layer
{
    readonly BufferSlot _out = new(), _dz = new(), _dx = new();
    Parameter _kernel = null!;
    Parameter? _bias;
    Tensor? _input, _output;

    public Conv2D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, string? activation = null,
        bool useBias = true, int[]? inputShape = null, string? name = null)
        : this(filters, (kernelSize, kernelSize), (strides, strides), padding, activation, useBias, inputShape, name) { }

    public Conv2D(int filters, (int H, int W) kernelSize, (int H, int W) strides, Padding padding = Padding.Valid, string? activation = null,
        bool useBias = true, int[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (filters <= 0) throw new ArgumentOutOfRangeException(nameof(filters), filters, "Conv2D needs at least one filter.");
        if (kernelSize.H <= 0 || kernelSize.W <= 0) throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "Kernel size must be positive.");
        if (strides.H <= 0 || strides.W <= 0) throw new ArgumentOutOfRangeException(nameof(strides), strides, "Strides must be positive.");
        Filters = filters;
        KernelSize = kernelSize;
        Strides = strides;
        Padding = padding;
        Activation = Activations.Parse(activation);
        UseBias = useBias;
    }

    public int Filters { get; }
    public (int H, int W) KernelSize { get; }
    public (int H, int W) Strides { get; }
    public Padding Padding { get; }
    public ActivationFunction Activation { get; internal set; }
    public bool UseBias { get; }
    public override string TypeName => "Conv2D";
    public override string NamePrefix => "conv2d";
    public Parameter Kernel => _kernel;
    public Parameter? Bias => _bias;

    Conv2DGeometry Geometry(int n) => Conv2DGeometry.Create(n, InputShape[0], InputShape[1], InputShape[2],
        KernelSize.H, KernelSize.W, Filters, Strides.H, Strides.W, Padding);

    protected override int[] OnBuild(int[] inputShape, NumpyRandom random)
    {
        RequireRank(inputShape, 3, "(batch, height, width, channels)");
        Conv2DGeometry g;
        try { g = Conv2DGeometry.Create(1, inputShape[0], inputShape[1], inputShape[2], KernelSize.H, KernelSize.W, Filters, Strides.H, Strides.W, Padding); }
        catch (ArgumentException e) { throw new ArgumentException($"Layer '{Name}' (Conv2D) cannot take input {ShapeText.Batch(inputShape)}: {e.Message}", e); }
        int[] kshape = [KernelSize.H, KernelSize.W, inputShape[2], Filters];
        _kernel = AddParameter("kernel", kshape);
        var (fi, fo) = Initializers.Fans(kshape);
        Initializers.GlorotUniform(_kernel.Value.Span, fi, fo, random);
        if (UseBias) _bias = AddParameter("bias", [Filters]);
        return [g.OH, g.OW, Filters];
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var g = Geometry(input.Shape[0]);
        var y = _out.Get(g.N, OutputShape);
        Conv2DKernels.Forward(g, input.Data, _kernel.Value.Data, y.Data);
        BiasActivation.Apply(y.Data, _bias?.Value.Data, Filters, Activation);
        _input = input;
        _output = y;
        return y;
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        var g = Geometry(_input!.Shape[0]);
        var dz = _dz.Get(g.N, OutputShape);
        BiasActivation.ActivationBackward(Activation, _output!.Data, gradOutput.Data, dz.Data, Filters);
        if (_bias is not null) BiasActivation.SumRows(dz.Data, _bias.Gradient.Data, Filters);
        Conv2DKernels.BackwardFilter(g, _input.Data, dz.Data, _kernel.Gradient.Data);
        if (!ComputeInputGradient) return null;
        var dx = _dx.Get(g.N, InputShape);
        Conv2DKernels.BackwardData(g, dz.Data, _kernel.Value.Data, dx.Data);
        return dx;
    }
}

/// <summary>
/// Bias add + activation over rows of a channels-last buffer, and the matching bias gradient. Large buffers are
/// split into a fixed number of row blocks (independent of the thread count); the bias gradient sums each block in
/// row order and then the block sums in block order, so the result is the same on any number of cores.
/// </summary>
internal static class BiasActivation
{
    const int Blocks = 64;
    const int ParallelThreshold = 1 << 16;
    [ThreadStatic] static float[]? s_partial;

    public static void Apply(float[] y, float[]? bias, int width, ActivationFunction activation)
    {
        int rows = y.Length / width;
        if (y.Length < ParallelThreshold) { ApplyRows(y, bias, width, activation, 0, rows); return; }
        Parallel.For(0, Blocks, b =>
        {
            var (r0, r1) = Block(rows, b);
            ApplyRows(y, bias, width, activation, r0, r1);
        });
    }

    static void ApplyRows(float[] y, float[]? bias, int width, ActivationFunction activation, int r0, int r1)
    {
        var span = y.AsSpan(r0 * width, (r1 - r0) * width);
        if (bias is not null)
            for (int r = 0; r < span.Length; r += width)
            {
                var row = span.Slice(r, width);
                TensorPrimitives.Add(row, bias, row);
            }
        Activations.Forward(activation, span, width);
    }

    /// <summary>dz = dy·f'(z) from the output y, split like <see cref="Apply"/> (element-wise, so any split is exact).</summary>
    public static void ActivationBackward(ActivationFunction activation, float[] y, float[] dy, float[] dz, int width)
    {
        int rows = y.Length / width;
        if (y.Length < ParallelThreshold) { Activations.Backward(activation, y, dy, dz, width); return; }
        Parallel.For(0, Blocks, b =>
        {
            var (r0, r1) = Block(rows, b);
            int o = r0 * width, len = (r1 - r0) * width;
            Activations.Backward(activation, y.AsSpan(o, len), dy.AsSpan(o, len), dz.AsSpan(o, len), width);
        });
    }

    /// <summary>db[j] = Σ_rows dz[row, j] with a fixed blocking (deterministic for any thread count).</summary>
    public static void SumRows(float[] dz, float[] db, int width)
    {
        int rows = dz.Length / width;
        Array.Clear(db);
        if (dz.Length < ParallelThreshold)
        {
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(db, dz.AsSpan(r * width, width), db);
            return;
        }
        if (s_partial is null || s_partial.Length < Blocks * width) s_partial = new float[Blocks * width];
        var partial = s_partial;
        Array.Clear(partial, 0, Blocks * width);
        Parallel.For(0, Blocks, b =>
        {
            var (r0, r1) = Block(rows, b);
            var acc = partial.AsSpan(b * width, width);
            for (int r = r0; r < r1; r++) TensorPrimitives.Add(acc, dz.AsSpan(r * width, width), acc);
        });
        for (int b = 0; b < Blocks; b++) TensorPrimitives.Add(db, partial.AsSpan(b * width, width), db);
    }

    static (int R0, int R1) Block(int rows, int b) => ((int)((long)rows * b / Blocks), (int)((long)rows * (b + 1) / Blocks));
}
