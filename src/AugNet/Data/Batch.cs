namespace AugNet.Data;

/// <summary>One batch: inputs, targets shaped as Keras shapes them (null for class_mode None), optional sample weights.</summary>
public sealed record Batch(Tensor X, Tensor? Y, Tensor? SampleWeight = null);
