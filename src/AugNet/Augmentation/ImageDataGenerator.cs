namespace AugNet.Augmentation;

/// <summary>Keras's <c>ImageDataGenerator</c>. (Contract stub: generator owner implements; iterator owner adds Flow* in other partial files.)</summary>
public sealed partial class ImageDataGenerator
{
    public ImageDataGeneratorOptions Options { get; }

    public ImageDataGenerator(ImageDataGeneratorOptions? options = null) => Options = options ?? new ImageDataGeneratorOptions();

    /// <summary>Draws one image's parameters from <paramref name="rng"/> in Keras's order (spec §3.1, with §0.3's shift fix).</summary>
    public TransformParams GetRandomTransform(ReadOnlySpan<int> imageShape, NumpyRandom rng) => throw new NotImplementedException();

    /// <summary>Applies parameters with this generator's fill mode, cval, interpolation order and data format.</summary>
    public Tensor ApplyTransform(Tensor image, TransformParams parameters) => throw new NotImplementedException();

    /// <summary><c>random_transform</c>: draw then apply.</summary>
    public Tensor RandomTransform(Tensor image, NumpyRandom rng) => ApplyTransform(image, GetRandomTransform(image.Shape, rng));

    /// <summary>Keras's <c>standardize</c> in place on one image (or a batch, with batch-global samplewise statistics); returns the result.</summary>
    public Tensor Standardize(Tensor x) => throw new NotImplementedException();
}
