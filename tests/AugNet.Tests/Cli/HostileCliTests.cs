using AugNet.Fuzzing;
using AugNet.Data;
using System.Diagnostics;
using AugNet.Cli;
using AugNet.NN.Callbacks;
using AugNet.Tests.Hostile;

namespace AugNet.Tests.Cli;

/// <summary>Issue 10: the CLI on hostile inputs and options — refusals before work, in words, naming files and options.</summary>
[Collection("Cli")]
public sealed class HostileCliTests(CliFixture f) : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("augnet-hostile-cli-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static CliRunner.Result Timed(int seconds, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var r = CliRunner.Run(args);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(seconds), $"took {clock.Elapsed}");
        return r;
    }

    [Fact]
    public void PreviewRefusesTinyFilesDeclaringHugeImagesQuicklyNamingFileSizeAndOption()
    {
        string gif = Write("screen.gif", HostileFiles.GifScreen(65535, 2000));
        var r = Timed(5, "preview", gif, "--out", Path.Combine(_dir, "g.png"));
        Assert.Equal(1, r.Code);
        Assert.Contains(gif, r.Err);
        Assert.Contains("65535x2000", r.Err);
        Assert.Contains("--max-image-pixels", r.Err);

        r = Timed(5, "preview", gif, "--target-size", "150,150", "--out", Path.Combine(_dir, "g.png"));
        Assert.Equal(1, r.Code);
        Assert.Contains("--max-image-pixels", r.Err);

        string jpeg = Write("bomb.jpg", HostileFiles.JpegDeclaring(5000, 30000));
        r = Timed(5, "preview", jpeg, "--target-size", "150,150", "--out", Path.Combine(_dir, "j.png"));
        Assert.Equal(1, r.Code);
        Assert.Contains(jpeg, r.Err);
        Assert.Contains("5000x30000", r.Err);

        string png = Write("wide.png", HostileFiles.PngDeclaring(1_000_000, 178));
        r = Timed(5, "preview", png, "--target-size", "150,150", "--max-image-pixels", "200000000", "--out", Path.Combine(_dir, "p.png"));
        Assert.Equal(1, r.Code);
        Assert.Contains(png, r.Err);
        Assert.Contains("truncated", r.Err);
    }

    [Fact]
    public void PreviewRefusesATargetSizeTheGridCannotHold()
    {
        string png = Directory.EnumerateFiles(f.Rgb, "*.png", SearchOption.AllDirectories).First();
        var r = Timed(5, "preview", png, "--target-size", "20000,20000", "--out", Path.Combine(_dir, "x.png"));
        Assert.Equal(1, r.Code);
        Assert.Contains("--target-size 20000,20000", r.Err);
    }

    [Fact]
    public void ParseErrorsNameNoDotnetTypes()
    {
        var r = CliRunner.Run("train", f.Rgb, "--seed", "x");
        Assert.Equal(2, r.Code);   // bad usage
        Assert.DoesNotContain("System.", r.Err);
        Assert.Contains("--seed", r.Err);
        r = CliRunner.Run("train", f.Rgb, "--learning-rate", "fast");
        Assert.DoesNotContain("System.", r.Err);
        r = CliRunner.Run("train", f.Rgb, "--steps-per-epoch", "many");
        Assert.DoesNotContain("System.", r.Err);
    }

    [Fact]
    public void TrainValidatesOptionsBeforeListingOrWritingAnything()
    {
        string run = Path.Combine(_dir, "run");
        foreach (var bad in new[] { new[] { "--epochs", "-1" }, ["--steps-per-epoch", "0"], ["--learning-rate", "-1"], ["--batch-size", "0"] })
        {
            var r = CliRunner.Run(["train", f.Rgb, "--validation-split", "0.3", .. bad, "--out", run]);
            Assert.Equal(2, r.Code);   // a bad option value is bad usage
            Assert.Contains(bad[0], r.Err);
            Assert.DoesNotContain("Found", r.Out + r.Err);
            Assert.False(Directory.Exists(run), $"{bad[0]}: the run folder was created");
        }
    }

    [Fact]
    public void TrainRefusesMoreStepsPerEpochThanTheDataHolds()
    {
        var r = CliRunner.Run("train", f.Rgb, "--validation-split", "0.3", "--size", "16", "--steps-per-epoch", "1000000", "--out", Path.Combine(_dir, "run"));
        Assert.Equal(1, r.Code);
        Assert.Contains("--steps-per-epoch 1000000", r.Err);
        Assert.Contains("batches", r.Err);
    }

    [Fact]
    public void OutputInAFolderThatCannotBeWrittenIsReportedByItsOwnName()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/sys/kernel")) return; // sysfs refuses new files, even to root
        string png = Directory.EnumerateFiles(f.Rgb, "*.png", SearchOption.AllDirectories).First();
        var r = CliRunner.Run("preview", png, "--out", "/sys/kernel/grid.png");
        Assert.Equal(1, r.Code);
        Assert.Contains("/sys/kernel/grid.png", r.Err);
        Assert.DoesNotContain(".tmp", r.Err);
    }

    [Fact]
    public void ProgressLineAfterANanStopShowsTheBatchesDone()
    {
        // 8 samples in batches of 2 = 4 steps; the third batch's targets are NaN, so the loss is NaN there.
        var model = AugNet.NN.ModelZoo.BookConvnet(16, 1, 1);
        var x = new Tensor(8, 16, 16, 1);
        var y = new Tensor(8);
        y.Data[4] = float.NaN;
        var w = new StringWriter();
        var sequence = new AugNet.Augmentation.ImageDataGenerator().Flow(x, y, batchSize: 2, shuffle: false, pipeline: new AugNet.Data.PipelineOptions { Log = TextWriter.Null });
        var history = model.Fit(sequence, new AugNet.NN.Training.FitOptions { Epochs = 1, Output = w, Verbose = 2 });
        Assert.NotNull(history.StopReason);
        string text = w.ToString();
        Assert.Contains("\n2/4 - ", text.Replace("\r\n", "\n"));
        Assert.DoesNotContain("4/4", text);
    }
}
