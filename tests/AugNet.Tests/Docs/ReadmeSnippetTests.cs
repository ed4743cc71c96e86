using System.Text.RegularExpressions;
using AugNet.Tests.Support;

namespace AugNet.Tests.Docs;

/// <summary>
/// Every ```csharp block of the README builds as written: each becomes the Program.cs of a new console app (what
/// `dotnet new console` gives: implicit usings, nullable) referencing src/AugNet, so a snippet that forgets a
/// `using AugNet...;` line or calls an API that no longer exists fails here, named by its README line.
/// </summary>
[Trait("Category", "Docs")]
public sealed partial class ReadmeSnippetTests
{
    [GeneratedRegex(@"^```csharp[ \t]*\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    /// <summary>The README's C# blocks with the line their fence is on.</summary>
    public static IReadOnlyList<(int Line, string Code)> Snippets(string markdown) =>
        CSharpBlock().Matches(markdown.ReplaceLineEndings("\n"))
            .Select(m => (markdown[..m.Index].Count(c => c == '\n') + 1, m.Groups[1].Value)).ToList();

    [Fact]
    public void SnippetsAreFoundWithTheirLines()
    {
        var found = Snippets("text\n```csharp\nvar a = 1;\n```\n```sh\nls\n```\n```csharp\nvar b = 2;\n```\n");
        Assert.Equal([(2, "var a = 1;\n"), (8, "var b = 2;\n")], found);
    }

    [Fact]
    public void EveryCSharpSnippetInTheReadmeBuilds()
    {
        string readme = File.ReadAllText(Path.Combine(DotnetCli.RepoRoot, "README.md"));
        var snippets = Snippets(readme);
        Assert.NotEmpty(snippets);
        string root = Directory.CreateTempSubdirectory("augnet-readme-").FullName;
        try
        {
            string library = Path.Combine(DotnetCli.RepoRoot, "src", "AugNet", "AugNet.csproj");
            var projects = new List<string>();
            foreach (var (line, code) in snippets)
            {
                string dir = Directory.CreateDirectory(Path.Combine(root, $"README.md-line-{line}")).FullName;
                File.WriteAllText(Path.Combine(dir, "Program.cs"), code);
                // The library is already built in this configuration; building it again from here would race the
                // test run's own build output.
                File.WriteAllText(Path.Combine(dir, "Snippet.csproj"), $"""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <OutputType>Exe</OutputType>
                        <TargetFramework>net10.0</TargetFramework>
                        <ImplicitUsings>enable</ImplicitUsings>
                        <Nullable>enable</Nullable>
                        <BuildProjectReferences>false</BuildProjectReferences>
                      </PropertyGroup>
                      <ItemGroup><ProjectReference Include="{library}" /></ItemGroup>
                    </Project>
                    """);
                projects.Add(Path.Combine(dir, "Snippet.csproj"));
            }
            // One build per project rather than one solution: a solution build asks a project outside it (the
            // library) for Debug, which this run has not built.
            foreach (string project in projects)
                DotnetCli.Dotnet(root, "build", project, "-c", DotnetCli.Configuration, "--disable-build-servers", "-v", "q", "-nologo");
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
