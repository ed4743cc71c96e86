using AugNet.Augmentation;

namespace AugNet.Data;

/// <summary>
/// Everything random about one batch, drawn sequentially in Keras's order before any pixel work: the dataset
/// indices of its samples, one transform per sample (in batch order), and the save_to_dir file-name hashes that
/// Keras draws after the whole batch. Building the pixels from a recipe is deterministic, so it can run on any
/// number of threads and ahead of time.
/// </summary>
/// <param name="Ordinal">total_batches_seen before this batch (the seed offset).</param>
/// <param name="Indices">Dataset indices, in batch order.</param>
/// <param name="Transforms">Per-sample parameters, or null when the iterator has no generator.</param>
/// <param name="SaveHashes">Per-sample save_to_dir hashes, or null when not saving.</param>
public sealed record BatchRecipe(long Ordinal, int[] Indices, TransformParams[]? Transforms, int[]? SaveHashes);
