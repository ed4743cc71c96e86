namespace AugNet.NN;

/// <summary>
/// One weight tensor of a layer (a Keras variable) with its gradient buffer, filled by the layer's
/// <see cref="Layer.Backward"/>. Non-trainable parameters (BatchNormalization's moving statistics) are updated by the
/// layer itself and never by the optimiser.
/// </summary>
public sealed class Parameter
{
    internal Parameter(string name, int[] shape, bool trainable)
    {
        Name = name;
        Value = new Tensor(shape);
        Gradient = new Tensor(trainable ? shape : [0]);
        Trainable = trainable;
    }

    /// <summary>Keras's variable name within the layer: "kernel", "bias", "gamma", "moving_mean", ...</summary>
    public string Name { get; }
    public Tensor Value { get; }
    /// <summary>dLoss/dValue of the last backward pass (empty for non-trainable parameters).</summary>
    public Tensor Gradient { get; }
    public bool Trainable { get; }
    public int Count => Value.Length;
}
