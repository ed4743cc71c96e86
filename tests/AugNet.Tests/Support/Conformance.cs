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
    /// The tolerances this project applies to the golden cases (stricter than the folder's README allowed
    /// before: it let 0.2% of values miss by 1e-5 of the range, and JPEG decoding be off by 3):
    /// <list type="bullet">
    /// <item>Every image, batch, statistic, drawn parameter, label and file list is compared exactly: images and
    /// batches (float32, including <c>load_img</c>'s uint8 PNG and JPEG results) bit for bit as stored
    /// (<see cref="CompareExact"/>); <c>fit</c>'s mean and std (float64) bit for bit; drawn transform parameters
    /// as the same number (+0 and −0 count as equal: Keras draws integer shifts as NumPy integers, which have no
    /// signed zero); labels, class indices and file lists equal. AugNet reproduces NumPy's random streams,
    /// SciPy's sampling and Pillow's decoding and resizing exactly, so any difference is a regression.</item>
    /// <item>The one exception is ZCA whitening (<c>zca_whitening</c>, the standardize case <see cref="ZcaCase"/>):
    /// every value within 1e-5 × max(range of the expected array, 1) (<see cref="CompareWithinRange"/>), because
    /// the principal components come from another SVD routine than NumPy's LAPACK one, which gives another basis
    /// up to rounding.</item>
    /// </list>
    /// </summary>
    public static string? CompareExact(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        if (actual.Length != expected.Length) return $"length {actual.Length} != expected {expected.Length}";
        int misses = 0, first = -1;
        for (int i = 0; i < actual.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(expected[i]))
            {
                misses++;
                if (first < 0) first = i;
            }
        }
        if (misses == 0) return null;
        return $"{misses} of {actual.Length} values not bit-equal; first at {first}: actual {actual[first]:R} expected {expected[first]:R}";
    }

    /// <summary>The standardize case whose golden comes from another SVD and is compared with <see cref="CompareWithinRange"/>.</summary>
    public const string ZcaCase = "s_zca";

    /// <summary>
    /// The ZCA exception only (see <see cref="CompareExact"/>): every value within
    /// <paramref name="rel"/> × max(range(expected), 1). Returns a message describing the worst miss, or null when it passes.
    /// </summary>
    public static string? CompareWithinRange(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, double rel = 1e-5)
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
        if (misses == 0) return null;
        return $"{misses} of {actual.Length} values off by more than {tol:g3}; worst at {worst}: actual {actual[worst]} expected {expected[worst]}";
    }
}
