using System.Text.Json.Nodes;
using AugNet.Augmentation;
using AugNet.Tests.Support;

namespace AugNet.Tests.Augmentation;

/// <summary>The Keras golden cases for get_random_transform (random_transform.json) and standardize/fit (standardize.json).</summary>
[Trait("Category", "Conformance")]
public class GeneratorConformanceTests
{
    public static TheoryData<string> RandomTransformCases => Conformance.Names("random_transform");
    public static TheoryData<string> StandardizeCases => Conformance.Names("standardize");

    [Theory]
    [MemberData(nameof(RandomTransformCases))]
    public void RandomTransformParametersMatchKeras(string name)
    {
        var c = Conformance.Case("random_transform", name);
        var gen = new ImageDataGenerator(ImageDataGeneratorOptions.FromKerasJson(c["options"]!.AsObject()));
        var shape = c["shape"]!.AsArray().Select(v => (int)v!).ToArray();
        var p = gen.GetRandomTransform(shape, new NumpyRandom((uint)c["seed"]!));
        var e = c["expected_params"]!.AsObject();
        AssertClose((double)e["theta"]!, p.Theta, "theta");
        AssertClose((double)e["tx"]!, p.Tx, "tx");
        AssertClose((double)e["ty"]!, p.Ty, "ty");
        AssertClose((double)e["shear"]!, p.Shear, "shear");
        AssertClose((double)e["zx"]!, p.Zx, "zx");
        AssertClose((double)e["zy"]!, p.Zy, "zy");
        Assert.Equal((double)e["flip_horizontal"]! != 0, p.FlipHorizontal);
        Assert.Equal((double)e["flip_vertical"]! != 0, p.FlipVertical);
        AssertNullableClose(e["channel_shift_intensity"], p.ChannelShiftIntensity, "channel_shift_intensity");
        AssertNullableClose(e["brightness"], p.Brightness, "brightness");
    }

    static void AssertNullableClose(JsonNode? expected, double? actual, string what)
    {
        if (expected is null) Assert.Null(actual);
        else
        {
            Assert.True(actual.HasValue, $"{what}: expected {expected} but nothing was drawn");
            AssertClose((double)expected, actual!.Value, what);
        }
    }

    static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Max(Math.Abs(expected), 1e-300) || actual == expected,
            $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [MemberData(nameof(StandardizeCases))]
    public void StandardizeMatchesKeras(string name)
    {
        var c = Conformance.Case("standardize", name);
        var gen = new ImageDataGenerator(ImageDataGeneratorOptions.FromKerasJson(c["options"]!.AsObject()));
        if (c["fit_input"] is JsonNode fitInput)
        {
            var fitX = Conformance.Npy((string)fitInput!).ToTensor();
            bool augment = c["fit_augment"] is JsonNode a && (bool)a;
            int rounds = c["fit_rounds"] is JsonNode r ? (int)r : 1;
            uint? seed = c["fit_seed"] is JsonNode s ? (uint)s : null;
            gen.Fit(fitX, augment, rounds, seed);
        }
        if (c["expected_mean"] is JsonNode em)
        {
            var expected = Conformance.Npy((string)em!).ToDouble();
            Assert.NotNull(gen.Mean);
            AssertWithin(gen.Mean!.Select(v => (float)v).ToArray(), expected.Select(v => (float)v).ToArray(), "mean");
        }
        if (c["expected_std"] is JsonNode es)
        {
            var expected = Conformance.Npy((string)es!).ToDouble();
            Assert.NotNull(gen.Std);
            AssertWithin(gen.Std!.Select(v => (float)v).ToArray(), expected.Select(v => (float)v).ToArray(), "std");
        }
        if (c["input"] is JsonNode inputNode && c["expected"] is JsonNode expectedNode)
        {
            var input = Conformance.Npy((string)inputNode!).ToTensor();
            var expected = Conformance.Npy((string)expectedNode!).ToSingle();
            int count = (int)c["count"]!;
            var actual = new List<float>();
            for (int i = 0; i < count; i++) actual.AddRange(gen.Standardize(input.Slice0(i)).Data);
            AssertWithin(actual.ToArray(), expected, "standardized images");
        }
    }

    static void AssertWithin(float[] actual, float[] expected, string what)
    {
        string? miss = Conformance.CompareWithin(actual, expected);
        Assert.True(miss is null, $"{what}: {miss}");
    }
}
