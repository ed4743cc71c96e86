using AugNet.Augmentation.Kernels;
using AugNet.NN.Kernels;

namespace AugNet.NN.Layers.Preprocessing;

/// <summary>
/// The geometric random layers (RandomRotation, RandomZoom, RandomTranslation): each step draws one
/// <see cref="KerasAffine"/> per image (<see cref="DrawTransforms"/>, on the calling thread, in Keras's draw order),
/// then <see cref="KerasAffineSampler"/> applies it, images in parallel. Each layer resamples once, as Keras does;
/// consecutive geometric layers are not fused into one affine, because two bilinear resamplings (and the fill at the
/// intermediate border) are not one — fusing would not match Keras.
/// </summary>
public abstract class RandomAffineLayer : RandomImageLayer
{
    readonly BufferSlot _out = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out);

    private protected RandomAffineLayer(string fillMode, string interpolation, double fillValue, int? seed, int[]? inputShape, string? name)
        : base(seed, inputShape, name)
    {
        Fill = KerasImageOptions.ParseFillMode(fillMode);
        Order = KerasImageOptions.ParseInterpolation(interpolation);
        FillModeName = fillMode;
        Interpolation = interpolation;
        if (!double.IsFinite(fillValue)) throw new ArgumentOutOfRangeException(nameof(fillValue), fillValue, "fill_value must be finite.");
        FillValue = fillValue;
    }

    /// <summary>Keras's <c>fill_mode</c> name.</summary>
    public string FillModeName { get; }
    /// <summary>Keras's <c>interpolation</c> name.</summary>
    public string Interpolation { get; }
    /// <summary>Keras's <c>fill_value</c> (used by 'constant').</summary>
    public double FillValue { get; }
    internal KerasFill Fill { get; }
    internal int Order { get; }

    /// <summary>Draws the next step's transforms for <paramref name="count"/> images of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public abstract KerasAffine[] DrawTransforms(int count, int height, int width);

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        if (!training) return input;
        int n = input.Shape[0];
        var transforms = DrawTransforms(n, InputShape[0], InputShape[1]);
        var y = _out.Get(n, OutputShape);
        Apply(input.Data, y.Data, InputShape, transforms, Fill, Order, (float)FillValue);
        return y;
    }

    /// <summary>Applies transforms[i] to image i of a channels_last batch; the thread count changes only speed.</summary>
    internal static void Apply(float[] input, float[] output, int[] sampleShape, KerasAffine[] transforms, KerasFill fill, int order, float fillValue)
    {
        var layout = WarpLayout.Of(sampleShape, DataFormat.ChannelsLast);
        int size = layout.Length;
        var path = SimdPaths.Current;
        KernelParallel.ForWork(transforms.Length, (long)size * 4, k =>
            KerasAffineSampler.Apply(input.AsSpan(k * size, size), output.AsSpan(k * size, size), layout, transforms[k], fill, order, fillValue, path));
    }
}

/// <summary>
/// Keras <c>RandomRotation(factor, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0)</c>: rotates
/// each image by an angle drawn from U[lower·360°, upper·360°) (factor as a fraction of a full turn; a single f means
/// (−f, f)). A positive angle turns the content counter-clockwise on screen: output (x, y) samples the input at
/// x' = cos θ·(x − cx) − sin θ·(y − cy) + cx, y' = sin θ·(x − cx) + cos θ·(y − cy) + cy with (cx, cy) =
/// ((W − 1)/2, (H − 1)/2) — Keras's <c>_compute_affine_matrix</c> with center 0.5, computed in float32 in its order.
/// </summary>
public sealed class RandomRotation : RandomAffineLayer
{
    public RandomRotation(KerasFactor factor, string fillMode = "reflect", string interpolation = "bilinear", int? seed = null,
        double fillValue = 0.0, int[]? inputShape = null, string? name = null)
        : base(fillMode, interpolation, fillValue, seed, inputShape, name)
    {
        Factor = factor;
        (Lower, Upper) = factor.BaseRange();
    }

    public KerasFactor Factor { get; }
    /// <summary>The validated range, in fractions of 2π.</summary>
    public double Lower { get; }
    public double Upper { get; }
    public override string TypeName => "RandomRotation";
    public override string NamePrefix => "random_rotation";

    public override KerasAffine[] DrawTransforms(int count, int height, int width)
    {
        var t = new KerasAffine[count];
        double lo = Lower * 360.0, hi = Upper * 360.0;
        for (int i = 0; i < count; i++) t[i] = Transform(UniformFloat(lo, hi), height, width);
        return t;
    }

    /// <summary>Keras's rotation matrix for <paramref name="degrees"/> (float32 arithmetic, Keras's operation order).</summary>
    public static KerasAffine Transform(float degrees, int height, int width)
    {
        float rad = degrees * (float)(Math.PI / 180.0);
        float cx = 0.5f * (width - 1f), cy = 0.5f * (height - 1f);
        float cos = MathF.Cos(rad), sin = MathF.Sin(rad);
        float a0 = 1f * (cos + 0f * sin), a1 = 1f * (-sin + 0f * cos);
        float b0 = 1f * (0f * cos + sin), b1 = 1f * (0f * -sin + cos);
        float a2 = 0f + cx - cx * a0 - cy * a1;
        float b2 = 0f + cy - cx * b0 - cy * b1;
        return new KerasAffine(a0, a1, a2, b0, b1, b2);
    }
}

/// <summary>
/// Keras <c>RandomZoom(height_factor, width_factor=None, fill_mode="reflect", interpolation="bilinear", seed=None,
/// fill_value=0.0)</c>. The zoom drawn is z = 1 + U[lower, upper) per axis and output (x, y) samples the input at
/// x' = z_x·x + (W − 1)/2·(1 − z_x) (likewise y), so z &gt; 1 — a POSITIVE factor — zooms OUT (the output shows more
/// of the scene) and a negative factor zooms in, about the centre ((W − 1)/2, (H − 1)/2). Without width_factor the
/// width zoom is the height zoom (aspect kept). Keras draws the batch's height zooms, then its width zooms.
/// </summary>
public sealed class RandomZoom : RandomAffineLayer
{
    internal const string FactorError = "The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) in the range [-1.0, 1.0]. ";

    public RandomZoom(KerasFactor heightFactor, KerasFactor? widthFactor = null, string fillMode = "reflect", string interpolation = "bilinear",
        int? seed = null, double fillValue = 0.0, int[]? inputShape = null, string? name = null)
        : base(fillMode, interpolation, fillValue, seed, inputShape, name)
    {
        HeightFactor = heightFactor;
        WidthFactor = widthFactor;
        HeightRange = heightFactor.CheckedRange(FactorError);
        WidthRange = widthFactor?.CheckedRange(FactorError);
    }

    public KerasFactor HeightFactor { get; }
    public KerasFactor? WidthFactor { get; }
    public (double Lower, double Upper) HeightRange { get; }
    public (double Lower, double Upper)? WidthRange { get; }
    public override string TypeName => "RandomZoom";
    public override string NamePrefix => "random_zoom";

    public override KerasAffine[] DrawTransforms(int count, int height, int width)
    {
        var zy = new float[count];
        for (int i = 0; i < count; i++) zy[i] = UniformFloat(1.0 + HeightRange.Lower, 1.0 + HeightRange.Upper);
        var zx = zy;
        if (WidthRange is { } wr)
        {
            zx = new float[count];
            for (int i = 0; i < count; i++) zx[i] = UniformFloat(1.0 + wr.Lower, 1.0 + wr.Upper);
        }
        var t = new KerasAffine[count];
        for (int i = 0; i < count; i++) t[i] = Transform(zy[i], zx[i], height, width);
        return t;
    }

    /// <summary>Keras's <c>_get_zoom_matrix</c> for zooms (z_y, z_x), in float32.</summary>
    public static KerasAffine Transform(float zoomHeight, float zoomWidth, int height, int width)
    {
        float xOffset = ((width - 1f) / 2f) * (1f - zoomWidth);
        float yOffset = ((height - 1f) / 2f) * (1f - zoomHeight);
        return new KerasAffine(zoomWidth, 0f, xOffset, 0f, zoomHeight, yOffset);
    }
}

/// <summary>
/// Keras <c>RandomTranslation(height_factor, width_factor, fill_mode="reflect", interpolation="bilinear", seed=None,
/// fill_value=0.0)</c>: shifts each image by dy = U[lower, upper)·H rows and dx = U[…)·W columns (float32); a positive
/// dx moves the content right, a positive dy down (output (x, y) samples the input at (x − dx, y − dy)). Keras draws
/// the batch's height shifts, then its width shifts.
/// </summary>
public sealed class RandomTranslation : RandomAffineLayer
{
    internal const string FactorError = "The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. ";

    public RandomTranslation(KerasFactor heightFactor, KerasFactor widthFactor, string fillMode = "reflect", string interpolation = "bilinear",
        int? seed = null, double fillValue = 0.0, int[]? inputShape = null, string? name = null)
        : base(fillMode, interpolation, fillValue, seed, inputShape, name)
    {
        HeightFactor = heightFactor;
        WidthFactor = widthFactor;
        HeightRange = heightFactor.CheckedRange(FactorError);
        WidthRange = widthFactor.CheckedRange(FactorError);
    }

    public KerasFactor HeightFactor { get; }
    public KerasFactor WidthFactor { get; }
    public (double Lower, double Upper) HeightRange { get; }
    public (double Lower, double Upper) WidthRange { get; }
    public override string TypeName => "RandomTranslation";
    public override string NamePrefix => "random_translation";

    public override KerasAffine[] DrawTransforms(int count, int height, int width)
    {
        var dy = new float[count];
        for (int i = 0; i < count; i++) dy[i] = UniformFloat(HeightRange.Lower, HeightRange.Upper) * height;
        var t = new KerasAffine[count];
        for (int i = 0; i < count; i++) t[i] = Transform(dy[i], UniformFloat(WidthRange.Lower, WidthRange.Upper) * width);
        return t;
    }

    /// <summary>Keras's <c>_get_translation_matrix</c>: [[1, 0, −dx], [0, 1, −dy]].</summary>
    public static KerasAffine Transform(float shiftRows, float shiftColumns) => new(1f, 0f, -shiftColumns, 0f, 1f, -shiftRows);
}

/// <summary>
/// Keras <c>RandomShear(x_factor=0.0, y_factor=0.0, interpolation="bilinear", fill_mode="reflect", fill_value=0.0,
/// data_format=None, seed=None)</c> (<c>random_shear.py</c>). Each factor goes through Keras's
/// <c>_set_factor_with_name</c>: every number must lie in [0, 1]; a single f gives the range (−f, f), a pair (a, b) the
/// sorted range. Per batch Keras draws, in this order, an invert sign per image (U[0, 1) &gt; 0.5 → −1, else +1), then
/// the batch's shear_y ~ U[y_lower, y_upper), then its shear_x ~ U[x_lower, x_upper) (float32); both shears of an image
/// are multiplied by its sign. The transform is Keras's <c>_get_shear_matrix</c> [1, s_x, 0, s_y, 1, 0, 0, 0]: output
/// (x, y) samples the input at x' = x + s_x·y, y' = s_y·x + y — a shear about the image's top-left pixel (0, 0), not its
/// centre, with no translation; the factor is the raw matrix entry (a shift of s_x pixels per row).
/// </summary>
public sealed class RandomShear : RandomAffineLayer
{
    internal const string FactorError = "The `factor` argument should be a number (or a list of two numbers) in the range [0, 1.0]. ";

    public RandomShear(KerasFactor xFactor = default, KerasFactor yFactor = default, string interpolation = "bilinear", string fillMode = "reflect",
        double fillValue = 0.0, int? seed = null, int[]? inputShape = null, string? name = null)
        : base(fillMode, interpolation, fillValue, seed, inputShape, name)
    {
        XFactor = xFactor;
        YFactor = yFactor;
        XRange = xFactor.CheckedRange(FactorError, 0);
        YRange = yFactor.CheckedRange(FactorError, 0);
    }

    public KerasFactor XFactor { get; }
    public KerasFactor YFactor { get; }
    /// <summary>The validated x_factor range (−f, f) or the sorted pair.</summary>
    public (double Lower, double Upper) XRange { get; }
    public (double Lower, double Upper) YRange { get; }
    public override string TypeName => "RandomShear";
    public override string NamePrefix => "random_shear";

    /// <summary>The next step's signed (shear_x, shear_y), one pair per image, in Keras's draw order.</summary>
    public (float X, float Y)[] DrawShears(int count)
    {
        var sign = new float[count];
        for (int i = 0; i < count; i++) sign[i] = UniformFloat(0, 1) > 0.5f ? -1f : 1f;
        var sy = new float[count];
        for (int i = 0; i < count; i++) sy[i] = UniformFloat(YRange.Lower, YRange.Upper);
        var s = new (float X, float Y)[count];
        for (int i = 0; i < count; i++) s[i] = (UniformFloat(XRange.Lower, XRange.Upper) * sign[i], sy[i] * sign[i]);
        return s;
    }

    public override KerasAffine[] DrawTransforms(int count, int height, int width)
    {
        var s = DrawShears(count);
        var t = new KerasAffine[count];
        for (int i = 0; i < count; i++) t[i] = Transform(s[i].X, s[i].Y);
        return t;
    }

    /// <summary>Keras's <c>_get_shear_matrix</c>: [[1, s_x, 0], [s_y, 1, 0]].</summary>
    public static KerasAffine Transform(float shearX, float shearY) => new(1f, shearX, 0f, shearY, 1f, 0f);
}
