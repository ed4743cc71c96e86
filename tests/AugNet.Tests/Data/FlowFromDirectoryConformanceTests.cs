using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Tests.Support;

namespace AugNet.Tests.Data;

/// <summary>Golden <c>flow_from_directory</c> cases: file list, class indices, classes, message and every batch.</summary>
public class FlowFromDirectoryConformanceTests
{
    public static TheoryData<string> Cases => Conformance.Names("flow_from_directory");

    [Theory, Trait("Category", "Conformance")]
    [MemberData(nameof(Cases))]
    public void FlowFromDirectoryMatchesKeras(string name)
    {
        var c = Conformance.Case("flow_from_directory", name);
        string[]? classes = c["classes"]?.AsArray().Select(v => (string)v!).ToArray();
        var mode = ClassModeNames.Parse((string?)c["class_mode"]);
        var expectedFiles = c["expected_filenames"]!.AsArray().Select(v => (string)v!).ToArray();
        var expectedIndices = c["expected_class_indices"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>());
        var expectedClasses = c["expected_classes"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        foreach (var basePipeline in new[] { DataConformanceSupport.Serial, DataConformanceSupport.Parallel })
        {
            var log = new StringWriter();
            var gen = DataConformanceSupport.Generator(c);
            using var it = gen.FlowFromDirectory(Conformance.PathOf((string)c["directory"]!), DataConformanceSupport.Target(c), classes: classes,
                classMode: mode, batchSize: (int)c["batch_size"]!, shuffle: (bool)c["shuffle"]!, seed: DataConformanceSupport.Seed(c),
                subset: DataConformanceSupport.SubsetOf(c), pipeline: basePipeline with { Log = log });
            Assert.Equal(expectedFiles, it.Filenames);
            Assert.Equal(expectedIndices, it.ClassIndices);
            Assert.Equal(expectedIndices.Keys, it.ClassIndices.Keys); // order too
            Assert.Equal(expectedClasses, it.Classes);
            Assert.Contains($"Found {expectedFiles.Length} images belonging to {expectedIndices.Count} classes.", log.ToString());
            DataConformanceSupport.CompareBatches(name, c, it);
        }
    }
}
