namespace AugNet;

/// <summary>
/// The full state of a <see cref="NumpyRandom"/>, as NumPy's <c>get_state()</c> has it: the 624-word MT19937 key and the
/// position in it (624 = the next draw twists first). The legacy Gaussian cache is absent because this generator draws
/// no normals. Saved with a training checkpoint so a resumed run draws exactly what the uninterrupted one would have.
/// </summary>
public sealed record NumpyRandomState(uint[] Key, int Position);
