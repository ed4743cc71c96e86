using AugNet.Augmentation;

namespace AugNet.Tests.Cli;

/// <summary>
/// <c>augnet preview</c>, the cheapest command that takes every generator flag: equivalent spellings of a value give
/// the same grid for the same seed, and every flag's help example is accepted.
/// </summary>
[Collection("Cli")]
public class PreviewCommandTests(CliFixture f)
{
    string Image => Path.Combine(f.Rgb, "red", "red.0.png");

    /// <summary>The grid's bytes for these generator flags, drawn with a fixed seed.</summary>
    byte[] Grid(params string[] flags)
    {
        string output = Path.Combine(f.Root, "preview", Guid.NewGuid().ToString("N") + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var r = CliRunner.Run(["preview", Image, "--seed", "5", "--count", "3", .. flags, "--out", output]);
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal($"wrote {output}: the original and 3 augmented versions", Assert.Single(r.OutLines));
        return File.ReadAllBytes(output);
    }

    [Fact]
    public void ZoomAndBrightnessPairsGiveTheSameGridWithOrWithoutBrackets()
    {
        var plain = Grid();
        var zoom = Grid("--zoom-range", "[0.8,1.2]");
        Assert.NotEqual(plain, zoom);
        Assert.Equal(zoom, Grid("--zoom-range", "0.8,1.2"));
        var brightness = Grid("--brightness-range", "0.5,1.5");
        Assert.NotEqual(plain, brightness);
        Assert.Equal(brightness, Grid("--brightness-range", "[0.5,1.5]"));
    }

    [Fact]
    public void ABareSwitchIsTrueAndFalseOr0TurnItOff()
    {
        var off = Grid();
        var on = Grid("--horizontal-flip");
        Assert.NotEqual(off, on); // the coin is drawn either way, so only the flag changes the grid
        Assert.Equal(on, Grid("--horizontal-flip", "true"));
        Assert.Equal(on, Grid("--horizontal-flip", "1"));
        Assert.Equal(off, Grid("--horizontal-flip", "false"));
        Assert.Equal(off, Grid("--horizontal-flip", "0"));
    }

    [Fact]
    public void TheBooksRescaleIsAccepted() => Assert.NotEmpty(Grid("--rescale", "1/255", "--rotation-range", "40"));

    public static TheoryData<string> GeneratorFlags() =>
        [.. ImageDataGeneratorOptionTable.All.Where(o => o.Form != KerasValueForm.Function && o.KerasName != "data_format").Select(o => o.KerasName)];

    [Theory]
    [MemberData(nameof(GeneratorFlags))]
    public void EveryFlagsHelpExampleIsAccepted(string kerasName)
    {
        var option = ImageDataGeneratorOptionTable.Find(kerasName)!;
        string flag = "--" + kerasName.Replace('_', '-');
        Assert.NotEmpty(option.Form == KerasValueForm.Switch ? Grid(flag) : Grid(flag, option.Example));
    }

    [Fact]
    public void PreviewRefusesChannelsFirstInOneLine()
    {
        var r = CliRunner.Run("preview", Image, "--data-format", "channels_first", "--out", Path.Combine(f.Root, "cf.png"));
        Assert.Equal(1, r.Code);
        Assert.Equal("augnet: preview shows channels_last images; omit --data-format.", Assert.Single(r.ErrLines));
    }
}
