using AugNet.NN.Layers.Preprocessing;

namespace AugNet.Tests.NN;

/// <summary>
/// RandomHue's and RandomSaturation's vector kernels (<see cref="KerasHsvVector"/>) against the scalar kernel, bit for
/// bit, on every SIMD path this CPU runs: random images in [0, 255] and [0, 1] with lengths that leave remainder
/// pixels, and every combination of edge channel values (grays, ties, zeros of both signs, magnitudes about float
/// epsilon, 255, negatives, values past the range, ±∞ and NaN) with hue shifts that wrap. The scalar kernel itself is
/// checked against Keras in <see cref="HsvColorLayerTests"/>.
/// </summary>
public sealed class HsvSimdTests
{
    static readonly (float Low, float High)[] HueRanges = [(0, 255), (0, 1), (255, 0), (1, 0), (-1, 1), (-128, 127)];
    static readonly (float Low, float High)[] SaturationRanges = [(0, 255), (0, 1), (-1, 2), (0.2f, 0.7f)];
    static readonly float[] HueDeltas = [0f, -0f, 0.5f, -0.5f, 0.49999997f, -0.49999997f, 0.3f, -0.3f, 0.125f, -0.0001f, 1e-8f, 0.25f, -0.75f, 1f];
    static readonly float[] SaturationFactors =
        [0f, -0f, 1f, 0.5f, 2f, 1e7f, -1f, RandomSaturation.Multiplier(0.3f), RandomSaturation.Multiplier(0.7f), RandomSaturation.Multiplier(0.9999999f), RandomSaturation.Multiplier(-0.6f)];

    // Channel values whose combinations hit every branch of the conversions: grays and ties come from equal values.
    static readonly float[] EdgeValues =
        [0f, -0f, 1e-8f, -1e-8f, KerasHsv.Epsilon, 1.1920928e-07f, -KerasHsv.Epsilon, 0.5f, 1f, 1.0000001f, 0.99999994f,
         127.5f, 254.99998f, 255f, 256f, -1f, -255f, 3e38f, float.Epsilon, float.PositiveInfinity, float.NegativeInfinity, float.NaN];

    static float[] EdgePixels()
    {
        var px = new List<float>();
        foreach (var r in EdgeValues)
            foreach (var g in EdgeValues)
                foreach (var b in EdgeValues)
                    px.AddRange([r, g, b]);
        px.AddRange([1f, 2f]);   // a trailing partial pixel, which no kernel touches
        return [.. px];
    }

    static float[] RandomImage(Random rng, int pixels, float scale, bool integers)
    {
        var x = new float[pixels * 3];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = integers ? rng.Next(256) * (scale / 255) : (float)rng.NextDouble() * scale;
            if (rng.Next(8) == 0) x[i] = x[rng.Next(i + 1)];   // ties between channels and pixels
        }
        return x;
    }

    static void AssertBitIdentical(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"{what}, element {i} (pixel {i / 3}): expected {expected[i]:R} (0x{BitConverter.SingleToInt32Bits(expected[i]):X8}), got {actual[i]:R} (0x{BitConverter.SingleToInt32Bits(actual[i]):X8})");
    }

    static void CheckHue(float[] image, float delta, float low, float high, string what)
    {
        var expected = (float[])image.Clone();
        RandomHue.ApplyScalar(image, expected, delta, low, high);
        foreach (var path in SimdPaths.Supported)
        {
            var actual = (float[])image.Clone();
            RandomHue.Apply(image, actual, delta, low, high, path);
            AssertBitIdentical(expected, actual, $"{what}, {path}");
            var inPlace = (float[])image.Clone();
            RandomHue.Apply(inPlace, inPlace, delta, low, high, path);
            AssertBitIdentical(expected, inPlace, $"{what}, {path}, in place");
        }
    }

    static void CheckSaturation(float[] image, float factor, float low, float high, string what)
    {
        var expected = (float[])image.Clone();
        RandomSaturation.ApplyScalar(image, expected, factor, low, high);
        foreach (var path in SimdPaths.Supported)
        {
            var actual = (float[])image.Clone();
            RandomSaturation.Apply(image, actual, factor, low, high, path);
            AssertBitIdentical(expected, actual, $"{what}, {path}");
            var inPlace = (float[])image.Clone();
            RandomSaturation.Apply(inPlace, inPlace, factor, low, high, path);
            AssertBitIdentical(expected, inPlace, $"{what}, {path}, in place");
        }
    }

    [Fact]
    public void HueVectorKernelsMatchTheScalarOneOnRandomImages()
    {
        var rng = new Random(11);
        foreach (int pixels in new[] { 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 333, 1001 })
            foreach (var (low, high) in HueRanges)
                foreach (var (scale, integers) in new[] { (255f, true), (255f, false), (1f, false), (1f, true) })
                {
                    var image = RandomImage(rng, pixels, scale, integers);
                    float delta = ((float)rng.NextDouble() - 0.5f) * (rng.Next(2) == 0 ? 1f : 2f);
                    CheckHue(image, delta, low, high, $"{pixels} px in [0, {scale}], δ {delta:R}, range ({low}, {high})");
                    CheckHue(image, HueDeltas[rng.Next(HueDeltas.Length)], low, high, $"{pixels} px in [0, {scale}], range ({low}, {high})");
                }
    }

    [Fact]
    public void SaturationVectorKernelsMatchTheScalarOneOnRandomImages()
    {
        var rng = new Random(12);
        foreach (int pixels in new[] { 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 333, 1001 })
            foreach (var (low, high) in SaturationRanges)
                foreach (var (scale, integers) in new[] { (255f, true), (255f, false), (1f, false), (1f, true) })
                {
                    var image = RandomImage(rng, pixels, scale, integers);
                    float factor = RandomSaturation.Multiplier((float)(rng.NextDouble() * 2 - 1));
                    CheckSaturation(image, factor, low, high, $"{pixels} px in [0, {scale}], m {factor:R}, range ({low}, {high})");
                }
    }

    [Fact]
    public void HueVectorKernelsMatchTheScalarOneOnEdgePixels()
    {
        var image = EdgePixels();
        foreach (var delta in HueDeltas)
            foreach (var (low, high) in HueRanges)
                CheckHue(image, delta, low, high, $"edge pixels, δ {delta:R}, range ({low}, {high})");
    }

    [Fact]
    public void SaturationVectorKernelsMatchTheScalarOneOnEdgePixels()
    {
        var image = EdgePixels();
        foreach (var factor in SaturationFactors)
            foreach (var (low, high) in SaturationRanges)
                CheckSaturation(image, factor, low, high, $"edge pixels, m {factor:R}, range ({low}, {high})");
    }

    [Fact]
    public void LayersRunTheForcedPathOnTheirWorkers()
    {
        // Forward fans out to worker threads; the path is resolved on the calling thread, so a forced path reaches them.
        var x = new Tensor(RandomImage(new Random(5), 4 * 9 * 7, 255f, false), [4, 9, 7, 3]);
        foreach (var path in SimdPaths.Supported)
        {
            using var _ = SimdPaths.Force(path);
            var hue = new RandomHue(0.8, seed: 3);
            hue.Build([9, 7, 3], null);
            var deltas = new RandomHue(0.8, seed: 3).DrawDeltas(4);
            var sat = new RandomSaturation((0.1, 0.9), seed: 4);
            sat.Build([9, 7, 3], null);
            var factors = new RandomSaturation((0.1, 0.9), seed: 4).DrawFactors(4);
            var yh = hue.Forward(x, training: true).Data;
            var ys = sat.Forward(x, training: true).Data;
            int size = 9 * 7 * 3;
            for (int k = 0; k < 4; k++)
            {
                var img = x.Data.AsSpan(k * size, size).ToArray();
                var eh = new float[size];
                RandomHue.ApplyScalar(img, eh, deltas[k], 0f, 255f);
                AssertBitIdentical(eh, yh.AsSpan(k * size, size).ToArray(), $"RandomHue image {k}, {path}");
                var es = new float[size];
                RandomSaturation.ApplyScalar(img, es, factors[k], 0f, 255f);
                AssertBitIdentical(es, ys.AsSpan(k * size, size).ToArray(), $"RandomSaturation image {k}, {path}");
            }
        }
    }
}
