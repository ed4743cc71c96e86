using System.Diagnostics;
using System.Text;
using AugNet.Imaging;

namespace AugNet.Data.Datasets;

/// <summary>How <see cref="FashionMnist"/> writes the dataset.</summary>
public enum FashionMnistFormat
{
    /// <summary>train/{class}/{index}.png and test/{class}/{index}.png (28×28 grayscale) plus manifest.csv.</summary>
    Folders,
    /// <summary>x_train.npy (60000, 28, 28) uint8, y_train.npy (60000,) int64, x_test.npy, y_test.npy, plus manifest.csv.</summary>
    Npy,
}

/// <summary>
/// Fashion-MNIST from Debian's <c>dataset-fashion-mnist</c> package (IDX files in /usr/share/datasets/fashion-mnist/),
/// read with <see cref="IdxFile"/>. The package is installed with apt-get when absent and allowed.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package puts the IDX files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Debian package name.</summary>
    public const string DebianPackage = "dataset-fashion-mnist";

    /// <summary>Class names in label order (folder-safe spellings).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt_top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle_boot"];

    /// <summary>
    /// Writes the dataset into <paramref name="directory"/> unless a complete copy is there. Missing IDX files are
    /// installed with <c>apt-get install -y dataset-fashion-mnist</c> when <paramref name="allowInstall"/>.
    /// </summary>
    public static DatasetFetchResult Fetch(string directory, FashionMnistFormat format = FashionMnistFormat.Folders,
        TextWriter? log = null, bool allowInstall = true, string sourceDirectory = DebianDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (DatasetFiles.IsComplete(directory, out int present))
        {
            log?.WriteLine($"fashion-mnist: already present in {directory} ({present} files).");
            return new DatasetFetchResult(directory, format == FashionMnistFormat.Npy ? 70000 : present, true);
        }
        EnsureSource(sourceDirectory, allowInstall, log);
        var parts = new[] { ("train", "train"), ("test", "t10k") }
            .Select(p => (p.Item1,
                Images: IdxFile.Load(Path.Combine(sourceDirectory, $"{p.Item2}-images-idx3-ubyte.gz")),
                Labels: IdxFile.Load(Path.Combine(sourceDirectory, $"{p.Item2}-labels-idx1-ubyte.gz"))))
            .ToArray();
        foreach (var (split, images, labels) in parts)
            if (images.Shape.Length != 3 || labels.Shape.Length != 1 || images.Shape[0] != labels.Shape[0])
                throw new InvalidDataException($"fashion-mnist {split}: images {Tensor.FormatShape(images.Shape)} and labels {Tensor.FormatShape(labels.Shape)} do not match.");

        bool existed = Directory.Exists(directory);
        string staging = DatasetFiles.Staging(directory);
        try
        {
            var manifest = new StringBuilder();
            int count = 0;
            if (format == FashionMnistFormat.Npy)
            {
                manifest.Append("filename,rows\n");
                foreach (var (split, images, labels) in parts)
                {
                    images.ToNpy().Save(Path.Combine(staging, $"x_{split}.npy"));
                    new NpyArray(labels.Data.Select(b => (long)b).ToArray(), labels.Shape).Save(Path.Combine(staging, $"y_{split}.npy"));
                    manifest.Append($"x_{split}.npy,{images.Shape[0]}\ny_{split}.npy,{labels.Shape[0]}\n");
                    count += images.Shape[0];
                }
            }
            else
            {
                manifest.Append("filename,label,split\n");
                foreach (var (split, images, labels) in parts)
                {
                    foreach (string c in ClassNames) Directory.CreateDirectory(Path.Combine(staging, split, c));
                    int h = images.Shape[1], w = images.Shape[2];
                    Parallel.For(0, images.Shape[0], i =>
                        DatasetFiles.WritePng(Path.Combine(staging, split, ClassName(labels.Data[i]), $"{i}.png"), images.Data.AsSpan(i * h * w, h * w), h, w, 1));
                    for (int i = 0; i < images.Shape[0]; i++)
                        manifest.Append($"{split}/{ClassName(labels.Data[i])}/{i}.png,{ClassName(labels.Data[i])},{split}\n");
                    count += images.Shape[0];
                }
            }
            File.WriteAllText(Path.Combine(staging, "manifest.csv"), manifest.ToString());
            DatasetFiles.Publish(staging, directory);
            log?.WriteLine($"fashion-mnist: wrote {count} images ({format}) to {directory}.");
            return new DatasetFetchResult(directory, count, false);
        }
        finally
        {
            DatasetFiles.Discard(staging, directory, existed);
        }
    }

    static string ClassName(byte label) =>
        label < ClassNames.Count ? ClassNames[label] : throw new InvalidDataException($"fashion-mnist: label {label} is out of range 0–9.");

    static void EnsureSource(string source, bool allowInstall, TextWriter? log)
    {
        if (File.Exists(Path.Combine(source, "train-images-idx3-ubyte.gz"))) return;
        string hint = $"Install it with: sudo apt-get install {DebianPackage} (check with: apt-cache policy {DebianPackage}).";
        if (!allowInstall || source != DebianDirectory)
            throw new FileNotFoundException($"fashion-mnist: the IDX files are not in {source}. {hint}");
        // Said before apt-get runs: it installs a system package (and needs root), which a user must be able to refuse next time.
        log?.WriteLine($"fashion-mnist: the IDX files are not in {source}; installing the Debian package {DebianPackage}, which puts them there, "
            + $"with 'apt-get install -y {DebianPackage}' (needs root; Ctrl-C to stop and install it yourself) ...");
        try
        {
            var psi = new ProcessStartInfo("apt-get") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { "install", "-y", DebianPackage }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("apt-get did not start.");
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"apt-get install {DebianPackage} failed (exit {p.ExitCode}): {err.Result.Trim()} {hint}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"fashion-mnist: apt-get is not available ({e.Message}). {hint}", e);
        }
        if (!File.Exists(Path.Combine(source, "train-images-idx3-ubyte.gz")))
            throw new FileNotFoundException($"fashion-mnist: {DebianPackage} is installed but {source} has no IDX files.");
    }
}
