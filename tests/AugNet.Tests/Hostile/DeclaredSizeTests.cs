using System.Data;
using System.IO.Compression;
using AugNet.Data;
using AugNet.Imaging;

namespace AugNet.Tests.Hostile;

/// <summary>Issue 10 items 2 and 3: declared sizes are not allocated before the bytes exist; loader errors are the library's own, naming the file.</summary>
public sealed class DeclaredSizeTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("augnet-declared-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A stream that cannot seek (a pipe, a socket).</summary>
    sealed class Unseekable(byte[] bytes) : Stream
    {
        readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    static readonly byte[] IdxClaiming2G = [0, 0, 0x08, 1, 0x7F, 0xFF, 0xFF, 0xC7]; // 2,147,483,591 values, none present

    static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void IdxDeclaringTwoGigabytesIsRefusedWithoutAllocatingThem()
    {
        string path = Path.Combine(_dir, "huge-idx1-ubyte");
        File.WriteAllBytes(path, IdxClaiming2G);
        long bytes = Allocated(() => Assert.Contains(path, Assert.Throws<InvalidDataException>(() => IdxFile.Load(path)).Message));
        Assert.True(bytes < 16 << 20, $"allocated {bytes} bytes");
        bytes = Allocated(() => Assert.Contains("2147483591", Assert.Throws<InvalidDataException>(() => IdxFile.Read(new Unseekable(IdxClaiming2G))).Message));
        Assert.True(bytes < 16 << 20, $"allocated {bytes} bytes");
    }

    [Fact]
    public void GzippedIdxDeclaringTwoGigabytesIsRefusedWithoutAllocatingThem()
    {
        string path = Path.Combine(_dir, "huge-idx1-ubyte.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest)) gz.Write(IdxClaiming2G);
        long bytes = Allocated(() => Assert.Contains(path, Assert.Throws<InvalidDataException>(() => IdxFile.Load(path)).Message));
        Assert.True(bytes < 16 << 20, $"allocated {bytes} bytes");
    }

    [Fact]
    public void IdxHeaderCutShortIsInvalidDataNamingTheFile()
    {
        string path = Path.Combine(_dir, "short-idx3-ubyte");
        File.WriteAllBytes(path, [0, 0, 0x08, 3, 0, 0, 0, 2]);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        File.WriteAllBytes(path, [0, 0]);
        Assert.Contains(path, Assert.Throws<InvalidDataException>(() => IdxFile.Load(path)).Message);
    }

    [Fact]
    public void IdxAndNpyStillRoundTripThroughUnseekableStreams()
    {
        var idx = new IdxFile(Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray(), [3, 1000]);
        var ms = new MemoryStream();
        idx.Write(ms);
        var back = IdxFile.Read(new Unseekable(ms.ToArray()));
        Assert.Equal(idx.Data, back.Data);
        var npy = new NpyArray(Enumerable.Range(0, 300_000).Select(i => (float)i).ToArray(), 300, 1000);
        ms = new MemoryStream();
        npy.Write(ms);
        Assert.Equal((float[])npy.Data, (float[])NpyArray.Read(new Unseekable(ms.ToArray())).Data);
    }

    [Fact]
    public void NpyOnUnseekableStreamDeclaringGigabytesIsRefusedWithoutAllocatingThem()
    {
        var ms = new MemoryStream();
        new NpyArray(new float[4], 4).Write(ms);
        byte[] file = ms.ToArray();
        string header = System.Text.Encoding.Latin1.GetString(file, 10, file.Length - 10 - 16);
        string huge = header.Replace("(4,)", "(500000000,)");
        byte[] hostile = [.. file[..10], .. System.Text.Encoding.Latin1.GetBytes(huge.Length == header.Length ? huge : huge[..header.Length]), .. file[^16..]];
        Assert.Contains("500000000", System.Text.Encoding.Latin1.GetString(hostile));
        long bytes = Allocated(() =>
        {
            var e = Assert.Throws<InvalidDataException>(() => NpyArray.Read(new Unseekable(hostile)));
            Assert.Contains("truncated", e.Message);
        });
        Assert.True(bytes < 16 << 20, $"allocated {bytes} bytes");
    }

    [Theory]
    [InlineData(",Column1,class,filename")]
    [InlineData("Class,class,filename")]
    [InlineData("filename,class,filename")]
    public void CsvHeaderThatDataTableCannotHoldIsInvalidDataNamingFileAndColumn(string header)
    {
        string path = Path.Combine(_dir, "labels.csv");
        File.WriteAllText(path, header + "\n0,1,cat,a.png\n");
        Exception? e = Record.Exception(() => DataFrameCsv.Read(path));
        if (e is null) return; // pandas-style names that do not clash are fine
        var invalid = Assert.IsType<InvalidDataException>(e);
        Assert.Contains(path, invalid.Message);
        Assert.Contains("column", invalid.Message);
    }

    [Fact]
    public void CsvEmptyHeaderCellIsNamedAsPandasNamesIt()
    {
        string path = Path.Combine(_dir, "index.csv");
        File.WriteAllText(path, ",Column1,class,filename\n0,5,cat,a.png\n");
        DataTable table = DataFrameCsv.Read(path);
        Assert.Equal(["Unnamed: 0", "Column1", "class", "filename"], table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
    }
}
