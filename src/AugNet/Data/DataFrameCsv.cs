using System.Data;
using System.Globalization;
using CsvHelper;

namespace AugNet.Data;

/// <summary>
/// Reads a CSV file into a <see cref="DataTable"/> with pandas <c>read_csv</c>'s column typing, so
/// <c>FlowFromDataFrame</c> over a file behaves as Keras over <c>pd.read_csv(path)</c>: a column whose non-empty cells
/// all parse as integers is Int64 (Double if it also has empty cells, which become NaN), a column of numbers is Double
/// (empty = NaN), anything else is String with empty cells as DBNull (pandas's NaN). Booleans stay strings.
/// </summary>
public static class DataFrameCsv
{
    /// <summary>Reads <paramref name="path"/> (header row required).</summary>
    public static DataTable Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"CSV file '{path}' does not exist.", path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="name"/> appears in error messages.</summary>
    public static DataTable Read(TextReader reader, string name = "CSV")
    {
        using var csv = CsvReader.Create(reader, CsvReaderOptions.Default, leaveOpen: true);
        string[] header = csv.Headers.ToArray();
        if (header.Length == 0) throw new InvalidDataException($"{name}: no header row.");
        if (header.Distinct(StringComparer.Ordinal).Count() != header.Length)
            throw new InvalidDataException($"{name}: duplicate column names in the header: {string.Join(", ", header)}.");
        var rows = new List<string?[]>();
        while (csv.Read())
        {
            var row = new string?[header.Length];
            int fields = Math.Min(csv.FieldCount, header.Length);
            for (int c = 0; c < fields; c++) row[c] = csv.GetString(c);
            rows.Add(row);
        }

        var table = new DataTable(Path.GetFileNameWithoutExtension(name));
        var kinds = new Type[header.Length];
        for (int c = 0; c < header.Length; c++)
        {
            kinds[c] = InferType(rows, c);
            table.Columns.Add(header[c], kinds[c]);
        }
        foreach (var row in rows)
        {
            var values = new object[header.Length];
            for (int c = 0; c < header.Length; c++)
            {
                string? cell = row[c];
                values[c] = kinds[c] == typeof(long) ? long.Parse(cell!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                    : kinds[c] == typeof(double) ? (string.IsNullOrEmpty(cell) ? double.NaN : ParseDouble(cell))
                    : string.IsNullOrEmpty(cell) ? DBNull.Value : cell;
            }
            table.Rows.Add(values);
        }
        return table;
    }

    static Type InferType(List<string?[]> rows, int c)
    {
        bool allLong = true, allDouble = true, anyEmpty = false, anyValue = false;
        foreach (var row in rows)
        {
            string? cell = row[c];
            if (string.IsNullOrEmpty(cell)) { anyEmpty = true; continue; }
            anyValue = true;
            if (allLong && !long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) allLong = false;
            if (allDouble && !TryParseDouble(cell, out _)) allDouble = false;
            if (!allLong && !allDouble) break;
        }
        if (!anyValue) return typeof(double);   // pandas: an all-empty column is float64 NaN
        if (allLong) return anyEmpty ? typeof(double) : typeof(long);
        return allDouble ? typeof(double) : typeof(string);
    }

    static bool TryParseDouble(string s, out double v)
    {
        switch (s.Trim().ToLowerInvariant())
        {
            case "nan": v = double.NaN; return true;
            case "inf" or "+inf" or "infinity": v = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": v = double.NegativeInfinity; return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v);
    }

    static double ParseDouble(string s) => TryParseDouble(s, out double v) ? v : throw new FormatException(s);
}
