using System.Runtime.InteropServices;
using AugNet.NN.Kernels;
using static AugNet.Tests.NN.Kernels.KernelTestData;

namespace AugNet.Tests.NN.Kernels;

public class Pool2DKernelsTests
{
    // (n, h, w, channels, pool, stride, padding)
    public static TheoryData<int, int, int, int, int, int, Padding> Cases() => new()
    {
        { 2, 8, 8, 32, 2, 2, Padding.Valid },
        { 3, 9, 7, 3, 2, 2, Padding.Valid },
        { 2, 9, 7, 37, 2, 2, Padding.Same },
        { 2, 10, 11, 16, 3, 2, Padding.Same },
        { 1, 6, 6, 1, 3, 1, Padding.Valid },
        { 4, 15, 15, 128, 2, 2, Padding.Valid },
        { 2, 5, 5, 24, 3, 1, Padding.Same },
        { 2, 11, 10, 19, 2, 3, Padding.Valid },
        { 2, 11, 10, 16, 2, 3, Padding.Same },
        { 1, 7, 7, 8, 3, 3, Padding.Same },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MaxForwardAndBackwardEqualTheScalarLoopExactly(int n, int h, int w, int c, int pool, int stride, Padding padding)
    {
        var g = Conv2DGeometry.Create(n, h, w, c, pool, pool, c, stride, stride, padding);
        var x = Random(g.InputSize, 1);
        // Ties and NaNs: the first maximum must win, NaN never replaces a value (and sticks when it comes first).
        for (int i = 0; i < x.Length; i += 7) x[i] = 0.5f;
        x[3] = float.NaN; x[x.Length / 2] = float.NaN;
        var yRef = new float[g.OutputSize]; var argRef = new int[g.OutputSize];
        Pool2DKernels.ReferenceMaxForward(g, x, yRef, argRef);
        var dy = Random(g.OutputSize, 2);
        dy[0] = -0f; dy[^1] = -0f; // the scatter's 0 + (−0) is +0; a direct write must give the same bits
        var dxRef = new float[g.InputSize];
        for (int o = 0; o < dy.Length; o++) dxRef[argRef[o]] += dy[o];
        foreach (var path in SupportedPaths())
            foreach (int threads in new[] { 1, 2 })
            {
                var y = Random(g.OutputSize, 3); var arg = new int[g.OutputSize]; var yNoArg = new float[g.OutputSize];
                var dx = Random(g.InputSize, 4);
                using (Use(path, threads))
                {
                    Pool2DKernels.MaxForward(g, x, y, arg);
                    Pool2DKernels.MaxForward(g, x, yNoArg, default);
                    Pool2DKernels.MaxBackward(g, dy, arg, dx);
                }
                Assert.Equal(argRef, arg);
                Assert.True(yRef.AsSpan().SequenceEqual(y), $"forward {path} threads={threads}");
                Assert.True(yRef.AsSpan().SequenceEqual(yNoArg), $"forward without argmax {path}");
                Assert.True(MemoryMarshal.Cast<float, int>(dxRef.AsSpan()).SequenceEqual(MemoryMarshal.Cast<float, int>(dx.AsSpan())), $"backward {path} threads={threads}");
                var dxScatter = Random(g.InputSize, 5);
                using (Use(path, threads))
                {
                    Pool2DKernels.ForceScatterBackward = true;
                    try { Pool2DKernels.MaxBackward(g, dy, arg, dxScatter); }
                    finally { Pool2DKernels.ForceScatterBackward = false; }
                }
                Assert.True(MemoryMarshal.Cast<float, int>(dxRef.AsSpan()).SequenceEqual(MemoryMarshal.Cast<float, int>(dxScatter.AsSpan())), $"scatter backward {path} threads={threads}");
            }
    }

    [Fact]
    public void RejectsMismatchedBuffers()
    {
        var g = Conv2DGeometry.Create(1, 4, 4, 2, 2, 2, 2, 2, 2, Padding.Valid);
        var ex = Assert.Throws<ArgumentException>(() => Pool2DKernels.MaxForward(g, new float[32], new float[7], default));
        Assert.Contains("y has 7 elements, expected 8", ex.Message);
        Assert.Throws<ArgumentException>(() => Pool2DKernels.MaxForward(Conv2DGeometry.Create(1, 4, 4, 2, 2, 2, 3, 2, 2, Padding.Valid), new float[32], new float[12], default));
    }
}
