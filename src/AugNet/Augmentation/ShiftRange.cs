namespace AugNet.Augmentation;

/// <summary>
/// A Keras shift range in one of its forms (spec §3.2): a float fraction or pixel count drawn from U(−r, r), an
/// integer n giving whole pixels in {−(n−1) … n−1}, or a set of values picked with a random sign.
/// (Contract stub: generator owner completes.)
/// </summary>
public sealed record ShiftRange
{
    public static ShiftRange None { get; } = new();
}
