using AugNet.NN;
using AugNet.NN.Kernels;
using AugNet.Tests.Support;
using static AugNet.Tests.NN.Kernels.KernelTestData;

namespace AugNet.Tests.NN.Kernels;

public class SteadyStateAllocationTests
{
    [Fact]
    public void RepeatedCallsAllocateOnlySmallBookkeepingObjects()
    {
        // Scratch (im2col, packed panels, partial sums) is pooled: after a warm-up call, a call allocates at most its
        // small work-item/closure objects, never buffers proportional to the problem.
        var g = Conv2DGeometry.Create(4, 40, 40, 16, 3, 3, 32, 1, 1, Padding.Same);
        var x = Random(g.InputSize, 1); var w = Random(g.KernelSize, 2); var dy = Random(g.OutputSize, 3);
        var y = new float[g.OutputSize]; var dx = new float[g.InputSize]; var dw = new float[g.KernelSize]; var db = new float[32];
        var a = Random(300 * 200, 4); var b = Random(200 * 100, 5); var c = new float[300 * 100];
        using (Use(SimdPaths.Best, 1))
        {
            void Step()
            {
                Conv2DKernels.Forward(g, x, w, db, ActivationFunction.Relu, y);
                Conv2DKernels.BackwardData(g, dy, w, dx);
                Conv2DKernels.BackwardFilter(g, x, dy, dw);
                BiasActivation.Backward(dy, y, ActivationFunction.Relu);
                BiasActivation.BiasGradient(dy, 32, db);
                Gemm.Multiply(false, true, 300, 100, 200, a, 200, b, 200, c, 100);
            }
            long perStep = AllocationProbe.MinBytesPerStep(Step, steps: 5);
            Assert.True(perStep < 1024, $"a step allocated {perStep} bytes");
        }
    }

    [Fact]
    public void LargeLayersReuseTheirPooledBuffersToo()
    {
        // The book model's last conv layer: packed kernel (Cout 128), filter-gradient partials (8 × 147,456 floats).
        var g = Conv2DGeometry.Create(8, 17, 17, 128, 3, 3, 128, 1, 1, Padding.Valid);
        var x = Random(g.InputSize, 1); var w = Random(g.KernelSize, 2); var dy = Random(g.OutputSize, 3);
        var y = new float[g.OutputSize]; var dx = new float[g.InputSize]; var dw = new float[g.KernelSize];
        using (Use(SimdPaths.Best, 1))
        {
            void Step()
            {
                Conv2DKernels.Forward(g, x, w, y);
                Conv2DKernels.BackwardData(g, dy, w, dx);
                Conv2DKernels.BackwardFilter(g, x, dy, dw);
            }
            long perStep = AllocationProbe.MinBytesPerStep(Step, steps: 3);
            Assert.True(perStep < 1024, $"a step allocated {perStep} bytes");
        }
    }
}
