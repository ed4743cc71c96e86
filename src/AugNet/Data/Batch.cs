namespace AugNet.Data;

/// <summary>
/// One batch: inputs, targets shaped as Keras shapes them (null for class_mode None), optional sample weights.
/// <paramref name="MiscInputs"/> holds <c>flow</c>'s extra inputs of the tuple form (x, misc) — Keras's
/// [batch_x, misc_1[J], …] is (X, MiscInputs...). <paramref name="Outputs"/> holds the per-column targets of
/// class_mode multi_output (then <paramref name="Y"/> is the first of them).
/// </summary>
public sealed record Batch(Tensor X, Tensor? Y, Tensor? SampleWeight = null,
    IReadOnlyList<Tensor>? MiscInputs = null, IReadOnlyList<Tensor>? Outputs = null);
