using AugNet.NN;
using AugNet.NN.Layers;
using AugNet.NN.Layers.Preprocessing;
using AugNet.Persistence;
using Xunit.Abstractions;

using static AugNet.Tests.Support.TestModels;

namespace AugNet.Tests.Persistence;

/// <summary>
/// ONNX export of Resizing, CenterCrop and RandomCrop: ONNX Runtime on the exported Slice/Resize graph must give what
/// <see cref="Sequential.Predict(Tensor, int)"/> gives, for each interpolation, upscaling and downscaling, odd and
/// even sizes (where half-pixel rounding ties show up), at opset 13 and 17, and with NCHW input.
/// </summary>
public class OnnxResizeLayerTests(ITestOutputHelper output)
{
    const float Tolerance = 1e-5f;

    /// <summary>Batches of 3 and 1 in [0, 1) (the usual image range after Rescaling); returns the largest difference seen.</summary>
    float AssertMatchesPredict(Sequential model, uint seed, int opset = 13)
    {
        byte[] bytes = OnnxExport.ToOnnxBytes(model, new OnnxExportOptions { Opset = opset });
        float max = 0;
        foreach (int n in new[] { 3, 1 })
        {
            var x = RandomBatch(n, model.InputShape!, seed + (uint)n, 0, 1);
            var expected = model.Predict(x).Clone();
            var actual = OnnxRuntimeRunner.Run(bytes, x);
            Assert.Equal(expected.Shape, actual.Shape);
            for (int i = 0; i < expected.Length; i++) max = Math.Max(max, Math.Abs(expected.Data[i] - actual.Data[i]));
        }
        output.WriteLine($"{model.Layers[0].TypeName} {string.Join('x', model.InputShape!)} -> {string.Join('x', model.OutputShape!)}, opset {opset}: max |Predict - ORT| = {max:g3}");
        Assert.True(max <= Tolerance, $"max |Predict − ONNX Runtime| = {max:g3} > {Tolerance:g1}");
        return max;
    }

    static Sequential Single(ImagePreprocessingLayer layer)
    {
        var model = new Sequential(1) { layer };
        model.Build();
        return model;
    }

    public static TheoryData<int, int, int, int, string, bool, int> ResizingCases()
    {
        var data = new TheoryData<int, int, int, int, string, bool, int>();
        foreach (int opset in new[] { 13, 17 })
            foreach (string interpolation in new[] { "bilinear", "nearest" })
            {
                data.Add(5, 7, 9, 11, interpolation, false, opset);    // up, odd sizes
                data.Add(4, 6, 12, 18, interpolation, false, opset);   // up by 3 exactly
                data.Add(12, 10, 5, 4, interpolation, false, opset);   // down, non-integer ratios
                data.Add(12, 18, 6, 6, interpolation, false, opset);   // down by 2 and 3 (ties at half pixels)
                data.Add(7, 9, 13, 3, interpolation, false, opset);    // up on one axis, down on the other
                data.Add(10, 16, 6, 6, interpolation, true, opset);    // crop_to_aspect_ratio, then down
                data.Add(9, 4, 5, 7, interpolation, true, opset);      // crop_to_aspect_ratio, then up
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(ResizingCases))]
    public void ResizingMatchesPredict(int h, int w, int th, int tw, string interpolation, bool crop, int opset) =>
        AssertMatchesPredict(Single(new Resizing(th, tw, interpolation, crop, inputShape: [h, w, 3])), (uint)(h * 100 + th), opset);

    /// <summary>Every size pair from 1 to 9 on each axis, so float32 ties in the index arithmetic cannot hide.</summary>
    [Theory]
    [InlineData("bilinear")]
    [InlineData("nearest")]
    public void ResizingMatchesPredictForAllSmallSizePairs(string interpolation)
    {
        float worst = 0;
        for (int size = 1; size <= 9; size++)
            for (int target = 1; target <= 9; target++)
            {
                var model = Single(new Resizing(target, 10 - target, interpolation, inputShape: [size, 10 - size, 1]));
                var x = RandomBatch(1, model.InputShape!, (uint)(size * 10 + target), 0, 1);
                var expected = model.Predict(x).Clone();
                var actual = OnnxRuntimeRunner.Run(OnnxExport.ToOnnxBytes(model), x);
                Assert.Equal(expected.Shape, actual.Shape);
                for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected.Data[i] - actual.Data[i]));
            }
        output.WriteLine($"{interpolation}, sizes 1-9: max |Predict - ORT| = {worst:g3}");
        Assert.True(worst <= Tolerance, $"max |Predict − ONNX Runtime| = {worst:g3}");
    }

    [Theory]
    [InlineData(12, 14, 8, 9, 13)]   // smaller: a slice
    [InlineData(12, 14, 8, 9, 17)]
    [InlineData(6, 5, 8, 8, 13)]     // larger on both axes: smart_resize
    [InlineData(10, 6, 8, 8, 17)]    // larger on one axis only: smart_resize
    [InlineData(7, 7, 7, 7, 13)]     // the same size: nothing to do
    public void CenterCropMatchesPredict(int h, int w, int th, int tw, int opset) =>
        AssertMatchesPredict(Single(new CenterCrop(th, tw, inputShape: [h, w, 2])), (uint)(h * 10 + tw), opset);

    [Theory]
    [InlineData(12, 14, 8, 9, 13)]   // larger input: inference still smart-resizes (AugNet's documented fallback)
    [InlineData(12, 14, 8, 9, 17)]
    [InlineData(5, 6, 8, 8, 13)]     // smaller input
    [InlineData(8, 8, 8, 8, 17)]
    public void RandomCropCentreCropsAsPredictDoes(int h, int w, int th, int tw, int opset) =>
        AssertMatchesPredict(Single(new RandomCrop(th, tw, seed: 5, inputShape: [h, w, 3])), (uint)(h * 10 + tw), opset);

    [Fact]
    public void ResizingInFrontOfAConvnetWithAugmentationMatchesPredict()
    {
        var model = new Sequential(2)
        {
            new Resizing(20, 24, inputShape: [31, 37, 3]),
            new RandomFlip("horizontal", seed: 1),
            new CenterCrop(16, 16),
            new Rescaling(1.0 / 255),
            new Conv2D(4, 3, activation: "relu"),
            new MaxPooling2D(2),
            new Flatten(),
            new Dense(2, activation: "softmax"),
        };
        model.Build();
        RandomizeBiases(model, 3);
        AssertMatchesPredict(model, 7);
        AssertMatchesPredict(model, 8, opset: 17);
        var ops = OnnxModelSummary.Parse(OnnxExport.ToOnnxBytes(model)).Nodes.Select(n => n.OpType).ToList();
        Assert.Equal(["Shape", "Slice", "Concat", "Resize", "Slice", "Mul", "Transpose", "Conv", "Relu", "MaxPool", "Transpose", "Reshape", "Gemm", "Softmax"], ops);
    }

    [Fact]
    public void ChannelsFirstInputResizesAndCropsTheNchwAxes()
    {
        var model = Single(new Resizing(6, 8, "bilinear", cropToAspectRatio: true, inputShape: [9, 7, 3]));
        byte[] bytes = OnnxExport.ToOnnxBytes(model, new OnnxExportOptions { ChannelsFirstInput = true });
        var x = RandomBatch(2, model.InputShape!, 11, 0, 1);
        var expected = model.Predict(x).Clone();
        var nchw = new Tensor(2, 3, 9, 7);
        for (int n = 0; n < 2; n++)
            for (int h = 0; h < 9; h++)
                for (int w = 0; w < 7; w++)
                    for (int c = 0; c < 3; c++)
                        nchw.Data[((n * 3 + c) * 9 + h) * 7 + w] = x.Data[((n * 9 + h) * 7 + w) * 3 + c];
        var actual = OnnxRuntimeRunner.Run(bytes, nchw);
        Assert.Equal(expected.Shape, actual.Shape);  // the output goes back to Keras's NHWC
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected.Data[i] - actual.Data[i]) <= Tolerance);
        var slice = OnnxModelSummary.Parse(bytes).Nodes.First(n => n.OpType == "Slice");
        Assert.Equal("resizing/Slice", slice.Name);
    }

    [Theory]
    [InlineData("bilinear", "linear", null)]
    [InlineData("nearest", "nearest", "round_prefer_ceil")]
    public void ResizeNodeUsesHalfPixelWithoutAntialias(string interpolation, string mode, string? nearestMode)
    {
        var model = Single(new Resizing(4, 5, interpolation, inputShape: [8, 9, 1]));
        var resize = OnnxModelSummary.Parse(OnnxExport.ToOnnxBytes(model, new OnnxExportOptions { Opset = 18 })).Nodes.Single(n => n.OpType == "Resize");
        Assert.Equal(mode, resize.Attributes["mode"]);
        Assert.Equal("half_pixel", resize.Attributes["coordinate_transformation_mode"]);
        if (nearestMode is null) Assert.False(resize.Attributes.ContainsKey("nearest_mode"));
        else Assert.Equal(nearestMode, resize.Attributes["nearest_mode"]);
        // antialias (opset 18+) is left at its default, 0: AugNet, like jax.image.resize(antialias=False), does not widen the kernel.
        Assert.False(resize.Attributes.ContainsKey("antialias"));
        Assert.Equal(["resizing_input", "", "", "resizing/sizes"], resize.Inputs);
    }
}
