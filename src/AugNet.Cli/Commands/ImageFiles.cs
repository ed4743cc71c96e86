namespace AugNet.Cli.Commands;

/// <summary>The image files named on the command line: files as given, folders walked recursively in sorted order.</summary>
internal static class ImageFiles
{
    static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" };

    public static List<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (File.Exists(path)) files.Add(path);
            else if (Directory.Exists(path))
            {
                int before = files.Count;
                Walk(path, files);
                if (files.Count == before) Console.Error.WriteLine($"augnet: warning: no image files (png, jpg, jpeg, bmp, gif, webp) in {path}");
            }
            else throw new FileNotFoundException($"No such image file or folder: {path}", path);
        }
        return files;
    }

    /// <summary>Depth-first with files before sub-folders, both in ordinal order, so output order is the same on every OS.</summary>
    static void Walk(string dir, List<string> files)
    {
        var entries = Directory.GetFiles(dir).Where(f => Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal);
        files.AddRange(entries);
        foreach (string sub in Directory.GetDirectories(dir).Order(StringComparer.Ordinal)) Walk(sub, files);
    }
}
