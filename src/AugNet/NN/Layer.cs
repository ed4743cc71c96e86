
namespace AugNet.NN;

/// <summary>
/// A Keras layer: <see cref="Build"/> fixes the per-sample input shape (no batch axis) and creates the weights;
/// <see cref="Forward"/> maps a batch (N, ...) to its output and remembers what backward needs;
/// <see cref="Backward"/> takes dLoss/dOutput of that same batch, fills each parameter's gradient and returns
/// dLoss/dInput. Output and gradient buffers are owned by the layer and reused while the batch size stays the same,
/// so a returned tensor is valid only until the layer's next call.
/// </summary>
public abstract class Layer
{
    readonly List<Parameter> _parameters = [];

    protected Layer(int[]? inputShape, string? name)
    {
        Name = name ?? "";
        DeclaredInputShape = inputShape is null ? null : (int[])inputShape.Clone();
    }

    /// <summary>Unique name within the model; Keras's automatic names ("conv2d", "conv2d_1", ...) when not given.</summary>
    public string Name { get; internal set; }

    /// <summary>Keras's class name shown by Summary, e.g. "Conv2D".</summary>
    public abstract string TypeName { get; }

    /// <summary>Prefix of automatic names, e.g. "max_pooling2d".</summary>
    public abstract string NamePrefix { get; }

    /// <summary>Keras's <c>input_shape</c> argument (per sample, without the batch axis), or null.</summary>
    public int[]? DeclaredInputShape { get; }

    public int[] InputShape { get; private set; } = [];
    public int[] OutputShape { get; private set; } = [];
    public bool IsBuilt { get; private set; }

    /// <summary>
    /// Set by the model on its last layer when the loss computes from logits (sigmoid or softmax fused with the cross-
    /// entropy): the layer then outputs logits and the model applies the activation. The layer's own activation
    /// property is left as the user built it, so the model reads, saves and exports as built.
    /// </summary>
    internal bool ActivationFusedWithLoss { get; set; }

    /// <summary>The activation this layer applies in Forward/Backward: its own, or linear while fused with the loss.</summary>
    private protected ActivationFunction Applied(ActivationFunction own) => ActivationFusedWithLoss ? ActivationFunction.Linear : own;

    /// <summary>Whether <see cref="Backward"/> must produce dLoss/dInput (false for the first layer, saving a pass).</summary>
    public bool ComputeInputGradient { get; set; } = true;

    /// <summary>
    /// Set by the model around its backward pass: the gradient passed to <see cref="Backward"/> is a buffer of the model
    /// or of the next layer that nobody reads afterwards, so the layer may overwrite it (Conv2D and Dense compute
    /// dz = dy·f'(z) in place instead of into a buffer the size of their output: 90 MB for the book model's first
    /// convolution at 150×150, batch 32). Off for direct calls, which leave the caller's tensor as it was.
    /// </summary>
    internal bool GradOutputIsScratch { get; set; }

    public IReadOnlyList<Parameter> Parameters => _parameters;
    public long ParameterCount => _parameters.Sum(p => (long)p.Count);

    /// <summary>
    /// Creates the weights for a per-sample input shape and returns the per-sample output shape. Random initialisers
    /// draw from <paramref name="random"/>; null leaves those weights at zero, for a model whose weights are about to be
    /// loaded (drawing 3.4 M glorot values would cost more than reading them).
    /// </summary>
    public int[] Build(int[] inputShape, NumpyRandom? random)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (IsBuilt)
        {
            if (!inputShape.AsSpan().SequenceEqual(InputShape))
                throw new InvalidOperationException($"Layer '{Name}' ({TypeName}) was built for input {ShapeText.Batch(InputShape)} and cannot take {ShapeText.Batch(inputShape)}.");
            return OutputShape;
        }
        InputShape = (int[])inputShape.Clone();
        OutputShape = OnBuild(InputShape, random);
        IsBuilt = true;
        return OutputShape;
    }

    protected abstract int[] OnBuild(int[] inputShape, NumpyRandom? random);

    public abstract Tensor Forward(Tensor input, bool training);

    /// <summary>Backward of the last <see cref="Forward"/>; returns null when <see cref="ComputeInputGradient"/> is off.</summary>
    public abstract Tensor? Backward(Tensor gradOutput);

    /// <summary>
    /// Hands the layer's batch buffers (outputs, gradients, masks) to <see cref="BatchBufferPool{T}"/> when the model's
    /// Fit, Evaluate or Predict ends; the next forward takes them (or equal ones) back. Weights stay.
    /// </summary>
    internal virtual void ReleaseBuffers() { }

    protected Parameter AddParameter(string name, int[] shape, bool trainable = true)
    {
        var p = new Parameter(name, shape, trainable);
        _parameters.Add(p);
        return p;
    }

    /// <summary>Throws unless <paramref name="input"/> is a batch of this layer's input shape.</summary>
    protected void CheckInput(Tensor input)
    {
        if (!IsBuilt) throw new InvalidOperationException($"Layer '{Name}' ({TypeName}) is used before it was built.");
        if (input.Rank != InputShape.Length + 1 || !input.Shape.AsSpan(1).SequenceEqual(InputShape))
            throw new ArgumentException($"Layer '{Name}' ({TypeName}) expects input {ShapeText.Batch(InputShape)} but got {Tensor.FormatShape(input.Shape)}.");
    }

    /// <summary>Throws with the layer named when the per-sample input does not have <paramref name="rank"/> axes.</summary>
    protected void RequireRank(int[] inputShape, int rank, string meaning)
    {
        if (inputShape.Length != rank)
            throw new ArgumentException($"Layer '{Name}' ({TypeName}) expects input of rank {rank + 1} {meaning} but got {ShapeText.Batch(inputShape)}.");
    }
}

/// <summary>
/// A batch-shaped buffer reused while the batch size repeats (two sizes kept: full batches and the last one). The
/// arrays come from <see cref="BatchBufferPool{T}"/> and go back there when evicted or released.
/// </summary>
internal sealed class BufferSlot
{
    Tensor? _a, _b;

    public Tensor Get(int batch, int[] sampleShape)
    {
        if (_a is not null && _a.Shape[0] == batch) return _a;
        if (_b is not null && _b.Shape[0] == batch) { (_a, _b) = (_b, _a); return _a!; }
        if (_b is not null) BatchBufferPool<float>.Return(_b.Data);
        _b = _a;
        int[] shape = [batch, .. sampleShape];
        _a = new Tensor(BatchBufferPool<float>.Rent(Tensor.CheckedCount(shape)), shape);
        return _a;
    }

    /// <summary>Returns both buffers to the pool; tensors handed out before must not be used afterwards.</summary>
    public void Release()
    {
        if (_a is not null) BatchBufferPool<float>.Return(_a.Data);
        if (_b is not null) BatchBufferPool<float>.Return(_b.Data);
        _a = _b = null;
    }

    public static void Release(params ReadOnlySpan<BufferSlot> slots)
    {
        foreach (var s in slots) s.Release();
    }
}

/// <summary>Shape formatting in Keras's style, with None for the batch axis.</summary>
public static class ShapeText
{
    public static string Batch(ReadOnlySpan<int> sampleShape) =>
        "(None" + string.Concat(sampleShape.ToArray().Select(d => ", " + d)) + (sampleShape.Length == 0 ? ",)" : ")");
}
