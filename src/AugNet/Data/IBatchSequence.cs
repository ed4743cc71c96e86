namespace AugNet.Data;

/// <summary>
/// Keras's <c>Sequence</c> protocol, which every iterator implements and <c>Fit</c> consumes: a fixed number of
/// batches per pass, random access by batch index, and a hook called after each epoch.
/// </summary>
public interface IBatchSequence
{
    /// <summary>Batches per pass: ceil(samples / batch size).</summary>
    int Count { get; }

    /// <summary>Batch <paramref name="index"/> of the current pass (0 ≤ index &lt; Count).</summary>
    Batch GetBatch(int index);

    /// <summary>Called by Fit at the end of every epoch (reshuffles when shuffling).</summary>
    void OnEpochEnd();
}
