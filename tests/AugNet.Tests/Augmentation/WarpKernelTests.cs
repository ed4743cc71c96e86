using System.Runtime.Intrinsics;
using AugNet.Augmentation;
using AugNet.Augmentation.Kernels;

namespace AugNet.Tests.Augmentation;

/// <summary>The SIMD warp kernel against the scalar reference: the same bits on every path, mode, order and layout.</summary>
public class WarpKernelTests
{
    public static TheoryData<string> Paths()
    {
        var d = new TheoryData<string>();
        foreach (var p in SimdPaths.Supported) d.Add(p.ToString());
        return d;
    }

    [Fact]
    public void ThisMachineTestsTheWidePaths()
    {
        // The CI machine has AVX-512; if it did not, the theory below would silently test fewer paths.
        Assert.True(Vector256.IsHardwareAccelerated, "Vector256 is not accelerated: the Vector256 warp path is untested here.");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void EqualsReferenceBitForBit(string pathName)
    {
        var path = Enum.Parse<SimdPath>(pathName);
        var rng = new Random(1234);
        (int H, int W, int C, DataFormat F)[] shapes =
        [
            (17, 23, 3, DataFormat.ChannelsLast), (12, 21, 3, DataFormat.ChannelsLast), (9, 7, 1, DataFormat.ChannelsLast),
            (5, 3, 4, DataFormat.ChannelsLast), (6, 11, 2, DataFormat.ChannelsLast), (8, 13, 3, DataFormat.ChannelsFirst),
            (1, 9, 3, DataFormat.ChannelsLast), (10, 1, 3, DataFormat.ChannelsLast), (2, 2, 5, DataFormat.ChannelsLast),
        ];
        int checkedPixels = 0;
        foreach (var (h, w, c, f) in shapes)
        {
            int[] shape = f == DataFormat.ChannelsLast ? [h, w, c] : [c, h, w];
            var layout = WarpLayout.Of(shape, f);
            var src = new float[layout.Length];
            for (int k = 0; k < src.Length; k++) src[k] = (float)(rng.NextDouble() * 255);
            if (src.Length > 3) { src[0] = -0f; src[^1] = -0f; }
            for (int trial = 0; trial < 12; trial++)
            {
                var p = new TransformParams
                {
                    Theta = trial % 4 == 0 ? 90 * rng.Next(-2, 3) : rng.NextDouble() * 360 - 180,
                    Tx = trial % 3 == 0 ? rng.Next(-4, 5) : (rng.NextDouble() - 0.5) * w,
                    Ty = (rng.NextDouble() - 0.5) * h,
                    Shear = rng.NextDouble() * 40 - 20,
                    Zx = 0.5 + rng.NextDouble(),
                    Zy = 0.5 + rng.NextDouble(),
                };
                var m = AffineMatrix.ForImage(p, h, w)!.Value;
                foreach (var mode in Enum.GetValues<FillMode>())
                    foreach (int order in new[] { 0, 1 })
                    {
                        var expected = new float[src.Length];
                        var actual = new float[src.Length];
                        AffineWarpReference.Warp(src, expected, layout, m, mode, 7.5f, order);
                        AffineWarpKernel.Warp(src, actual, layout, m, mode, 7.5f, order, path);
                        for (int k = 0; k < src.Length; k++)
                            if (BitConverter.SingleToInt32Bits(actual[k]) != BitConverter.SingleToInt32Bits(expected[k]))
                                Assert.Fail($"{path} {h}x{w}x{c} {f} {mode} order {order} trial {trial}: element {k} is {actual[k]}, reference {expected[k]}");
                        checkedPixels += src.Length;
                    }
            }
        }
        Assert.True(checkedPixels > 100_000);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void LargeInterleavedImageEqualsReference(string pathName)
    {
        // 150×150 RGB as in the benchmark, with a mild transform so most pixels take the interior fast path.
        var path = Enum.Parse<SimdPath>(pathName);
        var rng = new Random(5);
        var layout = WarpLayout.Of([150, 150, 3], DataFormat.ChannelsLast);
        var src = new float[layout.Length];
        for (int k = 0; k < src.Length; k++) src[k] = (float)(rng.NextDouble() * 255);
        var m = AffineMatrix.ForImage(new TransformParams { Theta = 13.7, Tx = 4.2, Ty = -9.9, Shear = 0.15, Zx = 0.91, Zy = 1.07 }, 150, 150)!.Value;
        foreach (int order in new[] { 0, 1 })
        {
            var expected = new float[src.Length];
            var actual = new float[src.Length];
            AffineWarpReference.Warp(src, expected, layout, m, FillMode.Nearest, 0, order);
            AffineWarpKernel.Warp(src, actual, layout, m, FillMode.Nearest, 0, order, path);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void WideRowsUsePooledScratchAndStayExact(string pathName)
    {
        // Rows wider than the stack scratch (160 columns) rent their per-row records from the array pool.
        var path = Enum.Parse<SimdPath>(pathName);
        var rng = new Random(11);
        var layout = WarpLayout.Of([6, 333, 3], DataFormat.ChannelsLast);
        var src = new float[layout.Length];
        for (int k = 0; k < src.Length; k++) src[k] = (float)(rng.NextDouble() * 255);
        var m = AffineMatrix.ForImage(new TransformParams { Theta = 3, Tx = -20.5, Zx = 1.1 }, 6, 333)!.Value;
        foreach (var mode in Enum.GetValues<FillMode>())
        {
            var expected = new float[src.Length];
            var actual = new float[src.Length];
            AffineWarpReference.Warp(src, expected, layout, m, mode, 1f, 1);
            AffineWarpKernel.Warp(src, actual, layout, m, mode, 1f, 1, path);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ExtremeCoordinatesStayExact(string pathName)
    {
        // Coordinates far beyond int range (the fast path clamps 'nearest' taps without overflowing) and NaN ones.
        var path = Enum.Parse<SimdPath>(pathName);
        var layout = WarpLayout.Of([9, 17, 3], DataFormat.ChannelsLast);
        var src = new float[layout.Length];
        for (int k = 0; k < src.Length; k++) src[k] = k % 251;
        PullMatrix[] matrices =
        [
            AffineMatrix.ForImage(new TransformParams { Zx = 1e12, Zy = 3e9 }, 9, 17)!.Value,
            AffineMatrix.ForImage(new TransformParams { Tx = -1e15, Ty = 4e11, Theta = 7 }, 9, 17)!.Value,
            new PullMatrix(1, 0, double.NaN, 0, 1, 0),
            new PullMatrix(0, 1e300, 0, -1e300, 0, 5),
        ];
        foreach (var m in matrices)
            foreach (var mode in Enum.GetValues<FillMode>())
                foreach (int order in new[] { 0, 1 })
                {
                    var expected = new float[src.Length];
                    var actual = new float[src.Length];
                    AffineWarpReference.Warp(src, expected, layout, m, mode, -5f, order);
                    AffineWarpKernel.Warp(src, actual, layout, m, mode, -5f, order, path);
                    Assert.Equal(expected, actual);
                }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void PlanarImagesEqualReference(string pathName)
    {
        // One channel and channels_first: with AVX-512, whole blocks of 8 pixels are sampled with gathers.
        var path = Enum.Parse<SimdPath>(pathName);
        var rng = new Random(99);
        foreach (var (shape, f) in new (int[], DataFormat)[] { ([41, 37, 1], DataFormat.ChannelsLast), ([3, 29, 44], DataFormat.ChannelsFirst), ([2, 16, 16], DataFormat.ChannelsFirst) })
        {
            var layout = WarpLayout.Of(shape, f);
            var src = new float[layout.Length];
            for (int k = 0; k < src.Length; k++) src[k] = (float)(rng.NextDouble() * 255);
            for (int trial = 0; trial < 4; trial++)
            {
                var p = new TransformParams { Theta = rng.NextDouble() * 90 - 45, Tx = rng.NextDouble() * 8 - 4, Zx = 0.8 + rng.NextDouble() * 0.4, Zy = 0.8 + rng.NextDouble() * 0.4 };
                var m = AffineMatrix.ForImage(p, layout.Height, layout.Width)!.Value;
                foreach (var mode in Enum.GetValues<FillMode>())
                    foreach (int order in new[] { 0, 1 })
                        foreach (var (fh, fv) in new[] { (false, false), (true, true) })
                        {
                            var expected = new float[src.Length];
                            AffineWarpReference.Warp(src, expected, layout, m, mode, 4f, order);
                            if (fh) Flip.Horizontal(expected, shape, f);
                            if (fv) Flip.Vertical(expected, shape, f);
                            for (int k = 0; k < expected.Length; k++) expected[k] *= 0.5f;
                            var actual = new float[src.Length];
                            AffineWarpKernel.Warp(src, actual, layout, m, mode, 4f, order, fh, fv, path, 0.5f);
                            Assert.Equal(expected, actual);
                        }
            }
        }
    }

    [Fact]
    public void DoesNotWriteOutsideItsImage()
    {
        // The vector store writes 4 floats; around the last pixel of an image it must not touch the next one.
        var layout = WarpLayout.Of([6, 6, 3], DataFormat.ChannelsLast);
        var src = new float[layout.Length];
        for (int k = 0; k < src.Length; k++) src[k] = k;
        var dst = new float[layout.Length + 8];
        Array.Fill(dst, 12345f);
        var m = AffineMatrix.ForImage(new TransformParams { Zx = 0.8, Zy = 0.8 }, 6, 6)!.Value;
        foreach (int order in new[] { 0, 1 })
        {
            AffineWarpKernel.Warp(src, dst.AsSpan(0, layout.Length), layout, m, FillMode.Nearest, 0, order);
            Assert.All(dst[layout.Length..], v => Assert.Equal(12345f, v));
        }
    }

    [Fact]
    public void RejectsUnsupportedOrders()
    {
        var img = new Tensor(4, 4, 3);
        Assert.Throws<NotSupportedException>(() => AffineWarpKernel.Warp(new float[48], new float[48], WarpLayout.Of([4, 4, 3], DataFormat.ChannelsLast),
            new PullMatrix(1, 0, 0, 0, 1, 0), FillMode.Nearest, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageTransforms.ApplyTransform(img, new TransformParams { Theta = 10 }, interpolationOrder: -1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ImageTransforms.ApplyTransform(img, new TransformParams { Theta = 10 }, interpolationOrder: 6));
        Assert.Equal("interpolationOrder", e.ParamName); // the public parameter's name
    }
}

/// <summary>Flips fused into the warp's output addressing equal warping and then flipping.</summary>
public class WarpFusedFlipTests
{
    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector128")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void FusedFlipsEqualWarpThenFlip(string pathName)
    {
        var path = Enum.Parse<SimdPath>(pathName);
        if (path > SimdPaths.Best) return; // not this CPU (Paths() and ThisMachineTestsTheWidePaths cover which run)
        var rng = new Random(77);
        foreach (var (shape, f) in new (int[], DataFormat)[] { ([7, 10, 3], DataFormat.ChannelsLast), ([3, 7, 10], DataFormat.ChannelsFirst), ([9, 6, 4], DataFormat.ChannelsLast), ([5, 5, 1], DataFormat.ChannelsLast) })
        {
            var layout = WarpLayout.Of(shape, f);
            var src = new float[layout.Length];
            for (int k = 0; k < src.Length; k++) src[k] = (float)(rng.NextDouble() * 100);
            var m = AffineMatrix.ForImage(new TransformParams { Theta = 31, Tx = 1.5, Zx = 0.9 }, layout.Height, layout.Width)!.Value;
            foreach (var mode in Enum.GetValues<FillMode>())
                foreach (int order in new[] { 0, 1 })
                    foreach (var (fh, fv) in new[] { (true, false), (false, true), (true, true) })
                    {
                        var expected = new float[src.Length];
                        AffineWarpReference.Warp(src, expected, layout, m, mode, -3f, order);
                        if (fh) Flip.Horizontal(expected, shape, f);
                        if (fv) Flip.Vertical(expected, shape, f);
                        var actual = new float[src.Length + 4];
                        Array.Fill(actual, 999f);
                        AffineWarpKernel.Warp(src, actual.AsSpan(0, src.Length), layout, m, mode, -3f, order, fh, fv, path, 1f);
                        Assert.Equal(expected, actual[..src.Length]);
                        Assert.All(actual[src.Length..], v => Assert.Equal(999f, v));
                    }
        }
    }
}

/// <summary>The rescale fused into the warp's stores equals warping and then multiplying in float32.</summary>
public class WarpFusedRescaleTests
{
    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector128")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void FusedScaleEqualsSeparateMultiply(string pathName)
    {
        var path = Enum.Parse<SimdPath>(pathName);
        if (path > SimdPaths.Best) return; // not this CPU (Paths() and ThisMachineTestsTheWidePaths cover which run)
        var rng = new Random(21);
        const float scale = (float)(1.0 / 255);
        foreach (var (shape, f) in new (int[], DataFormat)[] { ([11, 14, 3], DataFormat.ChannelsLast), ([3, 8, 9], DataFormat.ChannelsFirst), ([7, 7, 1], DataFormat.ChannelsLast) })
        {
            var layout = WarpLayout.Of(shape, f);
            var src = new float[layout.Length];
            for (int k = 0; k < src.Length; k++) src[k] = (float)(rng.NextDouble() * 255);
            var m = AffineMatrix.ForImage(new TransformParams { Theta = -23, Ty = 2.5, Zy = 1.2 }, layout.Height, layout.Width)!.Value;
            foreach (var mode in Enum.GetValues<FillMode>())
                foreach (int order in new[] { 0, 1 })
                {
                    var expected = new float[src.Length];
                    AffineWarpReference.Warp(src, expected, layout, m, mode, 9f, order);
                    for (int k = 0; k < expected.Length; k++) expected[k] *= scale;
                    var actual = new float[src.Length];
                    AffineWarpKernel.Warp(src, actual, layout, m, mode, 9f, order, false, false, path, scale);
                    Assert.Equal(expected, actual);
                }
        }
    }

    [Fact]
    public void ApplyTransformAndRescaleEqualsTheTwoSteps()
    {
        var rng = new Random(8);
        var img = new Tensor(13, 10, 3);
        for (int k = 0; k < img.Length; k++) img.Data[k] = (float)(rng.NextDouble() * 255);
        TransformParams[] cases =
        [
            new() { Theta = 12, Tx = 1.5, FlipHorizontal = true },
            new() { Zx = 0.8, FlipVertical = true, ChannelShiftIntensity = 20 },
            new() { Shear = 5, Brightness = 1.3 },
            TransformParams.Identity,
            new() { FlipHorizontal = true },
        ];
        const float rescale = 1f / 255;
        foreach (var p in cases)
            foreach (var mode in Enum.GetValues<FillMode>())
            {
                var expected = ImageTransforms.ApplyTransform(img, p, mode, 3f, 1).Data;
                for (int k = 0; k < expected.Length; k++) expected[k] *= rescale;
                var actual = new float[img.Length];
                ImageTransforms.ApplyTransformAndRescale(img.Data, actual, img.Shape, p, rescale, mode, 3f, 1);
                Assert.Equal(expected, actual);
            }
    }
}
