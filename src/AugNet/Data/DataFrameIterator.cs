using System.Data;
using AugNet.Augmentation;

namespace AugNet.Data;

/// <summary>
/// Keras's <c>DataFrameIterator</c> (spec §10), made by <see cref="ImageDataGeneratorFlows.FlowFromDataFrame"/>: file names and
/// labels from a table (a <see cref="DataTable"/>; <see cref="DataFrameCsv"/> reads a CSV file as pandas would).
/// Cells: strings; <see cref="DBNull"/>, null or NaN for pandas's NaN; numbers; bools (raw/multi_output targets only,
/// as 1/0: Keras's string checks reject them as labels, and a bool weight column is not numeric); and, for multi-label
/// categorical rows, a list of strings (any <c>IEnumerable&lt;string&gt;</c> that is not a string; a CSV cannot give
/// one, see <see cref="DataFrameCsv"/>). Rows keep the table's order; a subset
/// takes its share of the (filtered) rows globally, validation first.
/// </summary>
public sealed class DataFrameIterator : FileImageIterator
{
    /// <summary>Checks and filters the table with Keras's rules and messages, then prints "Found N ... image filenames ...".</summary>
    /// <remarks>
    /// <para><c>dataframe</c>: The table (not modified).</para>
    /// <para><c>directory</c>: Prefix of the file names; null = the names are paths (absolute, or relative to the working folder).</para>
    /// <para><c>columns</c>: x_col, y_col (one name, or a list for raw and multi_output) and weight_col; Keras's defaults when null.</para>
    /// <para><c>options</c>: Keras's defaults when null. Classes: class names in index order (deduplicated, kept as given);
    /// null = the sorted labels. Keep aspect ratio: Keras's flow_from_dataframe never passes it on; the iterator supports it.</para>
    /// <para><c>validateFilenames</c>: Drop rows whose file is missing or not whitelisted, with a warning.</para>
    /// </remarks>
    public DataFrameIterator(DataTable dataframe, ImageDataGenerator? generator, string? directory = null, DataFrameColumns? columns = null,
        FileIteratorOptions? options = null, bool validateFilenames = true, PipelineOptions? pipeline = null)
        : base(DataFrameListing.List(dataframe, generator, directory, columns ?? DataFrameColumns.Default, options ?? FileIteratorOptions.Default,
                validateFilenames, (pipeline ?? PipelineOptions.Default).Writer),
            generator, options ?? FileIteratorOptions.Default, pipeline)
    {
        Directory = directory;
        Columns = columns ?? DataFrameColumns.Default;
        ValidatedFilenames = validateFilenames;
    }

    /// <summary>The directory prefix, or null.</summary>
    public string? Directory { get; }

    /// <summary>The columns the file names, labels and weights were read from.</summary>
    public DataFrameColumns Columns { get; }

    public string XCol => Columns.XCol;
    public bool ValidatedFilenames { get; }
}
