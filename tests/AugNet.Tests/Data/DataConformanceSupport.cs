using System.Text.Json.Nodes;
using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Tests.Support;

namespace AugNet.Tests.Data;

/// <summary>Shared checks for the iterator conformance cases: batch-by-batch comparison with the golden arrays.</summary>
internal static class DataConformanceSupport
{
    /// <summary>The two pipelines every case runs with: single-threaded synchronous, and all cores with a deep prefetch queue.</summary>
    public static readonly PipelineOptions Serial = new() { Workers = 1, PrefetchDepth = 0, Log = TextWriter.Null };
    public static readonly PipelineOptions Parallel = new() { Workers = 4, PrefetchDepth = 3, Log = TextWriter.Null };

    public static ImageDataGenerator Generator(JsonObject c) =>
        new(ImageDataGeneratorOptions.FromKerasJson(c["options"]!.AsObject()), _ => { });

    public static long? Seed(JsonObject c) => c["seed"] is { } s ? (long?)s.GetValue<long>() : null;

    public static Subset? SubsetOf(JsonObject c) => c["subset"] is { } s ? SubsetNames.Parse((string)s!) : null;

    public static (int, int) Target(JsonObject c) => (c["target_size"]![0]!.GetValue<int>(), c["target_size"]![1]!.GetValue<int>());

    /// <summary>Draws the case's batches with <see cref="BatchIterator.Next"/> and compares x and y bit for bit.</summary>
    public static void CompareBatches(string name, JsonObject c, BatchIterator it)
    {
        var batches = c["batches"]!.AsArray();
        for (int b = 0; b < batches.Count; b++)
        {
            var expected = batches[b]!.AsObject();
            var batch = it.Next();
            var ex = Conformance.Npy((string)expected["x"]!);
            Assert.True(batch.X.ShapeEquals(ex.Shape), $"{name} batch {b}: x shape {batch.X} vs {Tensor.FormatShape(ex.Shape)}");
            string? miss = Conformance.CompareExact(batch.X.Data, ex.ToSingle());
            Assert.True(miss == null, $"{name} batch {b} x: {miss}");
            var yNode = expected["y"];
            if (yNode == null)
            {
                if (it is FileImageIterator { ClassMode: ClassMode.Input })
                    Assert.Equal(batch.X.Data, batch.Y!.Data);
                else
                    Assert.Null(batch.Y);
                continue;
            }
            float[] ey;
            int[] eshape;
            if (yNode is JsonArray arr) { ey = arr.Select(v => (float)v!.GetValue<double>()).ToArray(); eshape = [ey.Length]; }
            else { var npy = Conformance.Npy((string)yNode!); ey = npy.ToSingle(); eshape = npy.Shape; }
            Assert.NotNull(batch.Y);
            Assert.True(batch.Y!.ShapeEquals(eshape), $"{name} batch {b}: y shape {batch.Y} vs {Tensor.FormatShape(eshape)}");
            Assert.Equal(ey, batch.Y.Data);
        }
    }
}
