namespace AugNet.Data;

/// <summary>
/// Keras's <c>class_mode</c>: how the file iterators shape their targets (spec §11.2). Directories accept
/// <see cref="Categorical"/>, <see cref="Binary"/>, <see cref="Sparse"/>, <see cref="Input"/> and <see cref="None"/>;
/// data frames accept all seven.
/// </summary>
public enum ClassMode
{
    /// <summary>One-hot (or multi-hot for list labels) float rows of length num_classes.</summary>
    Categorical,
    /// <summary>The class index (0 or 1) as a float; Keras does not check that there are exactly two classes for directories.</summary>
    Binary,
    /// <summary>The class index as a float.</summary>
    Sparse,
    /// <summary>The target is a copy of the input batch (autoencoders).</summary>
    Input,
    /// <summary>Data frames only: the y column's numeric values as they are (one column → (N,), several → (N, k)).</summary>
    Raw,
    /// <summary>Data frames only: one target array per y column.</summary>
    MultiOutput,
    /// <summary>No targets: batches carry images only (Keras's <c>class_mode=None</c>).</summary>
    None,
}

/// <summary>Keras spellings of <see cref="ClassMode"/>, for messages and parsing.</summary>
public static class ClassModeNames
{
    /// <summary>The Keras name ('categorical', 'multi_output', ... and 'None').</summary>
    public static string ToKeras(this ClassMode mode) => mode switch
    {
        ClassMode.Categorical => "categorical",
        ClassMode.Binary => "binary",
        ClassMode.Sparse => "sparse",
        ClassMode.Input => "input",
        ClassMode.Raw => "raw",
        ClassMode.MultiOutput => "multi_output",
        _ => "None",
    };

    /// <summary>Parses a Keras class_mode name (null or "None" → <see cref="ClassMode.None"/>; "other" → raw, as Keras's deprecated alias).</summary>
    public static ClassMode Parse(string? name) => name switch
    {
        null or "None" => ClassMode.None,
        "categorical" => ClassMode.Categorical,
        "binary" => ClassMode.Binary,
        "sparse" => ClassMode.Sparse,
        "input" => ClassMode.Input,
        "raw" or "other" => ClassMode.Raw,
        "multi_output" => ClassMode.MultiOutput,
        _ => throw new ArgumentException(
            $"Invalid class_mode: {name}; expected one of: {{'categorical', 'binary', 'sparse', 'input', 'raw', 'multi_output', None}}", nameof(name)),
    };
}
