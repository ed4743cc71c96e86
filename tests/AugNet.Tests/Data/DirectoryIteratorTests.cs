using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Imaging;

namespace AugNet.Tests.Data;

/// <summary><c>flow_from_directory</c> listing rules, labels and errors (spec §9, §13.4).</summary>
public class DirectoryIteratorTests
{
    static PipelineOptions Quiet => new() { Log = TextWriter.Null };

    [Fact]
    public void ListsRecursivelySortedWithTheDotlessWhitelist()
    {
        using var t = new TempTree();
        t.Png("b/x.png"); t.Png("b/sub/y.PNG"); t.Png("b/a b/z.png"); t.Png("b/notes_png"); t.Text("b/readme.txt", "hi");
        t.Png("A/k.jpg"); t.Png("a/m.bmp"); t.Png("stray.png");
        var log = new StringWriter();
        using var it = new ImageDataGenerator().FlowFromDirectory(t.Root, (8, 8), pipeline: new PipelineOptions { Log = log });
        Assert.Equal(["A", "a", "b"], it.ClassIndices.Keys);
        Assert.Equal(["A/k.jpg", "a/m.bmp", "b/notes_png", "b/x.png", "b/a b/z.png", "b/sub/y.PNG"], it.Filenames);
        Assert.Equal([0, 1, 2, 2, 2, 2], it.Classes);
        Assert.Contains("Found 6 images belonging to 3 classes.", log.ToString());
    }

    [Fact]
    public void GivenClassesKeepTheirOrderAndMissingOnesAreEmpty()
    {
        using var t = new TempTree();
        t.Png("cats/1.png"); t.Png("dogs/1.png");
        var log = new StringWriter();
        using var it = new ImageDataGenerator().FlowFromDirectory(t.Root, (8, 8), classes: ["dogs", "cats", "birds"], classMode: ClassMode.Sparse,
            shuffle: false, pipeline: new PipelineOptions { Log = log });
        Assert.Equal(["dogs/1.png", "cats/1.png"], it.Filenames);
        Assert.Contains("Found 2 images belonging to 3 classes.", log.ToString());
        var b = it.Next();
        Assert.Equal([0f, 1f], b.Y!.Data);
    }

    [Fact]
    public void InputModeReturnsACopy()
    {
        using var t = new TempTree();
        t.Png("c/1.png");
        using var it = new ImageDataGenerator().FlowFromDirectory(t.Root, (8, 8), classMode: ClassMode.Input, pipeline: Quiet);
        var b = it.Next();
        Assert.Equal(b.X.Data, b.Y!.Data);
        Assert.NotSame(b.X.Data, b.Y.Data);
    }

    [Fact]
    public void ChannelsFirstBatchesAreNchw()
    {
        using var t = new TempTree();
        t.Png("c/1.png"); t.Png("c/2.png");
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { DataFormat = DataFormat.ChannelsFirst });
        using var it = gen.FlowFromDirectory(t.Root, (6, 10), colorMode: ColorMode.Grayscale, shuffle: false, pipeline: Quiet);
        Assert.Equal([2, 1, 6, 10], it.Next().X.Shape);
        var last = new ImageDataGenerator().FlowFromDirectory(t.Root, (6, 10), shuffle: false, pipeline: Quiet);
        Assert.Equal([2, 6, 10, 3], last.Next().X.Shape);
    }

    [Fact]
    public void BadInputsGiveClearMessages()
    {
        using var t = new TempTree();
        var gen = new ImageDataGenerator();
        Assert.Contains("does not exist", Assert.Throws<DirectoryNotFoundException>(() => gen.FlowFromDirectory(Path.Combine(t.Root, "nope"), pipeline: Quiet)).Message);
        Directory.CreateDirectory(Path.Combine(t.Root, "empty_class"));
        t.Text("empty_class/readme.txt", "no images");
        Assert.Contains("Found no images", Assert.Throws<InvalidOperationException>(() => gen.FlowFromDirectory(t.Root, pipeline: Quiet)).Message);
        t.Png("empty_class/1.png");
        Assert.StartsWith("Invalid class_mode: raw;", Assert.Throws<ArgumentException>(() => gen.FlowFromDirectory(t.Root, classMode: ClassMode.Raw, pipeline: Quiet)).Message);
        Assert.Contains("validation_split", Assert.Throws<ArgumentException>(() => gen.FlowFromDirectory(t.Root, subset: Subset.Training, pipeline: Quiet)).Message);
        Assert.StartsWith("Invalid color mode: cmyk;", Assert.Throws<ArgumentException>(() => FileIteratorNames.ParseColorMode("cmyk")).Message);
        Assert.StartsWith("Invalid class_mode: output;", Assert.Throws<ArgumentException>(() => ClassModeNames.Parse("output")).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void ACorruptFileFailsItsBatchNamingTheFile(int prefetch)
    {
        using var t = new TempTree();
        t.Png("c/1.png");
        string bad = t.Text("c/2.png", "this is not a png");
        using var it = new ImageDataGenerator().FlowFromDirectory(t.Root, (8, 8), batchSize: 1, shuffle: false,
            pipeline: new PipelineOptions { Log = TextWriter.Null, PrefetchDepth = prefetch });
        it.Next();
        var e = Assert.Throws<UnreadableImageException>(() => it.Next());
        Assert.Equal(bad, e.FilePath);
        Assert.Contains(bad, e.Message);
        Assert.Equal([1, 8, 8, 3], it.Next().X.Shape); // the next pass carries on
    }

    [Fact]
    public void ACorruptFileCanBeSkippedWithAWarning()
    {
        using var t = new TempTree();
        t.Png("c/1.png"); t.Png("d/1.png");
        string bad = t.Text("c/2.png", "garbage");
        var log = new StringWriter();
        using var it = new ImageDataGenerator().FlowFromDirectory(t.Root, (8, 8), batchSize: 3, shuffle: false, classMode: ClassMode.Sparse,
            pipeline: new PipelineOptions { Log = log, OnCorruptFile = CorruptFilePolicy.SkipWithWarning });
        var b = it.Next();
        Assert.Equal([2, 8, 8, 3], b.X.Shape);
        Assert.Equal([0f, 1f], b.Y!.Data);
        Assert.Contains($"skipping unreadable image '{bad}'", log.ToString());
    }

    [Fact]
    public void CacheGivesTheSameBatches()
    {
        using var t = new TempTree();
        for (int i = 0; i < 5; i++) t.Png($"c/{i}.png");
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { RotationRange = 30, Rescale = 1 / 255.0 });
        using var plain = gen.FlowFromDirectory(t.Root, (8, 8), batchSize: 2, seed: 4, pipeline: Quiet);
        using var cached = gen.FlowFromDirectory(t.Root, (8, 8), batchSize: 2, seed: 4, pipeline: Quiet with { ImageCacheBytes = long.MaxValue });
        for (int i = 0; i < 7; i++) Assert.Equal(plain.Next().X.Data, cached.Next().X.Data);
    }

    [Fact]
    public void CachedImagesAreNotReadAgainAndTheDefaultCacheIsOn()
    {
        using var t = new TempTree();
        for (int i = 0; i < 4; i++) t.Png($"c/{i}.png");
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { HorizontalFlip = true, Rescale = 1 / 255.0 });
        using var reference = gen.FlowFromDirectory(t.Root, (8, 8), batchSize: 2, seed: 4, pipeline: Quiet);
        var expected = Enumerable.Range(0, 6).Select(_ => reference.Next().X.Data).ToArray();
        using var it = gen.FlowFromDirectory(t.Root, (8, 8), batchSize: 2, seed: 4, pipeline: Quiet);
        Assert.True(PipelineOptions.Default.ImageCacheBytes > 0);
        Assert.Equal(expected[0], it.Next().X.Data);
        Assert.Equal(expected[1], it.Next().X.Data);
        Assert.Equal(4, it.CachedImages);
        Assert.Equal(4 * 8 * 8 * 3, it.CachedImageBytes);
        Directory.Delete(Path.Combine(t.Root, "c"), true); // later epochs must not touch the files
        for (int b = 2; b < 6; b++) Assert.Equal(expected[b], it.Next().X.Data);
    }

    [Fact]
    public void WithoutACacheChangedFilesAreReadAgain()
    {
        using var t = new TempTree();
        t.Png("c/0.png");
        string second = t.Png("c/1.png");
        using var it = new ImageDataGenerator().FlowFromDirectory(t.Root, (8, 8), batchSize: 2, shuffle: false,
            pipeline: Quiet with { ImageCacheBytes = 0, PrefetchDepth = 0 }); // nothing built ahead of the file change
        var first = it.Next().X;
        Assert.Equal(0, it.CachedImages);
        var grey = new Tensor(8, 8, 3);
        grey.Data.AsSpan().Fill(7f);
        ImageSaver.SaveImage(second, grey, DataFormat.ChannelsLast, "png", scale: false);
        var again = it.Next().X;
        Assert.Equal(first.Sample(0).ToArray(), again.Sample(0).ToArray());
        Assert.All(again.Sample(1).ToArray(), v => Assert.Equal(7f, v));
    }

    [Fact]
    public void TheCacheStopsAtItsBudgetAndTheRestIsReadFromFiles()
    {
        using var t = new TempTree();
        for (int i = 0; i < 5; i++) t.Png($"c/{i}.png");
        const int imageBytes = 8 * 8 * 3;
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { RotationRange = 30 });
        using var plain = gen.FlowFromDirectory(t.Root, (8, 8), batchSize: 2, seed: 9, pipeline: Quiet with { ImageCacheBytes = 0 });
        using var bounded = gen.FlowFromDirectory(t.Root, (8, 8), batchSize: 2, seed: 9, pipeline: Quiet with { ImageCacheBytes = 2 * imageBytes + 10 });
        for (int b = 0; b < 9; b++) Assert.Equal(plain.Next().X.Data, bounded.Next().X.Data);
        Assert.Equal(2, bounded.CachedImages);
        Assert.Equal(2 * imageBytes, bounded.CachedImageBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => gen.FlowFromDirectory(t.Root, (8, 8), pipeline: Quiet with { ImageCacheBytes = -1 }));
    }

    [Fact]
    public void LinkedFoldersAreFollowedOnlyWhenAskedAndTiffWarns()
    {
        using var t = new TempTree();
        t.Png("c/1.png"); t.Png("elsewhere/2.png"); t.Png("c/3.tiff");
        Directory.CreateSymbolicLink(Path.Combine(t.Root, "c", "link"), Path.Combine(t.Root, "elsewhere"));
        var log = new StringWriter();
        using var plain = new ImageDataGenerator().FlowFromDirectory(t.Root, (8, 8), classes: ["c"], pipeline: new PipelineOptions { Log = log });
        Assert.Equal(["c/1.png", "c/3.tiff"], plain.Filenames);
        Assert.Contains("Using \".tiff\" files with multiple bands will cause distortion. Please verify your output.", log.ToString());
        using var follow = new ImageDataGenerator().FlowFromDirectory(t.Root, (8, 8), classes: ["c"], followLinks: true, pipeline: Quiet);
        Assert.Equal(["c/1.png", "c/3.tiff", "c/link/2.png"], follow.Filenames);
    }

    [Fact]
    public void ValidationSubsetTakesTheFirstFilesOfEachClass()
    {
        using var t = new TempTree();
        for (int i = 0; i < 4; i++) { t.Png($"a/{i}.png"); t.Png($"b/{i}.png"); }
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { ValidationSplit = 0.5 });
        using var val = gen.FlowFromDirectory(t.Root, (8, 8), subset: Subset.Validation, pipeline: Quiet);
        using var train = gen.FlowFromDirectory(t.Root, (8, 8), subset: Subset.Training, pipeline: Quiet);
        Assert.Equal(["a/0.png", "a/1.png", "b/0.png", "b/1.png"], val.Filenames);
        Assert.Equal(["a/2.png", "a/3.png", "b/2.png", "b/3.png"], train.Filenames);
    }
}
