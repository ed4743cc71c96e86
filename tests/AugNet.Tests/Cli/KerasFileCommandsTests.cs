using AugNet.Imaging;

namespace AugNet.Tests.Cli;

/// <summary>summary and predict --npy on files Keras wrote (the Persistence fixtures, with h5py-made inputs and Keras's outputs).</summary>
[Collection("Cli")]
public class KerasFileCommandsTests
{
    static string Fixture(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "AugNet.Tests", "Persistence", "Fixtures", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Persistence fixture {name} not found above {AppContext.BaseDirectory}.");
    }

    [Theory]
    [InlineData("keras215_dense_bn.h5"), InlineData("keras3_sequential.keras")]
    public void SummaryReadsKerasFiles(string name)
    {
        var r = CliRunner.Run("summary", Fixture(name));
        Assert.True(r.Code == 0, r.Err);
        Assert.StartsWith("Non-trainable params: ", r.OutLines[^2]);
    }

    [Fact]
    public void PredictNpyOnAKerasFileGivesKerasOutputs()
    {
        string output = Path.Combine(Path.GetTempPath(), "augnet-cli-keras-" + Guid.NewGuid().ToString("N") + ".npy");
        try
        {
            var r = CliRunner.Run("predict", Fixture("keras215_dense_bn.h5"), "--npy", Fixture("keras215_dense_bn_x.npy"), "--out", output);
            Assert.True(r.Code == 0, r.Err);
            var expected = NpyArray.Load(Fixture("keras215_dense_bn_y.npy"));
            var actual = NpyArray.Load(output);
            Assert.Equal(expected.Shape, actual.Shape);
            var (e, a) = (expected.ToSingle(), actual.ToSingle());
            for (int i = 0; i < e.Length; i++) Assert.Equal(e[i], a[i], 1e-4f);
        }
        finally { File.Delete(output); }
    }
}
