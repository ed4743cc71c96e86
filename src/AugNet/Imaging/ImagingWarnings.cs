using System.Diagnostics;

namespace AugNet.Imaging;

/// <summary>
/// Where the imaging module reports Keras/Pillow warnings (large images, RGBA saved as JPEG). Subscribers to
/// <see cref="Raised"/> receive the text; with no subscriber the text goes to <see cref="Trace.TraceWarning(string)"/>.
/// </summary>
internal static class ImagingWarnings
{
    /// <summary>Receives each warning's text.</summary>
    public static event Action<string>? Raised;

    internal static void Warn(string message)
    {
        var handler = Raised;
        if (handler != null) handler(message);
        else Trace.TraceWarning(message);
    }
}
