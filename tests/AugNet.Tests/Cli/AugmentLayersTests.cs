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
            "--augment-layers", "flip:horizontal,rotation:0.1,zoom:-0.2:0.2", "--out", _run);
        Assert.True(r.Code == 0, r.Err);
        var model = AugNet.NN.Sequential.Load(Path.Combine(_run, "model.h5"));
        Assert.IsType<RandomFlip>(model.Layers[1]);
        Assert.IsType<RandomRotation>(model.Layers[2]);
        Assert.IsType<RandomZoom>(model.Layers[3]);
        Assert.Equal([16, 16, 3], model.InputShape!);
        var p = CliRunner.Run("predict", Path.Combine(_run, "model.h5"), Path.Combine(f.Rgb, "red"));
        Assert.Equal(0, p.Code);
        Assert.Equal(CliFixture.PerClass, p.OutLines.Length);
    }

    [Theory]
    [InlineData("rotation:1.5", "rotation:1.5")]
    [InlineData("shear:0.2", "unknown kind")]
    [InlineData("zoom:x", "not a number")]
    [InlineData("flip:sideways", "flip:sideways")]
    public void BadEntriesAreOneLineUsageErrors(string spec, string mention)
    {
        var r = CliRunner.Run("train", f.Rgb, "--validation-split", "0.3", "--size", "16", "--augment-layers", spec, "--out", _run);
        Assert.Equal(2, r.Code);
        Assert.Contains(mention, Assert.Single(r.ErrLines));
        Assert.False(Directory.Exists(_run));
    }
}
