using AugNet.Data;

namespace AugNet.Augmentation;

public sealed partial class ImageDataGenerator
{
    /// <summary>
    /// Keras's <c>flow(x, y, batch_size=32, shuffle=True, sample_weight, seed, save_to_dir, save_prefix, save_format,
    /// ignore_class_split, subset)</c> (spec §8): endless augmented batches from in-memory images (N, H, W, C)
    /// ((N, C, H, W) for channels_first). With a subset, validation is the <b>first</b> int(N·validation_split)
    /// samples, as in Keras. Sample weights are returned only when <paramref name="y"/> is given.
    /// </summary>
    public NumpyArrayIterator Flow(Tensor x, Tensor? y = null, int batchSize = 32, bool shuffle = true, Tensor? sampleWeight = null,
        long? seed = null, string? saveToDir = null, string savePrefix = "", string saveFormat = "png", bool ignoreClassSplit = false,
        Subset? subset = null, PipelineOptions? pipeline = null)
        => new(x, y, this, batchSize, shuffle, seed, sampleWeight, null, saveToDir, savePrefix, saveFormat, subset, ignoreClassSplit, pipeline);

    /// <summary>
    /// The tuple form <c>flow((images, misc), y, ...)</c>: the misc arrays are extra model inputs sliced alongside the
    /// images and returned in <see cref="Batch.MiscInputs"/> (Keras's [batch_x, misc_1[J], …]).
    /// </summary>
    public NumpyArrayIterator Flow((Tensor Images, IReadOnlyList<Tensor> MiscInputs) x, Tensor? y = null, int batchSize = 32, bool shuffle = true,
        Tensor? sampleWeight = null, long? seed = null, string? saveToDir = null, string savePrefix = "", string saveFormat = "png",
        bool ignoreClassSplit = false, Subset? subset = null, PipelineOptions? pipeline = null)
    {
        ArgumentNullException.ThrowIfNull(x.MiscInputs);
        return new(x.Images, y, this, batchSize, shuffle, seed, sampleWeight, x.MiscInputs, saveToDir, savePrefix, saveFormat, subset, ignoreClassSplit, pipeline);
    }
}
