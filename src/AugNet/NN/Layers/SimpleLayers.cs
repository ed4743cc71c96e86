using System.Numerics.Tensors;

namespace AugNet.NN.Layers;

/// <summary>Keras <c>InputLayer</c>: declares the per-sample input shape; the identity otherwise (not listed by Summary).</summary>
public sealed class InputLayer : Layer
{
    public InputLayer(int[] inputShape, string? name = null) : base(inputShape ?? throw new ArgumentNullException(nameof(inputShape)), name)
    {
        if (inputShape.Length == 0 || inputShape.Any(d => d <= 0))
            throw new ArgumentException($"InputLayer needs positive dimensions, got {ShapeText.Batch(inputShape)}.", nameof(inputShape));
    }

    public override string TypeName => "InputLayer";
    public override string NamePrefix => "input";
    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random) => inputShape;
    public override Tensor Forward(Tensor input, bool training) { CheckInput(input); return input; }
    public override Tensor? Backward(Tensor gradOutput) => ComputeInputGradient ? gradOutput : null;
}

/// <summary>Keras <c>Flatten</c>: (N, d1, d2, ...) → (N, d1·d2·...), row-major (channels_last order is kept).</summary>
public sealed class Flatten : Layer
{
    Tensor? _view, _gradView;

    public Flatten(int[]? inputShape = null, string? name = null) : base(inputShape, name) { }

    public override string TypeName => "Flatten";
    public override string NamePrefix => "flatten";

    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random) => [inputShape.Aggregate(1, (a, d) => a * d)];

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        if (_view is null || !ReferenceEquals(_view.Data, input.Data)) _view = input.Reshape(input.Shape[0], OutputShape[0]);
        return _view;
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        if (!ComputeInputGradient) return null;
        if (_gradView is null || !ReferenceEquals(_gradView.Data, gradOutput.Data)) _gradView = gradOutput.Reshape([gradOutput.Shape[0], .. InputShape]);
        return _gradView;
    }
}

/// <summary>Keras <c>GlobalAveragePooling2D</c>: (N, H, W, C) → (N, C), the mean over height and width.</summary>
public sealed class GlobalAveragePooling2D(int[]? inputShape = null, string? name = null) : GlobalPooling2D(inputShape, name)
{
    public override string TypeName => "GlobalAveragePooling2D";
    public override string NamePrefix => "global_average_pooling2d";

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int n = input.Shape[0], hw = InputShape[0] * InputShape[1], c = InputShape[2];
        var y = _out.Get(n, OutputShape);
        for (int s = 0; s < n; s++)
        {
            var row = y.Data.AsSpan(s * c, c);
            row.Clear();
            for (int p = 0; p < hw; p++) TensorPrimitives.Add(row, input.Data.AsSpan((s * hw + p) * c, c), row);
            TensorPrimitives.Multiply(row, 1f / hw, row);
        }
        _batch = n;
        return y;
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        if (!ComputeInputGradient) return null;
        int hw = InputShape[0] * InputShape[1], c = InputShape[2];
        var dx = _dx.Get(_batch, InputShape);
        for (int s = 0; s < _batch; s++)
        {
            var g = gradOutput.Data.AsSpan(s * c, c);
            for (int p = 0; p < hw; p++) TensorPrimitives.Multiply(g, 1f / hw, dx.Data.AsSpan((s * hw + p) * c, c));
        }
        return dx;
    }
}

/// <summary>Keras <c>Activation</c> layer: applies one activation (softmax over the last axis).</summary>
public sealed class Activation : Layer
{
    readonly BufferSlot _out = new(), _dx = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out, _dx);
    Tensor? _output;

    public Activation(string activation, int[]? inputShape = null, string? name = null) : base(inputShape, name)
        => Function = Activations.Parse(activation);

    public ActivationFunction Function { get; }
    public override string TypeName => "Activation";
    public override string NamePrefix => "activation";
    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random) => inputShape;

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        var y = _out.Get(input.Shape[0], OutputShape);
        input.Data.CopyTo(y.Data, 0);
        Activations.Forward(Applied(Function), y.Data, InputShape.Length == 0 ? 1 : InputShape[^1]);
        _output = y;
        return y;
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        if (!ComputeInputGradient) return null;
        var dx = _dx.Get(_output!.Shape[0], InputShape);
        Activations.Backward(Applied(Function), gradOutput.Data, _output.Data, dx.Data, InputShape.Length == 0 ? 1 : InputShape[^1]);
        return dx;
    }
}

/// <summary>
/// Keras <c>Dropout(rate)</c>: while training, each element is kept with probability 1 − rate (kept when a uniform
/// draw is ≥ rate) and scaled by 1 / (1 − rate); the identity at inference. Draws come from the model's seeded
/// generator, so a seed reproduces the masks.
/// </summary>
public sealed class Dropout : Layer
{
    readonly BufferSlot _out = new(), _mask = new(), _dx = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out, _mask, _dx);
    NumpyRandom? _random;
    Tensor? _maskUsed;

    public Dropout(double rate, int[]? inputShape = null, string? name = null) : base(inputShape, name)
    {
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "Dropout rate must be in [0, 1).");
        Rate = rate;
    }

    public double Rate { get; }
    public override string TypeName => "Dropout";
    public override string NamePrefix => "dropout";

    /// <summary>The generator the masks are drawn from; the model sets its own dropout generator here.</summary>
    public NumpyRandom Random { get => _random ??= new NumpyRandom(0u); set => _random = value; }

    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random) => inputShape;

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        if (!training || Rate == 0) { _maskUsed = null; return input; }
        int n = input.Shape[0];
        var mask = _mask.Get(n, InputShape);
        var y = _out.Get(n, OutputShape);
        float scale = (float)(1.0 / (1.0 - Rate));
        FillMask(mask.Data, scale);
        TensorPrimitives.Multiply(input.Data, mask.Data, y.Data);
        _maskUsed = mask;
        return y;
    }

    /// <summary>mask[i] = scale where the i-th uniform draw is ≥ rate, else 0; the draws are taken in bulk, in order.</summary>
    void FillMask(Span<float> mask, float scale)
    {
        Span<double> draws = stackalloc double[256];
        var rng = Random;
        for (int at = 0; at < mask.Length; at += draws.Length)
        {
            var d = draws[..Math.Min(draws.Length, mask.Length - at)];
            rng.RandomSamples(d);
            var m = mask.Slice(at, d.Length);
            for (int i = 0; i < d.Length; i++) m[i] = d[i] >= Rate ? scale : 0f;
        }
    }

    public override Tensor? Backward(Tensor gradOutput)
    {
        if (!ComputeInputGradient) return null;
        if (_maskUsed is null) return gradOutput;
        var dx = _dx.Get(gradOutput.Shape[0], InputShape);
        TensorPrimitives.Multiply(gradOutput.Data, _maskUsed.Data, dx.Data);
        return dx;
    }
}
