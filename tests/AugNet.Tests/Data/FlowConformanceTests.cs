using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Tests.Support;

namespace AugNet.Tests.Data;

/// <summary>Golden <c>flow</c> cases: every batch of each case, past the first pass, for 1 thread and for N threads with prefetch.</summary>
public class FlowConformanceTests
{
    public static TheoryData<string> Cases => Conformance.Names("flow");

    [Theory, Trait("Category", "Conformance")]
    [MemberData(nameof(Cases))]
    public void FlowMatchesKeras(string name)
    {
        var c = Conformance.Case("flow", name);
        var x = Conformance.Npy((string)c["x"]!).ToTensor();
        var y = Conformance.Npy((string)c["y"]!).ToTensor();
        foreach (var pipeline in new[] { DataConformanceSupport.Serial, DataConformanceSupport.Parallel })
        {
            var gen = DataConformanceSupport.Generator(c);
            using var it = gen.Flow(x, y, batchSize: (int)c["batch_size"]!, shuffle: (bool)c["shuffle"]!, seed: DataConformanceSupport.Seed(c),
                subset: DataConformanceSupport.SubsetOf(c), pipeline: pipeline);
            DataConformanceSupport.CompareBatches(name, c, it);
        }
    }
}
