namespace AugNet.Imaging;

/// <summary>
/// The Pillow image modes this library reproduces. Conversions and resizing follow Pillow's rules for each mode,
/// so a decoded image remembers the mode Pillow would have opened it in.
/// </summary>
public enum PixelMode
{
    /// <summary>8-bit grey, one channel.</summary>
    L,
    /// <summary>8-bit grey plus alpha, two channels.</summary>
    LA,
    /// <summary>8-bit red, green, blue.</summary>
    RGB,
    /// <summary>8-bit red, green, blue, straight (non-premultiplied) alpha.</summary>
    RGBA,
    /// <summary>32-bit signed integer grey (Pillow's 'I'): 16-bit PNGs and <c>array_to_img</c> of one channel above 255.</summary>
    I,
}

/// <summary>Channel counts of the modes.</summary>
public static class PixelModes
{
    /// <summary>How many interleaved channels a pixel of <paramref name="mode"/> has.</summary>
    public static int Channels(this PixelMode mode) => mode switch
    {
        PixelMode.L or PixelMode.I => 1,
        PixelMode.LA => 2,
        PixelMode.RGB => 3,
        PixelMode.RGBA => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown pixel mode."),
    };
}
