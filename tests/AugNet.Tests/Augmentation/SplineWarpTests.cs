using AugNet.Augmentation;
using AugNet.Augmentation.Kernels;
using AugNet.Data;
using AugNet.Imaging;

namespace AugNet.Tests.Augmentation;

/// <summary>
/// Spline orders 2–5 against SciPy 1.10.1's <c>ndimage.affine_transform</c> (fixtures from
/// Fixtures/make_spline_fixtures.py): every fill mode, orders 2–5, 1 and 3 channels, both data formats, a general
/// rotation/shear/zoom matrix, a far zoom-out (every boundary rule) and Keras's matrix through ImageTransforms.
/// Tolerance 1e-5 × max(range, 1) per case (the kernel is expected to agree to about 1e-6 relative).
/// </summary>
public class SplineWarpTests
{
    static readonly string[] Images = ["13x17x1", "13x17x3", "16x16x3"];
    static readonly FillMode[] Modes = [FillMode.Nearest, FillMode.Constant, FillMode.Reflect, FillMode.Wrap];
    const float Cval = -7.5f;

    /// <summary>The TransformParams whose Keras matrix the script stores first for 16x16x3 (its KERAS dict).</summary>
    static readonly TransformParams KerasParams = new() { Theta = 17, Tx = 1.25, Ty = -2.5, Shear = 8, Zx = 0.9, Zy = 1.1 };

    static string FixtureDir() => Support.Fixtures.Dir("Augmentation/Fixtures");

    static NpyArray Load(string image, string part) => NpyArray.Load(Path.Combine(FixtureDir(), $"spline_{image}_{part}.npy"));

    public static IEnumerable<object[]> Cases()
    {
        foreach (string image in Images)
            for (int mi = 0; mi < 2; mi++)
                for (int mode = 0; mode < Modes.Length; mode++)
                    for (int order = 2; order <= 5; order++)
                        yield return [image, mi, Modes[mode], order];
    }

    /// <summary>The fixture's expected (H, W, C) image for matrix <paramref name="mi"/>, mode and order.</summary>
    static float[] Expected(NpyArray expected, int mi, FillMode mode, int order)
    {
        int size = expected.Shape[3] * expected.Shape[4] * expected.Shape[5];
        int index = (mi * Modes.Length + Array.IndexOf(Modes, mode)) * 4 + (order - 2);
        return expected.ToSingle().AsSpan(index * size, size).ToArray();
    }

    static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        float range = expected.Max() - expected.Min();
        double tol = 1e-5 * Math.Max(range, 1f);
        double worst = 0;
        int at = -1;
        for (int k = 0; k < expected.Length; k++)
        {
            if (expected[k] == Cval) Assert.True(actual[k] == Cval, $"{what}: element {k} must be exactly cval, got {actual[k]}");
            double e = Math.Abs((double)expected[k] - actual[k]);
            if (!(e <= worst)) { worst = e; at = k; }
        }
        Assert.True(worst <= tol, $"{what}: max |error| {worst:G4} at {at} (expected {(at >= 0 ? expected[at] : 0)}, got {(at >= 0 ? actual[at] : 0)}) exceeds {tol:G4}");
    }

    static float[] ToChannelsFirst(float[] hwc, int h, int w, int c)
    {
        var chw = new float[hwc.Length];
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
                for (int k = 0; k < c; k++)
                    chw[(k * h + i) * w + j] = hwc[(i * w + j) * c + k];
        return chw;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesSciPyAffineTransform(string image, int matrix, FillMode mode, int order)
    {
        var input = Load(image, "input");
        int h = input.Shape[0], w = input.Shape[1], c = input.Shape[2];
        double[] p = Load(image, "matrices").ToDouble().AsSpan(matrix * 6, 6).ToArray();
        var m = new PullMatrix(p[0], p[1], p[2], p[3], p[4], p[5]);
        float[] expected = Expected(Load(image, "expected"), matrix, mode, order);
        float[] src = input.ToSingle();

        var last = WarpLayout.Of([h, w, c], DataFormat.ChannelsLast);
        var actual = new float[src.Length];
        SplineWarp.Warp(src, actual, last, m, mode, Cval, order);
        AssertClose(expected, actual, $"{image} matrix {matrix} {mode} order {order} channels_last");

        var first = WarpLayout.Of([c, h, w], DataFormat.ChannelsFirst);
        var actualFirst = new float[src.Length];
        SplineWarp.Warp(ToChannelsFirst(src, h, w, c), actualFirst, first, m, mode, Cval, order);
        AssertClose(ToChannelsFirst(expected, h, w, c), actualFirst, $"{image} matrix {matrix} {mode} order {order} channels_first");
    }

    public static IEnumerable<object[]> KerasCases()
    {
        foreach (var mode in Modes)
            for (int order = 2; order <= 5; order++)
                yield return [mode, order];
    }

    /// <summary>Keras's apply_transform with interpolation_order 2–5 (square image, so the project's centre is Keras's).</summary>
    [Theory]
    [MemberData(nameof(KerasCases))]
    public void ApplyTransformMatchesKerasWithSciPy(FillMode mode, int order)
    {
        var input = Load("16x16x3", "input");
        var image = new Tensor(input.ToSingle(), input.Shape);
        var actual = ImageTransforms.ApplyTransform(image, KerasParams, mode, Cval, order);
        AssertClose(Expected(Load("16x16x3", "expected"), 0, mode, order), actual.Data, $"Keras params {mode} order {order}");
    }

    /// <summary>Flips and rescale fused into the spline warp give the same bits as warping, flipping and scaling apart.</summary>
    [Theory]
    [InlineData(FillMode.Constant, 3, DataFormat.ChannelsLast)]
    [InlineData(FillMode.Nearest, 2, DataFormat.ChannelsFirst)]
    [InlineData(FillMode.Wrap, 5, DataFormat.ChannelsLast)]
    public void FusedFlipsAndRescaleEqualSeparateSteps(FillMode mode, int order, DataFormat format)
    {
        var input = Load("13x17x3", "input");
        float[] src = input.ToSingle();
        int[] shape = format == DataFormat.ChannelsLast ? [13, 17, 3] : [3, 13, 17];
        if (format == DataFormat.ChannelsFirst) src = ToChannelsFirst(src, 13, 17, 3);
        var p = new TransformParams { Theta = 23, Zx = 1.2, FlipHorizontal = true, FlipVertical = true };
        const float rescale = 1f / 255;

        var fused = new float[src.Length];
        ImageTransforms.ApplyTransformAndRescale(src, fused, shape, p, rescale, mode, Cval, order, format);

        var apart = new float[src.Length];
        ImageTransforms.ApplyTransform(src, apart, shape, p with { FlipHorizontal = false, FlipVertical = false }, mode, Cval, order, format);
        Flip.Horizontal(apart, shape, format);
        Flip.Vertical(apart, shape, format);
        for (int k = 0; k < apart.Length; k++) apart[k] *= rescale;
        Assert.Equal(apart, fused);
    }

    /// <summary>Splines interpolate: the identity pull reproduces the samples (to float64 filter accuracy) in every mode.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void IdentityReproducesTheImage(int order)
    {
        var input = Load("13x17x3", "input");
        float[] src = input.ToSingle();
        var layout = WarpLayout.Of([13, 17, 3], DataFormat.ChannelsLast);
        var identity = new PullMatrix(1, 0, 0, 0, 1, 0);
        foreach (var mode in Modes)
        {
            var dst = new float[src.Length];
            SplineWarp.Warp(src, dst, layout, identity, mode, Cval, order);
            for (int k = 0; k < src.Length; k++)
                Assert.True(Math.Abs(dst[k] - src[k]) <= 1e-3, $"{mode} order {order}: element {k} is {dst[k]}, input {src[k]}");
        }
    }

    /// <summary>The row-sweeping column filter is the per-line filter (the scalar reference) bit for bit.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ColumnSweepEqualsLineFilter(int order)
    {
        var rnd = new Random(order);
        foreach (var (rows, cols) in new[] { (13, 17), (2, 5), (40, 600) })
            foreach (var mode in Modes)
            {
                var grid = new double[rows * cols];
                for (int k = 0; k < grid.Length; k++) grid[k] = rnd.NextDouble() * 255 - 20;
                var byLine = (double[])grid.Clone();
                for (int c = 0; c < cols; c++) SplinePrefilter.FilterLine(byLine, c, rows, cols, order, mode);
                SplinePrefilter.FilterColumns(grid, rows, cols, order, mode);
                Assert.Equal(byLine, grid);
            }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void WeightsPartitionUnity(int order)
    {
        Span<double> w = stackalloc double[6];
        foreach (double c in new[] { 0.0, 0.25, 0.5, 0.75, 3.999, -1.3, 7.5 })
        {
            SplineWeights.Compute(c, order, w);
            double sum = 0;
            for (int k = 0; k <= order; k++)
            {
                Assert.True(w[k] >= -1e-15, $"order {order}, c {c}: weight {k} = {w[k]}");
                sum += w[k];
            }
            Assert.Equal(1.0, sum, 12);
        }
        // The first tap: floor(c) − order/2 for odd orders, floor(c + 0.5) − order/2 for even ones.
        Assert.Equal(order % 2 == 1 ? 2 - order / 2 : 3 - order / 2, SplineWeights.FirstTap(2.6, order));
    }

    [Fact]
    public void OneSampleAxesAndEmptyImagesWork()
    {
        var layout = WarpLayout.Of([1, 5, 1], DataFormat.ChannelsLast);
        var dst = new float[5];
        SplineWarp.Warp(new float[] { 1, 2, 3, 4, 5 }, dst, layout, new PullMatrix(1, 0, 0, 0, 1, 0.5), FillMode.Reflect, 0, 3);
        Assert.All(dst, v => Assert.True(float.IsFinite(v)));
        SplineWarp.Warp([], [], WarpLayout.Of([0, 4, 3], DataFormat.ChannelsLast), new PullMatrix(1, 0, 0, 0, 1, 0), FillMode.Nearest, 0, 4);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        var layout = WarpLayout.Of([4, 4, 1], DataFormat.ChannelsLast);
        var m = new PullMatrix(1, 0, 0, 0, 1, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => SplineWarp.Warp(new float[16], new float[16], layout, m, FillMode.Nearest, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SplineWarp.Warp(new float[16], new float[16], layout, m, FillMode.Nearest, 0, 6));
        Assert.Throws<ArgumentException>(() => SplineWarp.Warp(new float[15], new float[16], layout, m, FillMode.Nearest, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => SplineWarp.Warp(new float[16], new float[16], layout, m, (FillMode)9, 0, 3));
    }

    /// <summary>interpolation_order = 3 through the generator: random_transform and flow both run the spline warp.</summary>
    [Fact]
    public void GeneratorWithInterpolationOrder3Works()
    {
        var input = Load("16x16x3", "input");
        var x = new Tensor(input.ToSingle(), input.Shape);
        var options = new ImageDataGeneratorOptions { RotationRange = 30, ShearRange = 10, InterpolationOrder = 3, FillMode = FillMode.Reflect };
        var gen = new ImageDataGenerator(options);

        var parameters = gen.GetRandomTransform(x.Shape, new NumpyRandom(7));
        var viaGenerator = gen.RandomTransform(x, new NumpyRandom(7));
        var direct = ImageTransforms.ApplyTransform(x, parameters, FillMode.Reflect, 0f, 3);
        Assert.Equal(direct.Data, viaGenerator.Data);
        var linear = ImageTransforms.ApplyTransform(x, parameters, FillMode.Reflect, 0f, 1);
        Assert.NotEqual(linear.Data, viaGenerator.Data);

        var batchX = new Tensor(4, 16, 16, 3);
        for (int n = 0; n < 4; n++) x.Data.CopyTo(batchX.Data, n * x.Length);
        var batch = gen.Flow(batchX, batchSize: 4, shuffle: false, seed: 3).Next();
        Assert.Equal(new[] { 4, 16, 16, 3 }, batch.X.Shape);
        Assert.All(batch.X.Data, v => Assert.True(float.IsFinite(v)));
        Assert.NotEqual(batchX.Data, batch.X.Data);
    }
}
