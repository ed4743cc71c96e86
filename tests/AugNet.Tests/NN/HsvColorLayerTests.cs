using System.Text.Json.Nodes;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.NN.Layers;
using AugNet.NN.Layers.Preprocessing;
using AugNet.Persistence;
using AugNet.Tests.Persistence;
using static AugNet.Tests.Support.TestModels;

namespace AugNet.Tests.NN;

/// <summary>
/// Keras 3's RandomHue, RandomSaturation and RandomColorJitter: Keras's HSV conversions against hand-computed and
/// colorsys values, the layers' kernels bit for bit against a NumPy recomputation of Keras's NumPy backend
/// (Fixtures/make_keras_color_fixtures.py), the draws in Keras's order, Keras's messages, the config round trip and
/// ONNX export. Identity at inference, seeded draws and thread-count independence are in
/// <see cref="PreprocessingLayerTests"/>'s shared theories.
/// </summary>
public sealed class HsvColorLayerTests : IDisposable
{
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("augnet-hsv-");
    public void Dispose() => _dir.Delete(true);

    const int H = 5, W = 7, Size = H * W * 3;
    static readonly float[] HueDeltas = [0.0f, 0.3f, -0.45f, 0.5f, -0.5f, 0.125f, 0.49f];
    static readonly float[] SaturationDraws = [0.0f, 0.25f, 0.5f, 0.8f, 1.0f, -0.2f, 0.6f];

    static float[] Fixture(string name) => NpyArray.Load(Support.Fixtures.PathOf("NN/Fixtures", name)).ToSingle();

    static void AssertSame(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals(actual[i]), $"{what}, element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    // ---- HSV conversions ----

    [Theory]
    // (r, g, b) in [0, 1] → colorsys.rgb_to_hsv's (h, s, v) (Python 3, float64).
    [InlineData(1f, 128f / 255, 0f, 0.08366013071895424, 1.0, 1.0)]
    [InlineData(10f / 255, 200f / 255, 200f / 255, 0.5, 0.95, 0.7843137254901961)]       // g and b tie: green's formula
    [InlineData(60f / 255, 60f / 255, 61f / 255, 0.6666666666666666, 0.016393442622950876, 0.23921568627450981)]
    [InlineData(200f / 255, 10f / 255, 200f / 255, 0.8333333333333334, 0.95, 0.7843137254901961)]  // r and b tie: red's, wrapped
    [InlineData(0.5f, 0.5f, 0.5f, 0.0, 0.0, 0.5)]
    [InlineData(0f, 0f, 0f, 0.0, 0.0, 0.0)]
    public void RgbToHsvAgreesWithColorsys(float r, float g, float b, double h, double s, double v)
    {
        KerasHsv.RgbToHsv(r, g, b, out float hh, out float ss, out float vv);
        Assert.Equal(h, hh, 6);
        Assert.Equal(s, ss, 6);
        Assert.Equal(v, vv, 6);
    }

    [Fact]
    public void HsvConversionsFollowKerasFormulas()
    {
        // Pure red turned a third of a turn is pure green, two thirds pure blue; the conversion does not normalise.
        KerasHsv.RgbToHsv(255f, 0f, 0f, out float h, out float s, out float v);
        Assert.Equal((0f, 1f, 255f), (h, s, v));
        KerasHsv.HsvToRgb(h + 1f / 3, s, v, out float r, out float g, out float b);
        Assert.Equal((0f, 255f, 0f), (r, g, b));
        KerasHsv.HsvToRgb(h + 2f / 3, s, v, out r, out g, out b);
        Assert.Equal((0f, 0f, 255f), (r, g, b));
        // colorsys.hsv_to_rgb(0.75, 0.5, 0.8) = (0.6, 0.4, 0.8).
        KerasHsv.HsvToRgb(0.75f, 0.5f, 0.8f, out r, out g, out b);
        Assert.Equal((0.6, 0.4, 0.8), (Math.Round(r, 6), Math.Round(g, 6), Math.Round(b, 6)));
        // Values below float32's eps count as 0 (Keras's np.where(|x| < eps, 0, x)): (1e-8, 5e-8, 100) is pure blue.
        KerasHsv.RgbToHsv(1e-8f, 5e-8f, 100f, out h, out s, out _);
        Assert.Equal((2f / 3, 1f), (h, s));
        // np.mod: −0.25 mod 1 = 0.75, 1 mod 1 = 0.
        Assert.Equal((0.75f, 0f, 0.5f), (KerasHsv.Mod1(-0.25f), KerasHsv.Mod1(1f), KerasHsv.Mod1(2.5f)));
    }

    // ---- kernels against the NumPy recomputation ----

    [Fact]
    public void HueMatchesKerasNumpyBackendBitForBit()
    {
        var image = Fixture("keras_color_input.npy");
        var unit = image.Select(x => x / 255f).ToArray();
        var expected = Fixture("keras_color_hue.npy");
        var actual = new float[Size];
        for (int d = 0; d < HueDeltas.Length; d++)
        {
            RandomHue.Apply(image, actual, HueDeltas[d], 0f, 255f);
            AssertSame(expected.AsSpan((d * 2) * Size, Size), actual, $"delta {HueDeltas[d]}, value_range (0, 255)");
            RandomHue.Apply(unit, actual, HueDeltas[d], 0f, 1f);
            AssertSame(expected.AsSpan((d * 2 + 1) * Size, Size), actual, $"delta {HueDeltas[d]}, value_range (0, 1)");
        }
        // In place gives the same image.
        var copy = (float[])image.Clone();
        RandomHue.Apply(copy, copy, 0.3f, 0f, 255f);
        AssertSame(expected.AsSpan(2 * Size, Size), copy, "in place");
    }

    [Fact]
    public void SaturationMatchesKerasNumpyBackendBitForBit()
    {
        var image = Fixture("keras_color_input.npy");
        var unit = image.Select(x => x / 255f).ToArray();
        var expected = Fixture("keras_color_saturation.npy");
        var actual = new float[Size];
        for (int d = 0; d < SaturationDraws.Length; d++)
        {
            float m = RandomSaturation.Multiplier(SaturationDraws[d]);
            RandomSaturation.Apply(image, actual, m, 0f, 255f);
            AssertSame(expected.AsSpan((d * 2) * Size, Size), actual, $"u {SaturationDraws[d]}, value_range (0, 255)");
            RandomSaturation.Apply(unit, actual, m, 0f, 1f);
            AssertSame(expected.AsSpan((d * 2 + 1) * Size, Size), actual, $"u {SaturationDraws[d]}, value_range (0, 1)");
        }
    }

    [Fact]
    public void SaturationMultiplierIsKerasFormula()
    {
        // u / (1 − u + 1e-7) in float32 (the fixture script prints NumPy's values).
        Assert.Equal(0f, RandomSaturation.Multiplier(0f));
        Assert.Equal(0.333333283662796f, RandomSaturation.Multiplier(0.25f));
        Assert.Equal(0.9999997615814209f, RandomSaturation.Multiplier(0.5f));   // not exactly 1: (0.5, 0.5) is nearly the identity
        Assert.Equal(1e7f, RandomSaturation.Multiplier(1f));
        Assert.Equal(-0.166666641831398f, RandomSaturation.Multiplier(-0.2f));
        // m = 0 makes the image gray (all channels = V); with value_range (0, 255) a large m pushes S past 1 and the
        // smallest channel below 0, as Keras (S is clipped to value_range, the output not at all).
        float[] px = [200, 100, 50];
        var dst = new float[3];
        RandomSaturation.Apply(px, dst, 0f, 0f, 255f);
        Assert.Equal([200f, 200, 200], dst);
        RandomSaturation.Apply(px, dst, 1e7f, 0f, 255f);
        Assert.True(dst[2] < -1000, dst[2].ToString());
        RandomSaturation.Apply(px, dst, 1e7f, 0f, 1f);
        Assert.Equal(0f, dst[2]);
    }

    [Fact]
    public void JitterChainsBrightnessSaturationHueAsKerasBitForBit()
    {
        // Fixture cases: (brightness u, saturation u, hue δ) = (0.1, 0.7, ±0.2), (−0.3, 0.3, ±0.35), (0, 0.5, 0).
        var image = Fixture("keras_color_input.npy");
        var expected = Fixture("keras_color_jitter.npy");
        (double B, double S, double Hue, int Plus, int Minus)[] cases = [(0.1, 0.7, 0.4, 0, 1), (-0.3, 0.3, 0.7, 2, 3), (0.0, 0.5, 0.0, 4, 4)];
        const int n = 6;
        var x = new Tensor([.. Enumerable.Repeat(image, n).SelectMany(a => a)], [n, H, W, 3]);
        foreach (var c in cases)
        {
            RandomColorJitter Make() => new((0, 255), brightnessFactor: (c.B, c.B), saturationFactor: (c.S, c.S), hueFactor: (c.Hue, c.Hue), seed: 21);
            var layer = Make();
            layer.Build([H, W, 3], null);
            var y = layer.Forward(x, training: true).Data;
            var hue = Make().Draw(n).HueDeltas!;
            for (int k = 0; k < n; k++)
            {
                int index = hue[k] >= 0 ? c.Plus : c.Minus;
                AssertSame(expected.AsSpan(index * Size, Size), y.AsSpan(k * Size, Size), $"case {c}, image {k} (δ {hue[k]})");
            }
        }
    }

    [Fact]
    public void JitterWithContrastEqualsTheStagesOneAfterAnother()
    {
        var x = RandomBatch(4, [6, 5, 3], 31, 0, 255);
        var layer = new RandomColorJitter((0, 255), 0.2, (0.1, 0.4), (0.2, 0.9), 0.3, seed: 8);
        layer.Build([6, 5, 3], null);
        var y = layer.Forward(x, training: true).Data;
        var d = new RandomColorJitter((0, 255), 0.2, (0.1, 0.4), (0.2, 0.9), 0.3, seed: 8).Draw(4);
        int size = 6 * 5 * 3;
        for (int k = 0; k < 4; k++)
        {
            var img = x.Data.AsSpan(k * size, size).ToArray();
            RandomBrightness.Apply(img, img, d.BrightnessDeltas![k], 0f, 255f);
            RandomContrast.Apply(img, img, [6, 5, 3], d.ContrastFactors![k], 0f, 255f);
            RandomSaturation.Apply(img, img, d.SaturationFactors![k], 0f, 255f);
            RandomHue.Apply(img, img, d.HueDeltas![k], 0f, 255f);
            AssertSame(img, y.AsSpan(k * size, size), $"image {k}");
        }
    }

    // ---- draws ----

    [Fact]
    public void HueDrawsAllInversionsThenAllFactorsAsKeras()
    {
        var deltas = new RandomHue((0.2, 0.6), seed: 5).DrawDeltas(6);
        var r = new NumpyRandom(5u);
        var invert = Enumerable.Range(0, 6).Select(_ => (float)r.Uniform(0, 1) > 0.5f ? -1f : 1f).ToArray();
        var factor = Enumerable.Range(0, 6).Select(_ => (float)r.Uniform(0.2, 0.6)).ToArray();
        Assert.Equal(Enumerable.Range(0, 6).Select(i => invert[i] * factor[i] * 0.5f).ToArray(), deltas);
        // A single f draws from [0, f) (bounds (0, 1)); the sign makes the shift go both ways, at most half a turn.
        var single = new RandomHue(1.0, seed: 2);
        Assert.Equal((0.0, 1.0), (single.Lower, single.Upper));
        var many = single.DrawDeltas(400);
        Assert.All(many, d => Assert.InRange(d, -0.5f, 0.5f));
        Assert.Contains(many, d => d < -0.1f);
        Assert.Contains(many, d => d > 0.1f);
    }

    [Fact]
    public void SaturationSingleFactorDrawsSymmetricallyAsKeras3()
    {
        // Keras's RandomSaturation keeps the base bounds (−1, 1): a single f gives [−f, f), not [0, f).
        var layer = new RandomSaturation(0.4, seed: 3);
        Assert.Equal((-0.4, 0.4), (layer.Lower, layer.Upper));
        var r = new NumpyRandom(3u);
        Assert.Equal(Enumerable.Range(0, 8).Select(_ => RandomSaturation.Multiplier((float)r.Uniform(-0.4, 0.4))).ToArray(), layer.DrawFactors(8));
        var pair = new RandomSaturation((0.7, 0.3), valueRange: (1, 0));
        Assert.Equal((0.3, 0.7, 0.0, 1.0), (pair.Lower, pair.Upper, pair.ValueRange.Low, pair.ValueRange.High));
    }

    [Fact]
    public void JitterDrawsFromItsOwnGeneratorInStageOrder()
    {
        var jitter = new RandomColorJitter(brightnessFactor: 0.2, contrastFactor: 0.3, saturationFactor: (0.2, 0.8), hueFactor: 0.5, seed: 9);
        var d = jitter.Draw(3);
        var r = new NumpyRandom(9u);
        float[] Take(double lo, double hi) => [.. Enumerable.Range(0, 3).Select(_ => (float)r.Uniform(lo, hi))];
        Assert.Equal(Take(-0.2, 0.2).Select(u => u * 255f).ToArray(), d.BrightnessDeltas);
        Assert.Equal(Take(1.0, 1.3), d.ContrastFactors);
        Assert.Equal(Take(0.2, 0.8).Select(RandomSaturation.Multiplier).ToArray(), d.SaturationFactors);
        var invert = Take(0, 1).Select(u => u > 0.5f ? -1f : 1f).ToArray();
        var factor = Take(0.0, 0.5);
        Assert.Equal(Enumerable.Range(0, 3).Select(i => invert[i] * factor[i] * 0.5f).ToArray(), d.HueDeltas);
        // Absent stages draw nothing; all absent is the identity.
        var only = new RandomColorJitter(hueFactor: 0.5, seed: 9).Draw(2);
        Assert.Null(only.BrightnessDeltas);
        var none = new RandomColorJitter(seed: 1);
        none.Build([2, 2, 1], null);
        var x = RandomBatch(2, [2, 2, 1], 3, 0, 255);
        Assert.Equal(x.Data, none.Forward(x, true).Data);
    }

    // ---- messages ----

    [Fact]
    public void BadArgumentsGiveKerasMessages()
    {
        Assert.Equal("The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=1.5",
            Assert.Throws<ArgumentException>(() => new RandomHue(1.5)).Message);
        Assert.Equal("The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=-0.1",
            Assert.Throws<ArgumentException>(() => new RandomHue(-0.1)).Message);
        Assert.Equal("The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=(-0.5, -0.1)",
            Assert.Throws<ArgumentException>(() => new RandomHue((-0.5, -0.1))).Message);
        Assert.Equal("The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=1.5",
            Assert.Throws<ArgumentException>(() => new RandomSaturation(1.5)).Message);
        Assert.StartsWith("The `value_range` argument should be a list of two numbers. Received: value_range=(0.0, ",
            Assert.Throws<ArgumentException>(() => new RandomSaturation(0.5, valueRange: (0, double.PositiveInfinity))).Message);
        // The jitter's sub-layers validate their factors with their own messages.
        Assert.EndsWith("in the range [0, 1]. Received: factor=2.0", Assert.Throws<ArgumentException>(() => new RandomColorJitter(hueFactor: 2.0)).Message);
        Assert.EndsWith("in the range [-1, 1]. Received: factor=-1.5", Assert.Throws<ArgumentException>(() => new RandomColorJitter(brightnessFactor: -1.5)).Message);
        Assert.EndsWith("in the range [0, 1]. Received: factor=1.2", Assert.Throws<ArgumentException>(() => new RandomColorJitter(contrastFactor: 1.2)).Message);
        Assert.Contains("needs RGB images (3 channels)", Assert.Throws<ArgumentException>(() => new RandomHue(0.1).Build([4, 4, 1], null)).Message);
        Assert.Contains("needs RGB images (3 channels)", Assert.Throws<ArgumentException>(() => new RandomSaturation(0.1).Build([4, 4, 4], null)).Message);
        Assert.Contains("needs RGB images (3 channels)", Assert.Throws<ArgumentException>(() => new RandomColorJitter(saturationFactor: 0.5).Build([4, 4, 1], null)).Message);
        new RandomColorJitter(brightnessFactor: 0.5, contrastFactor: 0.5).Build([4, 4, 1], null);
    }

    // ---- persistence and export ----

    static Sequential ColorModel()
    {
        var model = new Sequential(11)
        {
            new RandomHue(0.2, seed: 3, inputShape: [12, 10, 3]),
            new RandomSaturation((0.3, 0.7), valueRange: (0, 255)),
            new RandomColorJitter((0, 255), brightnessFactor: 0.1, saturationFactor: (0.4, 0.6), hueFactor: (0.1, 0.2), seed: 4),
            new Rescaling(1.0 / 255),
            new Conv2D(2, 3),
            new Flatten(),
            new Dense(1),
        };
        model.Build();
        return model;
    }

    [Theory]
    [InlineData(".h5")]
    [InlineData(".keras")]
    public void ColourLayersRoundTripThroughKerasFiles(string ext)
    {
        var model = ColorModel();
        string path = Path.Combine(_dir.FullName, "colour" + ext);
        model.Save(path);
        var loaded = Sequential.Load(path);
        Assert.Equal(model.Summary(), loaded.Summary());
        var x = RandomBatch(3, [12, 10, 3], 8, 0, 255);
        Assert.Equal(model.Predict(x).Clone().Data, loaded.Predict(x).Data);
        var layers = loaded.Layers.Where(l => l is not InputLayer).ToList();
        Assert.Equal((new KerasFactor(0.2), 0.0, 255.0, (int?)3), layers[0] is RandomHue h ? (h.Factor, h.ValueRange.Low, h.ValueRange.High, h.Seed) : default);
        Assert.Equal((new KerasFactor(0.3, 0.7), (int?)null), layers[1] is RandomSaturation s ? (s.Factor, s.Seed) : default);
        var j = Assert.IsType<RandomColorJitter>(layers[2]);
        Assert.Equal(((0.0, 255.0), (KerasFactor?)new KerasFactor(0.1), (KerasFactor?)null, (KerasFactor?)new KerasFactor(0.4, 0.6), (KerasFactor?)new KerasFactor(0.1, 0.2), (int?)4),
            (j.ValueRange, j.BrightnessFactor, j.ContrastFactor, j.SaturationFactor, j.HueFactor, j.Seed));
        // Same seed, same draws after loading.
        Assert.Equal(((RandomHue)model.Layers[0]).DrawDeltas(5), ((RandomHue)layers[0]).DrawDeltas(5));
        var a = ((RandomColorJitter)model.Layers[2]).Draw(4);
        var b = j.Draw(4);
        Assert.Equal(a.BrightnessDeltas, b.BrightnessDeltas);
        Assert.Equal(a.SaturationFactors, b.SaturationFactors);
        Assert.Equal(a.HueDeltas, b.HueDeltas);
        Assert.Contains("random_color_jitter (RandomC (None, 12, 10, 3)", loaded.Summary());  // the 29-character column, cut as Keras 2 does
    }

    [Fact]
    public void ConfigsCarryKerasKeysAndReadKerasWrittenConfigs()
    {
        var hue = KerasLayerConfig.ToConfig(new RandomHue(0.2, seed: 1, name: "random_hue"), ActivationFunction.Linear, null);
        Assert.Equal(["name", "trainable", "dtype", "factor", "value_range", "seed"], hue.Select(kv => kv.Key).ToArray());
        Assert.Equal("[0,255]", hue["value_range"]!.ToJsonString());
        var jitter = KerasLayerConfig.ToConfig(new RandomColorJitter(hueFactor: (0.1, 0.3), name: "random_color_jitter"), ActivationFunction.Linear, null);
        Assert.Equal(["name", "trainable", "dtype", "value_range", "brightness_factor", "contrast_factor", "saturation_factor", "hue_factor", "seed"],
            jitter.Select(kv => kv.Key).ToArray());
        Assert.Null(jitter["brightness_factor"]);
        Assert.Equal("[0.1,0.3]", jitter["hue_factor"]!.ToJsonString());

        // What Keras 3's get_config writes: RandomHue(0.2) and RandomSaturation(0.3) save their validated ranges.
        static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
        var h = Assert.IsType<RandomHue>(KerasLayerConfig.FromConfig("RandomHue", Parse("""
            {"name": "random_hue", "trainable": true, "dtype": "float32", "data_format": "channels_last", "factor": [0.0, 0.2], "value_range": [0, 1], "seed": null}
            """), null, new ConfigReadContext()));
        Assert.Equal((0.0, 0.2, (0.0, 1.0)), (h.Lower, h.Upper, h.ValueRange));
        var s = Assert.IsType<RandomSaturation>(KerasLayerConfig.FromConfig("RandomSaturation", Parse("""
            {"name": "random_saturation", "trainable": true, "dtype": "float32", "data_format": "channels_last", "factor": [-0.3, 0.3], "value_range": [0, 255], "seed": 7}
            """), null, new ConfigReadContext()));
        Assert.Equal((-0.3, 0.3, (int?)7), (s.Lower, s.Upper, s.Seed));
        var j = Assert.IsType<RandomColorJitter>(KerasLayerConfig.FromConfig("RandomColorJitter", Parse("""
            {"name": "random_color_jitter", "trainable": true, "dtype": "float32", "data_format": "channels_last", "value_range": [0, 255],
             "brightness_factor": 0.2, "contrast_factor": [0.1, 0.4], "saturation_factor": null, "hue_factor": 0.5, "seed": 42}
            """), null, new ConfigReadContext()));
        Assert.Equal(((KerasFactor?)new KerasFactor(0.2), (KerasFactor?)new KerasFactor(0.1, 0.4), (KerasFactor?)null, (KerasFactor?)new KerasFactor(0.5), (int?)42),
            (j.BrightnessFactor, j.ContrastFactor, j.SaturationFactor, j.HueFactor, j.Seed));
        Assert.Null(j.Saturation);
        var bad = Assert.Throws<InvalidDataException>(() => KerasLayerConfig.FromConfig("RandomHue", Parse("""{"name": "h", "factor": 3}"""), null, new ConfigReadContext()));
        Assert.Contains("in the range [0, 1]. Received: factor=3.0", bad.Message);
    }

    [Fact]
    public void OnnxExportDropsTheColourLayers()
    {
        var ops = OnnxModelSummary.Parse(OnnxExport.ToOnnxBytes(ColorModel())).Nodes.Select(n => n.OpType).ToList();
        Assert.Equal("Mul", ops[0]);
        Assert.DoesNotContain(ops, o => o.Contains("Random", StringComparison.Ordinal));
    }
}
