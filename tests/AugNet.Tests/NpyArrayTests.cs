using System.Text;
using AugNet.Imaging;
using AugNet.Tests.Support;

namespace AugNet.Tests;

public class NpyArrayTests
{
    [Fact]
    public void ReadsConformanceInput()
    {
        var a = Conformance.Npy("in_photo.npy");
        Assert.Equal(NpyDType.Float32, a.DType);
        Assert.Equal(3, a.Shape.Length);
    }

    [Theory]
    [InlineData(NpyDType.Float32)]
    [InlineData(NpyDType.Float64)]
    [InlineData(NpyDType.UInt8)]
    [InlineData(NpyDType.Int64)]
    public void RoundTripsEveryDType(NpyDType dtype)
    {
        Array data = dtype switch
        {
            NpyDType.Float32 => new float[] { 1.5f, -2, 3, 4, 5, 6 },
            NpyDType.Float64 => new double[] { 1.5, -2, 3, 4, 5, 6 },
            NpyDType.UInt8 => new byte[] { 1, 2, 3, 4, 5, 255 },
            _ => new long[] { 1, -2, 3, 4, 5, long.MaxValue },
        };
        var ms = new MemoryStream();
        new NpyArray(data, 2, 3).Write(ms);
        int itemSize = dtype switch { NpyDType.UInt8 => 1, NpyDType.Float32 => 4, _ => 8 };
        Assert.Equal(0, (ms.Length - 6 * itemSize) % 64); // the data starts on a 64-byte boundary
        ms.Position = 0;
        var back = NpyArray.Read(ms);
        Assert.Equal(dtype, back.DType);
        Assert.Equal([2, 3], back.Shape);
        Assert.Equal(data, back.Data);
    }

    [Fact]
    public void WrongMagicIsRefused()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyArray.Read(new MemoryStream(Encoding.ASCII.GetBytes("hello world, not numpy"))));
        Assert.Contains("magic", e.Message);
    }

    [Fact]
    public void UnsupportedDTypeIsNamed()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyArray.Read(Header("{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }")));
        Assert.Contains("<c16", e.Message);
    }

    [Fact]
    public void MalformedShapeIsRefused()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyArray.Read(Header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }")));
        Assert.Contains("shape", e.Message);
    }

    [Fact]
    public void TruncatedDataIsRefused()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyArray.Read(Header("{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 1000), }")));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void FortranOrderIsRefused()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyArray.Read(Header("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }")));
        Assert.Contains("Fortran", e.Message);
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => NpyArray.Load("/nonexistent/x.npy"));
        Assert.Contains("/nonexistent/x.npy", e.Message);
    }

    static MemoryStream Header(string dict)
    {
        var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        string h = dict + "\n";
        ms.WriteByte((byte)h.Length); ms.WriteByte(0);
        ms.Write(Encoding.ASCII.GetBytes(h));
        ms.Position = 0;
        return ms;
    }
}
