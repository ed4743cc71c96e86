using System.Text.RegularExpressions;
using AugNet.Tests.Support;

namespace AugNet.Tests.Architecture;

/// <summary>
/// The library's folders form layers, and every reference runs downwards: root (Tensor, NumpyRandom, SimdPath, …) ←
/// Imaging ← Augmentation ← Data ← NN ← Persistence and Plotting (side by side, neither using the other). Read from the
/// sources: each file's module is its folder, and its arrows are its <c>using AugNet.X</c> directives and any
/// fully qualified <c>AugNet.X.</c> names. The build enforces IDE0005 (no unused usings), so a using is a real arrow.
/// </summary>
public partial class ModuleDependencyTests
{
    static readonly string[] Layers = ["", "Imaging", "Augmentation", "Data", "NN", "Persistence|Plotting"];

    static int Rank(string module) => Array.FindIndex(Layers, l => l.Split('|').Contains(module));

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?AugNet\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.])AugNet\.(Imaging|Augmentation|Data|NN|Persistence|Plotting)\.")]
    private static partial Regex QualifiedName();

    /// <summary>Every (file, from-module, to-module) arrow in the library's sources.</summary>
    static IEnumerable<(string File, string From, string To)> Arrows()
    {
        string src = Path.Combine(Fixtures.Dir("."), "..", "..", "src", "AugNet");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(src, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal)) continue;
            string from = relative.Contains(Path.DirectorySeparatorChar) ? relative[..relative.IndexOf(Path.DirectorySeparatorChar)] : "";
            string text = File.ReadAllText(file);
            var targets = UsingDirective().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(QualifiedName().Matches(text).Select(m => m.Groups[1].Value))
                .Where(t => t != from && Rank(t) >= 0).Distinct();
            foreach (var to in targets) yield return (relative, from, to);
        }
    }

    [Fact]
    public void EveryArrowRunsDownTheLayers()
    {
        var arrows = Arrows().ToList();
        Assert.NotEmpty(arrows);
        var wrong = arrows.Where(a => Rank(a.From) < 0 || Rank(a.To) >= Rank(a.From))
            .Select(a => $"{a.File}: {(a.From == "" ? "root" : a.From)} → {a.To}").ToList();
        Assert.True(wrong.Count == 0, "arrows that run the wrong way:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void TheCheckSeesKnownArrows()
    {
        // Guards the reader itself: these arrows exist by design, so a parser that found nothing would fail here.
        var arrows = Arrows().Select(a => (a.From, a.To)).ToHashSet();
        Assert.Contains(("Data", "Augmentation"), arrows);
        Assert.Contains(("Persistence", "NN"), arrows);
        Assert.Contains(("Data", "Imaging"), arrows);
    }

    [Theory]
    [InlineData("Imaging", "Data", false)]
    [InlineData("Augmentation", "Data", false)]
    [InlineData("NN", "Persistence", false)]
    [InlineData("Plotting", "Persistence", false)]
    [InlineData("Data", "Imaging", true)]
    [InlineData("Persistence", "NN", true)]
    public void TheRuleItself(string from, string to, bool allowed) => Assert.Equal(allowed, Rank(to) < Rank(from));
}
