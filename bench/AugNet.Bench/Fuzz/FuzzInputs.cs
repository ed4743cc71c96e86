using System.Text;
using AugNet.Data;
using AugNet.Imaging;

namespace AugNet.Fuzzing;

/// <summary>
/// The seeds, mutations and loader calls of the mutation fuzz (issue 10), shared by the in-process test
/// (tests/AugNet.Tests/Hostile/MutationFuzzTests.cs, which links this file) and the child-process harness
/// (<c>bench/run fuzz</c>). Seeds are made here; mutations are byte flips, random bytes, truncations, insertions,
/// 0xFFFF header fields and deletions, biased to the first 64 bytes (the headers).
/// </summary>
internal static class FuzzInputs
{
    public static readonly string[] Formats = ["png", "jpeg", "bmp", "gif", "webp", "npy", "idx", "csv"];

    /// <summary>A valid 13×9 (or, for GIF, 40×30 screen) seed file of <paramref name="format"/>.</summary>
    public static byte[] Seed(string format)
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
            case "gif": return GifScreen(40, 30);
            case "npy": new NpyArray(Enumerable.Range(0, 60).Select(i => (float)i).ToArray(), 3, 4, 5).Write(ms); return ms.ToArray();
            case "idx": new IdxFile(Enumerable.Range(0, 60).Select(i => (byte)i).ToArray(), [3, 4, 5]).Write(ms); return ms.ToArray();
            default: return Encoding.UTF8.GetBytes("filename,class,weight\na.png,cat,1.5\nb.png,dog,2\n");
        }
    }

    /// <summary>A GIF whose logical screen is <paramref name="width"/>×<paramref name="height"/> with one 2×2 frame.</summary>
    public static byte[] GifScreen(int width, int height)
    {
        var g = new List<byte>();
        g.AddRange("GIF89a"u8.ToArray());
        g.AddRange([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0xF0, 0, 0, 0, 0, 0, 255, 255, 255]);
        g.AddRange([0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0]);
        g.AddRange([2, 3, 0x04, 0x80, 0x02, 0, 0x3B]); // LZW: clear, 0, 0, 0, 0, end
        return g.ToArray();
    }

    /// <summary>One to four edits of <paramref name="seed"/>, drawn from <paramref name="rng"/>.</summary>
    public static byte[] Mutate(byte[] seed, Random rng)
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

    /// <summary>Loads <paramref name="input"/> from memory with the loader of <paramref name="format"/>; the exception, or null.</summary>
    public static Exception? Load(string format, byte[] input, DecodeBudget budget)
    {
        try
        {
            switch (format)
            {
                case "npy": NpyArray.Read(new MemoryStream(input)); break;
                case "idx": IdxFile.Read(new MemoryStream(input)); break;
                case "csv": DataFrameCsv.Read(new StringReader(Encoding.UTF8.GetString(input)), "fuzz.csv"); break;
                default: ImageDecoder.Decode(input, "fuzz." + format, budget); break;
            }
            return null;
        }
        catch (Exception e) { return e; }
    }

    /// <summary>Loads the file at <paramref name="path"/> with the path-taking loader of <paramref name="format"/> (images under <see cref="ImageDecoder.Budget"/>); the exception, or null.</summary>
    public static Exception? LoadFile(string format, string path)
    {
        try
        {
            switch (format)
            {
                case "npy": NpyArray.Load(path); break;
                case "idx": IdxFile.Load(path); break;
                case "csv": DataFrameCsv.Read(path); break;
                default: ImageDecoder.DecodeFile(path); break;
            }
            return null;
        }
        catch (Exception e) { return e; }
    }

    /// <summary>Whether <paramref name="e"/> is the documented failure of the <paramref name="format"/> loader.</summary>
    public static bool IsDocumented(string format, Exception e) =>
        format is "npy" or "idx" or "csv" ? e is InvalidDataException : e is InvalidImageException;
}
