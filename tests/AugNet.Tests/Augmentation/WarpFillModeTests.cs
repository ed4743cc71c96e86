using AugNet.Augmentation;
using AugNet.Augmentation.Kernels;

namespace AugNet.Tests.Augmentation;

/// <summary>
/// One-row shifts of [1, 2, 3, 4] with cval −9, order 1: the expected rows were printed by SciPy 1.10.1's
/// <c>ndimage.affine_transform</c> (identity matrix, offset (0, tx)) on this machine.
/// </summary>
public class WarpFillModeTests
{
    [Theory]
    [InlineData("Constant", 1.0, new float[] { 2, 3, 4, -9 })]
    [InlineData("Constant", -0.3, new float[] { -9, 1.7f, 2.7f, 3.7f })]
    [InlineData("Constant", 0.5, new float[] { 1.5f, 2.5f, 3.5f, -9 })]
    [InlineData("Nearest", -0.7, new float[] { 1, 1.3f, 2.3f, 3.3f })]
    [InlineData("Nearest", 7.3, new float[] { 4, 4, 4, 4 })]
    [InlineData("Reflect", 2.0, new float[] { 3, 4, 4, 3 })]
    [InlineData("Reflect", 0.5, new float[] { 1.5f, 2.5f, 3.5f, 4 })]
    [InlineData("Reflect", 3.2, new float[] { 4, 3.8f, 2.8f, 1.8f })]
    [InlineData("Reflect", -4.6, new float[] { 4, 3.6f, 2.6f, 1.6f })]
    [InlineData("Reflect", 7.3, new float[] { 1, 1.3f, 2.3f, 3.3f })]
    [InlineData("Wrap", 1.0, new float[] { 2, 3, 4, 2 })]
    [InlineData("Wrap", -1.0, new float[] { 3, 1, 2, 3 })]
    [InlineData("Wrap", -0.3, new float[] { 3.7f, 1.7f, 2.7f, 3.7f })]
    [InlineData("Wrap", -4.6, new float[] { 2.4f, 3.4f, 1.4f, 2.4f })]
    [InlineData("Wrap", 7.3, new float[] { 2.3f, 3.3f, 1.3f, 2.3f })]
    public void ShiftedRowMatchesSciPy(string modeName, double tx, float[] expected)
    {
        var mode = Enum.Parse<FillMode>(modeName);
        float[] src = [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4];
        var layout = WarpLayout.Of([3, 4, 1], DataFormat.ChannelsLast);
        var m = new PullMatrix(1, 0, 0, 0, 1, tx);
        var reference = new float[12];
        var fast = new float[12];
        AffineWarpReference.Warp(src, reference, layout, m, mode, -9f, 1);
        AffineWarpKernel.Warp(src, fast, layout, m, mode, -9f, 1);
        for (int j = 0; j < 4; j++) Assert.Equal(expected[j], reference[4 + j], 5);
        Assert.Equal(reference, fast);
    }

    [Fact]
    public void ReflectAndWrapMapCoordinatesAsSciPy()
    {
        Assert.Equal(-0.7, FillModeMapping.MapCoordinate(-0.3, 4, FillMode.Reflect), 12);
        Assert.Equal(1e-15 - 1, FillModeMapping.MapCoordinate(-1e-16, 4, FillMode.Reflect));
        Assert.Equal(2.5, FillModeMapping.MapCoordinate(-0.5, 4, FillMode.Wrap));
        Assert.Equal(0.5, FillModeMapping.MapCoordinate(3.5, 4, FillMode.Wrap));
        Assert.Equal(-1, FillModeMapping.MapCoordinate(3.0000001, 4, FillMode.Constant));
        Assert.Equal(3.0, FillModeMapping.MapCoordinate(3.0, 4, FillMode.Constant));
        // SciPy's docstring pattern for 'wrap' on N = 4, integers −5..8: b c d b c | a b c d | b c a b c.
        long[] expected = [1, 2, 3, 1, 2, 0, 1, 2, 3, 1, 2, 0, 1, 2];
        for (int t = -5; t <= 8; t++)
            Assert.Equal(expected[t + 5], (long)FillModeMapping.MapCoordinate(t, 4, FillMode.Wrap));
    }
}
