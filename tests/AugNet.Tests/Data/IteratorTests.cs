using AugNet.Augmentation;
using AugNet.Data;

namespace AugNet.Tests.Data;

/// <summary>Keras's <c>Iterator</c> behaviour (spec §7, §13.3, §13.7): order, passes, seeding, random access, prefetch.</summary>
public class IteratorTests
{
    static readonly PipelineOptions Quiet = new() { Log = TextWriter.Null };

    /// <summary>x[i] = i (1×1×1 images), y = i, so batches reveal their indices.</summary>
    static (Tensor X, Tensor Y) Indexed(int n)
    {
        var x = new Tensor(n, 1, 1, 1);
        var y = new Tensor(n);
        for (int i = 0; i < n; i++) { x.Data[i] = i; y.Data[i] = i; }
        return (x, y);
    }

    static int[] Ids(Batch b) => b.Y!.Data.Select(v => (int)v).ToArray();

    [Fact]
    public void SeededNextReproducesTheKerasIndexSequence()
    {
        var (x, y) = Indexed(10);
        using var it = new ImageDataGenerator().Flow(x, y, batchSize: 3, shuffle: true, seed: 42, pipeline: Quiet);
        int[][] expected = [[8, 1, 5], [0, 7, 2], [9, 4, 3], [6], [7, 0, 1], [9, 6, 3], [2, 4, 8], [5]];
        foreach (var e in expected) Assert.Equal(e, Ids(it.Next()));
        Assert.Equal(8, it.TotalBatchesSeen);
    }

    [Theory]
    [InlineData(10, 3, true)]
    [InlineData(7, 7, true)]
    [InlineData(5, 8, false)]
    [InlineData(12, 4, true)]
    public void EveryPassCoversEverySampleOnce(int n, int batchSize, bool shuffle)
    {
        var (x, y) = Indexed(n);
        using var it = new ImageDataGenerator().Flow(x, y, batchSize: batchSize, shuffle: shuffle, seed: 3, pipeline: Quiet);
        Assert.Equal((n + batchSize - 1) / batchSize, it.Count);
        for (int pass = 0; pass < 3; pass++)
        {
            var seen = new List<int>();
            for (int b = 0; b < it.Count; b++) seen.AddRange(Ids(it.Next()));
            Assert.Equal(Enumerable.Range(0, n), seen.Order());
            if (!shuffle) Assert.Equal(Enumerable.Range(0, n), seen);
        }
    }

    [Fact]
    public void UnshuffledFirstBatchAndLengthAsKerasSequence()
    {
        var (x, y) = Indexed(8);
        using var it = new ImageDataGenerator().Flow(x, y, batchSize: 3, shuffle: false, pipeline: Quiet);
        Assert.Equal(3, it.Count);
        Assert.Equal([0, 1, 2], Ids(it.GetBatch(0)));
        Assert.Equal([6, 7], Ids(it.GetBatch(2)));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => it.GetBatch(3));
        Assert.Contains("Asked to retrieve element 3, but the Sequence has length 3", e.Message);
    }

    [Fact]
    public void OnEpochEndReshufflesRandomAccess()
    {
        var (x, y) = Indexed(8);
        using var it = new ImageDataGenerator().Flow(x, y, batchSize: 3, shuffle: true, seed: 123, pipeline: Quiet);
        var first = Ids(it.GetBatch(0));
        Assert.NotEqual([0, 1, 2], first);
        Assert.Equal(first, Ids(it.GetBatch(0))); // same index array until the epoch ends
        it.OnEpochEnd();
        Assert.NotEqual(first, Ids(it.GetBatch(0)));
    }

    [Fact]
    public void ResetStartsANewPassButKeepsCountingBatches()
    {
        var (x, y) = Indexed(10);
        using var it = new ImageDataGenerator().Flow(x, y, batchSize: 3, shuffle: true, seed: 42, pipeline: Quiet);
        it.Next();
        Assert.Equal(1, it.BatchIndex);
        it.Reset();
        Assert.Equal(0, it.BatchIndex);
        // Batch ordinal 1 starts a pass: permutation from seed 43.
        Assert.Equal(new NumpyRandom(43).Permutation(10)[..3], Ids(it.Next()));
        Assert.Equal(2, it.TotalBatchesSeen);
    }

    [Fact]
    public void EmptyIteratorGivesEmptyBatches()
    {
        using var it = new ImageDataGenerator().Flow(new Tensor(0, 2, 2, 1), new Tensor(0), batchSize: 32, pipeline: Quiet);
        Assert.Equal(0, it.Count);
        var b = it.Next();
        Assert.Equal([0, 2, 2, 1], b.X.Shape);
        Assert.Empty(b.Y!.Data);
    }

    sealed class IndexOnly(int n, int batchSize) : BatchIterator(n, batchSize, false, 0, new PipelineOptions { Log = TextWriter.Null })
    {
        protected override BatchRecipe Prepare(long ordinal, int[] indices, NumpyRandom rng) => new(ordinal, indices, null, null);
        protected override Batch Build(BatchRecipe recipe, CancellationToken cancel) =>
            new(new Tensor(recipe.Indices.Select(i => (float)i).ToArray(), recipe.Indices.Length), null);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    public void BaseIteratorWithNoSamplesYieldsEmptyIndexArrays(int batchSize)
    {
        using var it = new IndexOnly(0, batchSize);
        Assert.Empty(it.Next().X.Data);
        Assert.Empty(it.Next().X.Data);
    }

    [Fact]
    public void SeedOutOfNumpyRangeIsRefused()
    {
        var (x, y) = Indexed(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageDataGenerator().Flow(x, y, seed: -1, pipeline: Quiet));
        using var it = new ImageDataGenerator().Flow(x, y, seed: uint.MaxValue, pipeline: Quiet);
        it.Next();
        var e = Assert.Throws<InvalidOperationException>(() => it.Next());
        Assert.Contains("Seed must be between 0 and 2**32 - 1", e.Message);
    }

    static ImageDataGenerator Book() => new(new ImageDataGeneratorOptions
    {
        RotationRange = 40, ShearRange = 0.2, ZoomRange = (0.8, 1.2), HorizontalFlip = true, Rescale = 1 / 255.0,
    });

    /// <summary>
    /// A mixed request pattern (Next, Reset, GetBatch, OnEpochEnd) gives identical batches for every thread count and
    /// prefetch depth, so discarded speculative batches never leak into the output.
    /// </summary>
    [Fact]
    public void BatchesDoNotDependOnThreadsOrPrefetchDepth()
    {
        var x = new Tensor(23, 12, 12, 3);
        var rng = new NumpyRandom(5);
        for (int i = 0; i < x.Length; i++) x.Data[i] = (float)(rng.RandomSample() * 255);
        var y = new Tensor(Enumerable.Range(0, 23).Select(i => (float)i).ToArray(), 23);

        List<float[]> Run(int workers, int depth)
        {
            using var it = Book().Flow(x, y, batchSize: 5, seed: 11, pipeline: new PipelineOptions { Workers = workers, PrefetchDepth = depth, Log = TextWriter.Null });
            var outs = new List<float[]>();
            for (int i = 0; i < 7; i++) outs.Add(it.Next().X.Data);
            it.Reset();
            outs.Add(it.Next().X.Data);
            for (int i = 0; i < it.Count; i++) outs.Add(it.GetBatch(i).X.Data);
            it.OnEpochEnd();
            outs.Add(it.GetBatch(1).X.Data);
            outs.Add(it.GetBatch(0).X.Data);
            outs.Add(it.Next().X.Data);
            return outs;
        }

        var reference = Run(1, 0);
        foreach (var (w, d) in new[] { (1, 1), (2, 2), (4, 0), (4, 5), (-1, 3) })
        {
            var other = Run(w, d);
            Assert.Equal(reference.Count, other.Count);
            for (int i = 0; i < reference.Count; i++) Assert.True(reference[i].SequenceEqual(other[i]), $"workers {w} depth {d}: batch {i} differs");
        }
    }

    [Fact]
    public void DisposeStopsPrefetchingAndLeavesNothingRunning()
    {
        var x = new Tensor(64, 16, 16, 3);
        var it = Book().Flow(x, null, batchSize: 4, seed: 1, pipeline: new PipelineOptions { Workers = 2, PrefetchDepth = 6, Log = TextWriter.Null });
        it.Next();
        it.Dispose();
        Assert.Equal(0, it.RunningBuilds);
        Assert.Throws<ObjectDisposedException>(() => it.Next());
        it.Dispose(); // idempotent
    }

    [Fact]
    public void AFailingBackgroundBatchReachesTheConsumer()
    {
        int calls = 0;
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions
        {
            PreprocessingFunction = t => Interlocked.Increment(ref calls) > 6 ? throw new InvalidDataException("boom in preprocessing") : t,
        });
        var x = new Tensor(40, 4, 4, 1);
        using var it = gen.Flow(x, null, batchSize: 2, shuffle: false, pipeline: new PipelineOptions { Workers = 2, PrefetchDepth = 4, Log = TextWriter.Null });
        var e = Assert.Throws<InvalidDataException>(() => { for (int i = 0; i < 20; i++) it.Next(); });
        Assert.Equal("boom in preprocessing", e.Message);
    }
}
