namespace AugNet.Augmentation;

/// <summary>
/// Keras's UserWarnings from one generator (spec §2.2 step 6, §6.1, §6.2), kept so callers and tests can see them.
/// Python shows a warning from a given place once per process; likewise <see cref="Messages"/> holds each distinct
/// message once, in the order first raised, while <see cref="Raised"/> fires on every occurrence. Thread-safe: the
/// iterators standardise images in parallel.
/// </summary>
public sealed class GeneratorWarnings
{
    readonly List<string> _messages = [];
    readonly HashSet<string> _seen = [];
    readonly Lock _lock = new();

    /// <summary>Fires on every warning, including repeats (Keras warns on every <c>standardize</c> call).</summary>
    public event Action<string>? Raised;

    /// <summary>Each distinct warning once, in first-raised order.</summary>
    public IReadOnlyList<string> Messages
    {
        get { lock (_lock) return _messages.ToArray(); }
    }

    /// <summary>How many distinct warnings have been raised.</summary>
    public int Count
    {
        get { lock (_lock) return _messages.Count; }
    }

    /// <summary>True when a warning containing <paramref name="fragment"/> has been raised.</summary>
    public bool Contains(string fragment)
    {
        lock (_lock) return _messages.Exists(m => m.Contains(fragment, StringComparison.Ordinal));
    }

    internal void Warn(string message)
    {
        lock (_lock)
        {
            if (_seen.Add(message)) _messages.Add(message);
        }
        Raised?.Invoke(message);
    }
}
