namespace AugNet.Data;

/// <summary>
/// Which columns of the table <c>flow_from_dataframe</c> reads, with Keras's defaults: file names in <see cref="XCol"/>,
/// labels in <see cref="YCol"/> (or several in <see cref="YCols"/>), sample weights in <see cref="WeightCol"/>. Named
/// properties because the column names are all strings and swapped positional ones would still compile.
/// </summary>
public sealed record DataFrameColumns
{
    readonly string _xCol = "filename";

    /// <summary>All defaults: "filename" and "class".</summary>
    public static DataFrameColumns Default { get; } = new();

    /// <summary><c>x_col</c>: the column of file names (strings).</summary>
    public string XCol
    {
        get => _xCol;
        init { ArgumentNullException.ThrowIfNull(value, "xCol"); _xCol = value; }
    }

    /// <summary><c>y_col</c> given as one name: the label column; null = none (input and None class modes).</summary>
    public string? YCol { get; init; } = "class";

    /// <summary><c>y_col</c> given as a list (for raw and multi_output); overrides <see cref="YCol"/> when set.</summary>
    public IReadOnlyList<string>? YCols { get; init; }

    /// <summary><c>weight_col</c>: a numeric column of sample weights, or null.</summary>
    public string? WeightCol { get; init; }

    /// <summary>The label columns Keras's y_col names: the list, or the one column, or null.</summary>
    internal IReadOnlyList<string>? LabelColumns => YCols ?? (YCol == null ? null : [YCol]);

    /// <summary>Whether y_col was a list, which Keras's checks distinguish from a single name.</summary>
    internal bool LabelsAreList => YCols != null;
}
