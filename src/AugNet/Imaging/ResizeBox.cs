namespace AugNet.Imaging;

/// <summary>
/// The source region of a resize, Pillow's <c>box</c> (left, upper, right, lower) in source pixels. Pillow keeps the
/// box in single precision, so this does too.
/// </summary>
public readonly record struct ResizeBox(float X0, float Y0, float X1, float Y1)
{
    /// <summary>The whole of a <paramref name="width"/>×<paramref name="height"/> image.</summary>
    public static ResizeBox Full(int width, int height) => new(0, 0, width, height);

    /// <summary>True when every edge is an integer.</summary>
    public bool IsInteger => X0 - (int)X0 == 0 && Y0 - (int)Y0 == 0 && X1 - (int)X1 == 0 && Y1 - (int)Y1 == 0;
}
