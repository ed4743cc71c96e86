namespace AugNet.Tests.Cli;

/// <summary>0 on success, 1 when the command ran and failed, 2 when the command line itself is wrong.</summary>
[Collection("Cli")]
public class ExitCodeTests(CliFixture f)
{
    string Image => Path.Combine(f.Rgb, "blue", "blue.0.png");
    string Output => Path.Combine(f.Root, "exit-codes.png");

    [Fact]
    public void SuccessHelpAndVersionExit0()
    {
        var r = CliRunner.Run("preview", Image, "--count", "1", "--out", Output);
        Assert.True(r.Code == 0, r.Err);
        Assert.Empty(r.Err);
        Assert.Equal(0, CliRunner.Run("--help").Code);
        var version = CliRunner.Run("--version");
        Assert.Equal(0, version.Code);
        Assert.NotEmpty(version.Out.Trim());
    }

    [Theory]
    [InlineData("preview", "IMAGE", "--bogus", "--out", "OUT")] // unknown flag
    [InlineData("preview", "IMAGE")] // --out missing
    [InlineData("preview", "IMAGE", "--count", "many", "--out", "OUT")] // not an int
    [InlineData("preview", "IMAGE", "extra", "--out", "OUT")] // one argument too many
    [InlineData("frobnicate")] // unknown command
    [InlineData()] // no command
    [InlineData("datasets", "fetch", "imagenet")] // not one of the names
    public void BadUsageExits2WithOneLine(params string[] args)
    {
        var r = CliRunner.Run(args.Select(a => a switch { "IMAGE" => Image, "OUT" => Output, _ => a }).ToArray());
        Assert.Equal(2, r.Code);
        Assert.Empty(r.Out);
        string line = Assert.Single(r.ErrLines);
        Assert.StartsWith("augnet: ", line);
        Assert.EndsWith(" Run with --help for usage.", line);
    }

    [Fact]
    public void AListOfAllowedValuesIsJoinedOntoTheOneLine()
    {
        var r = CliRunner.Run("datasets", "fetch", "imagenet");
        Assert.Equal(2, r.Code);
        string line = Assert.Single(r.ErrLines);
        Assert.Contains("imagenet", line);
        Assert.Contains("'cats-vs-dogs'", line);
        Assert.Contains("'fashion-mnist'", line);
    }

    [Fact]
    public void FailuresOfACommandThatRanExit1()
    {
        var missing = CliRunner.Run("preview", Path.Combine(f.Root, "no-such.png"), "--out", Output);
        Assert.Equal(1, missing.Code);
        Assert.Contains("no-such.png", Assert.Single(missing.ErrLines));
        Assert.Equal(1, CliRunner.Run("preview", Image, "--rotation-range", "-5", "--out", Output).Code);
        Assert.Equal(1, CliRunner.Run("summary", Path.Combine(f.Root, "no-such.h5")).Code);
    }
}
