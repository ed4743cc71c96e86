using AugNet.NN.Layers.Preprocessing;
using AugNet.Persistence;

namespace AugNet.Tests.Cli;

/// <summary><c>augnet train --augment-layers</c>: Keras 3 augmentation layers in front of the model, saved with it; bad entries are usage errors.</summary>
[Collection("Cli")]
public sealed class AugmentLayersTests(CliFixture f) : IDisposable
{
    readonly string _run = Path.Combine(Path.GetTempPath(), "augnet-augl-" + Guid.NewGuid().ToString("N"));
    public void Dispose() { if (Directory.Exists(_run)) Directory.Delete(_run, true); }

    [Fact]
    public void TheLayersTrainInFrontOfTheModelAndLoadBack()
    {
        var r = CliRunner.Run("train", f.Rgb, "--validation-split", "0.3", "--size", "16", "--epochs", "1", "--seed", "4",
            "--augment-layers", "flip:horizontal,rotation:0.1,zoom:-0.2:0.2,jitter:0.1:0.1::0.1", "--out", _run);
        Assert.True(r.Code == 0, r.Err);
        var model = AugNet.NN.Sequential.Load(Path.Combine(_run, "model.h5"));
        Assert.IsType<RandomFlip>(model.Layers[1]);
        Assert.IsType<RandomRotation>(model.Layers[2]);
        Assert.IsType<RandomZoom>(model.Layers[3]);
        Assert.Equal((KerasFactor?)new KerasFactor(0.1), Assert.IsType<RandomColorJitter>(model.Layers[4]).HueFactor);
        Assert.Equal([16, 16, 3], model.InputShape!);
        var p = CliRunner.Run("predict", Path.Combine(_run, "model.h5"), Path.Combine(f.Rgb, "red"));
        Assert.Equal(0, p.Code);
        Assert.Equal(CliFixture.PerClass, p.OutLines.Length);
    }

    [Theory]
    [InlineData("rotation:1.5", "rotation:1.5")]
    [InlineData("solarize:0.2", "unknown kind")]
    [InlineData("shear:1.5", "Received: input_number=1.5")]
    [InlineData("grayscale:2", "`factor` should be between 0 and 1")]
    [InlineData("zoom:x", "not a number")]
    [InlineData("flip:sideways", "flip:sideways")]
    [InlineData("hue:1.5", "in the range [0, 1]. Received: factor=1.5")]
    [InlineData("saturation:-2", "in the range [-1, 1]. Received: factor=-2.0")]
    [InlineData("jitter:0.1:0.2", "needs jitter:BRIGHTNESS:CONTRAST:SATURATION:HUE")]
    [InlineData("jitter:0.1::x:", "'x' is not a number")]
    [InlineData("jitter:::0.5:3", "Received: factor=3.0")]
    public void BadEntriesAreOneLineUsageErrors(string spec, string mention)
    {
        var r = CliRunner.Run("train", f.Rgb, "--validation-split", "0.3", "--size", "16", "--augment-layers", spec, "--out", _run);
        Assert.Equal(2, r.Code);
        Assert.Contains(mention, Assert.Single(r.ErrLines));
        Assert.False(Directory.Exists(_run));
    }

    /// <summary>Hue and saturation need 3 channels: refused with the colour mode named before any image is listed.</summary>
    [Fact]
    public void ColourLayersOnGrayscaleImagesAreAUsageErrorBeforeAnyWork()
    {
        var r = CliRunner.Run("train", f.Rgb, "--validation-split", "0.3", "--size", "16", "--color-mode", "grayscale",
            "--augment-layers", "flip:horizontal,hue:0.1", "--out", _run);
        Assert.Equal(2, r.Code);
        Assert.Equal("augnet: --augment-layers with --color-mode grayscale: RandomHue needs RGB images (3 channels); received input shape (16, 16, 1). Run with --help for usage.",
            Assert.Single(r.ErrLines));
        Assert.DoesNotContain(r.OutLines, l => l.StartsWith("Found ", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_run));
    }

    [Fact]
    public void ShearTakesOneFactorForBothAxesOrOnePerAxisAndGrayscaleAProbability()
    {
        var layers = AugNet.Cli.Commands.AugmentLayerSpec.Parse("shear:0.2,shear:0.3:0,grayscale:0.25,grayscale", 5);
        var both = Assert.IsType<RandomShear>(layers[0]);
        Assert.Equal((new KerasFactor(0.2), new KerasFactor(0.2), (int?)5), (both.XFactor, both.YFactor, both.Seed));
        var xOnly = Assert.IsType<RandomShear>(layers[1]);
        Assert.Equal(((-0.3, 0.3), (0.0, 0.0)), ((xOnly.XRange.Lower, xOnly.XRange.Upper), (xOnly.YRange.Lower, xOnly.YRange.Upper)));
        Assert.Equal((0.25, (int?)7), layers[2] is RandomGrayscale g ? (g.Factor, g.Seed) : default);
        Assert.Equal(0.5, Assert.IsType<RandomGrayscale>(layers[3]).Factor);
        Assert.Contains("shear, grayscale", AugNet.Cli.Commands.AugmentLayerSpec.Kinds);
    }

    [Fact]
    public void HueSaturationAndJitterTakeKerasFactorsAndJitterSkipsEmptySlots()
    {
        var layers = AugNet.Cli.Commands.AugmentLayerSpec.Parse("hue:0.2,saturation:0.3:0.7,saturation:0.4,jitter:0.2:0.1::0.05,jitter::::", 3);
        var hue = Assert.IsType<RandomHue>(layers[0]);
        Assert.Equal((0.0, 0.2, (0.0, 255.0), (int?)3), (hue.Lower, hue.Upper, hue.ValueRange, hue.Seed));
        var sat = Assert.IsType<RandomSaturation>(layers[1]);
        Assert.Equal((0.3, 0.7, (int?)4), (sat.Lower, sat.Upper, sat.Seed));
        Assert.Equal((-0.4, 0.4), layers[2] is RandomSaturation s1 ? (s1.Lower, s1.Upper) : default);
        var j = Assert.IsType<RandomColorJitter>(layers[3]);
        Assert.Equal(((KerasFactor?)new KerasFactor(0.2), (KerasFactor?)new KerasFactor(0.1), (KerasFactor?)null, (KerasFactor?)new KerasFactor(0.05), (int?)6),
            (j.BrightnessFactor, j.ContrastFactor, j.SaturationFactor, j.HueFactor, j.Seed));
        var none = Assert.IsType<RandomColorJitter>(layers[4]);
        Assert.Equal((false, false, false, false), (none.Brightness is not null, none.Contrast is not null, none.Saturation is not null, none.Hue is not null));
        Assert.EndsWith("grayscale, hue, saturation, jitter", AugNet.Cli.Commands.AugmentLayerSpec.Kinds);
    }
}
