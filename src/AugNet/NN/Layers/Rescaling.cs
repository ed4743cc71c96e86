using System.Numerics.Tensors;

namespace AugNet.NN.Layers;

/// <summary>
/// Keras <c>Rescaling(scale, offset=0)</c>: y = x·scale + offset, element-wise, in float32 (Keras casts both to the
/// input dtype). <c>Rescaling(1/255)</c> as the first layer lets a model take raw 0–255 pixels, so an exported model
/// needs no preprocessing outside it. No weights.
/// </summary>
/// <example><code>model.Add(new Rescaling(1.0 / 255, inputShape: [150, 150, 3]));</code></example>
public sealed class Rescaling : Layer
{
    readonly BufferSlot _out = new(), _dx = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out, _dx);
    int _batch;

    public Rescaling(double scale, double offset = 0, int[]? inputShape = null, string? name = null) : base(inputShape, name)
    {
        if (!double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Rescaling scale must be finite.");
        if (!double.IsFinite(offset)) throw new ArgumentOutOfRangeException(nameof(offset), offset, "Rescaling offset must be finite.");
        Scale = scale;
        Offset = offset;
    }

    public double Scale { get; }
    public double Offset { get; }
    public override string TypeName => "Rescaling";
    public override string NamePrefix => "rescaling";
    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random) => inputShape;

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var y = _out.Get(input.Shape[0], OutputShape);
        // Two roundings (multiply, then add), as Keras's x * scale + offset does; a fused multiply-add would differ.
        TensorPrimitives.Multiply(input.Data, (float)Scale, y.Data);
        TensorPrimitives.Add(y.Data, (float)Offset, y.Data);
        _batch = input.Shape[0];
        return y;
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        if (!ComputeInputGradient) return null;
        var dx = _dx.Get(_batch, InputShape);
        TensorPrimitives.Multiply(gradOutput.Data, (float)Scale, dx.Data);
        return dx;
    }
}
