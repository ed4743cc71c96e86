using AugNet.Fuzzing;
using System.Diagnostics;
using AugNet.Imaging;

namespace AugNet.Tests.Hostile;

/// <summary>Issue 10 item 1: tiny files declaring huge images are refused from the header, fast, naming the file.</summary>
public class DecodeBudgetTests
{
    static T Refused<T>(Func<object> decode, params string[] mentions) where T : Exception
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<T>(decode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        foreach (string m in mentions) Assert.Contains(m, e.Message);
        return e;
    }

    [Fact]
    public void JpegWhoseSofDeclares5000x30000IsRefusedAsTruncatedFromItsHeader()
    {
        byte[] jpeg = HostileFiles.JpegDeclaring(5000, 30000);
        Assert.True(jpeg.Length < 2000);
        Refused<InvalidImageException>(() => ImageDecoder.Decode(jpeg, "bomb.jpg"), "bomb.jpg", "5000x30000", "truncated");
    }

    [Fact]
    public void JpegWithItsRealSizeStillDecodes()
    {
        byte[] jpeg = HostileFiles.JpegDeclaring(16, 16);
        var image = ImageDecoder.Decode(jpeg, "ok.jpg");
        Assert.Equal((16, 16, PixelMode.RGB), (image.Width, image.Height, image.Mode));
    }

    [Fact]
    public void PngDeclaringAMillionBy178IsRefusedBeforeInflating()
    {
        byte[] png = HostileFiles.PngDeclaring(1_000_000, 178);
        Refused<InvalidImageException>(() => ImageDecoder.Decode(png, "wide.png"), "wide.png", "1000000x178", "truncated");
    }

    [Fact]
    public void GifScreenOverTheBudgetIsRefusedNamingSizeAndOption()
    {
        byte[] gif = HostileFiles.GifScreen(65535, 2000);
        var budget = new DecodeBudget { MaxPixels = 64L << 20, RaiseWith = "--max-image-pixels N" };
        var e = Refused<ImageTooLargeException>(() => ImageDecoder.Decode(gif, "screen.gif", budget), "screen.gif", "65535x2000", "--max-image-pixels N");
        Assert.Equal((65535L, 2000L), (e.Width, e.Height));
    }

    [Fact]
    public void ByteBudgetRefusesToo()
    {
        byte[] gif = HostileFiles.GifScreen(4000, 4000);
        var budget = new DecodeBudget { MaxBytes = 10_000_000 };
        Refused<ImageTooLargeException>(() => ImageDecoder.Decode(gif, "b.gif", budget), "b.gif", "4000x4000", "bytes", "ImageDecoder.Budget");
    }

    [Fact]
    public void SmallGifScreenWithinTheBudgetDecodes()
    {
        var image = ImageDecoder.Decode(HostileFiles.GifScreen(40, 30), "small.gif", new DecodeBudget { MaxPixels = 10_000 });
        Assert.Equal((40, 30), (image.Width, image.Height));
    }

    [Fact]
    public void FileLimitRefusesLargeFilesBeforeReading()
    {
        string path = Path.Combine(Path.GetTempPath(), "augnet-big-" + Guid.NewGuid().ToString("N") + ".png");
        File.WriteAllBytes(path, HostileFiles.PngDeclaring(10, 10));
        try
        {
            var e = Assert.Throws<IOException>(() => AugNet.FileProbe.ReadRegularFile(path, 50, "image", "the limit option"));
            Assert.Contains(path, e.Message);
            Assert.Contains("the limit option", e.Message);
        }
        finally { File.Delete(path); }
    }

    /// <summary>
    /// The decoders' reader: the file's exact bytes, from a pooled buffer up to 16 MiB and from an array of its own above
    /// (the shared pool would round a large file up to a buffer of up to 1 GiB and keep it), under the same limit.
    /// </summary>
    [Fact]
    public void PooledReadsGiveTheBytesAndPoolOnlySmallFiles()
    {
        string dir = Directory.CreateTempSubdirectory("augnet-pooled-").FullName;
        try
        {
            var random = new Random(3);
            foreach (int size in new[] { 0, 1, 100_000, AugNet.PooledFileBytes.MaxPooled, AugNet.PooledFileBytes.MaxPooled + 1 })
            {
                var bytes = new byte[size];
                random.NextBytes(bytes);
                string path = Path.Combine(dir, $"{size}.bin");
                File.WriteAllBytes(path, bytes);
                using var read = AugNet.FileProbe.ReadRegularFilePooled(path, long.MaxValue, "image", "the limit option");
                Assert.True(read.Span.SequenceEqual(bytes), $"{size} bytes");
                Assert.Equal(size <= AugNet.PooledFileBytes.MaxPooled, read.Pooled);
                if (!read.Pooled) Assert.Equal(size, read.Buffer.Length);
            }
            string small = Path.Combine(dir, "100000.bin");
            var e = Assert.Throws<IOException>(() => AugNet.FileProbe.ReadRegularFilePooled(small, 50, "image", "the limit option"));
            Assert.Contains("the limit option", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}

/// <summary>Memory of hostile loads as numbers: a regression shows as allocated bytes.</summary>
public class DecodeMemoryTests
{
    static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void RefusingATinyFileDeclaringAHugeImageAllocatesAlmostNothing()
    {
        byte[] jpeg = HostileFiles.JpegDeclaring(5000, 30000), png = HostileFiles.PngDeclaring(1_000_000, 178), gif = HostileFiles.GifScreen(65535, 2000);
        var budget = new DecodeBudget { MaxPixels = 64L << 20 };
        long bytes = Allocated(() =>
        {
            Assert.ThrowsAny<InvalidImageException>(() => ImageDecoder.Decode(jpeg, "j.jpg", budget));
            Assert.ThrowsAny<InvalidImageException>(() => ImageDecoder.Decode(png, "p.png", budget));
            Assert.ThrowsAny<InvalidImageException>(() => ImageDecoder.Decode(gif, "g.gif", budget));
        });
        Assert.True(bytes < 1 << 20, $"allocated {bytes} bytes");
    }

    [Fact]
    public void OpaqueJpegDecodesWithoutAFullSizeRgbaCopy()
    {
        var image = new RasterImage(2000, 1500, PixelMode.RGB, Enumerable.Range(0, 2000 * 1500 * 3).Select(i => (byte)(i % 251)).ToArray());
        byte[] jpeg = ImageSaver.Encode(image, ImageFileFormat.Jpeg, quality: 90);
        ImageDecoder.Decode(jpeg, "warm.jpg");
        long bytes = Allocated(() => ImageDecoder.Decode(jpeg, "a.jpg"));
        // RGB result 9 MB + one band of rows (≤ 1 MiB); a full RGBA copy would add 12 MB more.
        Assert.True(bytes < 2000 * 1500 * 3 + (1 << 20) + (64 << 10), $"allocated {bytes} bytes");
    }
}
