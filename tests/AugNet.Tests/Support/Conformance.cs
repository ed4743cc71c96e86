using System.Text.Json;
using System.Text.Json.Nodes;
using AugNet.Imaging;

namespace AugNet.Tests.Support;

/// <summary>
/// Access to the Keras golden cases: the folder named by AUGNET_CONFORMANCE_DIR, else ../shared/conformance/keras
/// found by walking up from the test binary. A missing folder or file fails the test; nothing is skipped.
/// </summary>
public static class Conformance
{
    static readonly Lazy<string> s_dir = new(Locate);

    public static string Dir => s_dir.Value;

    static string Locate()
    {
        string? env = Environment.GetEnvironmentVariable("AUGNET_CONFORMANCE_DIR");
        if (!string.IsNullOrEmpty(env))
        {
            if (!Directory.Exists(env)) throw new DirectoryNotFoundException($"AUGNET_CONFORMANCE_DIR={env} does not exist.");
            return Path.GetFullPath(env);
        }
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "shared", "conformance", "keras");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("Conformance data not found: set AUGNET_CONFORMANCE_DIR or put ../shared beside the checkout.");
    }

    public static string PathOf(string relative) => Path.Combine(Dir, relative);

    /// <summary>The cases of one group file, e.g. "apply_transform".</summary>
    public static JsonArray Cases(string group)
    {
        string path = PathOf(group + ".json");
        if (!File.Exists(path)) throw new FileNotFoundException($"Conformance group file missing: {path}", path);
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }

    public static JsonObject Case(string group, string name) =>
        Cases(group).Select(c => c!.AsObject()).SingleOrDefault(c => (string?)c["name"] == name)
        ?? throw new InvalidOperationException($"No case '{name}' in {group}.json");

    /// <summary>Theory rows: one per case name. Read at discovery, so a missing file fails discovery loudly.</summary>
    public static TheoryData<string> Names(string group)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases(group)) data.Add((string)c!["name"]!);
        return data;
    }

    public static NpyArray Npy(string relative) => NpyArray.Load(PathOf(relative));

    /// <summary>
    /// The README's tolerance: |a − e| ≤ 1e-5 × max(range(e), 1) for at least <paramref name="fraction"/> of values.
    /// Returns a message describing the worst misses, or null when it passes.
    /// </summary>
    public static string? CompareWithin(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, double fraction = 0.998, double rel = 1e-5)
    {
        if (actual.Length != expected.Length) return $"length {actual.Length} != expected {expected.Length}";
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var v in expected) { min = Math.Min(min, v); max = Math.Max(max, v); }
        double tol = rel * Math.Max(max - min, 1.0);
        int misses = 0, worst = -1; double worstDiff = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double diff = Math.Abs((double)actual[i] - expected[i]);
            if (!(diff <= tol)) { misses++; if (!(diff <= worstDiff)) { worstDiff = diff; worst = i; } }
        }
        if (misses <= (1 - fraction) * actual.Length) return null;
        return $"{misses} of {actual.Length} values off by more than {tol:g3}; worst at {worst}: actual {actual[worst]} expected {expected[worst]}";
    }
}
