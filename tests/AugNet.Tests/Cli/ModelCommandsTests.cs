using System.Text.RegularExpressions;
using AugNet.NN;
using AugNet.Persistence;

namespace AugNet.Tests.Cli;

/// <summary><c>augnet evaluate</c>, <c>summary</c>, <c>export</c> and the help texts.</summary>
[Collection("Cli")]
public class ModelCommandsTests(CliFixture f)
{
    [Fact]
    public void EvaluatePrintsLossAndAccuracyAndRefusesOtherClassFolders()
    {
        var r = CliRunner.Run("evaluate", f.ModelPath, f.Rgb);
        Assert.True(r.Code == 0, r.Err);
        Assert.Matches(new Regex(@"^loss \d+\.\d{4}  acc \d\.\d{4}  \(n=18\)$"), Assert.Single(r.OutLines)); // "Found N images" goes to stderr

        r = CliRunner.Run("evaluate", f.ModelPath, f.Gray);
        Assert.Equal(1, r.Code);
        string line = Assert.Single(r.ErrLines);
        Assert.Contains("(dark, light, mid)", line);
        Assert.Contains("(blue, green, red)", line);
    }

    [Fact]
    public void AModelWithoutPreprocessingFallsBackToTheBooksWithOneWarning()
    {
        var model = Sequential.Load(f.ModelPath);
        model.Preprocessing = null; // as a Keras-made file
        string bare = Path.Combine(f.Root, "bare.h5");
        model.Save(bare);
        var r = CliRunner.Run("predict", bare, Path.Combine(f.Rgb, "red"));
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("assuming rescale 1/255, nearest resize, rgb, classes 0,1,2", Assert.Single(r.ErrLines));
        Assert.All(r.OutLines, l => Assert.Contains(l.Split('\t')[1], new[] { "0", "1", "2" }));
        r = CliRunner.Run("evaluate", bare, f.Rgb);
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("(n=18)", r.Out);
    }

    [Fact]
    public void SummaryEndsWithTheParameterLines()
    {
        var r = CliRunner.Run("summary", f.ModelPath);
        Assert.True(r.Code == 0, r.Err);
        var lines = r.OutLines;
        Assert.StartsWith("Total params: ", lines[^4]);
        Assert.StartsWith("Trainable params: ", lines[^3]);
        Assert.Equal("Non-trainable params: 0", lines[^2]);
        Assert.Contains("Preprocessing: rgb, nearest resize", r.Out);
    }

    [Fact]
    public void ExportWritesANonEmptyOnnxFile()
    {
        string onnx = Path.Combine(f.Root, "out", "model.onnx");
        var r = CliRunner.Run("export", f.ModelPath, "--onnx", "--out", onnx, "--channels-first", "--opset", "17");
        Assert.True(r.Code == 0, r.Err);
        Assert.True(new FileInfo(onnx).Length > 1000);
        Assert.Equal(1, CliRunner.Run("export", f.ModelPath, "--out", onnx).Code);
    }

    [Theory]
    [InlineData("train"), InlineData("predict"), InlineData("evaluate"), InlineData("summary"), InlineData("export"), InlineData("preview"), InlineData("datasets")]
    public void EveryCommandHasHelpWithAugnetUsageAndAnExample(string command)
    {
        var r = CliRunner.Run(command, "--help");
        Assert.Equal(0, r.Code);
        Assert.Contains($"augnet {command}", r.Out);
        Assert.DoesNotContain("AugNet.Cli", r.Out);
        Assert.Contains("Example", r.Out);
    }
}
