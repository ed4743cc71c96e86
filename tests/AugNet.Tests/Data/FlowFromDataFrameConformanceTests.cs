using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Tests.Support;

namespace AugNet.Tests.Data;

/// <summary>Golden <c>flow_from_dataframe</c> cases over tree.csv (with a missing and a non-image row to filter out).</summary>
public class FlowFromDataFrameConformanceTests
{
    public static TheoryData<string> Cases => Conformance.Names("flow_from_dataframe");

    [Theory, Trait("Category", "Conformance")]
    [MemberData(nameof(Cases))]
    public void FlowFromDataFrameMatchesKeras(string name)
    {
        var c = Conformance.Case("flow_from_dataframe", name);
        var expectedFiles = c["expected_filenames"]!.AsArray().Select(v => (string)v!).ToArray();
        foreach (var basePipeline in new[] { DataConformanceSupport.Serial, DataConformanceSupport.Parallel })
        {
            var log = new StringWriter();
            var gen = DataConformanceSupport.Generator(c);
            using var it = gen.FlowFromCsv(Conformance.PathOf((string)c["csv"]!), Conformance.PathOf((string)c["directory"]!),
                xCol: (string)c["x_col"]!, yCol: (string)c["y_col"]!, targetSize: DataConformanceSupport.Target(c),
                classMode: ClassModeNames.Parse((string?)c["class_mode"]), batchSize: (int)c["batch_size"]!, shuffle: (bool)c["shuffle"]!,
                seed: DataConformanceSupport.Seed(c), pipeline: basePipeline with { Log = log });
            Assert.Equal(expectedFiles, it.Filenames);
            Assert.Contains("Found 2 invalid image filename(s) in x_col=\"filename\". These filename(s) will be ignored.", log.ToString());
            DataConformanceSupport.CompareBatches(name, c, it);
        }
    }
}
