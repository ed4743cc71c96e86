using System.Numerics.Tensors;
using AugNet.Augmentation.Kernels;

namespace AugNet.Augmentation;

/// <summary>
/// Keras's <c>ImageDataGenerator.apply_transform</c> on one image (spec §4): affine warp (SciPy-exact sampling, the
/// project's centre ((H−1)/2, (W−1)/2)), then channel shift, horizontal flip, vertical flip and brightness
/// (<c>scale=False</c>), in Keras's order.
/// </summary>
public static class ImageTransforms
{
    /// <summary>
    /// Affine warp (SciPy-exact sampling), then channel shift, horizontal flip, vertical flip and brightness, in
    /// Keras's order. Returns a new tensor; the input is not modified. The identity returns a copy.
    /// </summary>
    /// <exception cref="ArgumentException">The image is not rank 3, or brightness is asked of an image whose last axis is not 1, 3 or 4.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interpolationOrder"/> is not 0–5 (SciPy's spline orders).</exception>
    public static Tensor ApplyTransform(Tensor image, TransformParams parameters, FillMode fillMode = FillMode.Nearest,
        float cval = 0f, int interpolationOrder = 1, DataFormat dataFormat = DataFormat.ChannelsLast)
    {
        ArgumentNullException.ThrowIfNull(image);
        var output = new float[image.Length];
        ApplyTransform(image.Data, output, image.Shape, parameters, fillMode, cval, interpolationOrder, dataFormat);
        return new Tensor(output, image.Shape);
    }

    /// <summary>
    /// Applies <paramref name="parameters"/>[i] to sample i of a batch (N, ...) in parallel across images, writing a new
    /// batch. Results do not depend on <paramref name="maxDegreeOfParallelism"/> (-1 = all cores).
    /// </summary>
    public static Tensor ApplyTransformBatch(Tensor batch, IReadOnlyList<TransformParams> parameters, FillMode fillMode = FillMode.Nearest,
        float cval = 0f, int interpolationOrder = 1, DataFormat dataFormat = DataFormat.ChannelsLast, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(parameters);
        if (batch.Rank != 4)
            throw new ArgumentException($"A batch must have rank 4 ((N, H, W, C) or (N, C, H, W)); got shape {Tensor.FormatShape(batch.Shape)}.", nameof(batch));
        int n = batch.Shape[0];
        if (parameters.Count != n)
            throw new ArgumentException($"{parameters.Count} transform parameter sets given for a batch of {n} images.", nameof(parameters));
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Must be -1 (all cores) or a positive thread count.");
        CheckOrder(interpolationOrder);
        var output = new float[batch.Length];
        int[] shape = batch.Shape[1..];
        int size = n == 0 ? 0 : batch.Length / n;
        float[] input = batch.Data;
        // The calling thread's SIMD path, carried to the workers (a thread-static override would not reach them).
        var path = SimdPaths.Current;
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, k =>
        {
            using var _ = SimdPaths.Force(path);
            ApplyTransform(input.AsSpan(k * size, size), output.AsSpan(k * size, size), shape, parameters[k],
                fillMode, cval, interpolationOrder, dataFormat);
        });
        return new Tensor(output, batch.Shape);
    }

    /// <summary>
    /// The span form of <see cref="ApplyTransform(Tensor, TransformParams, FillMode, float, int, DataFormat)"/>: reads one
    /// image of <paramref name="shape"/> from <paramref name="source"/> and writes the result to
    /// <paramref name="destination"/> (which must not overlap it).
    /// </summary>
    public static void ApplyTransform(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<int> shape,
        TransformParams parameters, FillMode fillMode = FillMode.Nearest, float cval = 0f, int interpolationOrder = 1,
        DataFormat dataFormat = DataFormat.ChannelsLast)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckOrder(interpolationOrder);
        if (!Enum.IsDefined(fillMode)) throw new ArgumentOutOfRangeException(nameof(fillMode), fillMode, "Unknown fill mode.");
        var layout = WarpLayout.Of(shape, dataFormat);
        if (source.Length != layout.Length || destination.Length != layout.Length)
            throw new ArgumentException($"Image shape {Tensor.FormatShape(shape)} needs {layout.Length} floats; got {source.Length} in and {destination.Length} out.");

        // Keras flips after the channel shift; the shift is pointwise with image-global limits, so flipping first (here
        // fused into the warp's output addressing) gives the same bits.
        var pull = AffineMatrix.ForImage(parameters, layout.Height, layout.Width);
        if (pull is { } m)
            Warp(source, destination, layout, m, fillMode, cval, interpolationOrder, parameters.FlipHorizontal, parameters.FlipVertical, 1f);
        else
        {
            source.CopyTo(destination);
            if (parameters.FlipHorizontal) Flip.Horizontal(destination, shape, dataFormat);
            if (parameters.FlipVertical) Flip.Vertical(destination, shape, dataFormat);
        }
        if (parameters.ChannelShiftIntensity is { } intensity) ChannelShift.Apply(destination, intensity);
        if (parameters.Brightness is { } factor) BrightnessShift.Apply(destination, shape[2], factor, scale: false);
    }

    /// <summary>
    /// <see cref="ApplyTransform(ReadOnlySpan{float}, Span{float}, ReadOnlySpan{int}, TransformParams, FillMode, float, int, DataFormat)"/>
    /// followed by Keras's <c>rescale</c> (x *= rescale in float32, the first step of <c>standardize</c> when there is no
    /// <c>preprocessing_function</c>). The same bits as the two steps apart; without a channel shift or brightness the
    /// multiplication is fused into the warp's stores, saving a pass over the image.
    /// </summary>
    public static void ApplyTransformAndRescale(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<int> shape,
        TransformParams parameters, float rescale, FillMode fillMode = FillMode.Nearest, float cval = 0f, int interpolationOrder = 1,
        DataFormat dataFormat = DataFormat.ChannelsLast)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        // The option table says which drawn transforms need a pass of their own after the warp (channel shift,
        // brightness); only without them does the warp kernel's scaled store do the whole job.
        bool fusable = !ImageDataGeneratorOptionTable.NeedsPassAfterWarp(parameters);
        if (fusable && Enum.IsDefined(fillMode))
        {
            CheckOrder(interpolationOrder);
            var layout = WarpLayout.Of(shape, dataFormat);
            if (source.Length == layout.Length && destination.Length == layout.Length
                && AffineMatrix.ForImage(parameters, layout.Height, layout.Width) is { } m)
            {
                Warp(source, destination, layout, m, fillMode, cval, interpolationOrder,
                    parameters.FlipHorizontal, parameters.FlipVertical, rescale);
                return;
            }
        }
        ApplyTransform(source, destination, shape, parameters, fillMode, cval, interpolationOrder, dataFormat);
        TensorPrimitives.Multiply(destination, rescale, destination);
    }

    /// <summary>Orders 0/1 go to the SIMD kernel, 2–5 to the prefiltered B-spline warp.</summary>
    static void Warp(ReadOnlySpan<float> source, Span<float> destination, in WarpLayout layout, in PullMatrix m, FillMode fillMode,
        float cval, int order, bool flipHorizontal, bool flipVertical, float scale)
    {
        if (order <= 1)
            AffineWarpKernel.Warp(source, destination, layout, m, fillMode, cval, order, flipHorizontal, flipVertical, scale);
        else
            SplineWarp.Warp(source, destination, layout, m, fillMode, cval, order, flipHorizontal, flipVertical, scale);
    }

    static void CheckOrder(int interpolationOrder)
    {
        if (interpolationOrder is < 0 or > 5)
            throw new ArgumentOutOfRangeException(nameof(interpolationOrder), interpolationOrder, "interpolation_order must be between 0 and 5 (SciPy's spline orders).");
    }
}
