using AugNet.Augmentation;
using AugNet.Imaging;

namespace AugNet.Data;

/// <summary>The per-sample steps the iterators share: Keras's draw order and the transform-then-standardise work.</summary>
internal static class SampleAugmenter
{
    /// <summary>
    /// Keras's per-batch draws after the re-seed and permutation: each sample's <c>get_random_transform</c> in batch
    /// order, then (when saving) one <c>randint(hashBound)</c> per sample.
    /// </summary>
    public static BatchRecipe Draw(long ordinal, int[] indices, NumpyRandom rng, ImageDataGenerator? generator,
        int[] imageShape, bool saving, int hashBound)
    {
        TransformParams[]? transforms = null;
        if (generator != null)
        {
            transforms = new TransformParams[indices.Length];
            for (int i = 0; i < indices.Length; i++) transforms[i] = generator.GetRandomTransform(imageShape, rng);
        }
        int[]? hashes = null;
        if (saving)
        {
            hashes = new int[indices.Length];
            for (int i = 0; i < indices.Length; i++) hashes[i] = rng.Next(hashBound);
        }
        return new BatchRecipe(ordinal, indices, transforms, hashes);
    }

    /// <summary>
    /// <c>apply_transform</c> (skipped for the identity, which Keras leaves untouched too) then <c>standardize</c>, from
    /// one image's elements straight into its place in the batch; a plain copy without a generator.
    /// </summary>
    public static void AugmentInto(ImageDataGenerator? generator, ReadOnlySpan<float> image, ReadOnlySpan<int> shape,
        TransformParams? parameters, Span<float> destination)
    {
        if (generator == null) image.CopyTo(destination);
        else generator.TransformAndStandardize(image, shape, parameters, destination);
    }

    /// <summary>
    /// save_to_dir: writes each sample of the finished batch as <c>{prefix}_{index}_{hash}.{format}</c>, min–max scaled
    /// per image as Keras's <c>array_to_img(scale=True)</c>.
    /// </summary>
    public static void Save(Tensor batchX, BatchRecipe recipe, int[] positions, SaveOptions save, DataFormat dataFormat)
    {
        Directory.CreateDirectory(save.Directory);
        for (int i = 0; i < positions.Length; i++)
        {
            int j = recipe.Indices[positions[i]];
            string name = $"{save.Prefix}_{j}_{recipe.SaveHashes![positions[i]]}.{save.Format}";
            ImageSaver.SaveImage(Path.Combine(save.Directory, name), batchX.Slice0(i), dataFormat, scale: true);
        }
    }
}
