using AugNet.NN;
using AugNet.Persistence;

namespace AugNet.Tests.Cli;

/// <summary><c>augnet train</c>: class folders split by --validation-split, any class count, colour modes, the book layout's refusal.</summary>
[Collection("Cli")]
public class TrainCommandTests(CliFixture f)
{
    [Fact]
    public void ThreeClassFoldersTrainASoftmaxModelThatRemembersItsPreprocessing()
    {
        Assert.True(f.Train.Code == 0, f.Train.Err);
        // Keras's subsets per class: validation = the first int(0.3·6) = 1 file, training = the other 5.
        Assert.Contains("Found 15 images belonging to 3 classes.", f.Train.Out);
        Assert.Contains("Found 3 images belonging to 3 classes.", f.Train.Out);
        var model = Sequential.Load(f.ModelPath);
        Assert.Equal([3], model.OutputShape!);
        Assert.Equal([16, 16, 3], model.InputShape!);
        var pre = model.Preprocessing!;
        Assert.Equal(CliFixture.Colours, pre.ClassNames);
        Assert.Equal("categorical", pre.ClassMode);
        Assert.Equal("rgb", pre.ColorMode);
        Assert.Equal(1.0 / 255, pre.Rescale);
        Assert.True(File.Exists(Path.Combine(f.Run, "best.h5")));
        Assert.True(File.Exists(Path.Combine(f.Run, "log.csv")));
        Assert.False(File.Exists(Path.Combine(f.Run, "cats_and_dogs_small_2.h5")));
        Assert.Contains($"model: {f.ModelPath}", f.Train.Out);
        Assert.Contains($"best: {Path.Combine(f.Run, "best.h5")} (epoch 1 of 1, val_loss ", f.Train.Out);
        Assert.Equal(CliFixture.Colours, Sequential.Load(Path.Combine(f.Run, "best.h5")).Preprocessing!.ClassNames);
    }

    [Fact]
    public void GrayscaleFoldersTrainAOneChannelModel()
    {
        string run = Path.Combine(f.Root, "run-gray");
        var r = CliRunner.Run("train", f.Gray, "--validation-split", "0.3", "--size", "16", "--epochs", "1", "--color-mode", "grayscale", "--out", run);
        Assert.True(r.Code == 0, r.Err);
        var model = Sequential.Load(Path.Combine(run, "model.h5"));
        Assert.Equal([16, 16, 1], model.InputShape!);
        Assert.Equal("grayscale", model.Preprocessing!.ColorMode);
        Assert.Equal(["dark", "light", "mid"], model.Preprocessing.ClassNames);
    }

    [Fact]
    public void TwoClassesTrainABinaryModelNamedAsTheBookForCatsAndDogs()
    {
        string data = Path.Combine(f.Root, "book");
        foreach (var (split, from) in new[] { ("train", "red"), ("validation", "blue") })
            foreach (string cls in new[] { "cats", "dogs" })
            {
                string dir = Path.Combine(data, split, cls);
                Directory.CreateDirectory(dir);
                foreach (string file in Directory.GetFiles(Path.Combine(f.Rgb, cls == "cats" ? from : "green"))) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
            }
        string run = Path.Combine(f.Root, "run-book");
        var r = CliRunner.Run("train", data, "--size", "16", "--epochs", "1", "--monitor", "val_acc", "--out", run);
        Assert.True(r.Code == 0, r.Err);
        var model = Sequential.Load(Path.Combine(run, "cats_and_dogs_small_2.h5"));
        Assert.Equal([1], model.OutputShape!);
        Assert.Equal("binary", model.Preprocessing!.ClassMode);
        Assert.Contains("val_acc", r.Out);

        var refused = CliRunner.Run("train", data, "--validation-split", "0.3", "--size", "16", "--epochs", "1", "--out", run);
        Assert.Equal(1, refused.Code);
        Assert.Single(refused.ErrLines);
        Assert.Contains("--validation-split cannot be used", refused.Err);
    }

    [Fact]
    public void FlatClassFoldersWithoutASplitAndASingleClassAreRefused()
    {
        var r = CliRunner.Run("train", f.Rgb, "--size", "16", "--epochs", "1", "--out", Path.Combine(f.Root, "x"));
        Assert.Equal(1, r.Code);
        Assert.Contains("give --validation-split", Assert.Single(r.ErrLines));
        string single = Path.Combine(f.Root, "single");
        Directory.CreateDirectory(Path.Combine(single, "only"));
        r = CliRunner.Run("train", single, "--validation-split", "0.3", "--size", "16", "--out", Path.Combine(f.Root, "x"));
        Assert.Equal(1, r.Code);
        Assert.Contains("at least two class folders", Assert.Single(r.ErrLines));
    }
}
