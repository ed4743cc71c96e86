using AugNet.Imaging;
using AugNet.NN;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>predict --npy</c>: the model's raw outputs for an array batch, for scripts that prepare their own inputs
/// (any input rank the model takes). Every refusal names the file, since a script may pass several.
/// </summary>
internal static class NpyPrediction
{
    public static void Run(string modelPath, string npyPath, string outPath, int batchSize)
    {
        var model = ModelInput.LoadModel(modelPath);
        var input = model.InputShape ?? throw new ArgumentException($"{modelPath}: the model's input shape is unknown.");
        var array = NpyArray.Load(npyPath); // its format errors already start with the path
        var x = ToBatch(array, input, npyPath);
        var y = model.Predict(x, batchSize);
        string? folder = Path.GetDirectoryName(outPath);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        NpyArray.FromTensor(y).Save(outPath);
        Console.WriteLine($"predictions: {outPath} {Tensor.FormatShape(y.Shape)} from {npyPath} {Tensor.FormatShape(array.Shape)}");
    }

    /// <summary>
    /// The array as a float32 batch (N, *input): (N, *input) as is, exactly the input shape as one sample. Refuses
    /// other shapes with both shapes named, and NaN/∞ with the first one's index (they would reach every output silently).
    /// </summary>
    internal static Tensor ToBatch(NpyArray array, int[] input, string npyPath)
    {
        int[] shape = array.Shape;
        int[] batchShape;
        if (shape.AsSpan().SequenceEqual(input)) batchShape = [1, .. input];
        else if (shape.Length == input.Length + 1 && shape.AsSpan(1).SequenceEqual(input) && shape[0] > 0) batchShape = shape;
        else
            throw new ArgumentException($"{npyPath}: shape {Tensor.FormatShape(shape)} does not fit the model's input {ShapeText.Batch(input)}; "
                + $"expected (N, {string.Join(", ", input)}) or {Tensor.FormatShape(input)} for one sample.");
        float[] data = array.ToSingle();
        for (int i = 0; i < data.Length; i++)
            if (!float.IsFinite(data[i]))
                throw new InvalidDataException($"{npyPath}: {(float.IsNaN(data[i]) ? "NaN" : "infinite value")} at index {Tensor.FormatShape(Unravel(i, shape))}; "
                    + "predict refuses non-finite inputs.");
        return new Tensor(data, batchShape);
    }

    /// <summary>NumPy's <c>unravel_index</c> for C order.</summary>
    static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
