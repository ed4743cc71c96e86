using System.Diagnostics;
using AugNet.NN;
using AugNet.Persistence;

namespace AugNet.Tests.Cli;

/// <summary>
/// <c>augnet train --resume RUN_DIR</c> continues exactly (1 + 2 epochs = 3 epochs, weight for weight), and Ctrl-C
/// (SIGINT to a real child process) finishes the batch, writes a loadable last.h5 with its training state and exits 130.
/// </summary>
[Collection("Cli")]
public sealed class ResumeCommandTests(CliFixture fixture) : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "augnet-resume-" + Guid.NewGuid().ToString("N"));
    public void Dispose() { if (Directory.Exists(_root)) Directory.Delete(_root, true); }

    string[] TrainArgs(string run, int epochs) =>
        ["train", fixture.Rgb, "--validation-split", "0.3", "--size", "16", "--epochs", epochs.ToString(), "--seed", "5", "--rotation-range", "20", "--horizontal-flip", "--out", run];

    [Fact]
    public void ResumeGivesTheWeightsOfTheUninterruptedRun()
    {
        string straight = Path.Combine(_root, "straight"), split = Path.Combine(_root, "split");
        Assert.Equal(0, CliRunner.Run(TrainArgs(straight, 3)).Code);
        Assert.Equal(0, CliRunner.Run(TrainArgs(split, 1)).Code);
        var resumed = CliRunner.Run("train", "--resume", split, "--epochs", "3");
        Assert.Equal(0, resumed.Code);
        Assert.Contains("resuming", resumed.Out);
        Assert.Equal(Sequential.Load(Path.Combine(straight, "model.h5")).GetWeights(), Sequential.Load(Path.Combine(split, "model.h5")).GetWeights());
        Assert.Equal(4, File.ReadAllLines(Path.Combine(split, "log.csv")).Length);   // header + 3 epochs, appended
    }

    [Fact]
    public void ResumeOfAFolderThatIsNotARunIsOneLine()
    {
        Directory.CreateDirectory(_root);
        var r = CliRunner.Run("train", "--resume", _root);
        Assert.Equal(1, r.Code);
        Assert.Single(r.ErrLines);
        Assert.Contains("not a resumable run folder", r.Err);
        // DATA with --resume is a wrong command line, not a failure of the run: bad usage.
        Assert.Equal(2, CliRunner.Run("train", fixture.Rgb, "--resume", _root).Code);
    }

    [Fact]
    public void CtrlCWritesAResumableCheckpointAndExits130()
    {
        string run = Path.Combine(_root, "interrupted");
        string cli = typeof(AugNet.Cli.Program).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(cli);
        foreach (var a in TrainArgs(run, 100_000)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var output = new List<string>();
        string? line;
        // Wait until training is under way (a few epochs logged), then send SIGINT as a terminal's Ctrl-C does.
        while ((line = p.StandardOutput.ReadLine()) != null)
        {
            output.Add(line);
            if (line.StartsWith("Epoch 3/", StringComparison.Ordinal)) break;
        }
        Assert.NotNull(line);
        using (var kill = Process.Start("kill", ["-INT", p.Id.ToString()])) kill.WaitForExit();
        output.AddRange(p.StandardOutput.ReadToEnd().Split('\n'));
        Assert.True(p.WaitForExit(60_000), "the CLI did not exit within 60 s of Ctrl-C");
#pragma warning disable xUnit1031 // the child has exited, so its stderr reader has finished
        Assert.True(p.ExitCode == 130, $"exit {p.ExitCode}; stderr: {stderr.Result}");
#pragma warning restore xUnit1031
        Assert.Contains(output, l => l.StartsWith("interrupted:", StringComparison.Ordinal) && l.Contains("--resume"));
        var (model, state) = ModelFile.LoadCheckpoint(Path.Combine(run, "last.h5"));
        Assert.NotNull(state);
        Assert.True(state.Epoch >= 2);
        Assert.Equal([16, 16, 3], model.InputShape!);
        var resumed = CliRunner.Run("train", "--resume", run, "--epochs", (state.Epoch + 1).ToString());
        Assert.Equal(0, resumed.Code);
        Assert.True(File.Exists(Path.Combine(run, "model.h5")));
    }
}
