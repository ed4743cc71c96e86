using AugNet.Augmentation;
using AugNet.Data;

namespace AugNet.Tests.Data;

/// <summary><c>flow</c> behaviours and messages (spec §8, §13.3).</summary>
public class FlowTests
{
    static readonly PipelineOptions Quiet = new() { Log = TextWriter.Null };

    static Tensor Images(int n, int c = 3) => new(n, 4, 4, c);
    static Tensor Range(int n, float offset = 0) => new(Enumerable.Range(0, n).Select(i => i + offset).ToArray(), n);

    [Fact]
    public void LabelsWeightsAndNoLabels()
    {
        var gen = new ImageDataGenerator();
        using (var it = gen.Flow(Images(8), Range(8), batchSize: 3, shuffle: false, sampleWeight: Range(8, 1), pipeline: Quiet))
        {
            var b = it.Next();
            Assert.Equal([3, 4, 4, 3], b.X.Shape);
            Assert.Equal([0f, 1, 2], b.Y!.Data);
            Assert.Equal([1f, 2, 3], b.SampleWeight!.Data);
        }
        using (var it = gen.Flow(Images(8), null, batchSize: 3, sampleWeight: Range(8), pipeline: Quiet))
        {
            var b = it.Next();
            Assert.Null(b.Y);
            Assert.Null(b.SampleWeight); // Keras ignores weights without labels
        }
    }

    [Fact]
    public void TupleFormSlicesMiscInputsWithTheImages()
    {
        var misc = new Tensor(Enumerable.Range(0, 16).Select(i => (float)i).ToArray(), 8, 2);
        using var it = new ImageDataGenerator().Flow((Images(8), [misc]), Range(8), batchSize: 2, shuffle: false, pipeline: Quiet);
        for (int i = 0; i < 3; i++)
        {
            var b = it.Next();
            Assert.Single(b.MiscInputs!);
            Assert.Equal(misc.Data[(4 * i)..(4 * i + 4)], b.MiscInputs![0].Data);
            Assert.Equal([2, 2], b.MiscInputs[0].Shape);
        }
    }

    [Fact]
    public void LengthMismatchesGiveKerasMessages()
    {
        var gen = new ImageDataGenerator();
        var e1 = Assert.Throws<ArgumentException>(() => gen.Flow(Images(8), Range(7), pipeline: Quiet));
        Assert.StartsWith("`x` (images tensor) and `y` (labels) should have the same length. Found: x.shape = (8, 4, 4, 3), y.shape = (7,)", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => gen.Flow(Images(8), Range(8), sampleWeight: Range(5), pipeline: Quiet));
        Assert.StartsWith("`x` (images tensor) and `sample_weight` should have the same length. Found: x.shape = (8, 4, 4, 3), sample_weight.shape = (5,)", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => gen.Flow((Images(8), [new Tensor(6, 1)]), Range(8), pipeline: Quiet));
        Assert.StartsWith("All of the arrays in `x` should have the same length. Found a pair with: len(x[0]) = 8, len(x[1]) = 6", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => gen.Flow(new Tensor(8, 4, 4), Range(8), pipeline: Quiet));
        Assert.StartsWith("Input data in `NumpyArrayIterator` should have rank 4. You passed an array with shape (8, 4, 4)", e4.Message);
    }

    [Fact]
    public void FiveChannelsOnlyWarn()
    {
        var log = new StringWriter();
        using var it = new ImageDataGenerator().Flow(Images(4, 5), null, pipeline: new PipelineOptions { Log = log });
        Assert.Contains("expected either 1, 3, or 4 channels on axis 3. However, it was passed an array with shape (4, 4, 4, 5) (5 channels).", log.ToString());
    }

    [Fact]
    public void SubsetsSplitFirstPartForValidation()
    {
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { ValidationSplit = 0.25 });
        var y = new Tensor([0f, 1, 0, 1, 0, 1, 0, 1], 8);
        using var val = gen.Flow(Images(8), y, batchSize: 10, shuffle: false, subset: Subset.Validation, pipeline: Quiet);
        using var train = gen.Flow(Images(8), y, batchSize: 10, shuffle: false, subset: Subset.Training, pipeline: Quiet);
        Assert.Equal(2, val.Samples);
        Assert.Equal(6, train.Samples);
        Assert.Equal([0f, 1], val.Next().Y!.Data);
    }

    [Fact]
    public void SubsetClassCheckAndMissingSplitAreRefused()
    {
        var sorted = new Tensor([0f, 0, 0, 0, 1, 1, 1, 1], 8);
        var split = new ImageDataGenerator(new ImageDataGeneratorOptions { ValidationSplit = 0.5 });
        var e = Assert.Throws<ArgumentException>(() => split.Flow(Images(8), sorted, subset: Subset.Training, pipeline: Quiet));
        Assert.StartsWith("Training and validation subsets have different number of classes after the split.", e.Message);
        using (split.Flow(Images(8), sorted, subset: Subset.Training, ignoreClassSplit: true, pipeline: Quiet)) { }
        var e2 = Assert.Throws<ArgumentException>(() => new ImageDataGenerator().Flow(Images(8), sorted, subset: Subset.Validation, pipeline: Quiet));
        Assert.Contains("needs the generator's validation_split", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => SubsetNames.Parse("foo"));
        Assert.StartsWith("Invalid subset name: foo; expected \"training\" or \"validation\".", e3.Message);
    }

    [Fact]
    public void SaveToDirWritesOneFilePerSampleNamedByDatasetIndex()
    {
        string dir = Path.Combine(Path.GetTempPath(), "augnet-flow-save-" + Guid.NewGuid().ToString("N"));
        try
        {
            var x = new Tensor(3, 4, 4, 3);
            for (int i = 0; i < x.Length; i++) x.Data[i] = i % 251;
            // Prefetch depth 4: batches built ahead in the background must not write files that nobody asked for.
            using var it = new ImageDataGenerator().Flow(x, null, batchSize: 3, shuffle: false, seed: 0, saveTo: new SaveOptions(dir) { Prefix = "aug" },
                pipeline: Quiet with { PrefetchDepth = 4 });
            it.Next();
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (it.RunningBuilds > 0 && waited.ElapsedMilliseconds < 10_000) Thread.Sleep(10);
            // Hashes continue the batch's stream after the three transforms' draws (two flip coins each).
            var rng = new NumpyRandom(0);
            var gen = new ImageDataGenerator();
            for (int i = 0; i < 3; i++) gen.GetRandomTransform([4, 4, 3], rng);
            var expected = Enumerable.Range(0, 3).Select(j => $"aug_{j}_{rng.Next(10_000)}.png").Order().ToArray();
            Assert.Equal(expected, Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToArray());
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
