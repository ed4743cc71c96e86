using System.Globalization;
using AugNet.NN.Kernels;

namespace AugNet.NN.Layers.Preprocessing;

/// <summary>
/// Base of Keras 3's image preprocessing layers (<c>keras/src/layers/preprocessing/image_preprocessing/</c>): inputs
/// are batches (N, H, W, C) in channels_last, outputs float32. Random layers draw their parameters per image per step
/// from their own <see cref="NumpyRandom"/> (seeded by <c>seed</c>, or from entropy like Keras when it is null) on the
/// calling thread, then apply them with a pure kernel, so the thread count never changes the numbers. No gradient
/// flows through these layers: <see cref="Sequential"/> refuses one placed after a trainable layer.
/// </summary>
public abstract class ImagePreprocessingLayer : Layer
{
    private protected ImagePreprocessingLayer(int[]? inputShape, string? name) : base(inputShape, name) { }

    /// <summary>True when the layer is the identity at inference (Forward with training false returns its input).</summary>
    public abstract bool IsIdentityAtInference { get; }

    protected override int[] OnBuild(int[] inputShape, NumpyRandom? random)
    {
        RequireRank(inputShape, 3, "(batch, height, width, channels)");
        return ComputeOutputShape(inputShape);
    }

    /// <summary>A pure kernel over image <c>k</c> of a batch: its values in, its output image's values out.</summary>
    private protected delegate void ImageKernel(ReadOnlySpan<float> source, Span<float> destination, int k);

    /// <summary>
    /// A batch through a per-image kernel: image k of <paramref name="input"/> through <paramref name="kernel"/> into
    /// image k of <paramref name="output"/>'s buffer (of <see cref="Layer.OutputShape"/>), images in parallel (about
    /// <paramref name="workPerValue"/> operations per output value, for the split). Random layers draw before, in image
    /// order, so the thread count never changes the numbers; the calling thread's SIMD path (a test's forced one
    /// included) is the workers' too.
    /// </summary>
    private protected Tensor ForEachImage(Tensor input, BufferSlot output, long workPerValue, ImageKernel kernel)
    {
        int n = input.Shape[0];
        var y = output.Get(n, OutputShape);
        int inSize = input.Length / Math.Max(n, 1), outSize = y.Length / Math.Max(n, 1);
        float[] src = input.Data, dst = y.Data;
        var path = SimdPaths.Current;
        KernelParallel.ForWork(n, outSize * workPerValue, k =>
        {
            using var _ = SimdPaths.Force(path);
            kernel(src.AsSpan(k * inSize, inSize), dst.AsSpan(k * outSize, outSize), k);
        });
        return y;
    }

    /// <summary>Every image's <paramref name="window"/>, copied (a crop: no resampling).</summary>
    private protected Tensor CropEach(Tensor input, BufferSlot output, KerasResize.Window window)
    {
        int[] shape = InputShape;
        return ForEachImage(input, output, 1, (src, dst, _) => KerasResize.Crop(src, dst, shape, window));
    }

    /// <summary>Every image's <paramref name="window"/>, resized (bilinear, or nearest) to the output's height and width.</summary>
    private protected Tensor ResizeEach(Tensor input, BufferSlot output, KerasResize.Window window, bool nearest)
    {
        int[] shape = InputShape;
        int height = OutputShape[0], width = OutputShape[1];
        return ForEachImage(input, output, 4, (src, dst, _) => KerasResize.Resize(src, dst, shape, window, height, width, nearest));
    }

    /// <summary>The per-sample output shape for a per-sample input (H, W, C).</summary>
    private protected virtual int[] ComputeOutputShape(int[] inputShape) => inputShape;

    /// <summary>Preprocessing layers pass no gradient; a model that would need one is refused when it is built.</summary>
    public override Tensor? Backward(Tensor gradOutput)
    {
        if (!ComputeInputGradient) return null;
        throw new NotSupportedException($"Layer '{Name}' ({TypeName}) has no backward pass; it must come before the first trainable layer.");
    }

    /// <summary>
    /// Throws when a preprocessing layer follows a layer with trainable weights (its input gradient would be needed,
    /// and these layers have none). Called by <see cref="Sequential"/>'s Build.
    /// </summary>
    internal static void CheckPlacement(IReadOnlyList<Layer> layers)
    {
        Layer? trainable = null;
        foreach (var layer in layers)
        {
            if (layer is ImagePreprocessingLayer && trainable is not null)
                throw new InvalidOperationException(
                    $"Layer '{layer.Name}' ({layer.TypeName}) follows '{trainable.Name}' ({trainable.TypeName}), which has trainable weights. " +
                    "AugNet's image preprocessing layers pass no gradient, so they must come before the first trainable layer " +
                    "(put the augmentation block at the start of the model, as Keras's examples do).");
            if (trainable is null && layer.Parameters.Any(p => p.Trainable)) trainable = layer;
        }
    }
}

/// <summary>A preprocessing layer with a random draw: active with training true, the identity (bit for bit) otherwise.</summary>
public abstract class RandomImageLayer : ImagePreprocessingLayer
{
    NumpyRandom? _random;

    private protected RandomImageLayer(int? seed, int[]? inputShape, string? name) : base(inputShape, name) => Seed = seed;

    /// <summary>Keras's <c>seed</c>: the generator's seed, or null for an entropy seed (as Keras's SeedGenerator(None)).</summary>
    public int? Seed { get; }

    /// <summary>The layer's own generator; draws happen in Forward on the calling thread, images in order.</summary>
    public NumpyRandom Random
    {
        get => _random ??= Seed is { } s ? new NumpyRandom((uint)s) : new NumpyRandom();
        set => _random = value ?? throw new ArgumentNullException(nameof(value));
    }

    public override bool IsIdentityAtInference => true;

    /// <summary>A float32 draw from U[low, high), as Keras's <c>random.uniform(dtype="float32")</c> (drawn in double, then cast).</summary>
    private protected float UniformFloat(double low, double high) => (float)Random.Uniform(low, high);
}

/// <summary>
/// A colour layer with a Keras factor, drawn per image from [<see cref="Lower"/>, <see cref="Upper"/>) after Keras's
/// <c>_set_factor</c> with the layer's bounds, and a value_range (the images' value scale): RandomContrast and RandomHue
/// keep the range as given (Keras does not check or sort it for them), RandomBrightness and RandomSaturation check
/// and sort it. The factor is checked first, as Keras's constructors do.
/// </summary>
public abstract class RandomFactorColorLayer : RandomImageLayer
{
    /// <summary>The training output, reused while the batch size repeats.</summary>
    private protected readonly BufferSlot Output = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(Output);

    private protected RandomFactorColorLayer(KerasFactor factor, (int Lower, int Upper) bounds, (double Low, double High)? valueRange,
        bool sortValueRange, int? seed, int[]? inputShape, string? name)
        : base(seed, inputShape, name)
    {
        Factor = factor;
        (Lower, Upper) = factor.BaseRange(bounds.Lower, bounds.Upper);
        ValueRange = sortValueRange ? KerasFactor.SortedValueRange(valueRange) : valueRange ?? (0, 255);
    }

    /// <summary>The factor as given (saved back unchanged in the config).</summary>
    public KerasFactor Factor { get; }
    public double Lower { get; }
    public double Upper { get; }
    /// <summary>The value_range: as given for contrast and hue, sorted for brightness and saturation.</summary>
    public (double Low, double High) ValueRange { get; }
}

/// <summary>
/// A Keras factor: one number f (the range [−|f|, |f|] after validation) or a (lower, upper) pair, kept as written
/// so the config saves it back unchanged.
/// </summary>
public readonly record struct KerasFactor
{
    public KerasFactor(double value) { First = value; Second = value; IsPair = false; }
    public KerasFactor(double lower, double upper) { First = lower; Second = upper; IsPair = true; }

    public double First { get; }
    public double Second { get; }
    public bool IsPair { get; }

    public static implicit operator KerasFactor(double value) => new(value);
    public static implicit operator KerasFactor((double Lower, double Upper) pair) => new(pair.Lower, pair.Upper);

    /// <summary>Python's repr of the factor as Keras prints it in messages: 0.2 or (-0.2, 0.3).</summary>
    public override string ToString() => IsPair ? $"({PythonFloat(First)}, {PythonFloat(Second)})" : PythonFloat(First);

    internal static string PythonFloat(double v) =>
        double.IsInteger(v) && Math.Abs(v) < 1e16 ? v.ToString("0.0", CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A colour layer's value_range as Keras's RandomBrightness and RandomSaturation take it: (0, 255) when not given,
    /// both ends finite (else Keras's message), sorted.
    /// </summary>
    internal static (double Low, double High) SortedValueRange((double Low, double High)? valueRange)
    {
        var (a, b) = valueRange ?? (0, 255);
        if (!double.IsFinite(a) || !double.IsFinite(b))
            throw new ArgumentException($"The `value_range` argument should be a list of two numbers. Received: value_range=({PythonFloat(a)}, {PythonFloat(b)})");
        return a <= b ? (a, b) : (b, a);
    }

    /// <summary>
    /// Keras's <c>BaseImagePreprocessingLayer._set_factor</c> with bounds (−1, 1): a number outside the bounds is refused,
    /// a pair only when its first element is above 1 or its second below −1 (Keras checks no more); a pair is sorted.
    /// </summary>
    internal (double Lower, double Upper) BaseRange(int lowerBound = -1, int upperBound = 1)
    {
        string message = $"The `factor` argument should be a number (or a list of two numbers) in the range [{lowerBound}, {upperBound}]. Received: factor={this}";
        if (!double.IsFinite(First) || !double.IsFinite(Second)) throw new ArgumentException(message);
        if (IsPair)
        {
            if (First > upperBound || Second < lowerBound) throw new ArgumentException(message);
            return First <= Second ? (First, Second) : (Second, First);
        }
        if (First < lowerBound || First > upperBound) throw new ArgumentException(message);
        double f = Math.Abs(First);
        return (Math.Max(-f, lowerBound), f);
    }

    /// <summary>
    /// RandomZoom's and RandomTranslation's <c>_set_factor</c>: every number must lie in [−1, 1]
    /// (<paramref name="messageHead"/> then "Received: input_number=…"); a pair is sorted.
    /// </summary>
    /// <remarks>
    /// RandomShear's <c>_set_factor_with_name</c> is the same check with every number in [0, 1]
    /// (<paramref name="lowerBound"/> 0): a single f still gives (−f, f), a pair (a, b) is sorted.
    /// </remarks>
    internal (double Lower, double Upper) CheckedRange(string messageHead, double lowerBound = -1)
    {
        Check(First, messageHead, lowerBound);
        if (!IsPair) { double f = Math.Abs(First); return (-f, f); }
        Check(Second, messageHead, lowerBound);
        return First <= Second ? (First, Second) : (Second, First);
    }

    static void Check(double x, string head, double lowerBound)
    {
        if (!(x >= lowerBound && x <= 1)) throw new ArgumentException(head + $"Received: input_number={PythonFloat(x)}");
    }
}

/// <summary>Keras's fill_mode and interpolation names for the geometric layers, with its messages for unknown ones.</summary>
internal static class KerasImageOptions
{
    internal static readonly string[] FillModes = ["reflect", "wrap", "constant", "nearest"];
    internal static readonly string[] Interpolations = ["nearest", "bilinear"];

    static string PyTuple(string[] items) => "(" + string.Join(", ", items.Select(s => $"'{s}'")) + ")";

    public static KerasFill ParseFillMode(string fillMode) => fillMode switch
    {
        "reflect" => KerasFill.Reflect,
        "wrap" => KerasFill.Wrap,
        "constant" => KerasFill.Constant,
        "nearest" => KerasFill.Nearest,
        _ => throw new ArgumentException($"Unknown `fill_mode` {fillMode}. Expected of one {PyTuple(FillModes)}.", nameof(fillMode)),
    };

    public static int ParseInterpolation(string interpolation) => interpolation switch
    {
        "nearest" => 0,
        "bilinear" => 1,
        _ => throw new ArgumentException($"Unknown `interpolation` {interpolation}. Expected of one {PyTuple(Interpolations)}.", nameof(interpolation)),
    };
}
