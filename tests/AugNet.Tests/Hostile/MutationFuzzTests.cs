using System.Text;
using AugNet.Data;
using AugNet.Imaging;

namespace AugNet.Tests.Hostile;

/// <summary>
/// A short, seeded mutation fuzz of the loaders (issue 10): seeds made here, byte flips, truncations, insertions and
/// header-field patches; every input must end within a few seconds in success or the loader's documented exception
/// (<see cref="InvalidImageException"/> for images, <see cref="InvalidDataException"/> for NPY, IDX and CSV).
/// In-process, so a native crash would take the test host down with it (none has been seen).
/// </summary>
public class MutationFuzzTests
{
    static readonly DecodeBudget Budget = new() { MaxPixels = 16L << 20 };

    static byte[] Seed(string format)
    {
        var rgba = new RasterImage(13, 9, PixelMode.RGBA, Enumerable.Range(0, 13 * 9 * 4).Select(i => (byte)(i * 37 % 256 | (i % 4 == 3 ? 0x80 : 0))).ToArray());
        var rgb = new RasterImage(13, 9, PixelMode.RGB, Enumerable.Range(0, 13 * 9 * 3).Select(i => (byte)(i * 11)).ToArray());
        var ms = new MemoryStream();
        switch (format)
        {
            case "png": return ImageSaver.Encode(rgba, ImageFileFormat.Png);
            case "jpeg": return ImageSaver.Encode(rgb, ImageFileFormat.Jpeg, quality: 80);
            case "bmp": return ImageSaver.Encode(rgb, ImageFileFormat.Bmp);
            case "webp": return ImageSaver.Encode(rgb, ImageFileFormat.WebP, quality: 80);
            case "gif": return HostileFiles.GifScreen(40, 30);
            case "npy": new NpyArray(Enumerable.Range(0, 60).Select(i => (float)i).ToArray(), 3, 4, 5).Write(ms); return ms.ToArray();
            case "idx": new IdxFile(Enumerable.Range(0, 60).Select(i => (byte)i).ToArray(), [3, 4, 5]).Write(ms); return ms.ToArray();
            default: return Encoding.UTF8.GetBytes("filename,class,weight\na.png,cat,1.5\nb.png,dog,2\n");
        }
    }

    static byte[] Mutate(byte[] seed, Random rng)
    {
        var b = new List<byte>(seed);
        int edits = 1 + rng.Next(4);
        for (int e = 0; e < edits && b.Count > 0; e++)
        {
            int at = rng.Next(Math.Min(b.Count, rng.Next(2) == 0 ? 64 : b.Count)); // headers more often
            switch (rng.Next(6))
            {
                case 0: b[at] ^= (byte)(1 << rng.Next(8)); break;
                case 1: b[at] = (byte)rng.Next(256); break;
                case 2: b.RemoveRange(at, b.Count - at); break;                       // truncate
                case 3: b.InsertRange(at, Enumerable.Repeat((byte)rng.Next(256), 1 + rng.Next(8))); break;
                case 4: b[at] = 0xFF; if (at + 1 < b.Count) b[at + 1] = 0xFF; break;  // huge 16-bit field
                default: b.RemoveAt(at); break;
            }
        }
        return b.ToArray();
    }

    static Exception? Load(string format, byte[] input)
    {
        try
        {
            switch (format)
            {
                case "npy": NpyArray.Read(new MemoryStream(input)); break;
                case "idx": IdxFile.Read(new MemoryStream(input)); break;
                case "csv": DataFrameCsv.Read(new StringReader(Encoding.UTF8.GetString(input)), "fuzz.csv"); break;
                default: ImageDecoder.Decode(input, "fuzz." + format, Budget); break;
            }
            return null;
        }
        catch (Exception e) { return e; }
    }

    [Theory]
    [InlineData("png")] [InlineData("jpeg")] [InlineData("bmp")] [InlineData("gif")] [InlineData("webp")]
    [InlineData("npy")] [InlineData("idx")] [InlineData("csv")]
    public void MutatedInputsEndQuicklyInSuccessOrADocumentedError(string format)
    {
        var rng = new Random(10_000 + format.Sum(c => c)); // seeded per format (string hashes vary per process)
        byte[] seed = Seed(format);
        var undocumented = new List<string>();
        for (int i = 0; i < 400; i++)
        {
            byte[] input = Mutate(seed, rng);
            var task = Task.Run(() => Load(format, input));
            if (!task.Wait(TimeSpan.FromSeconds(10))) { undocumented.Add($"#{i}: no result within 10 s"); continue; }
            var e = task.Result;
            bool documented = e is null || (format is "npy" or "idx" or "csv" ? e is InvalidDataException : e is InvalidImageException);
            if (!documented) undocumented.Add($"#{i}: {e!.GetType().Name}: {e.Message}");
            else if (e is InvalidImageException ie) Assert.Contains("fuzz." + format, ie.Message);
            else if (e is InvalidDataException && format == "csv") Assert.Contains("fuzz.csv", e.Message);
        }
        Assert.True(undocumented.Count == 0, string.Join("\n", undocumented));
    }
}
