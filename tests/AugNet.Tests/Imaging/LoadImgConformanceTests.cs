using AugNet.Imaging;
using AugNet.Tests.Support;

namespace AugNet.Tests.Imaging;

/// <summary>Every <c>load_img</c> golden case: decode, convert and resize must match Pillow 9.4 exactly, PNG and JPEG alike.</summary>
public class LoadImgConformanceTests
{
    public static TheoryData<string> Cases => Conformance.Names("load_img");

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Category", "Conformance")]
    public void LoadImgMatchesKeras(string name)
    {
        var c = Conformance.Case("load_img", name);
        string file = (string)c["file"]!;
        var colorMode = ImageLoader.ParseColorMode((string)c["color_mode"]!);
        var interpolation = ImageLoader.ParseInterpolation((string)c["interpolation"]!);
        var ts = c["target_size"]?.AsArray();
        (int, int)? target = ts == null ? null : ((int)ts[0]!, (int)ts[1]!);
        bool keep = (bool)c["keep_aspect_ratio"]!;

        var expected = Conformance.Npy((string)c["expected"]!);
        var actual = ImageLoader.LoadImage(Conformance.PathOf(file), colorMode, target, interpolation, keep);

        int[] expectedShape = expected.Shape.Length == 2 ? [expected.Shape[0], expected.Shape[1], 1] : expected.Shape;
        Assert.Equal(expectedShape, actual.Shape);
        float[] e = expected.ToSingle();
        // Exact on every case, JPEG included: the decoder and the resize filters reproduce Pillow's integer arithmetic.
        string? miss = Conformance.CompareExact(actual.Data, e);
        Assert.True(miss is null, $"{name} ({file}, {colorMode}, {interpolation}, keep={keep}): {miss}");
    }
}
