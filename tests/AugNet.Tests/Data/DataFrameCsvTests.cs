using System.Data;
using AugNet.Augmentation;
using AugNet.Data;

namespace AugNet.Tests.Data;

/// <summary>
/// <c>FlowFromCsv</c> against <c>flow_from_dataframe(pd.read_csv(path))</c>: pandas's bool and NaN typing, and what
/// Keras's checks (spec §10.2 step 3) then do with bool, NaN and list-looking cells.
/// </summary>
public class DataFrameCsvTests
{
    static PipelineOptions Quiet => new() { Log = TextWriter.Null };

    static DataTable Csv(string text) => DataFrameCsv.Read(new StringReader(text));

    /// <summary>A folder with a.png, b.png, c.png and labels.csv holding <paramref name="csv"/>; returns the CSV path.</summary>
    static string Files(TempTree t, string csv)
    {
        t.Png("a.png"); t.Png("b.png"); t.Png("c.png");
        return t.Text("labels.csv", csv);
    }

    static DataFrameIterator Flow(TempTree t, string csvPath, ClassMode mode, string? yCol = "class",
        IReadOnlyList<string>? yCols = null, string? weightCol = null) =>
        new ImageDataGenerator().FlowFromCsv(csvPath, t.Root, yCol: yCol, yCols: yCols, weightCol: weightCol, targetSize: (8, 8),
            classMode: mode, batchSize: 3, shuffle: false, pipeline: Quiet);

    static string Fails(Action a) => Assert.Throws<ArgumentException>(a).Message;

    [Fact]
    public void TrueFalseColumnsInPandasSpellingsAreBool()
    {
        var df = Csv("f,a,b,c,d,e\nx.png,True,true,False,True,True\ny.png,FALSE,false,,yes,1\nz.png,TRUE,True,true,False,False\n");
        Assert.Equal(typeof(bool), df.Columns["a"]!.DataType);
        Assert.Equal(new object[] { true, false, true }, df.Rows.Cast<DataRow>().Select(r => r["a"]));
        Assert.Equal(new object[] { true, false, true }, df.Rows.Cast<DataRow>().Select(r => r["b"]));
        // pandas: object column of True/NaN/True; here a bool column with DBNull.
        Assert.Equal(typeof(bool), df.Columns["c"]!.DataType);
        Assert.Equal(new object[] { false, DBNull.Value, true }, df.Rows.Cast<DataRow>().Select(r => r["c"]));
        Assert.Equal(typeof(string), df.Columns["d"]!.DataType);   // "yes" is not a pandas bool spelling
        Assert.Equal("True", df.Rows[0]["d"]);
        Assert.Equal(typeof(string), df.Columns["e"]!.DataType);   // bools mixed with numbers stay text
    }

    [Fact]
    public void PandasNaSpellingsAreNanInEveryColumn()
    {
        var df = Csv("f,n,s,k\nx.png,NA,cat,1\ny.png,2.5,null,N/A\nz.png,nan,None,3\n");
        Assert.Equal(typeof(double), df.Columns["n"]!.DataType);
        Assert.True(double.IsNaN((double)df.Rows[0]["n"]));
        Assert.Equal(2.5, df.Rows[1]["n"]);
        Assert.True(double.IsNaN((double)df.Rows[2]["n"]));
        Assert.Equal(typeof(string), df.Columns["s"]!.DataType);
        Assert.Equal(DBNull.Value, df.Rows[1]["s"]);
        Assert.Equal("None", df.Rows[2]["s"]);                      // pandas 1.5 (the reference): "None" is text
        Assert.Equal(typeof(double), df.Columns["k"]!.DataType);    // integers with a NaN become float64
        Assert.Equal(new object[] { 1.0, double.NaN, 3.0 }, df.Rows.Cast<DataRow>().Select(r => r["k"]));
    }

    [Theory]
    [InlineData(ClassMode.Binary, "If class_mode=\"binary\", y_col=\"class\" column values must be strings.")]
    [InlineData(ClassMode.Sparse, "If class_mode=\"sparse\", y_col=\"class\" column values must be strings.")]
    [InlineData(ClassMode.Categorical, "If class_mode=\"categorical\", y_col=\"class\" column values must be type string, list or tuple.")]
    public void BoolLabelsFailKerasStringChecks(ClassMode mode, string keras)
    {
        using var t = new TempTree();
        string csv = Files(t, "filename,class\na.png,True\nb.png,False\nc.png,True\n");
        string message = Fails(() => Flow(t, csv, mode));
        Assert.StartsWith(keras, message);
        Assert.Contains("Row 0 (0-based) holds True (bool).", message);
    }

    [Fact]
    public void BoolRawAndMultiOutputTargetsAreOneAndZero()
    {
        using var t = new TempTree();
        string csv = Files(t, "filename,flag,other\na.png,True,false\nb.png,False,TRUE\nc.png,true,\n");
        using (var raw = Flow(t, csv, ClassMode.Raw, yCol: "flag"))
        {
            var y = raw.Next().Y!;
            Assert.Equal([3], y.Shape);
            Assert.Equal([1f, 0f, 1f], y.Data);
        }
        using (var raw2 = Flow(t, csv, ClassMode.Raw, yCols: ["flag", "other"]))
        {
            var y = raw2.Next().Y!;
            Assert.Equal([3, 2], y.Shape);
            Assert.Equal([1f, 0f, 0f, 1f, 1f, float.NaN], y.Data);   // the missing bool is NaN (pandas object NaN)
        }
        using var multi = Flow(t, csv, ClassMode.MultiOutput, yCols: ["flag", "other"]);
        var outputs = multi.Next().Outputs!;
        Assert.Equal([1f, 0f, 1f], outputs[0].Data);
        Assert.Equal([0f, 1f, float.NaN], outputs[1].Data);
    }

    [Fact]
    public void BoolWeightColumnIsNotNumeric()
    {
        using var t = new TempTree();
        string csv = Files(t, "filename,class,w\na.png,x,True\nb.png,y,False\nc.png,x,True\n");
        Assert.StartsWith("Column weight_col=w must be numeric.", Fails(() => Flow(t, csv, ClassMode.Categorical, weightCol: "w")));
    }

    [Fact]
    public void ListLookingCellIsOneClassNameAsInPandasAndKeras()
    {
        using var t = new TempTree();
        string csv = Files(t, "filename,class\na.png,\"['cat', 'dog']\"\nb.png,cat\nc.png,dog\n");
        using var it = Flow(t, csv, ClassMode.Categorical);
        Assert.Equal(["['cat', 'dog']", "cat", "dog"], it.ClassIndices.Keys);   // Python's sorted(): '[' < 'c'
        Assert.Equal([1f, 0, 0, 0, 1, 0, 0, 0, 1], it.Next().Y!.Data);        // one-hot, not multi-hot

        // The documented multi-label route: an in-memory table with string[] cells gives the multi-hot rows.
        var df = new DataTable();
        df.Columns.Add("filename", typeof(string));
        df.Columns.Add("class", typeof(object));
        df.Rows.Add("a.png", new[] { "cat", "dog" }); df.Rows.Add("b.png", "cat"); df.Rows.Add("c.png", "dog");
        using var multi = new ImageDataGenerator().FlowFromDataFrame(df, t.Root, targetSize: (8, 8), batchSize: 3, shuffle: false, pipeline: Quiet);
        Assert.Equal(["cat", "dog"], multi.ClassIndices.Keys);
        Assert.Equal([1f, 1, 1, 0, 0, 1], multi.Next().Y!.Data);
    }

    [Theory]
    [InlineData(ClassMode.Binary, "If class_mode=\"binary\", y_col=\"class\" column values must be strings.")]
    [InlineData(ClassMode.Sparse, "If class_mode=\"sparse\", y_col=\"class\" column values must be strings.")]
    [InlineData(ClassMode.Categorical, "If class_mode=\"categorical\", y_col=\"class\" column values must be type string, list or tuple.")]
    public void NanLabelsFailKerasChecksNamingColumnAndRow(ClassMode mode, string keras)
    {
        using var t = new TempTree();
        foreach (string missing in new[] { "", "NA" })
        {
            string csv = Files(t, $"filename,class\na.png,x\nb.png,{missing}\nc.png,y\n");
            string message = Fails(() => Flow(t, csv, mode));
            Assert.StartsWith(keras, message);
            Assert.Contains("Row 1 (0-based) holds NaN (an empty or NA cell).", message);
        }
    }

    [Fact]
    public void NanFilenameFailsKerasXColCheckWithItsRow()
    {
        using var t = new TempTree();
        string csv = Files(t, "filename,class\na.png,x\nb.png,y\n,x\n");
        string message = Fails(() => Flow(t, csv, ClassMode.Categorical));
        Assert.StartsWith("All values in column x_col=filename must be strings.", message);
        Assert.Contains("Row 2 (0-based) holds NaN", message);
    }

    [Fact]
    public void NanRawTargetsAndWeightsPassThroughAsInKeras()
    {
        using var t = new TempTree();
        string csv = Files(t, "filename,class,score,w\na.png,x,0.5,2\nb.png,y,,\nc.png,x,1.5,5\n");
        using (var raw = Flow(t, csv, ClassMode.Raw, yCol: "score"))
            Assert.Equal([0.5f, float.NaN, 1.5f], raw.Next().Y!.Data);
        using var it = Flow(t, csv, ClassMode.Categorical, weightCol: "w");   // int column with a NaN: float64, numeric
        Assert.Equal(3, it.Samples);                                           // Keras neither drops nor rejects the row
        var batch = it.Next();
        Assert.Equal([2f, float.NaN, 5f], batch.SampleWeight!.Data);
        Assert.Equal([1f, 0, 0, 1, 1, 0], batch.Y!.Data);
    }
}
