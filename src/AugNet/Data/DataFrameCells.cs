using System.Data;

namespace AugNet.Data;

/// <summary>
/// How <see cref="DataFrameListing"/> reads a table cell as pandas would see it: NaN spellings, numbers, bools, lists
/// of labels, and the Python type names Keras's messages print.
/// </summary>
internal static class DataFrameCells
{
    /// <summary>pandas's NaN: <see cref="DBNull"/>, null, or a NaN float.</summary>
    public static bool IsNa(object? v) => v is null or DBNull || (v is double d && double.IsNaN(d)) || (v is float f && float.IsNaN(f));

    /// <summary>A multi-label cell (any sequence of strings that is not a string itself), or null.</summary>
    public static IReadOnlyList<string>? AsList(object? v) => v is string ? null : v is IEnumerable<string> e ? e.ToList() : null;

    /// <summary>The Python type name Keras would report for the cell.</summary>
    public static string PyType(object? v) => IsNa(v) ? "float" : v switch { string => "str", bool => "bool", long or int => "int", double or float => "float", _ => v!.GetType().Name };

    /// <summary>Appended to Keras's type-check messages: which row (0-based, pandas's default index) broke the rule.</summary>
    public static string Offending(int row, object? v) =>
        $" Row {row} (0-based) holds {(IsNa(v) ? "NaN (an empty or NA cell)" : v is bool b ? (b ? "True" : "False") + " (bool)" : $"{v} ({PyType(v)})")}.";

    /// <summary>A column type pandas would call numeric.</summary>
    public static bool IsNumericType(Type t) => t == typeof(double) || t == typeof(float) || t == typeof(long) || t == typeof(int)
        || t == typeof(short) || t == typeof(byte) || t == typeof(decimal) || t == typeof(sbyte) || t == typeof(ushort) || t == typeof(uint) || t == typeof(ulong);

    /// <summary>A scalar NumPy would put in a numeric (or bool) array; bools become 1/0 as NumPy's bool → float cast does.</summary>
    public static bool IsNumber(object? v) => v is double or float or long or int or short or byte or decimal or bool || IsNa(v);

    public static float ToFloat(object? v) => IsNa(v) ? float.NaN : Convert.ToSingle(v, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One column as (N,) numbers, or (N, k) when its cells are arrays (as NumPy stacks them).</summary>
    public static Tensor ColumnTensor(DataTable df, List<int> rows, DataColumn c)
    {
        int n = rows.Count;
        if (n > 0 && df.Rows[rows[0]][c] is float[] or double[])
        {
            float[][] cells = rows.Select(r => df.Rows[r][c] switch
            {
                float[] f => f,
                double[] d => d.Select(x => (float)x).ToArray(),
                var v => throw new ArgumentException($"Column {c.ColumnName}: mixed array and scalar cells ({PyType(v)})."),
            }).ToArray();
            int k = cells[0].Length;
            if (cells.Any(a => a.Length != k)) throw new ArgumentException($"Column {c.ColumnName}: array cells of different lengths cannot be stacked.");
            return new Tensor(cells.SelectMany(a => a).ToArray(), n, k);
        }
        return new Tensor(rows.Select(r => ToFloat(df.Rows[r][c])).ToArray(), n);
    }
}
