using System.Data;
using System.Globalization;
using CsvHelper;

namespace AugNet.Data;

/// <summary>
/// Reads a CSV file into a <see cref="DataTable"/> typed the way pandas's <c>read_csv</c> (default options, pandas 1.5.3
/// as in spec §0.2) types it, so <c>FlowFromCsv</c> behaves as Keras's <c>flow_from_dataframe(pd.read_csv(path))</c>.
/// </summary>
/// <remarks>
/// <para><b>Missing values.</b> An empty cell, a missing trailing field, or one of pandas's default <c>na_values</c>
/// spellings (<see cref="NaSpellings"/>: "NA", "N/A", "NaN", "nan", "NULL", "null", "#N/A", "&lt;NA&gt;", ...) is NaN in
/// every column. "None" is a plain string here, as in pandas 1.5 (pandas 2.0 added it to the list).</para>
/// <para><b>Column types</b>, from the non-missing cells: all integers → Int64 (Double if the column has a missing
/// cell: pandas's float64 with NaN); all numbers (also "inf", "-inf", "Infinity") → Double, NaN for missing; all one of
/// True/False/TRUE/FALSE/true/false → Boolean (pandas's bool; with a missing cell pandas keeps an object column of
/// True/False/NaN, here a Boolean column holding <see cref="DBNull"/>); every cell missing → Double (all NaN);
/// anything else → String with <see cref="DBNull"/> for missing cells.</para>
/// <para><b>What Keras then does</b> (spec §10.2 step 3, enforced by <see cref="DataFrameIterator"/>): Boolean labels
/// are not strings, so class_mode binary/sparse/categorical reject them with Keras's TypeError text; a Boolean
/// weight_col is not numeric (NumPy's bool is not an <c>np.number</c>) and is rejected; raw and multi_output pass
/// bools through as 1/0 (NaN where missing). A NaN label fails Keras's string check for binary/sparse/categorical
/// (the message names the column and the first offending row), while NaN raw targets and NaN sample weights pass
/// through unchanged, as in Keras (they will make a loss NaN).</para>
/// <para><b>Multi-label rows.</b> pandas never parses a cell into a list: the text <c>['cat', 'dog']</c> is one string,
/// and Keras treats it as <i>one</i> class named <c>['cat', 'dog']</c>. This reader does the same. For multi-label
/// categorical data build the table in memory instead: a column of type <see cref="object"/> whose cells are
/// <c>string[]</c> (or a plain string for a single label), passed to <c>generator.FlowFromDataFrame</c>.</para>
/// </remarks>
public static class DataFrameCsv
{
    /// <summary>pandas's default <c>na_values</c> (pandas 1.5.3 <c>STR_NA_VALUES</c>, the empty string included).</summary>
    public static IReadOnlySet<string> NaSpellings { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA",
        "NULL", "NaN", "n/a", "nan", "null",
    };

    static readonly string[] TrueSpellings = ["True", "TRUE", "true"];
    static readonly string[] FalseSpellings = ["False", "FALSE", "false"];

    /// <summary>Reads <paramref name="path"/> (header row required).</summary>
    public static DataTable Read(string path)
    {
        var status = FileProbe.Stat(path);
        if (status.Kind == FileKind.Missing) throw new FileNotFoundException($"CSV file '{path}' does not exist.", path);
        if (status.Kind != FileKind.Regular) throw new InvalidDataException($"{path}: it is {FileProbe.Describe(status.Kind)}, not a regular file.");
        try
        {
            using var reader = new StreamReader(path);
            return Read(reader, path);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new InvalidDataException($"{path}: the file cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="name"/> appears in error messages.</summary>
    /// <remarks>
    /// Every failure is an <see cref="InvalidDataException"/> naming <paramref name="name"/> and the row or column.
    /// </remarks>
    public static DataTable Read(TextReader reader, string name = "CSV")
    {
        try { return ReadTable(reader, name); }
        catch (Exception e) when (e is not InvalidDataException and not OutOfMemoryException and not IOException)
        {
            throw new InvalidDataException($"{name}: {e.Message}", e);
        }
    }

    static DataTable ReadTable(TextReader reader, string name)
    {
        using var csv = CsvReader.Create(reader, CsvReaderOptions.Default, leaveOpen: true);
        string[] header = csv.Headers.ToArray();
        if (header.Length == 0) throw new InvalidDataException($"{name}: no header row.");
        if (header.Distinct(StringComparer.Ordinal).Count() != header.Length)
            throw new InvalidDataException($"{name}: duplicate column names in the header: {string.Join(", ", header)}.");
        var rows = new List<string?[]>();
        int line = 1;
        while (ReadRow(csv, name, line + 1))
        {
            line++;
            var row = new string?[header.Length];
            int fields = Math.Min(csv.FieldCount, header.Length);
            for (int c = 0; c < fields; c++)
            {
                string cell = csv.GetString(c);
                row[c] = NaSpellings.Contains(cell) ? null : cell;   // null = NaN from here on
            }
            rows.Add(row);
        }

        var table = new DataTable(Path.GetFileNameWithoutExtension(name));
        var kinds = new Type[header.Length];
        for (int c = 0; c < header.Length; c++)
        {
            kinds[c] = InferType(rows, c);
            // An empty header cell: DataTable would call it "Column1", which may clash with a real column of that name.
            string columnName = header[c].Length == 0 ? $"Unnamed: {c}" : header[c];
            try { table.Columns.Add(columnName, kinds[c]); }
            catch (Exception e) when (e is DuplicateNameException or ArgumentException)
            {
                throw new InvalidDataException($"{name}: column {c + 1} of the header, '{header[c]}', clashes with another column ({e.Message}).", e);
            }
        }
        foreach (var row in rows)
        {
            var values = new object[header.Length];
            for (int c = 0; c < header.Length; c++) values[c] = Cell(row[c], kinds[c]);
            table.Rows.Add(values);
        }
        return table;
    }

    static bool ReadRow(CsvReader csv, string name, int row)
    {
        try { return csv.Read(); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{name}: row {row} cannot be read: {e.Message}", e);
        }
    }

    static object Cell(string? cell, Type kind)
    {
        if (kind == typeof(long)) return long.Parse(cell!, NumberStyles.Integer, CultureInfo.InvariantCulture);
        if (kind == typeof(double)) return cell == null ? double.NaN : ParseDouble(cell);
        if (kind == typeof(bool)) return cell == null ? DBNull.Value : TrueSpellings.Contains(cell);
        return cell == null ? DBNull.Value : cell;
    }

    static Type InferType(List<string?[]> rows, int c)
    {
        bool allLong = true, allDouble = true, allBool = true, anyMissing = false, anyValue = false;
        foreach (var row in rows)
        {
            string? cell = row[c];
            if (cell == null) { anyMissing = true; continue; }
            anyValue = true;
            if (allLong && !long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) allLong = false;
            if (allDouble && !TryParseDouble(cell, out _)) allDouble = false;
            if (allBool && !IsBool(cell)) allBool = false;
        }
        if (!anyValue) return typeof(double);   // pandas: an all-missing column is float64 NaN
        if (allLong) return anyMissing ? typeof(double) : typeof(long);
        if (allDouble) return typeof(double);
        return allBool ? typeof(bool) : typeof(string);
    }

    static bool IsBool(string s) => TrueSpellings.Contains(s) || FalseSpellings.Contains(s);

    static bool TryParseDouble(string s, out double v)
    {
        switch (s.Trim().ToLowerInvariant())
        {
            case "inf" or "+inf" or "infinity" or "+infinity": v = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": v = double.NegativeInfinity; return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v);
    }

    static double ParseDouble(string s) => TryParseDouble(s, out double v) ? v : throw new FormatException(s);
}
