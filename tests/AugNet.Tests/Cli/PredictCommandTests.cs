using System.Globalization;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.Persistence;

namespace AugNet.Tests.Cli;

/// <summary><c>augnet predict</c> on images (lines, CSV, corrupt files) and on NPY batches (shapes, refusals).</summary>
[Collection("Cli")]
public class PredictCommandTests(CliFixture f)
{
    [Fact]
    public void AFolderGivesOneLinePerImageWithAKnownClass()
    {
        string csv = Path.Combine(f.Root, "predictions.csv");
        var r = CliRunner.Run("predict", f.ModelPath, f.Rgb, "--csv", csv);
        Assert.True(r.Code == 0, r.Err);
        var lines = r.OutLines;
        Assert.Equal(3 * CliFixture.PerClass, lines.Length);
        foreach (string line in lines)
        {
            var fields = line.Split('\t');
            Assert.Equal(3, fields.Length);
            Assert.True(File.Exists(fields[0]), fields[0]);
            Assert.Contains(fields[1], CliFixture.Colours);
            double p = double.Parse(fields[2], CultureInfo.InvariantCulture);
            Assert.InRange(p, 1.0 / 3 - 1e-4, 1.0); // the largest of three probabilities
        }
        var table = File.ReadAllLines(csv);
        Assert.Equal("path,class,probability,blue,green,red", table[0]);
        Assert.Equal(lines.Length + 1, table.Length);
    }

    [Fact]
    public void ACorruptImageStopsWithOneLineNamingItUnlessSkipped()
    {
        string dir = Path.Combine(f.Root, "corrupt");
        Directory.CreateDirectory(dir);
        File.Copy(Directory.GetFiles(Path.Combine(f.Rgb, "red"))[0], Path.Combine(dir, "a.png"), true);
        string bad = Path.Combine(dir, "b.png");
        File.WriteAllText(bad, "not a png");
        var r = CliRunner.Run("predict", f.ModelPath, dir);
        Assert.Equal(1, r.Code);
        Assert.Contains(bad, Assert.Single(r.ErrLines));

        r = CliRunner.Run("predict", f.ModelPath, dir, "--skip-bad");
        Assert.Equal(0, r.Code);
        Assert.Single(r.OutLines);
        Assert.Contains(bad, Assert.Single(r.ErrLines));
    }

    [Fact]
    public void AnNpyBatchRoundTripsShapesAndEqualsPredict()
    {
        var random = new Random(1);
        var x = new double[4 * 16 * 16 * 3];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble();
        string input = Path.Combine(f.Root, "x.npy"), output = Path.Combine(f.Root, "y.npy");
        new NpyArray(x, 4, 16, 16, 3).Save(input); // float64: converted to float32
        var r = CliRunner.Run("predict", f.ModelPath, "--npy", input, "--out", output);
        Assert.True(r.Code == 0, r.Err);
        var y = NpyArray.Load(output);
        Assert.Equal(NpyDType.Float32, y.DType);
        Assert.Equal([4, 3], y.Shape);
        var expected = Sequential.Load(f.ModelPath).Predict(new Tensor(Array.ConvertAll(x, v => (float)v), 4, 16, 16, 3));
        Assert.Equal(expected.Data, (float[])y.Data);

        new NpyArray(Array.ConvertAll(x[..(16 * 16 * 3)], v => (float)v), 16, 16, 3).Save(input); // one sample without the batch axis
        r = CliRunner.Run("predict", f.ModelPath, "--npy", input, "--out", output);
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal([1, 3], NpyArray.Load(output).Shape);
        Assert.Equal(expected.Data[..3], (float[])NpyArray.Load(output).Data);
    }

    [Fact]
    public void WrongShapesNaNAndBadFilesAreRefusedInOneLineNamingTheFile()
    {
        string wrong = Path.Combine(f.Root, "wrong.npy"), nan = Path.Combine(f.Root, "nan.npy"), junk = Path.Combine(f.Root, "junk.npy");
        string output = Path.Combine(f.Root, "never.npy");
        new NpyArray(new float[2 * 16 * 16], 2, 16, 16).Save(wrong);
        var data = new float[2 * 16 * 16 * 3];
        data[16 * 16 * 3 + (3 * 16 + 4) * 3 + 2] = float.NaN;
        new NpyArray(data, 2, 16, 16, 3).Save(nan);
        File.WriteAllText(junk, "not an array");

        var r = CliRunner.Run("predict", f.ModelPath, "--npy", wrong, "--out", output);
        Assert.Equal(1, r.Code);
        string line = Assert.Single(r.ErrLines);
        Assert.Contains(wrong, line);
        Assert.Contains("(2, 16, 16)", line);
        Assert.Contains("(None, 16, 16, 3)", line);

        r = CliRunner.Run("predict", f.ModelPath, "--npy", nan, "--out", output);
        Assert.Equal(1, r.Code);
        line = Assert.Single(r.ErrLines);
        Assert.Contains(nan, line);
        Assert.Contains("NaN at index (1, 3, 4, 2)", line);

        r = CliRunner.Run("predict", f.ModelPath, "--npy", junk, "--out", output);
        Assert.Equal(1, r.Code);
        Assert.Contains(junk, Assert.Single(r.ErrLines));

        // A valid magic with a broken header, and a good header with the data cut short.
        string badHeader = Path.Combine(f.Root, "header.npy"), shortData = Path.Combine(f.Root, "short.npy");
        var bytes = File.ReadAllBytes(nan);
        var header = bytes.ToArray();
        int brace = Array.IndexOf(header, (byte)'{');
        header[brace] = (byte)'(';
        File.WriteAllBytes(badHeader, header);
        File.WriteAllBytes(shortData, bytes[..(bytes.Length - 100)]);
        foreach (var bad in new[] { badHeader, shortData })
        {
            r = CliRunner.Run("predict", f.ModelPath, "--npy", bad, "--out", output);
            Assert.Equal(1, r.Code);
            Assert.Contains(bad, Assert.Single(r.ErrLines));
        }
        Assert.False(File.Exists(output));
    }
}
