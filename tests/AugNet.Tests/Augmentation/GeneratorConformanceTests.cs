using System.Text.Json.Nodes;
using AugNet.Augmentation;
using AugNet.Tests.Support;

namespace AugNet.Tests.Augmentation;

/// <summary>
/// The Keras golden cases for get_random_transform (random_transform.json) and standardize/fit (standardize.json).
/// Everything is compared bit for bit, except the standardized images of the ZCA case (<see cref="Conformance.ZcaCase"/>):
/// see <see cref="Conformance.CompareExact"/> for why.
/// </summary>
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
        AssertEqual((double)e["theta"]!, p.Theta, "theta");
        AssertEqual((double)e["tx"]!, p.Tx, "tx");
        AssertEqual((double)e["ty"]!, p.Ty, "ty");
        AssertEqual((double)e["shear"]!, p.Shear, "shear");
        AssertEqual((double)e["zx"]!, p.Zx, "zx");
        AssertEqual((double)e["zy"]!, p.Zy, "zy");
        Assert.Equal((double)e["flip_horizontal"]! != 0, p.FlipHorizontal);
        Assert.Equal((double)e["flip_vertical"]! != 0, p.FlipVertical);
        AssertNullableEqual(e["channel_shift_intensity"], p.ChannelShiftIntensity, "channel_shift_intensity");
        AssertNullableEqual(e["brightness"], p.Brightness, "brightness");
    }

    static void AssertNullableEqual(JsonNode? expected, double? actual, string what)
    {
        if (expected is null) Assert.Null(actual);
        else
        {
            Assert.True(actual.HasValue, $"{what}: expected {expected} but nothing was drawn");
            AssertEqual((double)expected, actual!.Value, what);
        }
    }

    // Exact: the same number. Only the sign of a zero may differ: Keras draws integer shifts as NumPy integers (no
    // signed zero; the golden writes 0 as 0.0) where this port multiplies a double by a drawn ±1 and can get −0.
    static void AssertEqual(double expected, double actual, string what) =>
        Assert.True(actual == expected, $"{what}: expected {expected:R}, got {actual:R} (not equal)");

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
            AssertExact(gen.Mean!, expected, "mean");
        }
        if (c["expected_std"] is JsonNode es)
        {
            var expected = Conformance.Npy((string)es!).ToDouble();
            Assert.NotNull(gen.Std);
            AssertExact(gen.Std!, expected, "std");
        }
        if (c["input"] is JsonNode inputNode && c["expected"] is JsonNode expectedNode)
        {
            var input = Conformance.Npy((string)inputNode!).ToTensor();
            var expected = Conformance.Npy((string)expectedNode!).ToSingle();
            int count = (int)c["count"]!;
            var actual = new List<float>();
            for (int i = 0; i < count; i++) actual.AddRange(gen.Standardize(input.Slice0(i)).Data);
            // The one inexact comparison of the conformance suite: ZCA's basis comes from another SVD than NumPy's.
            string? miss = name == Conformance.ZcaCase
                ? Conformance.CompareWithinRange(actual.ToArray(), expected)
                : Conformance.CompareExact(actual.ToArray(), expected);
            Assert.True(miss is null, $"standardized images: {miss}");
        }
    }

    static void AssertExact(double[] actual, double[] expected, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(actual[i]) == BitConverter.DoubleToInt64Bits(expected[i]),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (not bit-equal)");
    }
}
