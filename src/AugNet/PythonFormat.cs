using System.Globalization;

namespace AugNet;

/// <summary>Formats values the way Python's <c>str()</c> prints them, so error messages read like Keras's.</summary>
internal static class PythonFormat
{
    /// <summary>A float as Python's repr: shortest round-trip digits, "5.0" for integral values, "nan", "inf".</summary>
    public static string Number(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        string s = v.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E'))
        {
            // Python writes 1e-06 / 1e+20 where .NET writes 1E-06 / 1E+20.
            s = s.Replace("E", "e");
            int e = s.IndexOf('e');
            string mant = s[..e], exp = s[(e + 1)..];
            char sign = exp[0] == '-' ? '-' : '+';
            exp = exp.TrimStart('+', '-');
            if (exp.Length < 2) exp = "0" + exp;
            return mant + "e" + sign + exp;
        }
        return s.Contains('.') ? s : s + ".0";
    }

    /// <summary>A list of floats as Python prints it: "[0.1, 0.2]".</summary>
    public static string List(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(Number)) + "]";

    /// <summary>Any value from a Keras-style dictionary as Python's str() would show it.</summary>
    public static string Value(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => s,
        double d => Number(d),
        float f => Number(f),
        int or long or short or byte or sbyte or uint or ulong or ushort => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal m => Number((double)m),
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(ValueRepr)) + "]",
        _ => value.ToString() ?? "",
    };

    /// <summary>As <see cref="Value"/> but strings quoted, as inside a Python list.</summary>
    public static string ValueRepr(object? value) => value is string s ? "'" + s + "'" : Value(value);
}
