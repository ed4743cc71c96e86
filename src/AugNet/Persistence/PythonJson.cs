using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AugNet.Persistence;

/// <summary>
/// JSON text as Python's <c>json.dumps</c> writes it with its defaults, which is what Keras stores in model files:
/// ", " and ": " separators, floats in Python's repr ("0.0001", "1e-07", "0.0"), non-ASCII escaped as \uXXXX.
/// Any JSON reader accepts other spellings; this one makes our files read like Keras's own.
/// </summary>
internal static class PythonJson
{
    public static string Serialize(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null: sb.Append("null"); break;
            case JsonObject o:
                sb.Append('{');
                bool first = true;
                foreach (var (k, v) in o)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    WriteString(sb, k);
                    sb.Append(": ");
                    Write(sb, v);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (int i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, a[i]);
                }
                sb.Append(']');
                break;
            case JsonValue v: WriteValue(sb, v); break;
        }
    }

    static void WriteValue(StringBuilder sb, JsonValue v)
    {
        switch (v.GetValueKind())
        {
            case JsonValueKind.String: WriteString(sb, v.GetValue<string>()); break;
            case JsonValueKind.True: sb.Append("true"); break;
            case JsonValueKind.False: sb.Append("false"); break;
            case JsonValueKind.Null: sb.Append("null"); break;
            case JsonValueKind.Number:
                if (v.TryGetValue(out int i)) sb.Append(i.ToString(CultureInfo.InvariantCulture));
                else if (v.TryGetValue(out long l)) sb.Append(l.ToString(CultureInfo.InvariantCulture));
                else
                {
                    double d = v.GetValue<double>();
                    // NaN/Infinity are not JSON; Keras configs never need them, so refuse rather than write a file
                    // that strict readers reject.
                    if (!double.IsFinite(d)) throw new ArgumentException($"Cannot write the non-finite number {d} into a model config.");
                    sb.Append(PythonFormat.Number(d));
                }
                break;
            default: throw new ArgumentException($"Unexpected JSON value {v}.");
        }
    }

    static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
