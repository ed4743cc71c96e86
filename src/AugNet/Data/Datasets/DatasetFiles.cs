using AugNet.Imaging;

namespace AugNet.Data.Datasets;

/// <summary>What a dataset fetch did.</summary>
/// <param name="Directory">Where the dataset is.</param>
/// <param name="Images">Image files (or array rows) the dataset holds.</param>
/// <param name="AlreadyPresent">True when a complete copy was found and nothing was written.</param>
public sealed record DatasetFetchResult(string Directory, int Images, bool AlreadyPresent);

/// <summary>Shared steps of the dataset fetchers: PNG writing, staging folders, manifests.</summary>
internal static class DatasetFiles
{
    /// <summary>Writes 8-bit pixels (H, W, C) with C = 1 or 3 as a PNG file with <see cref="ImageSaver"/>'s encoder.</summary>
    public static void WritePng(string path, ReadOnlySpan<byte> pixels, int height, int width, int channels)
    {
        var image = new RasterImage(width, height, channels == 1 ? PixelMode.L : PixelMode.RGB, pixels[..(height * width * channels)].ToArray());
        ImageSaver.SaveRaster(path, image, ImageFileFormat.Png);
    }

    /// <summary>True when <paramref name="directory"/> has a manifest whose every listed file exists.</summary>
    public static bool IsComplete(string directory, out int files)
    {
        files = 0;
        string manifest = Path.Combine(directory, "manifest.csv");
        if (!File.Exists(manifest)) return false;
        foreach (string line in File.ReadLines(manifest).Skip(1))
        {
            if (line.Length == 0) continue;
            string rel = line.Split(',')[0];
            if (!File.Exists(Path.Combine(directory, rel))) return false;
            files++;
        }
        return files > 0;
    }

    /// <summary>A fresh staging folder inside <paramref name="directory"/> (same file system, so moves are renames).</summary>
    /// <summary>
    /// Removes what a fetch left: the staging folder (absent after a successful publish), and the target folder too
    /// when this fetch created it and a failure left it empty, so a failed first fetch leaves nothing behind.
    /// </summary>
    public static void Discard(string staging, string directory, bool directoryExisted)
    {
        if (Directory.Exists(staging)) Directory.Delete(staging, true);
        if (!directoryExisted && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            Directory.Delete(directory);
    }

    public static string Staging(string directory)
    {
        Directory.CreateDirectory(directory);
        string staging = Path.Combine(directory, ".staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>
    /// Moves the staged top-level entries into <paramref name="directory"/>, replacing older ones, the manifest last,
    /// so an interrupted fetch never leaves a manifest over incomplete files.
    /// </summary>
    public static void Publish(string staging, string directory)
    {
        string manifest = Path.Combine(directory, "manifest.csv");
        if (File.Exists(manifest)) File.Delete(manifest);
        foreach (string entry in Directory.EnumerateFileSystemEntries(staging))
        {
            string name = Path.GetFileName(entry);
            if (name == "manifest.csv") continue;
            string target = Path.Combine(directory, name);
            if (Directory.Exists(target)) Directory.Delete(target, true);
            else if (File.Exists(target)) File.Delete(target);
            if (Directory.Exists(entry)) Directory.Move(entry, target); else File.Move(entry, target);
        }
        File.Move(Path.Combine(staging, "manifest.csv"), manifest);
        Directory.Delete(staging, true);
    }
}
