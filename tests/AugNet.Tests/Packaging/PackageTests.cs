using System.IO.Compression;
using System.Xml.Linq;
using AugNet.Tests.Support;

namespace AugNet.Tests.Packaging;

/// <summary>
/// Packs the library and the tool (from this test run's build, --no-build) into a temporary folder that serves as a
/// local NuGet source, once for all the tests in <see cref="PackageTests"/>.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("augnet-packages-").FullName;
    public string Feed => Path.Combine(Root, "feed");
    /// <summary>The version src/Directory.Build.props gave the packages, read back from the tool's file name.</summary>
    public string Version { get; }

    public PackedFeed()
    {
        foreach (string project in new[] { "src/AugNet/AugNet.csproj", "src/AugNet.Cli/AugNet.Cli.csproj" })
            DotnetCli.Dotnet(DotnetCli.RepoRoot, "pack", project, "-c", DotnetCli.Configuration, "--no-build", "-o", Feed,
                "--disable-build-servers", "-v", "q", "-nologo");
        Version = Path.GetFileNameWithoutExtension(Directory.GetFiles(Feed, "AugNet.Tool.*.nupkg").Single())["AugNet.Tool.".Length..];
    }

    public string LibraryPackage => Path.Combine(Feed, $"AugNet.{Version}.nupkg");
    public string SymbolPackage => Path.Combine(Feed, $"AugNet.{Version}.snupkg");
    public string ToolPackage => Path.Combine(Feed, $"AugNet.Tool.{Version}.nupkg");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>
/// The packages as a user gets them: the library's metadata, docs and symbols; a fresh console app restored from
/// the local folder that trains; the tool's size and natives; `dotnet tool install` and `augnet --help`.
/// </summary>
[Trait("Category", "Packaging")]
public sealed class PackageTests(PackedFeed packed) : IClassFixture<PackedFeed>
{
    [Fact]
    public void LibraryPackageCarriesMetadataReadmeXmlDocsAndSymbols()
    {
        using var nupkg = ZipFile.OpenRead(packed.LibraryPackage);
        var metadata = Nuspec(nupkg);
        string Meta(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("AugNet", Meta("id"));
        Assert.Contains("ImageDataGenerator", Meta("description"));
        Assert.Equal("MIT", Meta("license"));
        Assert.StartsWith("https://", Meta("projectUrl"));
        Assert.Contains("keras", Meta("tags").Split(' '));
        Assert.Equal("README.md", Meta("readme"));
        var entries = nupkg.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("README.md", entries);
        Assert.Contains("lib/net10.0/AugNet.dll", entries);
        Assert.Contains("lib/net10.0/AugNet.xml", entries);
        Assert.DoesNotContain(entries, e => e.EndsWith(".pdb"));

        using var snupkg = ZipFile.OpenRead(packed.SymbolPackage);
        Assert.Contains("lib/net10.0/AugNet.pdb", snupkg.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void FreshConsoleAppRestoresThePackageFromAFolderAndTrains()
    {
        string app = Directory.CreateDirectory(Path.Combine(packed.Root, "consumer")).FullName;
        // Its own packages folder, so the package under test is the one just packed and never a cached copy; the
        // user's folder is a fallback for the dependencies (SkiaSharp, ...), which saves downloading them again.
        string userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <configuration>
              <config><add key="globalPackagesFolder" value="packages" /></config>
              <packageSources><add key="augnet-local" value="{packed.Feed}" /></packageSources>
              <fallbackPackageFolders><add key="user" value="{userPackages}" /></fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AugNet" Version="{packed.Version}" />
              </ItemGroup>
            </Project>
            """);
        // Augmented batches from random images, two epochs, then the curves: managed code, the Skia natives and the
        // plotting dependencies all come from the package.
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using AugNet;
            using AugNet.Augmentation;
            using AugNet.Data;
            using AugNet.NN;
            using AugNet.NN.Layers;
            using AugNet.NN.Training;
            using AugNet.Plotting;

            var rng = new NumpyRandom(1);
            var x = new Tensor(64, 16, 16, 3);
            var y = new Tensor(64, 1);
            for (int i = 0; i < x.Length; i++) x.Data[i] = (float)rng.RandomSample();
            for (int i = 0; i < y.Length; i++) y.Data[i] = i % 2;
            var train = new ImageDataGenerator(new ImageDataGeneratorOptions { RotationRange = 20, HorizontalFlip = true })
                .Flow(x, y, batchSize: 16, seed: 1);
            var model = new Sequential(seed: 1)
            {
                new Conv2D(8, 3, activation: "relu", inputShape: [16, 16, 3]),
                new MaxPooling2D(2),
                new Flatten(),
                new Dense(1, activation: "sigmoid"),
            };
            model.Compile(new RMSprop(learningRate: 1e-3), new BinaryCrossentropy(), "acc");
            var history = model.Fit(train, new FitOptions { Epochs = 2, Verbose = 2 });
            foreach (string plot in TrainingCurves.Save(history, "curves_")) Console.WriteLine($"wrote {plot}");
            Console.WriteLine($"epochs {history.Epochs.Count}, final loss {history["loss"][^1]:F4}");
            """);

        string output = DotnetCli.Dotnet(app, "run", "-c", "Release", "--disable-build-servers", "-v", "q", "-nologo");

        Assert.Contains("epochs 2, final loss", output);
        Assert.True(File.Exists(Path.Combine(app, "curves_accuracy.png")), output);
        Assert.True(File.Exists(Path.Combine(app, "packages", "augnet", packed.Version, "lib", "net10.0", "AugNet.xml")),
            "the restored package should carry the XML docs for IntelliSense");
    }

    [Fact]
    public void ToolPackageHoldsOnlyDesktopNativesAndNoPdbsUnder40MB()
    {
        string path = packed.ToolPackage;
        Assert.InRange(new FileInfo(path).Length, 1, 40_000_000);
        using var nupkg = ZipFile.OpenRead(path);
        Assert.Equal("AugNet.Tool", Nuspec(nupkg).Elements().Single(e => e.Name.LocalName == "id").Value);
        var names = nupkg.Entries.Select(e => e.FullName).ToList();
        Assert.DoesNotContain(names, n => n.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", names);
        var runtimes = names.Select(n => n.Split('/')).Where(p => p.Length > 4 && p[3] == "runtimes").Select(p => p[4]).ToHashSet();
        Assert.Equal(new HashSet<string> { "linux-x64", "linux-arm64", "osx", "win-x64", "win-arm64" }, runtimes);
    }

    [Fact]
    public void ToolInstallsFromTheFolderAndRunsHelp()
    {
        string toolPath = Path.Combine(packed.Root, "tools");
        DotnetCli.Dotnet(packed.Root, "tool", "install", "--tool-path", toolPath, "--add-source", packed.Feed,
            "--version", packed.Version, "AugNet.Tool");
        string help = DotnetCli.Run(packed.Root, Path.Combine(toolPath, "augnet"), "--help");
        Assert.Contains("augnet [command] [options]", help);
        Assert.Contains("train", help);
    }

    static XElement Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec")).Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }
}
