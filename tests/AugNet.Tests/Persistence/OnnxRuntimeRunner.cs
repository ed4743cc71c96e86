using AugNet.NN;
using Microsoft.ML.OnnxRuntime;

namespace AugNet.Tests.Persistence;

/// <summary>Runs exported ONNX bytes in ONNX Runtime: the reference the exporter's graphs are judged by.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>The model's single output for <paramref name="x"/> (fed as laid out in x), as a Tensor.</summary>
    public static Tensor Run(byte[] model, Tensor x)
    {
        using var session = new InferenceSession(model);
        using var input = OrtValue.CreateTensorValueFromMemory(x.Data, [.. x.Shape.Select(d => (long)d)]);
        using var options = new RunOptions();
        using var outputs = session.Run(options, [session.InputNames[0]], [input], session.OutputNames);
        var output = outputs[0];
        int[] shape = [.. output.GetTensorTypeAndShape().Shape.Select(d => (int)d)];
        return new Tensor(output.GetTensorDataAsSpan<float>().ToArray(), shape);
    }

    /// <summary>Input and output metadata as ONNX Runtime reads them (symbolic dims show as -1).</summary>
    public static (string Name, int[] Dims, string[] Symbolic, string Output, int[] OutputDims) Metadata(byte[] model)
    {
        using var session = new InferenceSession(model);
        var (name, meta) = session.InputMetadata.Single();
        var (outName, outMeta) = session.OutputMetadata.Single();
        return (name, meta.Dimensions, meta.SymbolicDimensions, outName, outMeta.Dimensions);
    }
}
