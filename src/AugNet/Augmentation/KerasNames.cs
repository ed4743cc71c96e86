namespace AugNet.Augmentation;

/// <summary>Keras's spellings of <see cref="FillMode"/> ('constant', 'nearest', 'reflect', 'wrap') and of <see cref="DataFormat"/>.</summary>
public static class KerasNames
{
    /// <summary>Parses a Keras <c>fill_mode</c> string. Anything else (including SciPy's extra 'mirror' and 'grid-*' modes) is refused.</summary>
    public static FillMode ParseFillMode(string? name) => name switch
    {
        "constant" => FillMode.Constant,
        "nearest" => FillMode.Nearest,
        "reflect" => FillMode.Reflect,
        "wrap" => FillMode.Wrap,
        _ => throw new ArgumentException($"`fill_mode` must be one of 'constant', 'nearest', 'reflect' or 'wrap'. Received: {PythonFormat.Value(name)}", "fill_mode"),
    };

    /// <summary>The Keras spelling of a fill mode.</summary>
    public static string ToKerasName(this FillMode mode) => mode switch
    {
        FillMode.Constant => "constant",
        FillMode.Nearest => "nearest",
        FillMode.Reflect => "reflect",
        FillMode.Wrap => "wrap",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown fill mode."),
    };

    /// <summary>Parses a Keras <c>data_format</c>; null means the backend default, 'channels_last'. Others fail with Keras's message.</summary>
    public static DataFormat ParseDataFormat(string? name) => name switch
    {
        null or "channels_last" => DataFormat.ChannelsLast,
        "channels_first" => DataFormat.ChannelsFirst,
        _ => throw new ArgumentException(ImageDataGeneratorOptions.DataFormatMessage(name), "data_format"),
    };

    /// <summary>The Keras spelling of a data format.</summary>
    public static string ToKerasName(this DataFormat format) => format switch
    {
        DataFormat.ChannelsLast => "channels_last",
        DataFormat.ChannelsFirst => "channels_first",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown data format."),
    };
}
