namespace AugNet.Data;

/// <summary>Keras's <c>white_list_formats</c> (spec §5) and its matching rule.</summary>
public static class WhiteListFormats
{
    /// <summary>('png', 'jpg', 'jpeg', 'bmp', 'ppm', 'tif', 'tiff'), in Keras's order.</summary>
    public static IReadOnlyList<string> WhiteList { get; } = ["png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff"];

    /// <summary>
    /// Keras's test: the lower-cased name ends with a whitelisted extension <b>without a dot</b>, so 'notes_png' and
    /// 'a.xjpg' match too.
    /// </summary>
    public static bool IsWhiteListed(string fileName)
    {
        string lower = fileName.ToLowerInvariant();
        foreach (string ext in WhiteList)
            if (lower.EndsWith(ext, StringComparison.Ordinal)) return true;
        return false;
    }
}
