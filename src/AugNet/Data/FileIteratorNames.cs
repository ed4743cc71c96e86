using AugNet.Imaging;

namespace AugNet.Data;

/// <summary>
/// Keras's string spellings of the file iterators' options, parsed with Keras's error messages. Interpolation names are
/// load_img's and parse with <see cref="ImageLoader.ParseInterpolation"/>.
/// </summary>
internal static class FileIteratorNames
{
    /// <summary>'grayscale', 'rgb' or 'rgba', with the iterators' message (load_img has its own, see <see cref="ImageLoader.ParseColorMode"/>).</summary>
    public static ColorMode ParseColorMode(string name) => name switch
    {
        "grayscale" => ColorMode.Grayscale,
        "rgb" => ColorMode.Rgb,
        "rgba" => ColorMode.Rgba,
        _ => throw new ArgumentException($"Invalid color mode: {name}; expected \"rgb\", \"rgba\", or \"grayscale\".", nameof(name)),
    };

    /// <summary>Channels of a colour mode: 1, 3 or 4.</summary>
    public static int Channels(this ColorMode mode) => mode switch { ColorMode.Grayscale => 1, ColorMode.Rgba => 4, _ => 3 };
}
