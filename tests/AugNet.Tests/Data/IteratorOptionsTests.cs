using System.Data;
using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Imaging;

namespace AugNet.Tests.Data;

/// <summary>
/// The iterator parameter records (<see cref="SaveOptions"/>, <see cref="FileIteratorOptions"/>,
/// <see cref="DataFrameColumns"/>): Keras's defaults, checks when a property is set, and the <c>Flow*</c> extension
/// methods building them from Keras-named arguments.
/// </summary>
public class IteratorOptionsTests
{
    static PipelineOptions Quiet => new() { Log = TextWriter.Null };

    [Fact]
    public void SaveOptionsDefaultToKerasPrefixAndFormatAndKeepTheFormatAsGiven()
    {
        var save = new SaveOptions("out");
        Assert.Equal(("out", "", "png"), (save.Directory, save.Prefix, save.Format));
        Assert.Equal("JPEG", (save with { Format = "JPEG" }).Format); // part of the file names, so not normalised
    }

    [Fact]
    public void SaveOptionsRejectAMissingFolderOrPrefixAndAnUnknownFormatWhenBuilt()
    {
        Assert.ThrowsAny<ArgumentException>(() => new SaveOptions(""));
        Assert.Throws<ArgumentNullException>(() => new SaveOptions("out") { Prefix = null! });
        var e = Assert.Throws<ArgumentException>(() => new SaveOptions("out") { Format = "tga" });
        Assert.Equal("save_format", e.ParamName);
        Assert.Contains("'tga'", e.Message);
    }

    [Fact]
    public void FileIteratorOptionsDefaultToKeras()
    {
        var o = FileIteratorOptions.Default;
        Assert.Equal((256, 256), o.TargetSize);
        Assert.Equal((ColorMode.Rgb, ClassMode.Categorical, 32, true), (o.ColorMode, o.ClassMode, o.BatchSize, o.Shuffle));
        Assert.Equal(Interpolation.Nearest, o.Interpolation);
        Assert.False(o.KeepAspectRatio);
        Assert.Null(o.Classes);
        Assert.Null(o.Seed);
        Assert.Null(o.Subset);
        Assert.Null(o.SaveTo);
        Assert.Equal(("filename", "class"), (DataFrameColumns.Default.XCol, DataFrameColumns.Default.YCol));
        Assert.Null(DataFrameColumns.Default.YCols);
        Assert.Null(DataFrameColumns.Default.WeightCol);
    }

    [Fact]
    public void ATargetSizeUnderOnePixelFailsWhenSet()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new FileIteratorOptions { TargetSize = (0, 8) });
        Assert.Equal("targetSize", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => FileIteratorOptions.Default with { TargetSize = (8, -1) });
    }

    [Fact]
    public void FlowFromDirectoryBuildsTheOptionsFromItsKerasNamedArguments()
    {
        using var t = new TempTree();
        t.Png("a/1.png"); t.Png("b/1.png");
        var save = new SaveOptions(Path.Combine(t.Root, "saved")) { Prefix = "aug", Format = "jpeg" };
        using var it = new ImageDataGenerator().FlowFromDirectory(t.Root, targetSize: (8, 6), colorMode: ColorMode.Grayscale,
            classes: ["b", "a"], classMode: ClassMode.Binary, batchSize: 1, shuffle: false, seed: 5, saveTo: save,
            interpolation: Interpolation.Bilinear, keepAspectRatio: true, pipeline: Quiet);
        var expected = new FileIteratorOptions
        {
            TargetSize = (8, 6), ColorMode = ColorMode.Grayscale, Classes = it.Options.Classes, ClassMode = ClassMode.Binary, BatchSize = 1,
            Shuffle = false, Seed = 5, SaveTo = new SaveOptions(Path.Combine(t.Root, "saved")) { Prefix = "aug", Format = "jpeg" },
            Interpolation = Interpolation.Bilinear, KeepAspectRatio = true,
        };
        Assert.Equal(expected, it.Options);
        Assert.Equal(["b", "a"], it.Options.Classes!);
        Assert.Equal(save, it.SaveTo);
    }

    [Fact]
    public void FlowFromDataFrameReadsTheColumnsItIsGivenByName()
    {
        var table = new DataTable();
        table.Columns.Add("path", typeof(string));
        table.Columns.Add("label", typeof(string));
        table.Columns.Add("w", typeof(double));
        table.Rows.Add("x.png", "cat", 0.5);
        table.Rows.Add("y.png", "dog", 2.0);
        using var it = new ImageDataGenerator().FlowFromDataFrame(table, "dir", xCol: "path", yCol: "label", weightCol: "w",
            validateFilenames: false, pipeline: Quiet);
        Assert.Equal(new DataFrameColumns { XCol = "path", YCol = "label", WeightCol = "w" }, it.Columns);
        Assert.Equal(["x.png", "y.png"], it.Filenames);
        Assert.Equal([0.5f, 2f], it.SampleWeights!);
    }

    [Fact]
    public void FlowExtensionsRejectANullGeneratorRatherThanFlowWithoutAugmentation()
    {
        ImageDataGenerator generator = null!;
        Assert.Throws<ArgumentNullException>(() => generator.Flow(new Tensor(1, 2, 2, 3)));
        Assert.Throws<ArgumentNullException>(() => generator.FlowFromDirectory("."));
    }
}
