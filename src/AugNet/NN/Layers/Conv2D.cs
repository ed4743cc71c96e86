using AugNet.NN.Kernels;

namespace AugNet.NN.Layers;

/// <summary>
/// Keras <c>Conv2D</c> in channels_last: input (N, H, W, Cin), kernel (KH, KW, Cin, Cout) glorot_uniform, bias (Cout)
/// zeros, then the activation. 'same' padding follows TensorFlow (see <see cref="Conv2DGeometry"/>).
/// </summary>
public sealed class Conv2D : Layer
{
    readonly BufferSlot _out = new(), _dz = new(), _dx = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out, _dz, _dx);
    Parameter _kernel = null!;
    Parameter? _bias;
    Tensor? _input, _output;

    public Conv2D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, string? activation = null,
        bool useBias = true, int[]? inputShape = null, string? name = null)
        : this(filters, (kernelSize, kernelSize), (strides, strides), padding, activation, useBias, inputShape, name) { }

    public Conv2D(int filters, (int H, int W) kernelSize, (int H, int W) strides, Padding padding = Padding.Valid, string? activation = null,
        bool useBias = true, int[]? inputShape = null, string? name = null) : base(inputShape, name)
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
    public ActivationFunction Activation { get; }
    public bool UseBias { get; }
    public override string TypeName => "Conv2D";
    public override string NamePrefix => "conv2d";
    public Parameter Kernel => _kernel;
    public Parameter? Bias => _bias;

    Conv2DGeometry Geometry(int n) => Conv2DGeometry.Create(n, InputShape[0], InputShape[1], InputShape[2],
        KernelSize.H, KernelSize.W, Filters, Strides.H, Strides.W, Padding);

    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random)
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
        // Bias and element-wise activations are applied by the convolution to each block while it is in cache;
        // softmax (over the channels of each pixel) follows as a separate pass.
        var activation = Applied(Activation);
        var fused = activation == ActivationFunction.Softmax ? ActivationFunction.Linear : activation;
        Conv2DKernels.Forward(g, input.Data, _kernel.Value.Data, _bias is null ? default : _bias.Value.Data, fused, y.Data);
        if (fused != activation) Activations.Forward(activation, y.Data, Filters);
        _input = input;
        _output = y;
        return y;
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        var g = Geometry(_input!.Shape[0]);
        // dz = dy·f'(z) and the bias gradient in one pass; for 'linear' dz is dy itself (read only).
        var activation = Applied(Activation);
        float[] dz = activation == ActivationFunction.Linear || GradOutputIsScratch ? gradOutput.Data : _dz.Get(g.N, OutputShape).Data;
        Activations.BackwardWithBiasGradient(activation, gradOutput.Data, _output!.Data, dz, Filters, _bias?.Gradient.Data);
        Conv2DKernels.BackwardFilter(g, _input.Data, dz, _kernel.Gradient.Data);
        if (!ComputeInputGradient) return null;
        var dx = _dx.Get(g.N, InputShape);
        Conv2DKernels.BackwardData(g, dz, _kernel.Value.Data, dx.Data);
        return dx;
    }
}
