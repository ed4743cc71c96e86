using System.Text.Json.Nodes;
using AugNet.Augmentation;
using AugNet.Tests.Support;

namespace AugNet.Tests.Augmentation;

/// <summary>Every case of apply_transform.json (Keras + SciPy 1.10 + Pillow goldens), one theory row each, compared bit for bit.</summary>
public class WarpConformanceTests
{
    public static TheoryData<string> Cases => Conformance.Names("apply_transform");

    [Theory]
    [Trait("Category", "Conformance")]
    [MemberData(nameof(Cases))]
    public void MatchesKeras(string name)
    {
        var c = Conformance.Case("apply_transform", name);
        var input = Conformance.Npy((string)c["input"]!).ToTensor();
        var expected = Conformance.Npy((string)c["expected"]!).ToTensor();
        var p = (JsonObject)c["params"]!;
        var parameters = new TransformParams
        {
            Theta = Num(p, "theta") ?? 0,
            Tx = Num(p, "tx") ?? 0,
            Ty = Num(p, "ty") ?? 0,
            Shear = Num(p, "shear") ?? 0,
            Zx = Num(p, "zx") ?? 1,
            Zy = Num(p, "zy") ?? 1,
            FlipHorizontal = (bool?)p["flip_horizontal"] ?? false,
            FlipVertical = (bool?)p["flip_vertical"] ?? false,
            ChannelShiftIntensity = Num(p, "channel_shift_intensity"),
            Brightness = Num(p, "brightness"),
        };
        var mode = (string)c["fill_mode"]! switch
        {
            "nearest" => FillMode.Nearest,
            "constant" => FillMode.Constant,
            "reflect" => FillMode.Reflect,
            "wrap" => FillMode.Wrap,
            var other => throw new InvalidOperationException($"unknown fill_mode {other}"),
        };
        var before = input.Clone();
        var actual = ImageTransforms.ApplyTransform(input, parameters, mode, (float)(double)c["cval"]!, (int)c["interpolation_order"]!);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(before.Data, input.Data); // the input is not modified
        string? miss = Conformance.CompareExact(actual.Data, expected.Data);
        Assert.True(miss is null, $"{name}: {miss}");
    }

    static double? Num(JsonObject p, string key) => p[key] is { } v ? (double)v : null;
}
