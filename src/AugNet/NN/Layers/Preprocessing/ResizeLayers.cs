namespace AugNet.NN.Layers.Preprocessing;

/// <summary>
/// Keras 3's <c>ops.image.resize</c> as its NumPy backend runs it (<c>jax.image.resize</c>, antialias=False), for one
/// channels_last image: 'bilinear' samples at half-pixel centres, s = (o + 0.5)·in/out − 0.5, with the triangle kernel's
/// weights normalised over the taps inside the image (so the border clamps), computed in float32 as JAX does;
/// 'nearest' takes floor((o + 0.5)·in/out) (float32). The weighted sums run in float64 here (JAX: a float32 einsum), so
/// bilinear results can differ from Keras in the last bit. <c>crop_to_aspect_ratio</c> first takes the centred largest
/// window of the target's aspect ratio, with Keras's integer arithmetic.
/// </summary>
internal static class KerasResize
{
    public readonly record struct Window(int Top, int Left, int Height, int Width);

    /// <summary>JAX's guard on a weight sum: 1000 × float32 machine epsilon.</summary>
    const float WeightSumGuard = 1000f * 1.1920929E-07f;

    /// <summary>Keras's crop_to_aspect_ratio window (<c>backend/numpy/image.py</c> resize; <c>image_utils.smart_resize</c>).</summary>
    public static Window AspectWindow(int height, int width, int targetHeight, int targetWidth)
    {
        int cropHeight = Math.Max(Math.Min(height, (int)((double)(width * targetHeight) / targetWidth)), 1);
        int cropWidth = Math.Max(Math.Min(width, (int)((double)(height * targetWidth) / targetHeight)), 1);
        return new Window((int)((double)(height - cropHeight) / 2), (int)((double)(width - cropWidth) / 2), cropHeight, cropWidth);
    }

    /// <summary>Per output index: the input taps and their weights (bilinear) on one axis.</summary>
    static (int[] Index, float[] Weight)[] BilinearWeights(int inSize, int outSize)
    {
        float scale = (float)outSize / inSize;
        float invScale = 1f / scale;
        var result = new (int[], float[])[outSize];
        for (int o = 0; o < outSize; o++)
        {
            float s = (o + 0.5f) * invScale - 0f * invScale - 0.5f;
            var idx = new List<int>(2);
            var w = new List<float>(2);
            float total = 0;
            for (int k = (int)MathF.Floor(s); k <= (int)MathF.Floor(s) + 1; k++)
            {
                if (k < 0 || k >= inSize) continue;
                float x = MathF.Abs(s - k);
                float kw = MathF.Max(0f, 1f - x);
                idx.Add(k); w.Add(kw); total += kw;
            }
            bool inside = s >= -0.5f && s <= inSize - 0.5f;
            for (int t = 0; t < w.Count; t++)
                w[t] = inside && MathF.Abs(total) > WeightSumGuard ? w[t] / total : 0f;
            result[o] = (idx.ToArray(), w.ToArray());
        }
        return result;
    }

    static int[] NearestIndices(int inSize, int outSize)
    {
        var r = new int[outSize];
        for (int o = 0; o < outSize; o++) r[o] = Math.Min((int)MathF.Floor((o + 0.5f) * inSize / outSize), inSize - 1);
        return r;
    }

    /// <summary>Resizes the <paramref name="window"/> of image (H, W, C) <paramref name="source"/> to (outH, outW, C).</summary>
    public static void Resize(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<int> shape, Window window,
        int outHeight, int outWidth, bool nearest)
    {
        int w = shape[1], c = shape[2];
        if (nearest)
        {
            var ri = NearestIndices(window.Height, outHeight);
            var ci = NearestIndices(window.Width, outWidth);
            for (int i = 0; i < outHeight; i++)
                for (int j = 0; j < outWidth; j++)
                    source.Slice(((window.Top + ri[i]) * w + window.Left + ci[j]) * c, c).CopyTo(destination.Slice((i * outWidth + j) * c, c));
            return;
        }
        var rw = BilinearWeights(window.Height, outHeight);
        var cw = BilinearWeights(window.Width, outWidth);
        for (int i = 0; i < outHeight; i++)
            for (int j = 0; j < outWidth; j++)
                for (int k = 0; k < c; k++)
                {
                    double sum = 0;
                    var (ris, rws) = rw[i];
                    var (cis, cws) = cw[j];
                    for (int a = 0; a < ris.Length; a++)
                    {
                        double row = 0;
                        for (int b = 0; b < cis.Length; b++)
                            row += (double)cws[b] * source[((window.Top + ris[a]) * w + window.Left + cis[b]) * c + k];
                        sum += rws[a] * row;
                    }
                    destination[(i * outWidth + j) * c + k] = (float)sum;
                }
    }

    /// <summary>Copies the <paramref name="window"/> of image (H, W, C) to a (window.Height, window.Width, C) image.</summary>
    public static void Crop(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<int> shape, Window window)
    {
        int w = shape[1], c = shape[2], row = window.Width * c;
        for (int i = 0; i < window.Height; i++)
            source.Slice(((window.Top + i) * w + window.Left) * c, row).CopyTo(destination.Slice(i * row, row));
    }

    internal static void CheckSize(int height, int width)
    {
        if (height < 1) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be a positive integer.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be a positive integer.");
    }
}

/// <summary>
/// Keras <c>Resizing(height, width, interpolation="bilinear", crop_to_aspect_ratio=False)</c>: always applied (training
/// and inference). Interpolations 'bilinear' and 'nearest' are supported (see <see cref="KerasResize"/>); bicubic,
/// lanczos and pad_to_aspect_ratio are not.
/// </summary>
public sealed class Resizing : ImagePreprocessingLayer
{
    readonly BufferSlot _out = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out);

    public Resizing(int height, int width, string interpolation = "bilinear", bool cropToAspectRatio = false, int[]? inputShape = null, string? name = null)
        : base(inputShape, name)
    {
        KerasResize.CheckSize(height, width);
        if (interpolation is not ("bilinear" or "nearest"))
            throw new ArgumentException($"Resizing interpolation '{interpolation}' is not supported (AugNet resizes with 'bilinear' or 'nearest').", nameof(interpolation));
        Height = height;
        Width = width;
        Interpolation = interpolation;
        CropToAspectRatio = cropToAspectRatio;
    }

    public int Height { get; }
    public int Width { get; }
    public string Interpolation { get; }
    public bool CropToAspectRatio { get; }
    public override bool IsIdentityAtInference => false;
    public override string TypeName => "Resizing";
    public override string NamePrefix => "resizing";
    private protected override int[] ComputeOutputShape(int[] inputShape) => [Height, Width, inputShape[2]];

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int[] shape = InputShape;
        var window = CropToAspectRatio ? KerasResize.AspectWindow(shape[0], shape[1], Height, Width) : new KerasResize.Window(0, 0, shape[0], shape[1]);
        return ResizeEach(input, _out, window, nearest: Interpolation == "nearest");
    }
}

/// <summary>
/// Keras <c>CenterCrop(height, width)</c>: always applied. An input at least the target size is sliced from
/// (int((H − h)/2), int((W − w)/2)); a smaller one goes through Keras's <c>smart_resize</c> (the centred window of the
/// target's aspect ratio, bilinear-resized), as Keras does.
/// </summary>
public sealed class CenterCrop : ImagePreprocessingLayer
{
    readonly BufferSlot _out = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out);

    public CenterCrop(int height, int width, int[]? inputShape = null, string? name = null) : base(inputShape, name)
    {
        KerasResize.CheckSize(height, width);
        Height = height;
        Width = width;
    }

    public int Height { get; }
    public int Width { get; }
    public override bool IsIdentityAtInference => false;
    public override string TypeName => "CenterCrop";
    public override string NamePrefix => "center_crop";
    private protected override int[] ComputeOutputShape(int[] inputShape) => [Height, Width, inputShape[2]];

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int[] shape = InputShape;
        int hDiff = shape[0] - Height, wDiff = shape[1] - Width;
        return hDiff >= 0 && wDiff >= 0
            ? CropEach(input, _out, new KerasResize.Window(hDiff / 2, wDiff / 2, Height, Width))
            : ResizeEach(input, _out, KerasResize.AspectWindow(shape[0], shape[1], Height, Width), nearest: false);
    }
}

/// <summary>
/// Keras <c>RandomCrop(height, width, seed=None)</c>. Training, with the input larger than the target on both axes:
/// ONE crop offset per batch — Keras crops every image of a batch at the same place — drawn as
/// int(U[0, H − h + 1)) then int(U[0, W − w + 1)) (float32). Otherwise, and at inference, Keras's documented fallback:
/// the centred window of the target's aspect ratio, bilinear-resized to (h, w) (<c>smart_resize</c>). Keras 3's code at
/// the read commit returns the input unchanged at inference (<c>random_crop.py</c> <c>transform_images</c> only acts
/// when training), which gives a tensor of the wrong shape for the next layer; AugNet follows the docstring instead.
/// </summary>
public sealed class RandomCrop : RandomImageLayer
{
    readonly BufferSlot _out = new();
    internal override void ReleaseBuffers() => BufferSlot.Release(_out);

    public RandomCrop(int height, int width, int? seed = null, int[]? inputShape = null, string? name = null) : base(seed, inputShape, name)
    {
        KerasResize.CheckSize(height, width);
        Height = height;
        Width = width;
    }

    public int Height { get; }
    public int Width { get; }
    public override bool IsIdentityAtInference => false;
    public override string TypeName => "RandomCrop";
    public override string NamePrefix => "random_crop";
    private protected override int[] ComputeOutputShape(int[] inputShape) => [Height, Width, inputShape[2]];

    /// <summary>The next training step's crop window (the same for every image of the batch), or the fallback window.</summary>
    public (int Top, int Left) DrawOffset(int inputHeight, int inputWidth)
    {
        int top = (int)UniformFloat(0, inputHeight - Height + 1);
        int left = (int)UniformFloat(0, inputWidth - Width + 1);
        return (top, left);
    }

    public override Tensor Forward(Tensor input, bool training)
    {
        CheckInput(input);
        int[] shape = InputShape;
        if (training && shape[0] > Height && shape[1] > Width)
        {
            var (top, left) = DrawOffset(shape[0], shape[1]);
            return CropEach(input, _out, new KerasResize.Window(top, left, Height, Width));
        }
        return ResizeEach(input, _out, KerasResize.AspectWindow(shape[0], shape[1], Height, Width), nearest: false);
    }
}
