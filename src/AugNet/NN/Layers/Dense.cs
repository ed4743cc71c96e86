using AugNet.NN.Kernels;

namespace AugNet.NN.Layers;

/// <summary>
/// Keras <c>Dense</c>: y = activation(x·kernel + bias) over the last axis, kernel (in, units) glorot_uniform,
/// bias (units) zeros. Inputs of higher rank are treated as rows of their last axis, as Keras does.
/// </summary>
public sealed class Dense : Layer
{
    readonly BufferSlot _out = new(), _dz = new(), _dx = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out, _dz, _dx);
    Parameter _kernel = null!;
    Parameter? _bias;
    Tensor? _input, _output;

    public Dense(int units, string? activation = null, bool useBias = true, int[]? inputShape = null, string? name = null)
        : base(inputShape, name)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "Dense needs at least one unit.");
        Units = units;
        Activation = Activations.Parse(activation);
        UseBias = useBias;
    }

    public int Units { get; }
    public ActivationFunction Activation { get; }
    public bool UseBias { get; }
    public override string TypeName => "Dense";
    public override string NamePrefix => "dense";
    public Parameter Kernel => _kernel;
    public Parameter? Bias => _bias;

    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random)
    {
        if (inputShape.Length == 0) throw new ArgumentException($"Layer '{Name}' (Dense) needs at least one feature axis but got {ShapeText.Batch(inputShape)}.");
        int fanIn = inputShape[^1];
        _kernel = AddParameter("kernel", [fanIn, Units]);
        Initializers.GlorotUniform(_kernel.Value.Span, fanIn, Units, random);
        if (UseBias) _bias = AddParameter("bias", [Units]);
        return [.. inputShape[..^1], Units];
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int inF = InputShape[^1], rows = input.Length / inF;
        var y = _out.Get(input.Shape[0], OutputShape);
        Gemm.Multiply(false, false, rows, Units, inF, input.Data, inF, _kernel.Value.Data, Units, y.Data, Units);
        Activations.ForwardWithBias(Applied(Activation), y.Data, _bias is null ? default : _bias.Value.Data, Units);
        _input = input;
        _output = y;
        return y;
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        int inF = InputShape[^1], rows = _input!.Length / inF;
        // dz = dy·f'(z) and the bias gradient in one pass; for 'linear' dz is dy itself (read only).
        var activation = Applied(Activation);
        float[] dz = activation == ActivationFunction.Linear || GradOutputIsScratch ? gradOutput.Data : _dz.Get(_input.Shape[0], OutputShape).Data;
        Activations.BackwardWithBiasGradient(activation, gradOutput.Data, _output!.Data, dz, Units, _bias?.Gradient.Data);
        Gemm.Multiply(true, false, inF, Units, rows, _input.Data, inF, dz, Units, _kernel.Gradient.Data, Units);
        if (!ComputeInputGradient) return null;
        var dx = _dx.Get(_input.Shape[0], InputShape);
        Gemm.Multiply(false, true, rows, inF, Units, dz, Units, _kernel.Value.Data, Units, dx.Data, inF);
        return dx;
    }
}
