namespace AugNet.Data;

/// <summary>What a file iterator does when an image cannot be read while a batch is built.</summary>
public enum CorruptFilePolicy
{
    /// <summary>Keras's behaviour: the batch fails with an error naming the file.</summary>
    Throw,
    /// <summary>Writes a warning naming the file and leaves the sample (and its label and weight) out of that batch.</summary>
    SkipWithWarning,
}
