using AugNet.Imaging;
using AugNet.Plotting;
using AugNet.Tests.Support;

namespace AugNet.Tests.Imaging;

public class ImageSaverTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("augnet-saver-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static Tensor RandomImage(int h, int w, int c, int seed)
    {
        var r = new Random(seed);
        return new Tensor(Enumerable.Range(0, h * w * c).Select(_ => (float)r.Next(256)).ToArray(), h, w, c);
    }

    void AssertOnlyFiles(params string[] names) =>
        Assert.Equal(names.OrderBy(n => n), Directory.GetFiles(_dir).Select(Path.GetFileName).OrderBy(n => n));

    [Theory]
    [InlineData("a.png", 3)]
    [InlineData("a.png", 1)]
    [InlineData("a.png", 4)]
    [InlineData("a.bmp", 3)]
    [InlineData("a.bmp", 1)]
    [InlineData("a.webp", 3)]
    public void LosslessRoundTripsAreExact(string name, int channels)
    {
        var x = RandomImage(13, 17, channels, channels);
        string p = Path.Combine(_dir, name);
        bool lossless = !name.EndsWith(".webp");
        ImageSaver.SaveImage(p, x, scale: false);
        var mode = channels switch { 1 => ColorMode.Grayscale, 3 => ColorMode.Rgb, _ => ColorMode.Rgba };
        var back = ImageLoader.LoadImage(p, mode);
        Assert.Equal(x.Shape, back.Shape);
        if (lossless) Assert.Equal(x.Data, back.Data);
        AssertOnlyFiles(name);
    }

    [Fact]
    public void JpegRoundTripIsClose()
    {
        var x = new Tensor(Enumerable.Range(0, 32 * 32 * 3).Select(i => (float)((i / 3 % 32) * 8)).ToArray(), 32, 32, 3);
        string p = Path.Combine(_dir, "smooth.jpg");
        ImageSaver.SaveImage(p, x, scale: false);
        var back = ImageLoader.LoadImage(p);
        double mae = x.Data.Zip(back.Data, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(mae < 4, $"mean abs error {mae}");
    }

    [Fact]
    public void RgbaToJpegWarnsAndDropsAlpha()
    {
        var warnings = new List<string>();
        void OnWarn(string m) { lock (warnings) warnings.Add(m); }
        ImagingWarnings.Raised += OnWarn;
        try { ImageSaver.SaveImage(Path.Combine(_dir, "x.jpg"), RandomImage(8, 8, 4, 3), DataFormat.ChannelsLast, "jpg", scale: false); }
        finally { ImagingWarnings.Raised -= OnWarn; }
        Assert.Contains("The JPG format does not support RGBA images, converting to RGB.", warnings);
        Assert.Equal(new[] { 8, 8, 3 }, ImageLoader.LoadImage(Path.Combine(_dir, "x.jpg")).Shape);
    }

    [Fact]
    public void ScaleStretchesToFullRange()
    {
        var x = new Tensor([0f, 0.25f, 0.5f, 1f], 2, 2, 1);
        string p = Path.Combine(_dir, "s.png");
        ImageSaver.SaveImage(p, x);
        Assert.Equal(new float[] { 0, 63, 127, 255 }, ImageLoader.LoadImage(p, ColorMode.Grayscale).Data);
    }

    [Fact]
    public void FailuresLeaveNothingBehind()
    {
        var ext = Assert.Throws<ArgumentException>(() => ImageSaver.SaveImage(Path.Combine(_dir, "x.tga"), RandomImage(4, 4, 3, 1)));
        Assert.Contains("x.tga", ext.Message);
        var modeI = Assert.Throws<NotSupportedException>(() => ImageSaver.SaveImage(Path.Combine(_dir, "big.png"), new Tensor([1000f, 0f], 1, 2, 1), scale: false));
        Assert.Contains("big.png", modeI.Message);
        Assert.Throws<DirectoryNotFoundException>(() => ImageSaver.SaveImage(Path.Combine(_dir, "missing", "x.png"), RandomImage(4, 4, 3, 1)));
        AssertOnlyFiles();
    }

    [Fact]
    public void OverwriteReplacesTheWholeFile()
    {
        string p = Path.Combine(_dir, "o.png");
        ImageSaver.SaveImage(p, RandomImage(40, 40, 3, 1), scale: false);
        var small = RandomImage(3, 2, 3, 2);
        ImageSaver.SaveImage(p, small, scale: false);
        Assert.Equal(small.Data, ImageLoader.LoadImage(p).Data);
        AssertOnlyFiles("o.png");
    }

    [Fact]
    public void GridHasColumnsRowsAndMargins()
    {
        var images = Enumerable.Range(0, 5).Select(i => new Tensor(Enumerable.Repeat((float)(i * 40), 10 * 8 * 3).ToArray(), 10, 8, 3)).ToList();
        images[4] = new Tensor(Enumerable.Repeat(200f, 10 * 8).ToArray(), 10, 8, 1);
        string p = Path.Combine(_dir, "grid.png");
        ImageGrid.Save(p, images, columns: 3, margin: 2);
        var grid = ImageLoader.LoadRaster(p);
        Assert.Equal((2 + 3 * (8 + 2), 2 + 2 * (10 + 2)), (grid.Width, grid.Height));
        byte At(int x, int y) => grid.Bytes[(y * grid.Width + x) * 3];
        Assert.Equal(ImageGrid.Background, At(0, 0));
        Assert.Equal(0, At(2, 2));                 // image 0 top-left
        Assert.Equal(80, At(2 + 2 * 10, 2));       // image 2 in column 2
        Assert.Equal(120, At(2, 2 + 12));          // image 3 starts row 2
        Assert.Equal(200, At(2 + 10 + 7, 2 + 12 + 9)); // grey image 4, last pixel
        Assert.Equal(ImageGrid.Background, At(2 + 2 * 10 + 3, 2 + 12 + 3)); // empty sixth cell
        var scaled = ImageGrid.Compose([new Tensor([0f, 0.5f, 1f, 1f], 2, 2, 1)], columns: 4, scale: true, margin: 0);
        Assert.Equal((2, 2), (scaled.Width, scaled.Height));
        Assert.Equal(new byte[] { 0, 0, 0, 127, 127, 127 }, scaled.Bytes[..6]);
        Assert.Throws<ArgumentException>(() => ImageGrid.Compose([new Tensor(2, 2, 2)], 2));
    }
}
