namespace AugNet.Tests.Cli;

/// <summary>
/// Every refused <c>augnet train</c> command line: exit 2, one line naming the option, and nothing done — no run folder,
/// no images listed (the data folder of most cases does not even exist, and the option is still what is named).
/// </summary>
[Collection("Cli")]
public class TrainUsageTests(CliFixture f)
{
    [Theory]
    [InlineData("--epochs -1", "--epochs must be at least 1, got -1.")]
    [InlineData("--batch-size 0", "--batch-size must be at least 1, got 0.")]
    [InlineData("--steps-per-epoch 0", "--steps-per-epoch must be at least 1, got 0.")]
    [InlineData("--early-stopping -2", "--early-stopping must be a number of epochs (0 or more), got -2.")]
    [InlineData("--image-cache-mb -1", "--image-cache-mb must be 0 (no cache) or more, got -1.")]
    [InlineData("--learning-rate 0", "--learning-rate must be a positive number, got 0.")]
    [InlineData("--model book --size 20", "--size 20 is below 46, the smallest image the book model's 4 conv blocks take")]
    [InlineData("--size 4", "--size must be at least 8, got 4.")]
    [InlineData("--model resnet", "--model must be small, book or a Keras model config FILE.json; got 'resnet'.")]
    [InlineData("--model missing.json", "missing.json: no such file.")]
    [InlineData("--class-mode multi", "'multi'")]
    [InlineData("--optimizer nadam", "'nadam'")]
    [InlineData("--x-col file", "--x-col describes the CSV of --csv")]
    [InlineData("--config missing.json", "--config ")]
    [InlineData("--data-format channels_first", "channels_last")]
    public void ABadOptionIsRefusedBeforeAnyWork(string flags, string message)
    {
        string run = Path.Combine(f.Root, "never-written");
        var r = CliRunner.Run(["train", Path.Combine(f.Root, "no-such-data"), .. flags.Split(' '), "--out", run]);
        AssertBadUsage(r, message);
        Assert.False(Directory.Exists(run));
    }

    [Theory]
    [InlineData("", "train needs a DATA folder, --csv FILE, or --resume RUN_DIR.")]
    [InlineData("DATA", "no such folder (the DATA argument)")]
    [InlineData("--csv CSV", "--csv needs --validation-split")]
    [InlineData("--csv missing.csv --validation-split 0.2", "missing.csv: no such file.")]
    [InlineData("RGB --csv CSV --validation-split 0.2", "give either a DATA folder (rgb) or --csv, not both")]
    [InlineData("--csv CSV --directory nowhere --validation-split 0.2", "--directory ")]
    public void TheDataSourceMustBeOneThatExists(string args, string message)
    {
        string csv = Path.Combine(f.Root, "usage.csv");
        File.WriteAllText(csv, "filename,class\n");
        var tokens = args.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a switch { "DATA" => Path.Combine(f.Root, "no-such-data"), "CSV" => csv, "RGB" => f.Rgb, _ => a });
        AssertBadUsage(CliRunner.Run(["train", .. tokens, "--out", Path.Combine(f.Root, "never-written")]), message);
    }

    static void AssertBadUsage(CliRunner.Result r, string message)
    {
        Assert.Equal(2, r.Code);
        Assert.Empty(r.Out);
        string line = Assert.Single(r.ErrLines);
        Assert.StartsWith("augnet: ", line);
        Assert.Contains(message, line);
    }
}
