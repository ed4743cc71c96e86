using AugNet.Tests.Support;

namespace AugNet.Tests.Data;

/// <summary>A throw-away folder, deleted on dispose, filled with copies of the golden tree's PNGs.</summary>
internal sealed class TempTree : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "augnet-data-" + Guid.NewGuid().ToString("N"));

    public TempTree() => Directory.CreateDirectory(Root);

    static string SamplePng => Conformance.PathOf("tree/cats/cat.0.png");

    /// <summary>Copies a valid PNG to <paramref name="relative"/> (folders created).</summary>
    public string Png(string relative)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(SamplePng, path, true);
        return path;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/>.</summary>
    public string Text(string relative, string text)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, true);
    }
}
