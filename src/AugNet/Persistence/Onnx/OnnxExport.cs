using AugNet.NN;
using AugNet.Persistence.Onnx;

namespace AugNet.Persistence;

/// <summary>
/// Writes a trained <see cref="Sequential"/> as an ONNX model, so it can run outside .NET training code: ONNX
/// Runtime, TensorRT, OpenVINO, or onnx2tf back to TensorFlow. The graph takes a float32 batch in Keras's layout
/// (NHWC images, unless <see cref="OnnxExportOptions.ChannelsFirstInput"/>) with a symbolic batch axis, and returns
/// what <see cref="Sequential.Predict(Tensor, int)"/> returns, including an output activation that the model fuses
/// with its loss. Supported layers: InputLayer, Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D,
/// GlobalMaxPooling2D, Flatten, Dense, Dropout (left out), BatchNormalization (2-D or 4-D input), Activation,
/// Rescaling, the random augmentation layers (left out: the identity at inference), and Resizing, CenterCrop and
/// RandomCrop as Slice + Resize (their inference paths; see <c>ResizeLayerOnnx</c>); any other layer is refused with
/// <see cref="NotSupportedException"/> naming it.
/// </summary>
/// <example><code>model.ExportOnnx("cats_and_dogs.onnx");</code></example>
public static class OnnxExport
{
    /// <summary>Writes the model to <paramref name="path"/> atomically: a failed export leaves no partial file.</summary>
    public static void ExportOnnx(this Sequential model, string path, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Translate before touching the file system, so a refused model creates nothing.
        byte[] bytes = ToOnnxBytes(model, options);
        AtomicFile.Write(path, stream => stream.Write(bytes), "ONNX model");
    }

    /// <summary>The serialised ONNX ModelProto, e.g. for <c>new InferenceSession(bytes)</c>.</summary>
    public static byte[] ToOnnxBytes(Sequential model, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new OnnxExportOptions();
        if (!model.IsBuilt)
            throw new InvalidOperationException($"Model '{model.Name}' is not built, so its shapes are unknown: declare an input shape, call Build, or run it once before exporting to ONNX.");
        Validate(model, options);
        string version = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";
        return OnnxProtoWriter.ToBytes(SequentialOnnxTranslator.Translate(model, options, version));
    }

    static void Validate(Sequential model, OnnxExportOptions options)
    {
        if (options.Opset is < OnnxVersions.MinOpset or > OnnxVersions.MaxOpset)
            throw new ArgumentOutOfRangeException(nameof(options), options.Opset,
                $"ONNX export supports opsets {OnnxVersions.MinOpset} to {OnnxVersions.MaxOpset}, not {options.Opset}.");
        if (string.IsNullOrWhiteSpace(options.BatchDimension))
            throw new ArgumentException("OnnxExportOptions.BatchDimension must name the batch axis.", nameof(options));
        if (options.InputName is { } input && string.IsNullOrWhiteSpace(input))
            throw new ArgumentException("OnnxExportOptions.InputName must not be blank (leave it null for Keras's name).", nameof(options));
        if (options.ChannelsFirstInput && model.InputShape!.Length != 3)
            throw new ArgumentException($"ChannelsFirstInput needs image input (height, width, channels) but model '{model.Name}' takes {ShapeText.Batch(model.InputShape)}.", nameof(options));
        string inputName = options.InputName ?? SequentialOnnxTranslator.KerasInputName(model);
        if (inputName == model.Layers[^1].Name)
            throw new ArgumentException($"The ONNX input and output would both be named '{inputName}'; set OnnxExportOptions.InputName.", nameof(options));
    }
}
