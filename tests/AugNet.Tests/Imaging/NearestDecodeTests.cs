using System.Security.Cryptography;
using AugNet.Imaging;
using SkiaSharp;

namespace AugNet.Tests.Imaging;

/// <summary>
/// load_img with RGB + nearest samples decoded rows band by band (<see cref="NearestTarget"/>); these check it gives
/// the bytes and the errors of the full decode followed by <see cref="PillowResize"/>, on many sizes and encodings.
/// </summary>
public class NearestDecodeTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("augnet-nearest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static byte[] Encode(int w, int h, int seed, SKEncodedImageFormat format, SKJpegEncoderDownsample downsample = SKJpegEncoderDownsample.Downsample420)
    {
        var rng = new Random(seed);
        var px = new byte[w * h * 4];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int o = 4 * (y * w + x), noise = rng.Next(40);
                px[o] = (byte)(x * 255 / Math.Max(1, w - 1) * 3 / 4 + noise);
                px[o + 1] = (byte)(y * 255 / Math.Max(1, h - 1) * 3 / 4 + noise);
                px[o + 2] = (byte)((x ^ y) & 0x7F + noise);
                px[o + 3] = 255;
            }
        using var bmp = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(px, 0, bmp.GetPixels(), px.Length);
        using var pixmap = bmp.PeekPixels();
        using var data = format == SKEncodedImageFormat.Jpeg
            ? pixmap.Encode(new SKJpegEncoderOptions(90, downsample, SKJpegEncoderAlphaOption.Ignore))
            : pixmap.Encode(format, 100);
        return data!.ToArray();
    }

    /// <summary>The old path: the whole image decoded, then load_img's conversion and resize.</summary>
    static RasterImage FullThenResize(byte[] bytes, (int, int) target, bool keep) =>
        ImageLoader.Prepare(ImageDecoder.Decode(bytes), ColorMode.Rgb, target, Interpolation.Nearest, keep);

    // (100, 50) on the 200x100 photo with keep_aspect_ratio is a box of exactly the target size: the resize's crop short-cut.
    static readonly (int H, int W)[] Targets = [(150, 150), (32, 32), (7, 200), (333, 91), (1, 1), (600, 450), (100, 50)];

    public static TheoryData<string> Encodings() => ["jpeg420", "jpeg422", "jpeg444", "png", "bmp"];

    static byte[] Encode(string encoding, int w, int h, int seed) => encoding switch
    {
        "jpeg420" => Encode(w, h, seed, SKEncodedImageFormat.Jpeg, SKJpegEncoderDownsample.Downsample420),
        "jpeg422" => Encode(w, h, seed, SKEncodedImageFormat.Jpeg, SKJpegEncoderDownsample.Downsample422),
        "jpeg444" => Encode(w, h, seed, SKEncodedImageFormat.Jpeg, SKJpegEncoderDownsample.Downsample444),
        "png" => Encode(w, h, seed, SKEncodedImageFormat.Png),
        "bmp" => BmpOf(Encode(w, h, seed, SKEncodedImageFormat.Png)),
        _ => throw new ArgumentException(encoding),
    };

    static byte[] BmpOf(byte[] png) => BmpWriter.Encode(ImageDecoder.Decode(png, "png"));

    [Theory]
    [MemberData(nameof(Encodings))]
    public void BandSamplingEqualsFullDecodeThenResize(string encoding)
    {
        // Sizes off the 8/16-pixel MCU grid, thin strips, a square, photos of the bench's 300-500 px, and one row
        // wider than a 64 KB band (one row per band).
        (int W, int H)[] sizes = [(300, 500), (497, 311), (150, 150), (451, 403), (17, 9), (1, 40), (40, 1), (129, 257), (200, 100), (17000, 3)];
        int seed = 0;
        foreach (var (w, h) in sizes)
        {
            byte[] bytes = Encode(encoding, w, h, ++seed);
            foreach (var target in Targets)
                foreach (bool keep in new[] { false, true })
                {
                    var expected = FullThenResize(bytes, target, keep);
                    var actual = ImageLoader.LoadRaster(bytes, ColorMode.Rgb, target, Interpolation.Nearest, keep);
                    Assert.Equal((expected.Width, expected.Height, expected.Mode), (actual.Width, actual.Height, actual.Mode));
                    Assert.True(expected.Bytes.AsSpan().SequenceEqual(actual.Bytes), $"{encoding} {w}x{h} -> {target} keep={keep}");
                }
        }
    }

    [Fact]
    public void FromAFileTooAndAsFloats()
    {
        byte[] bytes = Encode(431, 367, 3, SKEncodedImageFormat.Jpeg);
        string p = Path.Combine(_dir, "a.jpg");
        File.WriteAllBytes(p, bytes);
        var expected = ArrayImage.ImgToArray(FullThenResize(bytes, (150, 150), false));
        var actual = ImageLoader.LoadImage(p, ColorMode.Rgb, (150, 150), Interpolation.Nearest);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.Data, actual.Data);
    }

    [Fact]
    public void TheDecoderReturnsTheResizedImageOnlyWhenAResizeFollows()
    {
        byte[] bytes = Encode(64, 48, 4, SKEncodedImageFormat.Jpeg);
        var resized = ImageDecoder.Decode(bytes, "x", new NearestTarget(20, 10, false));
        Assert.Equal((20, 10), (resized.Width, resized.Height));
        var same = ImageDecoder.Decode(bytes, "x", new NearestTarget(64, 48, false));
        Assert.Equal(ImageDecoder.Decode(bytes, "x").Bytes, same.Bytes);
        Assert.Null(NearestTarget.For(ColorMode.Rgb, (10, 10), Interpolation.Bilinear, false));
        Assert.Null(NearestTarget.For(ColorMode.Rgba, (10, 10), Interpolation.Nearest, false));
        Assert.Null(NearestTarget.For(ColorMode.Rgb, null, Interpolation.Nearest, false));
    }

    /// <summary>Pixels (as a hash) or the error's type and message: what a caller can observe of one load.</summary>
    static string Outcome(Func<RasterImage> load)
    {
        try
        {
            var r = load();
            return $"{r.Width}x{r.Height} {r.Mode} {Convert.ToHexString(SHA256.HashData(r.Bytes))}";
        }
        catch (Exception e) { return $"{e.GetType().Name}: {e.Message}"; }
    }

    [Fact]
    public void TruncatedAndCorruptJpegsFailOrDecodeAsTheFullPathDoes()
    {
        byte[] good = Encode(320, 240, 5, SKEncodedImageFormat.Jpeg);
        var rng = new Random(9);
        var cases = new List<byte[]>();
        foreach (double cut in new[] { 0.1, 0.5, 0.9, 0.99 }) cases.Add(good[..(int)(good.Length * cut)]);
        for (int n = 1; n <= 40; n++) cases.Add(good[..(good.Length - n * 37)]); // data ending in each of the last row bands
        for (int k = 0; k < 200; k++)
        {
            var bad = (byte[])good.Clone();
            for (int m = 0; m < 1 + k % 4; m++) bad[700 + rng.Next(bad.Length - 700)] = (byte)rng.Next(256);
            cases.Add(bad);
        }
        foreach (var bytes in cases)
            Assert.Equal(Outcome(() => FullThenResize(bytes, (150, 150), false)),
                Outcome(() => ImageLoader.LoadRaster(bytes, ColorMode.Rgb, (150, 150), Interpolation.Nearest)));
        Assert.Contains("truncated", Outcome(() => ImageLoader.LoadRaster(cases[1], ColorMode.Rgb, (150, 150), Interpolation.Nearest)));
    }

    [Fact]
    public void AJpegLoadAllocatesAboutTheResultOnly()
    {
        // Before: the full RGB image (about 460 KB here) and a 1 MB band per load; now the 150x150 result, its floats
        // and small arrays (the file's bytes are read from memory here).
        byte[] bytes = Encode(480, 320, 6, SKEncodedImageFormat.Jpeg);
        long perLoad = Support.AllocationProbe.MinBytesPerStep(
            () => ImageLoader.LoadImage(bytes, ColorMode.Rgb, (150, 150), Interpolation.Nearest), steps: 4);
        Assert.InRange(perLoad, 150 * 150 * 3 * 5, 150 * 150 * 3 * 5 + 64 * 1024);
    }
}
