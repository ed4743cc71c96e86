using AugNet.Imaging;

namespace AugNet.Tests.Imaging;

public class SampleKernelsTests
{
    // Lengths around every vector step (4, 8 pixels; 16, 32 samples) and the store overhang at the end of a row.
    static readonly int[] Pixels = [0, 1, 3, 4, 5, 7, 8, 9, 11, 12, 13, 15, 16, 17, 31, 33, 64, 100, 150, 333];

    [Fact]
    public void RgbaToRgbMatchesTheScalarReferenceOnEveryPath()
    {
        var rng = new Random(5);
        foreach (int n in Pixels)
        {
            var rgba = new byte[n * 4];
            rng.NextBytes(rgba);
            var expected = new byte[n * 3];
            SampleKernels.RgbaToRgbScalar(rgba, expected);
            for (int i = 0; i < n; i++)
                Assert.Equal((rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]), (expected[3 * i], expected[3 * i + 1], expected[3 * i + 2]));
            foreach (var path in SimdPaths.Supported)
            {
                // A sentinel after the slice: the overhanging vector stores must stay inside the destination.
                var padded = new byte[n * 3 + 40];
                Array.Fill(padded, (byte)0xA5);
                SampleKernels.RgbaToRgb(rgba, padded.AsSpan(0, n * 3), path);
                Assert.True(expected.AsSpan().SequenceEqual(padded.AsSpan(0, n * 3)), $"{path}, {n} pixels");
                Assert.All(padded[(n * 3)..], b => Assert.Equal(0xA5, b));
            }
        }
    }

    [Fact]
    public void BytesToFloatsMatchesTheScalarReferenceOnEveryPath()
    {
        var rng = new Random(6);
        foreach (int n in Pixels.Select(p => p * 3).Append(256))
        {
            var src = new byte[n];
            rng.NextBytes(src);
            if (n == 256) for (int i = 0; i < n; i++) src[i] = (byte)i; // every value once
            var expected = new float[n];
            SampleKernels.BytesToFloatsScalar(src, expected);
            for (int i = 0; i < n; i++) Assert.Equal(src[i], expected[i]);
            foreach (var path in SimdPaths.Supported)
            {
                var padded = new float[n + 40];
                Array.Fill(padded, -1f);
                SampleKernels.BytesToFloats(src, padded.AsSpan(0, n), path);
                Assert.True(expected.AsSpan().SequenceEqual(padded.AsSpan(0, n)), $"{path}, {n} samples");
                Assert.All(padded[n..], v => Assert.Equal(-1f, v));
            }
        }
    }

    [Fact]
    public void MismatchedLengthsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => SampleKernels.RgbaToRgb(new byte[8], new byte[3], SimdPaths.Best));
        Assert.Throws<ArgumentException>(() => SampleKernels.BytesToFloats(new byte[8], new float[7], SimdPaths.Best));
    }

    [Fact]
    public void ImgToArrayGivesTheSameFloatsOnEveryPath()
    {
        var img = RasterImage.Create(37, 11, PixelMode.RGB);
        new Random(7).NextBytes(img.Bytes);
        foreach (var path in SimdPaths.Supported)
        {
            using var _ = SimdPaths.Force(path);
            var t = ArrayImage.ImgToArray(img);
            Assert.Equal(img.Bytes.Select(b => (float)b).ToArray(), t.Data);
        }
    }
}
