namespace AugNet.Augmentation;

/// <summary>How points outside the input are filled, as SciPy's <c>ndimage</c> modes that Keras passes through (spec §4.2).</summary>
public enum FillMode
{
    /// <summary>Taps clamp to the edge: aaaa|abcd|dddd.</summary>
    Nearest,
    /// <summary>Any coordinate outside [0, N−1] on either axis gives exactly <c>cval</c>: kkkk|abcd|kkkk.</summary>
    Constant,
    /// <summary>Half-sample symmetric (SciPy ≥ 1.6): dcba|abcd|dcba.</summary>
    Reflect,
    /// <summary>SciPy's 'wrap', whose period is N−1, not N: the first and last samples overlap.</summary>
    Wrap,
}
