namespace AugNet.Augmentation;

/// <summary>Keras's <c>apply_transform</c> on one image. (Contract stub: warp owner implements.)</summary>
public static class ImageTransforms
{
    /// <summary>
    /// Affine warp (SciPy-exact sampling), then channel shift, horizontal flip, vertical flip and brightness, in
    /// Keras's order. Returns a new tensor; the input is not modified. The identity returns a copy.
    /// </summary>
    public static Tensor ApplyTransform(Tensor image, TransformParams parameters, FillMode fillMode = FillMode.Nearest,
        float cval = 0f, int interpolationOrder = 1, DataFormat dataFormat = DataFormat.ChannelsLast)
        => throw new NotImplementedException();

    /// <summary>
    /// Applies <paramref name="parameters"/>[i] to sample i of a batch (N, ...) in parallel across images, writing a new
    /// batch. Results do not depend on <paramref name="maxDegreeOfParallelism"/> (-1 = all cores).
    /// </summary>
    public static Tensor ApplyTransformBatch(Tensor batch, IReadOnlyList<TransformParams> parameters, FillMode fillMode = FillMode.Nearest,
        float cval = 0f, int interpolationOrder = 1, DataFormat dataFormat = DataFormat.ChannelsLast, int maxDegreeOfParallelism = -1)
        => throw new NotImplementedException();
}
