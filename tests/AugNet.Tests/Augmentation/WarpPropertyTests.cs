using AugNet.Augmentation;

namespace AugNet.Tests.Augmentation;

/// <summary>Geometric and photometric properties of apply_transform beyond the goldens (spec §4, §13.1).</summary>
public class WarpPropertyTests
{
    static Tensor Ramp(int h, int w, int c, DataFormat f = DataFormat.ChannelsLast)
    {
        var t = f == DataFormat.ChannelsLast ? new Tensor(h, w, c) : new Tensor(c, h, w);
        for (int k = 0; k < t.Length; k++) t.Data[k] = (k * 37 % 101) + 0.25f * (k % 7);
        return t;
    }

    static float At(Tensor t, int i, int j, int ch, DataFormat f = DataFormat.ChannelsLast) =>
        f == DataFormat.ChannelsLast ? t.Data[(i * t.Shape[1] + j) * t.Shape[2] + ch] : t.Data[(ch * t.Shape[1] + i) * t.Shape[2] + j];

    [Theory]
    [InlineData(DataFormat.ChannelsLast, 3, -2, 1)]
    [InlineData(DataFormat.ChannelsLast, -5, 4, 0)]
    [InlineData(DataFormat.ChannelsFirst, 2, 3, 1)]
    [InlineData(DataFormat.ChannelsFirst, -1, -4, 0)]
    public void PureShiftMovesContentByWholePixelsOnNonSquareImages(DataFormat f, int tx, int ty, int order)
    {
        const int h = 9, w = 14, c = 3;
        var x = Ramp(h, w, c, f);
        var y = ImageTransforms.ApplyTransform(x, new TransformParams { Tx = tx, Ty = ty }, FillMode.Constant, -1f, order, f);
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
                for (int ch = 0; ch < c; ch++)
                {
                    int si = i + ty, sj = j + tx; // tx > 0 moves content left, ty > 0 moves it up
                    float expected = si >= 0 && si < h && sj >= 0 && sj < w ? At(x, si, sj, ch, f) : -1f;
                    Assert.Equal(expected, At(y, i, j, ch, f));
                }
    }

    [Fact]
    public void HalfTurnTwiceIsTheIdentityOnNonSquareImages()
    {
        // The centre is ((H−1)/2, (W−1)/2), so a 180° turn maps the pixel grid onto itself even when H ≠ W.
        var x = Ramp(8, 13, 3);
        var p = new TransformParams { Theta = 180 };
        var once = ImageTransforms.ApplyTransform(x, p, FillMode.Nearest);
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 13; j++)
                Assert.Equal(At(x, 7 - i, 12 - j, 1), At(once, i, j, 1), 3);
        var twice = ImageTransforms.ApplyTransform(once, p, FillMode.Nearest);
        for (int k = 0; k < x.Length; k++) Assert.Equal(x.Data[k], twice.Data[k], 3);
    }

    [Fact]
    public void ZoomIsAboutTheMiddleColumnOfANonSquareImage()
    {
        // Spec §4.1.5's 3×7 ramp with zx = 0.5: Keras ≥ 2.9 magnifies about column 1; our centre is column 3.
        var x = new Tensor(3, 7, 1);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 7; j++) x.Data[i * 7 + j] = j;
        var y = ImageTransforms.ApplyTransform(x, new TransformParams { Zx = 0.5 }, FillMode.Nearest);
        float[] row = [1.5f, 2, 2.5f, 3, 3.5f, 4, 4.5f];
        for (int i = 0; i < 3; i++) Assert.Equal(row, y.Data.AsSpan(i * 7, 7).ToArray());
    }

    [Fact]
    public void KerasAffineTestsHold()
    {
        // test_deterministic_transform: 3×3×3 ones, θ = 45, constant → corners 0.
        var ones = new Tensor(Enumerable.Repeat(1f, 27).ToArray(), 3, 3, 3);
        var r = ImageTransforms.ApplyTransform(ones, new TransformParams { Theta = 45 }, FillMode.Constant);
        float[] plus = [0, 1, 0, 1, 1, 1, 0, 1, 0];
        for (int ch = 0; ch < 3; ch++)
            for (int k = 0; k < 9; k++) Assert.Equal(plus[k], r.Data[k * 3 + ch], 5);
        // test_matrix_center: [[0,1],[0,0]], θ = 90, nearest → [[1,0],[0,0]] (counter-clockwise).
        var m = ImageTransforms.ApplyTransform(new Tensor([0f, 1, 0, 0], 2, 2, 1), new TransformParams { Theta = 90 });
        Assert.Equal([1f, 0, 0, 0], m.Data);
        // test_translation on a 3×4 image with a 1 at (1, 1).
        foreach (var (tx, ty, ei, ej) in new[] { (1, 0, 1, 0), (-1, 0, 1, 2), (0, 1, 0, 1), (0, -1, 2, 1) })
        {
            var x = new Tensor(3, 4, 1);
            x.Data[1 * 4 + 1] = 1;
            var y = ImageTransforms.ApplyTransform(x, new TransformParams { Tx = tx, Ty = ty });
            var expected = new float[12];
            expected[ei * 4 + ej] = 1;
            Assert.Equal(expected, y.Data);
        }
        // §4.1.5: 4×4 holding 1..16, θ = 90, constant → a counter-clockwise turn.
        var sq = new Tensor(Enumerable.Range(1, 16).Select(v => (float)v).ToArray(), 4, 4, 1);
        var turned = ImageTransforms.ApplyTransform(sq, new TransformParams { Theta = 90 }, FillMode.Constant);
        Assert.Equal([4f, 8, 12, 16, 3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13], turned.Data.Select(v => MathF.Round(v, 4)).ToArray());
    }

    [Fact]
    public void IdentityCopiesWithoutResampling()
    {
        var x = Ramp(5, 6, 3);
        x.Data[3] = -0f; // resampling would turn −0 into +0
        var y = ImageTransforms.ApplyTransform(x, TransformParams.Identity, FillMode.Constant, 9f, 1);
        Assert.NotSame(x.Data, y.Data);
        Assert.Equal(x.Data.Select(BitConverter.SingleToInt32Bits), y.Data.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(DataFormat.ChannelsLast)]
    [InlineData(DataFormat.ChannelsFirst)]
    public void FlipsReverseTheRightAxis(DataFormat f)
    {
        const int h = 4, w = 5, c = 3;
        var x = Ramp(h, w, c, f);
        var hor = ImageTransforms.ApplyTransform(x, new TransformParams { FlipHorizontal = true }, dataFormat: f);
        var ver = ImageTransforms.ApplyTransform(x, new TransformParams { FlipVertical = true }, dataFormat: f);
        var both = ImageTransforms.ApplyTransform(x, new TransformParams { FlipHorizontal = true, FlipVertical = true }, dataFormat: f);
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
                for (int ch = 0; ch < c; ch++)
                {
                    Assert.Equal(At(x, i, w - 1 - j, ch, f), At(hor, i, j, ch, f));
                    Assert.Equal(At(x, h - 1 - i, j, ch, f), At(ver, i, j, ch, f));
                    Assert.Equal(At(x, h - 1 - i, w - 1 - j, ch, f), At(both, i, j, ch, f));
                }
    }

    [Fact]
    public void ChannelShiftAddsToEveryChannelAndClipsToTheGlobalRange()
    {
        // Channel 0 spans 0..10, channel 1 spans 50..60, channel 2 holds 100: the global range is [0, 100].
        var x = new Tensor([0f, 50, 100, 10, 60, 100, 5, 55, 100, 2, 52, 100], 2, 2, 3);
        var up = ImageTransforms.ApplyTransform(x, new TransformParams { ChannelShiftIntensity = 45 });
        Assert.Equal([45f, 95, 100, 55, 100, 100, 50, 100, 100, 47, 97, 100], up.Data);
        var down = ImageTransforms.ApplyTransform(x, new TransformParams { ChannelShiftIntensity = -52.5 });
        Assert.Equal([0f, 0, 47.5f, 0, 7.5f, 47.5f, 0, 2.5f, 47.5f, 0, 0, 47.5f], down.Data);
    }

    [Theory]
    [InlineData(128f)]
    [InlineData(1024f)]
    [InlineData(-1024f)]
    public void BrightnessOfOneKeepsTheImageWithoutScaleAndZeroesItWithScale(float value)
    {
        // test_random_brightness_scale and its outside-range variants (spec §4.5 item 7).
        float[] img = [value, value, value];
        BrightnessShift.Apply(img, 3, 1.0, scale: false);
        Assert.Equal([value, value, value], img);
        float[] scaled = [value, value, value];
        BrightnessShift.Apply(scaled, 3, 1.0, scale: true);
        Assert.Equal([0f, 0, 0], scaled);
        var viaTransform = ImageTransforms.ApplyTransform(new Tensor([value, value, value], 1, 1, 3), new TransformParams { Brightness = 1.0 });
        Assert.Equal([value, value, value], viaTransform.Data);
    }

    [Fact]
    public void BrightnessTruncatesClipsAndKeepsAlpha()
    {
        // f = 0.5: trunc(0.5·v); f = 1.5: trunc(1.5·v) clipped at 255; fractions are truncated before blending.
        float[] rgb = [100.9f, 201f, 3f];
        BrightnessShift.Apply(rgb, 3, 0.5, scale: false);
        Assert.Equal([50f, 100, 1], rgb);
        float[] bright = [100f, 201f, 3f];
        BrightnessShift.Apply(bright, 3, 1.5, scale: false);
        Assert.Equal([150f, 255, 4], bright);
        float[] rgba = [100f, 200f, 30f, 77f];
        BrightnessShift.Apply(rgba, 4, 0.0, scale: false);
        Assert.Equal([0f, 0, 0, 77], rgba);
        // A channels_first image whose last axis is not 1, 3 or 4 fails as Keras's array_to_img does.
        var cf = new Tensor(3, 5, 6);
        var ex = Assert.Throws<ArgumentException>(() => ImageTransforms.ApplyTransform(cf, new TransformParams { Brightness = 1.2 }, dataFormat: DataFormat.ChannelsFirst));
        Assert.Contains("Unsupported channel number: 6", ex.Message);
    }

    [Fact]
    public void BatchResultDoesNotDependOnThreadCount()
    {
        var rng = new Random(3);
        const int n = 12;
        var batch = new Tensor(n, 15, 11, 3);
        for (int k = 0; k < batch.Length; k++) batch.Data[k] = (float)(rng.NextDouble() * 255);
        var ps = Enumerable.Range(0, n).Select(i => new TransformParams
        {
            Theta = rng.NextDouble() * 80 - 40, Tx = rng.NextDouble() * 6 - 3, Ty = rng.NextDouble() * 6 - 3,
            Zx = 0.8 + rng.NextDouble() * 0.4, Zy = 0.8 + rng.NextDouble() * 0.4, FlipHorizontal = i % 2 == 0,
            ChannelShiftIntensity = i % 3 == 0 ? 10 : null,
        }).ToArray();
        var one = ImageTransforms.ApplyTransformBatch(batch, ps, FillMode.Reflect, 0, 1, DataFormat.ChannelsLast, 1);
        var many = ImageTransforms.ApplyTransformBatch(batch, ps, FillMode.Reflect, 0, 1, DataFormat.ChannelsLast, 4);
        var all = ImageTransforms.ApplyTransformBatch(batch, ps, FillMode.Reflect, 0, 1, DataFormat.ChannelsLast, -1);
        Assert.Equal(one.Data, many.Data);
        Assert.Equal(one.Data, all.Data);
        for (int i = 0; i < n; i++)
            Assert.Equal(ImageTransforms.ApplyTransform(batch.Slice0(i), ps[i], FillMode.Reflect).Data, one.Sample(i).ToArray());
        Assert.Throws<ArgumentException>(() => ImageTransforms.ApplyTransformBatch(batch, ps[..5]));
    }
}
