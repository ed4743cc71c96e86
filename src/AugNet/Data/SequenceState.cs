
namespace AugNet.Data;

/// <summary>
/// Where an <see cref="IResumableSequence"/> is. Kind: the type that recorded it (checked on restore).
/// BatchesSeen and PassPosition: the iterator's <see cref="BatchIterator.TotalBatchesSeen"/> and
/// <see cref="BatchIterator.BatchIndex"/> (0 for sequences without them). Order: the current pass's sample order
/// (null before the first batch). Random: the generator that draws the next order. Seed: the base the iterator
/// re-seeds each batch from (its seed, or the random base an unseeded iterator picked).
/// </summary>
public sealed record SequenceState(string Kind, long BatchesSeen, int PassPosition, int[]? Order, NumpyRandomState Random, long Seed)
{
    /// <summary>Throws unless this state was recorded by a <paramref name="sequence"/> of the same type with <paramref name="samples"/> samples.</summary>
    internal void CheckFits(object sequence, int samples)
    {
        string kind = sequence.GetType().Name;
        if (Kind != kind) throw new ArgumentException($"The state was recorded by a {Kind}, not a {kind}.", nameof(sequence));
        if (Order is not null && Order.Length != samples)
            throw new ArgumentException($"The state's {Kind} had {Order.Length} samples; this one has {samples}.", nameof(sequence));
        if (Order is not null && Order.Any(i => (uint)i >= (uint)samples))
            throw new ArgumentException($"The state's sample order has indices outside [0, {samples}).", nameof(sequence));
    }
}
