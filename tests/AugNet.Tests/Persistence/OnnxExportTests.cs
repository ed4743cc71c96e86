using AugNet.NN;
using AugNet.NN.Kernels;
using AugNet.NN.Layers;
using AugNet.Persistence;

using static AugNet.Tests.Support.TestModels;

namespace AugNet.Tests.Persistence;

/// <summary>
/// ONNX export: every supported layer is checked by running the exported bytes in ONNX Runtime and comparing with
/// <see cref="Sequential.Predict(Tensor, int)"/> (batches of 3 and of 1, the latter proving the symbolic batch axis),
/// and the bytes are parsed back to check the model's declared structure.
/// </summary>
public class OnnxExportTests
{
    const float Tolerance = 1e-5f;

    static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        float max = 0;
        for (int i = 0; i < expected.Length; i++) max = Math.Max(max, Math.Abs(expected.Data[i] - actual.Data[i]));
        Assert.True(max <= Tolerance, $"max |Predict − ONNX Runtime| = {max:g3} > {Tolerance:g1}");
    }

    /// <summary>ONNX Runtime on the exported model matches Predict for a batch of 3 and a batch of 1.</summary>
    static void AssertMatchesPredict(Sequential model, uint seed, double low = -1, double high = 1, OnnxExportOptions? options = null)
    {
        byte[] bytes = OnnxExport.ToOnnxBytes(model, options);
        foreach (int n in new[] { 3, 1 })
        {
            var x = RandomBatch(n, model.InputShape!, seed + (uint)n, low, high);
            var expected = model.Predict(x).Clone();
            AssertClose(expected, OnnxRuntimeRunner.Run(bytes, x));
        }
    }

    [Fact]
    public void BookModel150MatchesPredict()
    {
        var model = ModelZoo.BookConvnet(150, seed: 3);
        RandomizeBiases(model, 4);
        AssertMatchesPredict(model, 10, 0, 1);
    }

    [Fact]
    public void BookModel32MatchesPredict()
    {
        var model = ModelZoo.BookConvnet(32);
        RandomizeBiases(model, 5);
        AssertMatchesPredict(model, 20, 0, 1);
    }

    [Fact]
    public void BatchNormAveragePoolSameStridedConvGlobalAverageSoftmaxMatchesPredict() =>
        AssertMatchesPredict(BatchNormAveragePoolModel(), 30);

    [Fact]
    public void RescalingFirstAndGlobalMaxPoolingMatchPredict() => AssertMatchesPredict(RescalingGlobalMaxModel(), 40, 0, 255);

    [Fact]
    public void DenseOnlyVectorModelWithBatchNormAndTanhMatchesPredictWithoutTransposes()
    {
        var model = new Sequential(8)
        {
            new Dense(16, activation: "tanh", inputShape: [10]),
            new BatchNormalization(epsilon: 0.01),
            new Dropout(0.3),
            new Dense(4, activation: "softmax"),
        };
        model.Compile("sgd", "categorical_crossentropy");
        RandomizeBatchNorm((BatchNormalization)model.Layers[1], 9);
        RandomizeBiases(model, 10);
        AssertMatchesPredict(model, 50);
        var summary = OnnxModelSummary.Parse(OnnxExport.ToOnnxBytes(model));
        Assert.DoesNotContain(summary.Nodes, n => n.OpType is "Transpose" or "Dropout");
        Assert.Equal(["N", "10"], summary.Inputs[0].Dims);
        Assert.Equal(["Gemm", "Tanh", "BatchNormalization", "Gemm", "Softmax"], summary.Nodes.Select(n => n.OpType));
    }

    [Fact]
    public void Conv2DWithSoftmaxIsSoftmaxOverChannelsAndOutputIsNhwc()
    {
        var model = new Sequential(11) { new Conv2D(4, 3, activation: "softmax", inputShape: [6, 7, 2]) };
        model.Build();
        RandomizeBiases(model, 12);
        AssertMatchesPredict(model, 60);
        var summary = OnnxModelSummary.Parse(OnnxExport.ToOnnxBytes(model));
        Assert.Equal(1L, summary.Nodes.Single(n => n.OpType == "Softmax").Attributes["axis"]);
        Assert.Equal(["N", "4", "5", "4"], summary.Outputs[0].Dims);
        Assert.Equal("Transpose", summary.Nodes[^1].OpType);
    }

    [Fact]
    public void DenseOnImageActsOnTheChannelAxisWithMatMulAndAdd()
    {
        var model = new Sequential(13)
        {
            new Conv2D(5, 3, activation: "relu", inputShape: [7, 7, 2]),
            new Dense(3, activation: "sigmoid"),
            new Activation("softmax"),
        };
        model.Build();
        RandomizeBiases(model, 14);
        AssertMatchesPredict(model, 70);
        var ops = OnnxModelSummary.Parse(OnnxExport.ToOnnxBytes(model)).Nodes.Select(n => n.OpType).ToList();
        Assert.Equal(["Transpose", "Conv", "Relu", "Transpose", "MatMul", "Add", "Sigmoid", "Softmax"], ops);
    }

    [Fact]
    public void BookModelDeclaresOpset13Ir7KerasNamesAndSymbolicBatch()
    {
        var model = ModelZoo.BookConvnet(150, seed: 3);
        byte[] bytes = OnnxExport.ToOnnxBytes(model);
        var s = OnnxModelSummary.Parse(bytes);
        Assert.Equal(7, s.IrVersion);
        Assert.Equal([("", 13L)], s.Opsets);
        Assert.Equal("AugNet", s.ProducerName);
        Assert.NotEmpty(s.ProducerVersion);
        Assert.Equal("sequential", s.GraphName);
        Assert.Equal("conv2d_input", Assert.Single(s.Inputs).Name);
        Assert.Equal(["N", "150", "150", "3"], s.Inputs[0].Dims);
        Assert.Equal(1, s.Inputs[0].ElementType);
        Assert.Equal("dense_1", Assert.Single(s.Outputs).Name);
        Assert.Equal(["N", "1"], s.Outputs[0].Dims);
        Assert.DoesNotContain(s.Nodes, n => n.OpType == "Dropout" || n.Name.StartsWith("dropout", StringComparison.Ordinal));
        // The loss-fused sigmoid is exported: the graph ends with it, renamed to the Keras output.
        Assert.Equal(("Sigmoid", "dense_1"), (s.Nodes[^1].OpType, s.Nodes[^1].Outputs[0]));
        var first = s.Nodes[0];
        Assert.Equal(("Transpose", "conv2d_input"), (first.OpType, first.Inputs[0]));
        Assert.Equal(new long[] { 0, 3, 1, 2 }, first.Attributes["perm"]);
        Assert.Equal(new long[] { 32, 3, 3, 3 }, s.Initializers["conv2d/kernel"]);
        Assert.Equal(new long[] { 6272, 512 }, s.Initializers["dense/kernel"]);
        Assert.Equal(new long[] { 2 }, s.Initializers["flatten/shape"]);
        var conv = s.Nodes.First(n => n.OpType == "Conv");
        Assert.Equal(new long[] { 0, 0, 0, 0 }, conv.Attributes["pads"]);
        var flattenTranspose = s.Nodes.Single(n => n.Name == "flatten/to_nhwc");
        Assert.Equal(new long[] { 0, 2, 3, 1 }, flattenTranspose.Attributes["perm"]);

        var meta = OnnxRuntimeRunner.Metadata(bytes);
        Assert.Equal("conv2d_input", meta.Name);
        Assert.Equal([-1, 150, 150, 3], meta.Dims);
        Assert.Equal("N", meta.Symbolic[0]);
        Assert.Equal("dense_1", meta.Output);
        Assert.Equal([-1, 1], meta.OutputDims);
    }

    [Fact]
    public void SamePaddingExportsTensorFlowsSplitAndBatchNormEpsilon()
    {
        var s = OnnxModelSummary.Parse(OnnxExport.ToOnnxBytes(BatchNormAveragePoolModel()));
        Assert.Equal(new long[] { 1, 1, 2, 2 }, s.Nodes.Single(n => n.OpType == "Conv").Attributes["pads"]);
        var pool = s.Nodes.Single(n => n.OpType == "AveragePool");
        Assert.Equal(new long[] { 0, 1, 1, 1 }, pool.Attributes["pads"]);
        Assert.Equal(0L, pool.Attributes["count_include_pad"]);
        Assert.Equal(1e-3f, s.Nodes.Single(n => n.OpType == "BatchNormalization").Attributes["epsilon"]);
        Assert.Equal(new long[] { 8 }, s.Initializers["batch_normalization/moving_variance"]);
    }

    [Fact]
    public void InputLayerNamesTheInputAndOptionsOverrideNamesAndOpset()
    {
        var model = new Sequential(1, name: "tiny") { new InputLayer([4], name: "features"), new Dense(2) };
        model.Build();
        var s = OnnxModelSummary.Parse(OnnxExport.ToOnnxBytes(model));
        Assert.Equal(("features", "dense", "tiny"), (s.Inputs[0].Name, s.Outputs[0].Name, s.GraphName));

        var options = new OnnxExportOptions { InputName = "x", BatchDimension = "batch", Opset = 17 };
        byte[] bytes = OnnxExport.ToOnnxBytes(model, options);
        s = OnnxModelSummary.Parse(bytes);
        Assert.Equal(("x", 8L, 17L), (s.Inputs[0].Name, s.IrVersion, s.Opsets.Single().Version));
        Assert.Equal(["batch", "4"], s.Inputs[0].Dims);
        Assert.Equal(["batch", "2"], s.Outputs[0].Dims);
        AssertMatchesPredict(model, 80, options: options);
    }

    [Fact]
    public void ChannelsFirstInputTakesNchwWithoutALeadingTranspose()
    {
        var model = BatchNormAveragePoolModel();
        byte[] bytes = OnnxExport.ToOnnxBytes(model, new OnnxExportOptions { ChannelsFirstInput = true });
        var s = OnnxModelSummary.Parse(bytes);
        Assert.Equal(["N", "3", "15", "17"], s.Inputs[0].Dims);
        Assert.Equal("Conv", s.Nodes[0].OpType);

        var x = RandomBatch(3, model.InputShape!, 90);
        var expected = model.Predict(x).Clone();
        var nchw = new Tensor(3, 3, 15, 17);
        for (int n = 0; n < 3; n++)
            for (int h = 0; h < 15; h++)
                for (int w = 0; w < 17; w++)
                    for (int c = 0; c < 3; c++)
                        nchw.Data[((n * 3 + c) * 15 + h) * 17 + w] = x.Data[((n * 15 + h) * 17 + w) * 3 + c];
        AssertClose(expected, OnnxRuntimeRunner.Run(bytes, nchw));
    }

    [Fact]
    public void ExportOnnxWritesTheFileThatOnnxRuntimeLoads()
    {
        var model = BatchNormAveragePoolModel();
        string dir = Directory.CreateTempSubdirectory("augnet-onnx-").FullName;
        try
        {
            string path = Path.Combine(dir, "model.onnx");
            model.ExportOnnx(path);
            byte[] bytes = File.ReadAllBytes(path);
            Assert.Equal(OnnxExport.ToOnnxBytes(model), bytes);
            var x = RandomBatch(2, model.InputShape!, 100);
            AssertClose(model.Predict(x).Clone(), OnnxRuntimeRunner.Run(bytes, x));
            Assert.Equal(["model.onnx"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void UnbuiltModelIsRefusedAndNoFileIsWritten()
    {
        var model = new Sequential { new Dense(3) };
        string dir = Directory.CreateTempSubdirectory("augnet-onnx-").FullName;
        try
        {
            string path = Path.Combine(dir, "model.onnx");
            var e = Assert.Throws<InvalidOperationException>(() => model.ExportOnnx(path));
            Assert.Contains("not built", e.Message);
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(22)]
    public void OpsetOutsideThirteenToTwentyOneIsRefused(int opset)
    {
        var model = new Sequential { new Dense(2, inputShape: [3]) };
        model.Build();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExport.ToOnnxBytes(model, new OnnxExportOptions { Opset = opset }));
        Assert.Contains("13 to 21", e.Message);
    }

    [Fact]
    public void ChannelsFirstInputOnVectorsAndBlankNamesAreRefused()
    {
        var model = new Sequential { new Dense(2, inputShape: [3]) };
        model.Build();
        Assert.Contains("ChannelsFirstInput", Assert.Throws<ArgumentException>(() => OnnxExport.ToOnnxBytes(model, new OnnxExportOptions { ChannelsFirstInput = true })).Message);
        Assert.Throws<ArgumentException>(() => OnnxExport.ToOnnxBytes(model, new OnnxExportOptions { BatchDimension = " " }));
        Assert.Throws<ArgumentException>(() => OnnxExport.ToOnnxBytes(model, new OnnxExportOptions { InputName = "" }));
        Assert.Throws<ArgumentException>(() => OnnxExport.ToOnnxBytes(model, new OnnxExportOptions { InputName = "dense" }));
    }

    /// <summary>A layer the exporter does not know.</summary>
    sealed class Doubling() : Layer(null, "doubling")
    {
        public override string TypeName => "Doubling";
        public override string NamePrefix => "doubling";
        protected override int[] OnBuild(int[] inputShape, NumpyRandom? random) => inputShape;
        public override Tensor Forward(Tensor input, bool training) => throw new NotImplementedException();
        public override Tensor? Backward(Tensor gradOutput) => throw new NotImplementedException();
    }

    [Fact]
    public void UnsupportedLayersAreRefusedByName()
    {
        var custom = new Sequential { new Dense(2, inputShape: [3]), new Doubling() };
        custom.Build();
        var e = Assert.Throws<NotSupportedException>(() => OnnxExport.ToOnnxBytes(custom));
        Assert.Contains("'doubling' (Doubling)", e.Message);

        // BatchNormalization over the last axis of a 3-D tensor has no single ONNX op (ONNX normalises axis 1).
        var sequence = new Sequential { new Dense(4, inputShape: [5, 3]), new BatchNormalization(name: "bn3d") };
        sequence.Build();
        Assert.Contains("'bn3d'", Assert.Throws<NotSupportedException>(() => OnnxExport.ToOnnxBytes(sequence)).Message);
    }
}
