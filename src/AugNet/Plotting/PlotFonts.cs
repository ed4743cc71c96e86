using ScottPlot;

namespace AugNet.Plotting;

/// <summary>
/// Gives ScottPlot a typeface. The self-contained Skia build we ship (NativeAssets.Linux.NoDependencies) has no
/// fontconfig, so it finds no system font and would draw titles and tick labels as nothing. We register a TrueType
/// file ourselves: AUGNET_PLOT_FONT if set, else DejaVu Sans or Liberation Sans where Debian puts them
/// (scripts/setup.sh installs fonts-dejavu-core).
/// </summary>
internal static class PlotFonts
{
    const string Name = "AugNet Sans";
    static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/Library/Fonts/Arial.ttf",
        @"C:\Windows\Fonts\arial.ttf",
    ];

    static readonly Lazy<string?> s_path = new(Register);

    /// <summary>The TrueType file registered for plot text, or null when none was found (for Skia drawing outside ScottPlot).</summary>
    public static string? FontFile => s_path.Value;

    /// <summary>Uses the registered typeface for every text of <paramref name="plot"/>; returns false when none was found.</summary>
    public static bool Apply(Plot plot)
    {
        if (s_path.Value is null) return false;
        plot.Font.Set(Name);
        return true;
    }

    static string? Register()
    {
        string? env = Environment.GetEnvironmentVariable("AUGNET_PLOT_FONT");
        string? path = !string.IsNullOrEmpty(env) ? env : Candidates.FirstOrDefault(File.Exists);
        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine("augnet: no TrueType font found for plot text (install fonts-dejavu-core or set AUGNET_PLOT_FONT); plots will have no labels.");
            return null;
        }
        Fonts.AddFontFile(Name, path);
        return path;
    }
}
