using AugNet.NN;
using AugNet.NN.Kernels;
using static AugNet.Tests.NN.Kernels.KernelTestData;

namespace AugNet.Tests.NN.Kernels;

public class Conv2DKernelsTests
{
    // (n, h, w, cin, kh, kw, cout, stride, padding)
    public static TheoryData<int, int, int, int, int, int, int, int, Padding> Cases() => new()
    {
        { 2, 9, 7, 3, 3, 3, 5, 1, Padding.Valid },
        { 2, 9, 7, 3, 3, 3, 5, 1, Padding.Same },
        { 3, 11, 10, 1, 3, 3, 4, 2, Padding.Valid },
        { 3, 11, 10, 1, 3, 3, 4, 2, Padding.Same },
        { 1, 8, 8, 3, 2, 2, 33, 2, Padding.Same },
        { 2, 13, 6, 7, 5, 3, 17, 1, Padding.Same },
        { 2, 10, 9, 32, 3, 3, 40, 1, Padding.Valid },
        { 9, 6, 5, 3, 3, 3, 2, 1, Padding.Valid },
        { 1, 1, 1, 3, 3, 3, 2, 1, Padding.Same },
        { 2, 50, 50, 3, 3, 3, 4, 1, Padding.Valid },
        { 3, 30, 30, 32, 3, 3, 8, 1, Padding.Same },
        { 2, 7, 7, 4, 1, 1, 5, 2, Padding.Valid },
        { 1, 9, 9, 2, 3, 3, 3, 3, Padding.Same },
        { 2, 6, 6, 3, 2, 2, 9, 4, Padding.Valid },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardAndBackwardMatchReferenceOnEveryPath(int n, int h, int w, int cin, int kh, int kw, int cout, int stride, Padding padding)
    {
        var g = Conv2DGeometry.Create(n, h, w, cin, kh, kw, cout, stride, stride, padding);
        var x = Random(g.InputSize, 1); var wt = Random(g.KernelSize, 2); var dy = Random(g.OutputSize, 3);
        var yRef = new float[g.OutputSize]; var dxRef = new float[g.InputSize]; var dwRef = new float[g.KernelSize];
        Conv2DKernels.ReferenceForward(g, x, wt, yRef);
        Conv2DKernels.ReferenceBackwardData(g, dy, wt, dxRef);
        Conv2DKernels.ReferenceBackwardFilter(g, x, dy, dwRef);
        foreach (var path in SupportedPaths())
            foreach (int threads in new[] { 1, 2 })
            {
                // Garbage in the outputs proves the kernels overwrite them.
                var y = Random(g.OutputSize, 7); var dx = Random(g.InputSize, 8); var dw = Random(g.KernelSize, 9);
                using (Use(path, threads))
                {
                    Conv2DKernels.Forward(g, x, wt, y);
                    Conv2DKernels.BackwardData(g, dy, wt, dx);
                    Conv2DKernels.BackwardFilter(g, x, dy, dw);
                }
                string what = $"{path} threads={threads}";
                AssertClose(yRef, y, 1e-4f, 1e-4f, "forward " + what);
                AssertClose(dxRef, dx, 1e-4f, 1e-4f, "backward data " + what);
                AssertClose(dwRef, dw, 1e-3f, 1e-4f, "backward filter " + what);

                // The im2col-into-packed-panels strategy must give the very same bits.
                var yPacked = new float[g.OutputSize]; var dwPacked = new float[g.KernelSize];
                using (Use(path, threads))
                {
                    Conv2DKernels.ForcePackedForward = true;
                    try
                    {
                        Conv2DKernels.Forward(g, x, wt, yPacked);
                        Conv2DKernels.BackwardFilter(g, x, dy, dwPacked);
                    }
                    finally { Conv2DKernels.ForcePackedForward = false; }
                }
                Assert.True(y.AsSpan().SequenceEqual(yPacked), "packed forward differs " + what);
                Assert.True(dw.AsSpan().SequenceEqual(dwPacked), "packed filter gradient differs " + what);
            }
    }

    [Fact]
    public void FusedBiasAndActivationEqualSeparateSteps()
    {
        var g = Conv2DGeometry.Create(2, 12, 11, 3, 3, 3, 6, 1, 1, Padding.Same);
        var x = Random(g.InputSize, 1); var wt = Random(g.KernelSize, 2); var bias = Random(6, 3);
        foreach (var act in new[] { ActivationFunction.Linear, ActivationFunction.Relu, ActivationFunction.Sigmoid, ActivationFunction.Tanh })
        {
            var expected = new float[g.OutputSize];
            Conv2DKernels.Forward(g, x, wt, expected);
            BiasActivation.Forward(expected, bias, 6, act);
            var fused = new float[g.OutputSize];
            Conv2DKernels.Forward(g, x, wt, bias, act, fused);
            Assert.True(expected.AsSpan().SequenceEqual(fused), act.ToString());
        }
    }

    [Fact]
    public void ResultsAreBitIdenticalForEveryThreadCount()
    {
        var g = Conv2DGeometry.Create(11, 20, 19, 8, 3, 3, 24, 1, 1, Padding.Same);
        var x = Random(g.InputSize, 1); var wt = Random(g.KernelSize, 2); var dy = Random(g.OutputSize, 3);
        (float[] y, float[] dx, float[] dw)? first = null;
        foreach (int threads in new[] { 1, 2, 3, 4 })
        {
            var y = new float[g.OutputSize]; var dx = new float[g.InputSize]; var dw = new float[g.KernelSize];
            using (Use(SimdPaths.Best, threads))
            {
                Conv2DKernels.Forward(g, x, wt, y);
                Conv2DKernels.BackwardData(g, dy, wt, dx);
                Conv2DKernels.BackwardFilter(g, x, dy, dw);
            }
            if (first is { } f)
            {
                Assert.True(f.y.AsSpan().SequenceEqual(y), $"forward, threads={threads}");
                Assert.True(f.dx.AsSpan().SequenceEqual(dx), $"backward data, threads={threads}");
                Assert.True(f.dw.AsSpan().SequenceEqual(dw), $"backward filter, threads={threads}");
            }
            else first = (y, dx, dw);
        }
    }

    [Fact]
    public void EmptyBatchLeavesOutputsAndClearsTheFilterGradient()
    {
        var g = Conv2DGeometry.Create(0, 5, 5, 3, 3, 3, 4, 1, 1, Padding.Valid);
        var dw = new float[g.KernelSize]; Array.Fill(dw, 1f);
        Conv2DKernels.Forward(g, [], new float[g.KernelSize], []);
        Conv2DKernels.BackwardData(g, [], new float[g.KernelSize], []);
        Conv2DKernels.BackwardFilter(g, [], [], dw);
        Assert.All(dw, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void RejectsWrongBufferSizes()
    {
        var g = Conv2DGeometry.Create(1, 5, 5, 3, 3, 3, 4, 1, 1, Padding.Valid);
        var ex = Assert.Throws<ArgumentException>(() => Conv2DKernels.Forward(g, new float[g.InputSize - 1], new float[g.KernelSize], new float[g.OutputSize]));
        Assert.Contains("x has 74 elements, expected 75", ex.Message);
    }
}
