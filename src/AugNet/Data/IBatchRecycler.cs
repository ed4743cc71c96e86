namespace AugNet.Data;

/// <summary>
/// A sequence whose batches can be handed back: <c>Fit</c> and <c>Evaluate</c> call <see cref="Recycle"/> once they are
/// done with a batch, and the sequence builds a later batch of the same shape in the same arrays instead of new ones.
/// A batch of the book model at 150×150 is 8.6 MB, on the large-object heap, so without this every step leaves that much
/// garbage that only a full collection frees: memory grew with every epoch. Callers that never recycle (GetBatch used
/// directly) get fresh arrays as before, so a batch they keep is never overwritten.
/// </summary>
internal interface IBatchRecycler
{
    /// <summary>The caller will not read <paramref name="batch"/> again; its arrays may be reused.</summary>
    void Recycle(Batch batch);
}
