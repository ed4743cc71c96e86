namespace AugNet.Data;

/// <summary>
/// A batch sequence that can record where it is and be put back there, so a training run stopped and resumed reads
/// exactly the batches (order, augmentation draws) the uninterrupted run would have read. Fit requires it of the
/// training and validation sequences when resuming from a <see cref="NN.Training.TrainingState"/>.
/// </summary>
public interface IResumableSequence : IBatchSequence
{
    /// <summary>The position and random state as of now (background work in flight is not part of it).</summary>
    SequenceState GetState();

    /// <summary>
    /// Continues from <paramref name="state"/>, recorded by a sequence of the same type over the same data and seed;
    /// anything prepared in advance is discarded. A state that does not fit throws an ArgumentException saying why.
    /// </summary>
    void SetState(SequenceState state);
}
