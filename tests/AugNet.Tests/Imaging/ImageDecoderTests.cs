using System.Diagnostics;
using AugNet.Imaging;
using AugNet.Tests.Support;

namespace AugNet.Tests.Imaging;

public class ImageDecoderTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("augnet-decoder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Write(string name, byte[] bytes)
    {
        string p = Path.Combine(_dir, name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        string p = Path.Combine(_dir, "nope.png");
        var e = Assert.Throws<FileNotFoundException>(() => ImageLoader.LoadImage(p));
        Assert.Contains(p, e.Message);
    }

    [Fact]
    public void ZeroByteFileIsRefused()
    {
        string p = Write("empty.png", []);
        var e = Assert.Throws<InvalidImageException>(() => ImageLoader.LoadImage(p));
        Assert.Contains(p, e.Message);
        Assert.Contains("empty", e.Message);
        Assert.Equal(p, e.FileName);
    }

    [Fact]
    public void TruncatedPngIsAnErrorNotPartialPixels()
    {
        byte[] full = File.ReadAllBytes(Conformance.PathOf("images/photo.png"));
        string p = Write("cut.png", full[..(full.Length / 2)]);
        var e = Assert.Throws<InvalidImageException>(() => ImageLoader.LoadImage(p));
        Assert.Contains(p, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void TextFileNamedJpgIsRefused()
    {
        string p = Write("notes.jpg", "this is not a picture\n"u8.ToArray());
        var e = Assert.Throws<InvalidImageException>(() => ImageLoader.LoadImage(p));
        Assert.Contains(p, e.Message);
        Assert.Contains("unknown", e.Message);
    }

    [Fact]
    public void UnknownBinaryFormatIsRefused()
    {
        var bytes = new byte[256];
        new Random(1).NextBytes(bytes);
        var e = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(bytes, "random.bin"));
        Assert.Contains("random.bin", e.Message);
    }

    [Fact]
    public void HugeDeclaredPngFailsFastFromTheHeader()
    {
        byte[] bomb = PngBuilder.Build(100000, 100000, 8, 2, rows: null);
        Assert.True(bomb.Length < 100);
        string p = Write("bomb.png", bomb);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var e = Assert.Throws<ImageTooLargeException>(() => ImageLoader.LoadImage(p));
        sw.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains(p, e.Message);
        Assert.Contains("100000x100000", e.Message);
        Assert.Equal(100000, e.Width);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes before refusing");
        Assert.True(sw.ElapsedMilliseconds < 2000, $"took {sw.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void PixelLimitWarnsAboveAndRefusesAboveTwice()
    {
        byte[] png = PngBuilder.Build(12, 10, 8, 0, Enumerable.Range(0, 10).Select(y => Enumerable.Repeat((byte)y, 12).ToArray()).ToArray());
        var warnings = new List<string>();
        void OnWarn(string m) { if (m.Contains("limit-test.png")) lock (warnings) warnings.Add(m); }
        ImagingWarnings.Raised += OnWarn;
        try
        {
            var img = ImageDecoder.Decode(png, "limit-test.png", maxImagePixels: 100);
            Assert.Equal((12, 10), (img.Width, img.Height));
            Assert.Single(warnings);
            Assert.Contains("120 pixels", warnings[0]);
            Assert.Throws<ImageTooLargeException>(() => ImageDecoder.Decode(png, "limit-test.png", maxImagePixels: 59));
            ImageDecoder.Decode(png, "limit-test.png", maxImagePixels: null);
            Assert.Single(warnings);
        }
        finally { ImagingWarnings.Raised -= OnWarn; }
        Assert.Equal(ImageDecoder.DefaultMaxImagePixels, ImageLoader.MaxImagePixels);
        Assert.Equal(89_478_485, ImageDecoder.DefaultMaxImagePixels);
    }

    [Fact]
    public void GreyPngDecodesAsModeLWithExactValues()
    {
        var rows = Enumerable.Range(0, 3).Select(y => new byte[] { (byte)(y * 100), 7, 255, 0 }).ToArray();
        var img = ImageDecoder.Decode(PngBuilder.Build(4, 3, 8, 0, rows));
        Assert.Equal(PixelMode.L, img.Mode);
        Assert.Equal(rows.SelectMany(r => r).ToArray(), img.Bytes);
    }

    [Fact]
    public void SixteenBitGreyPngIsModeIWithFullValues()
    {
        // Pillow 9.4 opens 16-bit grey PNGs as mode I; 'grayscale' keeps the 16-bit values, 'rgb' clips to 255.
        byte[] row = [0x12, 0x34, 0x00, 0x80, 0xFF, 0xFF];
        var img = ImageDecoder.Decode(PngBuilder.Build(3, 1, 16, 0, [row]));
        Assert.Equal(PixelMode.I, img.Mode);
        Assert.Equal(new[] { 0x1234, 0x0080, 0xFFFF }, img.Ints);
        var grey = ImageLoader.Prepare(img, ColorMode.Grayscale, null, Interpolation.Nearest, false);
        Assert.Equal(new[] { 0x1234, 0x0080, 0xFFFF }, ArrayImage.ImgToArray(grey).Data.Select(v => (int)v).ToArray());
        var rgb = ImageLoader.Prepare(img, ColorMode.Rgb, null, Interpolation.Nearest, false);
        Assert.Equal(new byte[] { 255, 255, 255, 128, 128, 128, 255, 255, 255 }, rgb.Bytes);
    }

    [Fact]
    public void SixteenBitRgbPngKeepsTheHighByte()
    {
        byte[] row = [0x12, 0xFF, 0x80, 0x01, 0x00, 0xFF];
        var img = ImageDecoder.Decode(PngBuilder.Build(1, 1, 16, 2, [row]));
        Assert.Equal(PixelMode.RGB, img.Mode);
        Assert.Equal(new byte[] { 0x12, 0x80, 0x00 }, img.Bytes);
    }

    [Fact]
    public void RgbaPngKeepsStraightAlphaWithoutPremultiplying()
    {
        byte[] row = [200, 100, 50, 0, 200, 100, 50, 128, 1, 2, 3, 255];
        var img = ImageDecoder.Decode(PngBuilder.Build(3, 1, 8, 6, [row]));
        Assert.Equal(PixelMode.RGBA, img.Mode);
        Assert.Equal(row, img.Bytes);
        var rgb = ImageLoader.Prepare(img, ColorMode.Rgb, null, Interpolation.Nearest, false);
        Assert.Equal(new byte[] { 200, 100, 50, 200, 100, 50, 1, 2, 3 }, rgb.Bytes);
    }

    [Fact]
    public void GreyAlphaPngConvertsLikePillow()
    {
        byte[] row = [90, 0, 30, 200];
        var img = ImageDecoder.Decode(PngBuilder.Build(2, 1, 8, 4, [row]));
        Assert.Equal(new byte[] { 90, 30 }, ImageLoader.Prepare(img, ColorMode.Grayscale, null, Interpolation.Nearest, false).Bytes);
        Assert.Equal(new byte[] { 90, 90, 90, 0, 30, 30, 30, 200 }, ImageLoader.Prepare(img, ColorMode.Rgba, null, Interpolation.Nearest, false).Bytes);
    }
}
