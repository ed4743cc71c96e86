using AugNet.Data;
using AugNet.Imaging;

namespace AugNet.Augmentation;

public sealed partial class ImageDataGenerator
{
    /// <summary>
    /// Keras's <c>flow_from_directory</c> (spec §9): classes from the sorted sub-folders of <paramref name="directory"/>
    /// (or <paramref name="classes"/> in the given order), images listed recursively with Keras's extension whitelist,
    /// resized to <paramref name="targetSize"/> (height, width; default 256×256), augmented with this generator.
    /// Prints "Found N images belonging to K classes." to <see cref="PipelineOptions.Log"/> (default Console.Out).
    /// </summary>
    public DirectoryIterator FlowFromDirectory(string directory, (int Height, int Width)? targetSize = null, ColorMode colorMode = ColorMode.Rgb,
        IReadOnlyList<string>? classes = null, ClassMode classMode = ClassMode.Categorical, int batchSize = 32, bool shuffle = true,
        long? seed = null, string? saveToDir = null, string savePrefix = "", string saveFormat = "png", bool followLinks = false,
        Subset? subset = null, Interpolation interpolation = Interpolation.Nearest, bool keepAspectRatio = false, PipelineOptions? pipeline = null)
        => new(directory, this, targetSize, colorMode, classes, classMode, batchSize, shuffle, seed, saveToDir, savePrefix, saveFormat,
            followLinks, subset, interpolation, keepAspectRatio, pipeline);
}
