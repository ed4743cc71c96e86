using System.Data;
using AugNet.Augmentation;
using AugNet.Data;

namespace AugNet.Tests.Data;

/// <summary><c>flow_from_dataframe</c> checks, filtering and label shapes (spec §10, §13.5).</summary>
public class DataFrameIteratorTests
{
    static PipelineOptions Quiet => new() { Log = TextWriter.Null };

    static DataTable Table(params (string Name, Type Type)[] columns)
    {
        var t = new DataTable();
        foreach (var (n, ty) in columns) t.Columns.Add(n, ty);
        return t;
    }

    [Fact]
    public void ValidationDropsMissingAndNonImageRowsWithAWarning()
    {
        using var t = new TempTree();
        t.Png("a.png"); t.Png("b.png"); t.Text("c.txt", "x");
        var df = Table(("filename", typeof(string)), ("class", typeof(string)));
        df.Rows.Add("a.png", "x"); df.Rows.Add("b.png", "y"); df.Rows.Add("c.txt", "x"); df.Rows.Add("missing.png", "y");
        var log = new StringWriter();
        using var it = new ImageDataGenerator().FlowFromDataFrame(df, t.Root, targetSize: (8, 8), pipeline: new PipelineOptions { Log = log });
        Assert.Equal(["a.png", "b.png"], it.Filenames);
        Assert.Contains("Found 2 invalid image filename(s) in x_col=\"filename\". These filename(s) will be ignored.", log.ToString());
        Assert.Contains("Found 2 validated image filenames belonging to 2 classes.", log.ToString());
        using var all = new ImageDataGenerator().FlowFromDataFrame(df, t.Root, targetSize: (8, 8), validateFilenames: false, pipeline: Quiet);
        Assert.Equal(4, all.Samples);
    }

    [Fact]
    public void AbsolutePathsWithoutADirectory()
    {
        using var t = new TempTree();
        var df = Table(("filename", typeof(string)), ("class", typeof(string)));
        df.Rows.Add(t.Png("x/a.png"), "p"); df.Rows.Add(t.Png("y/b.png"), "q");
        using var it = new ImageDataGenerator().FlowFromDataFrame(df, targetSize: (8, 8), classMode: ClassMode.Binary, shuffle: false, pipeline: Quiet);
        Assert.Equal(2, it.Samples);
        Assert.Equal([0f, 1f], it.Next().Y!.Data);
    }

    [Fact]
    public void MultiLabelCategoricalIsMultiHotOverTheSortedUnion()
    {
        using var t = new TempTree();
        var df = Table(("filename", typeof(string)), ("class", typeof(object)));
        df.Rows.Add(t.Png("1.png"), new[] { "b", "a" }); df.Rows.Add(t.Png("2.png"), "b"); df.Rows.Add(t.Png("3.png"), new[] { "c" });
        using var it = new ImageDataGenerator().FlowFromDataFrame(df, t.Root, targetSize: (8, 8), shuffle: false, pipeline: Quiet);
        Assert.Equal(["a", "b", "c"], it.ClassIndices.Keys);
        Assert.Equal([1f, 1, 0, 0, 1, 0, 0, 0, 1], it.Next().Y!.Data);
    }

    [Fact]
    public void RawMultiOutputWeightsAndInput()
    {
        using var t = new TempTree();
        var df = Table(("filename", typeof(string)), ("u", typeof(double)), ("v", typeof(long)), ("w", typeof(double)));
        for (int i = 0; i < 4; i++) df.Rows.Add(t.Png($"{i}.png"), i * 0.5, i * 10L, i % 2 == 0 ? 2.0 : 5.0);
        var gen = new ImageDataGenerator();
        using (var raw = gen.FlowFromDataFrame(df, t.Root, yCols: ["u", "v"], targetSize: (8, 8), classMode: ClassMode.Raw, batchSize: 3, shuffle: false, pipeline: Quiet))
        {
            var b = raw.Next();
            Assert.Equal([3, 2], b.Y!.Shape);
            Assert.Equal([0f, 0, 0.5f, 10, 1, 20], b.Y.Data);
        }
        using (var one = gen.FlowFromDataFrame(df, t.Root, yCol: "u", targetSize: (8, 8), classMode: ClassMode.Raw, batchSize: 3, shuffle: false, pipeline: Quiet))
            Assert.Equal([3], one.Next().Y!.Shape);
        using (var multi = gen.FlowFromDataFrame(df, t.Root, yCols: ["u", "v"], targetSize: (8, 8), classMode: ClassMode.MultiOutput, batchSize: 3, shuffle: false, pipeline: Quiet))
        {
            var b = multi.Next();
            Assert.Equal(2, b.Outputs!.Count);
            Assert.Equal([0f, 10, 20], b.Outputs[1].Data);
        }
        using (var input = gen.FlowFromDataFrame(df, t.Root, yCol: null, weightCol: "w", targetSize: (8, 8), classMode: ClassMode.Input, batchSize: 3, shuffle: false, pipeline: Quiet))
        {
            var b = input.Next();
            Assert.Equal(b.X.Data, b.Y!.Data);
            Assert.Equal([2f, 5, 2], b.SampleWeight!.Data);
        }
    }

    [Fact]
    public void BadTablesGiveKerasMessages()
    {
        using var t = new TempTree();
        var gen = new ImageDataGenerator();
        var df = Table(("filename", typeof(string)), ("class", typeof(string)), ("n", typeof(long)), ("s", typeof(string)));
        df.Rows.Add(t.Png("1.png"), "a", 1L, "x"); df.Rows.Add(t.Png("2.png"), "b", 2L, "y"); df.Rows.Add(t.Png("3.png"), "c", 3L, "z");
        Assert.Contains("Column x_col=\"file\" is not in the data frame", Assert.Throws<ArgumentException>(() => gen.FlowFromDataFrame(df, t.Root, xCol: "file", pipeline: Quiet)).Message);
        Assert.Contains("Column y_col=\"label\" is not in the data frame", Assert.Throws<ArgumentException>(() => gen.FlowFromDataFrame(df, t.Root, yCol: "label", pipeline: Quiet)).Message);
        Assert.StartsWith("If class_mode=\"binary\" there must be 2 classes. Found 3 classes.", Assert.Throws<ArgumentException>(() => gen.FlowFromDataFrame(df, t.Root, classMode: ClassMode.Binary, pipeline: Quiet)).Message);
        Assert.StartsWith("If class_mode=\"binary\" there must be 2 classes. 3 class/es were given.", Assert.Throws<ArgumentException>(() => gen.FlowFromDataFrame(df, t.Root, classMode: ClassMode.Binary, classes: ["a", "b", "c"], pipeline: Quiet)).Message);
        Assert.StartsWith("All values in column x_col=n must be strings.", Assert.Throws<ArgumentException>(() => gen.FlowFromDataFrame(df, t.Root, xCol: "n", pipeline: Quiet)).Message);
        Assert.StartsWith("If class_mode=\"sparse\", y_col=\"n\" column values must be strings.", Assert.Throws<ArgumentException>(() => gen.FlowFromDataFrame(df, t.Root, yCol: "n", classMode: ClassMode.Sparse, pipeline: Quiet)).Message);
        Assert.StartsWith("If class_mode=\"categorical\", y_col=\"n\" column values must be type string, list or tuple.", Assert.Throws<ArgumentException>(() => gen.FlowFromDataFrame(df, t.Root, yCol: "n", pipeline: Quiet)).Message);
        Assert.StartsWith("Column weight_col=s must be numeric.", Assert.Throws<ArgumentException>(() => gen.FlowFromDataFrame(df, t.Root, weightCol: "s", pipeline: Quiet)).Message);
        Assert.StartsWith("If class_mode=\"multi_output\", y_col must be a list. Received str.", Assert.Throws<ArgumentException>(() => gen.FlowFromDataFrame(df, t.Root, yCol: "n", classMode: ClassMode.MultiOutput, pipeline: Quiet)).Message);
        Assert.Contains("validation_split", Assert.Throws<ArgumentException>(() => gen.FlowFromDataFrame(df, t.Root, subset: Subset.Validation, pipeline: Quiet)).Message);
        var log = new StringWriter();
        using (gen.FlowFromDataFrame(df, t.Root, yCol: null, classMode: ClassMode.None, classes: ["a"], pipeline: new PipelineOptions { Log = log })) { }
        Assert.Contains("`classes` will be ignored given the class_mode=\"None\"", log.ToString());
        Assert.Contains("Found 3 validated image filenames.", log.ToString());
    }

    [Fact]
    public void GivenClassesFilterRowsAndKeepTheirOrder()
    {
        using var t = new TempTree();
        var df = Table(("filename", typeof(string)), ("class", typeof(string)));
        t.Png("1.png"); t.Png("2.png"); t.Png("3.png");
        df.Rows.Add("1.png", "A"); df.Rows.Add("2.png", "B"); df.Rows.Add("3.png", "C");
        using var it = new ImageDataGenerator().FlowFromDataFrame(df, t.Root, targetSize: (8, 8), classes: ["B", "A", "B"], classMode: ClassMode.Sparse, shuffle: false, pipeline: Quiet);
        Assert.Equal(["B", "A"], it.ClassIndices.Keys);
        Assert.Equal(["1.png", "2.png"], it.Filenames);
        Assert.Equal([1f, 0f], it.Next().Y!.Data);
    }

    [Fact]
    public void SubsetSplitsRowsGloballyValidationFirst()
    {
        using var t = new TempTree();
        var df = Table(("filename", typeof(string)), ("class", typeof(string)));
        for (int i = 0; i < 8; i++) { t.Png($"{i}.png"); df.Rows.Add($"{i}.png", i < 4 ? "a" : "b"); }
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { ValidationSplit = 0.25 });
        using var val = gen.FlowFromDataFrame(df, t.Root, targetSize: (8, 8), subset: Subset.Validation, pipeline: Quiet);
        using var train = gen.FlowFromDataFrame(df, t.Root, targetSize: (8, 8), subset: Subset.Training, pipeline: Quiet);
        Assert.Equal(["0.png", "1.png"], val.Filenames);
        Assert.Equal(6, train.Samples);
    }

    [Fact]
    public void CsvColumnsAreTypedLikePandas()
    {
        var df = DataFrameCsv.Read(new StringReader("filename,label,score,count,maybe\na.png,cats,0.5,1,\nb.png,,1,2,3\n"));
        Assert.Equal(typeof(string), df.Columns["filename"]!.DataType);
        Assert.Equal(typeof(string), df.Columns["label"]!.DataType);
        Assert.Equal(DBNull.Value, df.Rows[1]["label"]);
        Assert.Equal(typeof(double), df.Columns["score"]!.DataType);
        Assert.Equal(typeof(long), df.Columns["count"]!.DataType);
        Assert.Equal(typeof(double), df.Columns["maybe"]!.DataType);
        Assert.True(double.IsNaN((double)df.Rows[0]["maybe"]));
    }
}
