using System.Text.RegularExpressions;
using AugNet.Augmentation;

namespace AugNet.Tests.Cli;

/// <summary>
/// Help of the root and of the nested commands (the top-level commands are in <see cref="ModelCommandsTests"/>), and
/// the generator flags' help as the option table describes them.
/// </summary>
[Collection("Cli")]
public class HelpTextTests
{
    /// <summary>The help with every run of whitespace as one space, so a wrapped description still reads as one.</summary>
    static string Help(params string[] command)
    {
        var r = CliRunner.Run([.. command, "--help"]);
        Assert.Equal(0, r.Code);
        Assert.Empty(r.Err);
        return Regex.Replace(r.Out, @"\s+", " ");
    }

    [Fact]
    public void RootHelpShowsAugnetEveryCommandAndAnExample()
    {
        string help = Help();
        Assert.Contains("augnet [command] [options]", help);
        Assert.Contains("Example: augnet ", help);
        Assert.DoesNotContain("AugNet.Cli", help);
        foreach (string command in new[] { "preview", "datasets", "train", "predict", "evaluate", "summary", "export" })
            Assert.Contains($" {command} ", help);
    }

    [Fact]
    public void NestedCommandHelpShowsItsFullUsageAndAnExample()
    {
        string help = Help("datasets", "fetch");
        Assert.Contains("augnet datasets fetch <name> [options]", help);
        Assert.Contains("Example: augnet datasets fetch ", help);
    }

    [Theory]
    [InlineData("preview"), InlineData("train")]
    public void EveryGeneratorFlagSaysWhatItDoes(string command)
    {
        string help = Help(command);
        Assert.DoesNotContain("same meaning", help);
        foreach (var option in ImageDataGeneratorOptionTable.All.Where(o => o.Form != KerasValueForm.Function))
        {
            string flag = "--" + option.KerasName.Replace('_', '-');
            Assert.Contains(option.Form == KerasValueForm.Switch
                ? $" {flag} {option.Description} "
                : $" {flag} <{option.ValueName}> {option.Description}, e.g. {option.Example} [default: {option.DefaultText}] ", help);
        }
        Assert.Contains(" --rotation-range <DEGREES> random rotation in [-DEGREES, DEGREES], e.g. 40 [default: 0.0] ", help);
        Assert.Contains(" --horizontal-flip flip half of the images left to right ", help);
    }
}
