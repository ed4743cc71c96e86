using System.Text.Json;
using System.Text.RegularExpressions;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.Persistence;

namespace AugNet.Tests.Cli;

/// <summary>
/// <c>augnet quickstart</c> end to end without network: a tiny synthetic cats/dogs folder in the book's layout
/// (--data), two epochs, and every artefact checked: present, decodable at the expected size, the report's links
/// resolving, results.json holding the fields the README quotes.
/// </summary>
[Collection("Cli")]
public partial class QuickstartTests(CliFixture f)
{
    const int PerClass = 3;

    [Fact]
    public void TinyRunWritesEveryArtefact()
    {
        string dir = Path.Combine(f.Root, "quickstart");
        var r = CliRunner.Run("quickstart", "--dir", dir, "--data", BookLayout("quickstart-data"), "--epochs", "2", "--seed", "1");
        Assert.True(r.Code == 0, r.Err + r.Out);
        Assert.Contains("run        best val_acc  epoch  test_acc  seconds", r.Out);
        Assert.Contains("Epoch 2/2", r.Out);

        string[] artefacts = ["augmented.png", "accuracy.png", "loss.png", "report.html", "results.json",
            "cats_and_dogs_small_2.h5", "cats_and_dogs_small_2.onnx", "cats_and_dogs_small_1.h5"];
        foreach (string name in artefacts) Assert.True(File.Exists(Path.Combine(dir, name)), $"{name} missing");

        // Original + 7 augmented tiles, 4 columns of 32×4 pixels + 22 for the caption, 8-pixel margins.
        AssertImageSize(Path.Combine(dir, "augmented.png"), 8 + 4 * (128 + 8), 8 + 2 * (128 + 22 + 8));
        AssertImageSize(Path.Combine(dir, "accuracy.png"), 800, 500);
        AssertImageSize(Path.Combine(dir, "loss.png"), 800, 500);

        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        var links = Link().Matches(html).Select(m => Uri.UnescapeDataString(m.Groups[1].Value)).ToList();
        Assert.Contains("accuracy.png", links);
        Assert.Contains("augmented.png", links);
        foreach (string link in links)
        {
            Assert.DoesNotContain("://", link); // offline: nothing fetched from elsewhere
            Assert.True(File.Exists(Path.Combine(dir, link)), $"report.html links to {link}, which does not exist");
        }
        Assert.Contains("<td>baseline</td>", html);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("seed").GetInt32());
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        foreach (string run in new[] { "augmented", "baseline" })
        {
            var o = root.GetProperty(run);
            Assert.InRange(o.GetProperty("best_val_acc").GetDouble(), 0, 1);
            Assert.InRange(o.GetProperty("test_acc").GetDouble(), 0, 1);
            Assert.InRange(o.GetProperty("best_epoch").GetInt32(), 1, 2);
            Assert.Equal(2, o.GetProperty("epochs").GetInt32());
            Assert.True(o.GetProperty("seconds").GetDouble() > 0);
        }

        // The kept models: the augmented one has Dropout, the baseline not; both remember their preprocessing.
        var augmented = Sequential.Load(Path.Combine(dir, "cats_and_dogs_small_2.h5"));
        var baseline = Sequential.Load(Path.Combine(dir, "cats_and_dogs_small_1.h5"));
        Assert.Equal(baseline.Layers.Count + 1, augmented.Layers.Count);
        Assert.Equal(["cats", "dogs"], augmented.Preprocessing!.ClassNames);
        Assert.Equal([32, 32, 3], augmented.InputShape!);
    }

    [Fact]
    public void NoBaselineRunsOnlyTheAugmentedModel()
    {
        string dir = Path.Combine(f.Root, "quickstart-single");
        var r = CliRunner.Run("quickstart", "--dir", dir, "--data", BookLayout("quickstart-data-single"), "--epochs", "1", "--no-baseline");
        Assert.True(r.Code == 0, r.Err + r.Out);
        Assert.False(File.Exists(Path.Combine(dir, "cats_and_dogs_small_1.h5")));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("baseline").ValueKind);
        Assert.Equal(1, json.RootElement.GetProperty("augmented").GetProperty("epochs").GetInt32());
        Assert.DoesNotContain("<td>baseline</td>", File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    /// <summary>--layers adds the second edition's run: augmentation layers at the front of the model, saved with it.</summary>
    [Fact]
    public void LayersAddsTheSecondEditionsRun()
    {
        string dir = Path.Combine(f.Root, "quickstart-layers");
        var r = CliRunner.Run("quickstart", "--dir", dir, "--data", BookLayout("quickstart-data-layers"), "--epochs", "1", "--no-baseline", "--layers");
        Assert.True(r.Code == 0, r.Err + r.Out);
        Assert.Contains("== layers: RandomFlip(\"horizontal\"), RandomRotation(0.1), RandomZoom(0.2) in the model + Dropout(0.5) ==", r.Out);
        var model = AugNet.Persistence.ModelFile.Load(Path.Combine(dir, "cats_and_dogs_small_layers.h5"));
        Assert.Equal(["RandomFlip", "RandomRotation", "RandomZoom", "Conv2D"], model.Layers.Where(l => l is not AugNet.NN.Layers.InputLayer).Take(4).Select(l => l.TypeName));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        Assert.Equal(1, json.RootElement.GetProperty("layers").GetProperty("epochs").GetInt32());
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("<td>layers</td>", html);
        Assert.Contains("augmentation layers (layers run, at the front of the model)", html);
    }

    [Fact]
    public void BadEpochsAreOneLine()
    {
        var r = CliRunner.Run("quickstart", "--dir", Path.Combine(f.Root, "quickstart-bad"), "--epochs", "0");
        Assert.Equal(1, r.Code);
        Assert.Contains("--epochs must be at least 1", Assert.Single(r.ErrLines));
    }

    /// <summary>train/validation/test × cats (reddish) / dogs (bluish), <see cref="PerClass"/> noisy 32×32 PNGs each.</summary>
    string BookLayout(string name)
    {
        string root = Path.Combine(f.Root, name);
        var random = new Random(11);
        foreach (string split in new[] { "train", "validation", "test" })
            foreach (var (cls, colour) in new[] { ("cats", new[] { 200, 90, 60 }), ("dogs", new[] { 60, 90, 200 }) })
            {
                string dir = Path.Combine(root, split, cls);
                Directory.CreateDirectory(dir);
                for (int n = 0; n < PerClass; n++)
                {
                    var image = new Tensor(32, 32, 3);
                    for (int i = 0; i < image.Length; i++) image.Data[i] = Math.Clamp(colour[i % 3] + random.Next(-40, 41), 0, 255);
                    ImageSaver.SaveImage(Path.Combine(dir, $"{cls[..^1]}.{n}.png"), image, scale: false);
                }
            }
        return root;
    }

    static void AssertImageSize(string path, int width, int height)
    {
        var image = ImageLoader.LoadImage(path);
        Assert.Equal([height, width, 3], image.Shape);
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex Link();
}
