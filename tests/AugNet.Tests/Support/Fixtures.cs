namespace AugNet.Tests.Support;

/// <summary>Finds a folder of committed test fixtures (tests/AugNet.Tests/&lt;relative&gt;) above the test binaries.</summary>
public static class Fixtures
{
    public static string Dir(string relative)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string dir = Path.Combine(d.FullName, "tests", "AugNet.Tests", relative);
            if (Directory.Exists(dir)) return dir;
        }
        throw new DirectoryNotFoundException($"tests/AugNet.Tests/{relative} not found above {AppContext.BaseDirectory}");
    }

    public static string PathOf(string relativeDir, string file) => Path.Combine(Dir(relativeDir), file);
}
