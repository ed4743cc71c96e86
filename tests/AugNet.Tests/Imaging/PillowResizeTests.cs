using AugNet.Imaging;

namespace AugNet.Tests.Imaging;

public class PillowResizeTests
{
    static RasterImage Random8(int w, int h, PixelMode mode, int seed)
    {
        var img = RasterImage.Create(w, h, mode);
        new Random(seed).NextBytes(img.Bytes);
        return img;
    }

    public static TheoryData<Interpolation, PixelMode> FilterModes()
    {
        var data = new TheoryData<Interpolation, PixelMode>();
        foreach (var f in new[] { Interpolation.Bilinear, Interpolation.Bicubic, Interpolation.Lanczos, Interpolation.Hamming, Interpolation.Box })
            foreach (var m in new[] { PixelMode.L, PixelMode.LA, PixelMode.RGB, PixelMode.RGBA })
                data.Add(f, m);
        return data;
    }

    static IEnumerable<SimdPath> VectorLevels() =>
        SimdPaths.Supported.Where(l => l != SimdPath.Scalar);

    [Theory]
    [MemberData(nameof(FilterModes))]
    public void VectorPassesMatchTheScalarReference(Interpolation filter, PixelMode mode)
    {
        Assert.NotEmpty(VectorLevels());
        // Row lengths that are and are not multiples of 16/32, upscaling (negative lobes clip) and downscaling.
        foreach (var (w, h, outW, outH) in new[] { (37, 50, 23, 61), (64, 19, 71, 8), (5, 40, 3, 7), (130, 3, 33, 9) })
        {
            var src = Random8(w, h, mode, w * 31 + h);
            var mapH = ResizeKernelMap.Create(w, 0, w, outW, filter);
            var mapV = ResizeKernelMap.Create(h, 0, h, outH, filter);
            var refH = RasterImage.Create(outW, h, mode);
            var refV = RasterImage.Create(w, outH, mode);
            ResampleKernels.Horizontal(src, refH, 0, mapH, SimdPath.Scalar);
            ResampleKernels.Vertical(src, refV, mapV, 0, SimdPath.Scalar);
            foreach (var level in VectorLevels())
            {
                var hOut = RasterImage.Create(outW, h, mode);
                var vOut = RasterImage.Create(w, outH, mode);
                ResampleKernels.Horizontal(src, hOut, 0, mapH, level);
                ResampleKernels.Vertical(src, vOut, mapV, 0, level);
                Assert.True(refH.Bytes.AsSpan().SequenceEqual(hOut.Bytes), $"horizontal {level} {w}->{outW}");
                Assert.True(refV.Bytes.AsSpan().SequenceEqual(vOut.Bytes), $"vertical {level} {h}->{outH}");
            }
        }
    }

    [Fact]
    public void ScalarLevelReproducesTheGoldenPathToo()
    {
        // The conformance rows run the best level; this checks a whole resize at every level gives the same bytes.
        var src = Random8(101, 67, PixelMode.RGB, 9);
        var expected = WithLevel(SimdPath.Scalar, () => PillowResize.Resize(src, 40, 90, Interpolation.Lanczos));
        foreach (var level in VectorLevels())
            Assert.Equal(expected.Bytes, WithLevel(level, () => PillowResize.Resize(src, 40, 90, Interpolation.Lanczos)).Bytes);
    }

    static RasterImage WithLevel(SimdPath level, Func<RasterImage> run)
    {
        using var _ = SimdPaths.Force(level); // this thread only: no lock, other tests keep the best path
        return run();
    }

    [Fact]
    public void FixedPointWeightsSumToOneAndFollowPillowRounding()
    {
        var map = ResizeKernelMap.Create(10, 0, 10, 3, Interpolation.Bilinear);
        for (int o = 0; o < 3; o++)
        {
            long sum = 0;
            for (int t = 0; t < map.Count[o]; t++) sum += map.FixedWeights[o * map.KernelSize + t];
            Assert.InRange(sum, (1 << 22) - map.Count[o], (1 << 22) + map.Count[o]);
        }
        // 10 → 3 bilinear: scale 10/3, support 10/3, centre of output 0 = 5/3; taps 0..4 (xmax = (int)(5/3 + 10/3 + 0.5) = 5).
        Assert.Equal(0, map.Start[0]);
        Assert.Equal(5, map.Count[0]);
    }

    [Fact]
    public void SameSizeIsACopyAndIntegerBoxOfTargetSizeIsACrop()
    {
        var src = Random8(9, 7, PixelMode.RGB, 1);
        var copy = PillowResize.Resize(src, 9, 7, Interpolation.Lanczos);
        Assert.NotSame(src, copy);
        Assert.Equal(src.Bytes, copy.Bytes);
        var crop = PillowResize.Resize(src, 4, 3, Interpolation.Bicubic, new ResizeBox(2, 1, 6, 4));
        Assert.Equal(PillowResize.Crop(src, 2, 1, 4, 3).Bytes, crop.Bytes);
        Assert.Equal(src.Bytes.AsSpan(1 * 27 + 6, 12).ToArray(), crop.Bytes.AsSpan(0, 12).ToArray());
    }

    [Fact]
    public void NearestIsCentreAlignedFloorNotRound()
    {
        // 5 → 2: a = 2.5, xo = 1.25 then 3.75 → columns 1 and 3 (round() would give 1 and 4).
        var src = new RasterImage(5, 1, PixelMode.L, [10, 11, 12, 13, 14]);
        Assert.Equal(new byte[] { 11, 13 }, PillowResize.Resize(src, 2, 1, Interpolation.Nearest).Bytes);
        // Box-aware: box (1, 0, 5, 1) → 2: a = 2, xo = 2, 4.
        Assert.Equal(new byte[] { 12, 14 }, PillowResize.Resize(src, 2, 1, Interpolation.Nearest, new ResizeBox(1, 0, 5, 1)).Bytes);
    }

    [Fact]
    public void DownscalingWidensTheSupportAndRoundsHalfUp()
    {
        var src = new RasterImage(4, 1, PixelMode.L, [0, 1, 100, 201]);
        // Box 4 → 2: support 0.5·2 = 1, taps {0,1} and {2,3} at 1/2 each; acc = 2²¹ + Σ v·2²¹, so 0.5 → 1 and 150.5 → 151.
        Assert.Equal(new byte[] { 1, 151 }, PillowResize.Resize(src, 2, 1, Interpolation.Box).Bytes);
        // Bilinear 4 → 2 anti-aliases: support 2, weights K(±0.25) = 0.75, K(0.75) = 0.25 normalised to 3/7, 3/7, 1/7:
        // (0·3 + 1·3 + 100)/7 = 14.7 → 15 and (1 + 100·3 + 201·3)/7 = 129.1 → 129.
        Assert.Equal(new byte[] { 15, 129 }, PillowResize.Resize(src, 2, 1, Interpolation.Bilinear).Bytes);
    }

    [Fact]
    public void PremultiplicationFormulasAreExactlyPillows()
    {
        byte[] px = [200, 100, 1, 128, 9, 9, 9, 0, 50, 60, 70, 255];
        ColorConversion.Premultiply(px, 4);
        // MULDIV255(200,128): t = 25728 → (100 + 25728) >> 8 = 100; (100·128+128) → 50; (1·128+128)=256 → (1+256)>>8 = 1.
        Assert.Equal(new byte[] { 100, 50, 1, 128, 0, 0, 0, 0, 50, 60, 70, 255 }, px);
        ColorConversion.Unpremultiply(px, 4);
        // 255·100/128 = 199 (integer division), 255·50/128 = 99, 255·1/128 = 1.
        Assert.Equal(new byte[] { 199, 99, 1, 128, 0, 0, 0, 0, 50, 60, 70, 255 }, px);
    }

    [Fact]
    public void RgbaResizeDoesNotBleedColourFromTransparentPixels()
    {
        var src = new RasterImage(2, 1, PixelMode.RGBA, [255, 0, 0, 0, 0, 0, 255, 255]);
        var outImg = PillowResize.Resize(src, 1, 1, Interpolation.Bilinear);
        Assert.Equal(new byte[] { 0, 0, 255, 128 }, outImg.Bytes);
        // Nearest does not premultiply.
        Assert.Equal(new byte[] { 0, 0, 255, 255 }, PillowResize.Resize(src, 1, 1, Interpolation.Nearest).Bytes);
    }

    [Fact]
    public void OpaqueRgbaResizesLikeRgb()
    {
        var rgb = Random8(31, 17, PixelMode.RGB, 5);
        var rgba = ColorConversion.Convert(rgb, PixelMode.RGBA);
        var a = PillowResize.Resize(rgb, 12, 40, Interpolation.Lanczos);
        var b = ColorConversion.Convert(PillowResize.Resize(rgba, 12, 40, Interpolation.Lanczos), PixelMode.RGB);
        Assert.Equal(a.Bytes, b.Bytes);
    }

    [Fact]
    public void ModeIResizesInDoublePrecision()
    {
        var src = new RasterImage(4, 1, [0, 1001, 40000, 65535]);
        // Same 3/7, 3/7, 1/7 taps in double, rounded: 43003/7 = 6143.3 → 6143, 317606/7 = 45372.3 → 45372.
        Assert.Equal(new[] { 6143, 45372 }, PillowResize.Resize(src, 2, 1, Interpolation.Bilinear).Ints);
    }

    [Fact]
    public void KeepAspectRatioCropsTheCentreAtTheTargetRatio()
    {
        // Keras's test: a 100-wide, 50-high image with a 10x10 red square in the middle, resized to 25x25, keeps it square.
        var img = RasterImage.Create(100, 50, PixelMode.RGB);
        for (int y = 20; y < 30; y++)
            for (int x = 45; x < 55; x++) img.Bytes[(y * 100 + x) * 3] = 255;
        Assert.Equal(new ResizeBox(25, 0, 75, 50), ImageLoader.KeepAspectRatioBox(100, 50, 25, 25));
        var small = ImageLoader.Prepare(img, ColorMode.Rgb, (25, 25), Interpolation.Nearest, keepAspectRatio: true);
        int rows = 0, cols = 0;
        for (int y = 0; y < 25; y++) if (Enumerable.Range(0, 25).Any(x => small.Bytes[(y * 25 + x) * 3] == 255)) rows++;
        for (int x = 0; x < 25; x++) if (Enumerable.Range(0, 25).Any(y => small.Bytes[(y * 25 + x) * 3] == 255)) cols++;
        Assert.Equal(rows, cols);
        Assert.Equal(5, rows);
        // 100x50 → 50x50 keeps the centre crop exactly (Pillow's crop short-cut).
        var crop = ImageLoader.Prepare(img, ColorMode.Rgb, (50, 50), Interpolation.Bicubic, keepAspectRatio: true);
        Assert.Equal(PillowResize.Crop(img, 25, 0, 50, 50).Bytes, crop.Bytes);
    }
}
