using System.Globalization;
using AugNet.Augmentation;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.Persistence;

namespace AugNet.Tests.Cli;

/// <summary>
/// A run trained with featurewise centring and std normalisation keeps the fitted statistics in its model file, and
/// predict feeds new images through the same rescale + standardisation, so its probabilities are the model's on
/// images prepared exactly as in training.
/// </summary>
[Collection("Cli")]
public sealed class StandardizationKeptTests(CliFixture f) : IDisposable
{
    readonly string _run = Path.Combine(Path.GetTempPath(), "augnet-std-" + Guid.NewGuid().ToString("N"));
    public void Dispose() { if (Directory.Exists(_run)) Directory.Delete(_run, true); }

    [Fact]
    public void FeaturewiseStatisticsAreSavedAndAppliedByPredict()
    {
        var r = CliRunner.Run("train", f.Rgb, "--validation-split", "0.3", "--size", "16", "--epochs", "1", "--seed", "2",
            "--featurewise-center", "--featurewise-std-normalization", "--out", _run);
        Assert.Equal(0, r.Code);
        string modelPath = Path.Combine(_run, "model.h5");
        var model = Sequential.Load(modelPath);
        var z = model.Preprocessing!.Standardization!;
        Assert.True(z.FeaturewiseCenter && z.FeaturewiseStdNormalization);
        Assert.Equal(3, z.Mean!.Length);
        Assert.Equal(3, z.Std!.Length);
        Assert.All(z.Std, s => Assert.True(s > 0));

        string image = Directory.GetFiles(Path.Combine(f.Rgb, "red"))[0];
        var p = CliRunner.Run("predict", modelPath, image);
        Assert.Equal(0, p.Code);
        double printed = double.Parse(p.OutLines.Single().Split('\t')[2], CultureInfo.InvariantCulture);

        var generator = new ImageDataGenerator(new ImageDataGeneratorOptions { Rescale = 1.0 / 255, FeaturewiseCenter = true, FeaturewiseStdNormalization = true })
        {
            Mean = z.Mean,
            Std = z.Std,
        };
        var x = generator.Standardize(ImageLoader.LoadImage(image, ColorMode.Rgb, (16, 16), Interpolation.Nearest));
        var output = model.Predict(x.Reshape([1, 16, 16, 3]));
        Assert.Equal(output.Data.Max(), printed, 4);
    }
}
