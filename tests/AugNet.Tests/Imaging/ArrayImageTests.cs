using AugNet.Imaging;
using AugNet.Tests.Support;

namespace AugNet.Tests.Imaging;

public class ArrayImageTests
{
    [Fact]
    public void ScaleIsPerImageMinMaxThenTruncation()
    {
        var x = new Tensor([-1f, 0f, 1f, 1.5f], 2, 2, 1);
        var img = ArrayImage.ArrayToImage(x, scale: true);
        Assert.Equal(PixelMode.L, img.Mode);
        // (v + 1) / 2.5 · 255: 0, 102, 204, 255.
        Assert.Equal(new byte[] { 0, 102, 204, 255 }, img.Bytes);
        Assert.Equal(new float[] { -1f, 0f, 1f, 1.5f }, x.Data);
    }

    [Fact]
    public void WithoutScaleValuesAreTruncatedNotRounded()
    {
        var x = new Tensor([0.9f, 1.9f, 254.99f, 12.5f, 100f, 3f], 1, 2, 3);
        var img = ArrayImage.ArrayToImage(x, scale: false);
        Assert.Equal(PixelMode.RGB, img.Mode);
        Assert.Equal(new byte[] { 0, 1, 254, 12, 100, 3 }, img.Bytes);
    }

    [Fact]
    public void ConstantImageScalesToZero()
    {
        var img = ArrayImage.ArrayToImage(new Tensor([128f, 128f, 128f, 128f], 1, 1, 4), scale: true);
        Assert.Equal(PixelMode.RGBA, img.Mode);
        Assert.All(img.Bytes, b => Assert.Equal(0, b));
    }

    [Fact]
    public void OneChannelAbove255BecomesModeI()
    {
        var img = ArrayImage.ArrayToImage(new Tensor([0f, 300.7f, 70000f], 1, 3, 1), scale: false);
        Assert.Equal(PixelMode.I, img.Mode);
        Assert.Equal(new[] { 0, 300, 70000 }, img.Ints);
        Assert.Equal(new float[] { 0, 300, 70000 }, ArrayImage.ImgToArray(img).Data);
    }

    [Fact]
    public void ErrorsUseKerasMessages()
    {
        var rank2 = Assert.Throws<ArgumentException>(() => ArrayImage.ArrayToImage(new Tensor(2, 2)));
        Assert.StartsWith("Expected image array to have rank 3 (single image). Got array with shape: (2, 2)", rank2.Message);
        var ch = Assert.Throws<ArgumentException>(() => ArrayImage.ArrayToImage(new Tensor(2, 2, 2)));
        Assert.StartsWith("Unsupported channel number: 2", ch.Message);
        var interp = Assert.Throws<ArgumentException>(() => ImageLoader.ParseInterpolation("cubic"));
        Assert.StartsWith("Invalid interpolation method cubic specified. Supported methods are nearest, bilinear, bicubic, hamming, box, lanczos", interp.Message);
        var cm = Assert.Throws<ArgumentException>(() => ImageLoader.ParseColorMode("hsv"));
        Assert.StartsWith("color_mode must be \"grayscale\", \"rgb\", or \"rgba\"", cm.Message);
        foreach (var i in Enum.GetValues<Interpolation>()) Assert.Equal(i, ImageLoader.ParseInterpolation(i.Name()));
    }

    [Fact]
    public void ChannelsFirstRoundTrips()
    {
        var data = Enumerable.Range(0, 3 * 2 * 4).Select(i => (float)(i * 7 % 256)).ToArray();
        var chw = new Tensor(data, 3, 2, 4);
        var img = ArrayImage.ArrayToImage(chw, DataFormat.ChannelsFirst, scale: false);
        Assert.Equal((4, 2, PixelMode.RGB), (img.Width, img.Height, img.Mode));
        Assert.Equal(data[1 * 8 + 5], img.Bytes[5 * 3 + 1]);
        var back = ArrayImage.ImgToArray(img, DataFormat.ChannelsFirst);
        Assert.Equal(new[] { 3, 2, 4 }, back.Shape);
        Assert.Equal(data, back.Data);
    }

    [Fact]
    public void LoadImageFromBytesAndChannelsFirstMatchTheFilePath()
    {
        string path = Conformance.PathOf("images/photo.png");
        var fromFile = ImageLoader.LoadImage(path, targetSize: (20, 30), interpolation: Interpolation.Bicubic);
        var fromBytes = ImageLoader.LoadImage(File.ReadAllBytes(path), targetSize: (20, 30), interpolation: Interpolation.Bicubic);
        Assert.Equal(new[] { 20, 30, 3 }, fromFile.Shape);
        Assert.Equal(fromFile.Data, fromBytes.Data);
        var chw = ImageLoader.LoadImage(path, targetSize: (20, 30), interpolation: Interpolation.Bicubic, dataFormat: DataFormat.ChannelsFirst);
        Assert.Equal(new[] { 3, 20, 30 }, chw.Shape);
        Assert.Equal(fromFile.Data[(5 * 30 + 7) * 3 + 2], chw.Data[2 * 600 + 5 * 30 + 7]);
        var raster = ImageLoader.LoadRaster(path, ColorMode.Grayscale);
        Assert.Equal((451, 300, PixelMode.L), (raster.Width, raster.Height, raster.Mode));
        Assert.Throws<ArgumentException>(() => ImageLoader.LoadImage(path, targetSize: (0, 5)));
    }
}
