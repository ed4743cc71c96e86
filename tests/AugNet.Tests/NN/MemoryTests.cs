using AugNet.Augmentation;
using AugNet.Data;
using AugNet.NN;
using AugNet.NN.Callbacks;
using AugNet.NN.Kernels;
using AugNet.NN.Training;
using AugNet.Persistence;

namespace AugNet.Tests.NN;

/// <summary>
/// Flat memory over time: once the first epochs have allocated the layers' buffers, Fit allocates (almost) nothing
/// per step, so memory cannot grow with epochs. Measured as bytes allocated by the training thread (kernels forced to
/// one thread, so all the work is on it), which other tests running in parallel cannot disturb, unlike the RSS; the
/// RSS form of the check is `bench/run memory-flat` (peak RSS after 50 epochs within 10% of the peak after 2).
/// </summary>
public class MemoryTests
{
    const int Size = 32, Batch = 16, Samples = 32;

    static (Tensor X, Tensor Y) Data()
    {
        var x = new Tensor(Samples, Size, Size, 3);
        var y = new Tensor(Samples, 1);
        var rng = new Random(5);
        for (int i = 0; i < x.Length; i++) x.Data[i] = (float)rng.NextDouble();
        for (int i = 0; i < Samples; i++) y.Data[i] = rng.Next(2);
        return (x, y);
    }

    /// <summary>Records the bytes the training thread has allocated at each epoch end.</summary>
    sealed class AllocationProbe : Callback
    {
        public List<long> Allocated { get; } = [];
        public override void OnEpochEnd(int epoch, Dictionary<string, double> logs) => Allocated.Add(GC.GetAllocatedBytesForCurrentThread());
    }

    static long BatchBytes => (long)Batch * Size * Size * 3 * sizeof(float);

    /// <summary>
    /// Each of epochs 3 to 50 allocates less than a quarter of one input batch (what remains is small, short-lived
    /// bookkeeping: logs, closures, the state's positions): no per-step batch, buffer or optimiser-state copies. Before
    /// the batches were recycled and the epoch-end state reused, an epoch allocated 4 input batches and a copy of
    /// every parameter's optimiser slots.
    /// </summary>
    [Fact]
    public void FitOnArraysAllocatesNothingPerEpochAfterTheFirst()
    {
        var forced = KernelSettings.ForcedThreads;
        KernelSettings.ForcedThreads = 1;
        try
        {
            var (x, y) = Data();
            var model = ModelZoo.BookConvnet(Size, seed: 2);
            var probe = new AllocationProbe();
            model.Fit(new ArrayBatchSequence(x, y, Batch, shuffle: true, seed: 1), new FitOptions
            {
                Epochs = 50, Verbose = 0, Callbacks = [probe],
                ValidationData = new ArrayBatchSequence(x, y, Batch, shuffle: false),
            });
            long perEpoch = (probe.Allocated[49] - probe.Allocated[1]) / 48;
            Assert.True(perEpoch < BatchBytes / 4,
                $"epochs 3-50 allocated {perEpoch} bytes per epoch of {Samples / Batch} steps + validation; one input batch is {BatchBytes}");
        }
        finally { KernelSettings.ForcedThreads = forced; }
    }

    /// <summary>The same through an image iterator (augmentation and prefetch on): its batches are recycled by Fit.</summary>
    [Fact]
    public void FitOnAnIteratorKeepsNoMoreBatchesThanInFlight()
    {
        var forced = KernelSettings.ForcedThreads;
        KernelSettings.ForcedThreads = 1;
        try
        {
            var (x, y) = Data();
            var generator = new ImageDataGenerator(new ImageDataGeneratorOptions { HorizontalFlip = true });
            using var flow = generator.Flow(x, y, batchSize: Batch, seed: 3, pipeline: new PipelineOptions { Workers = 1, PrefetchDepth = 0, Log = TextWriter.Null });
            var model = ModelZoo.BookConvnet(Size, seed: 2);
            var probe = new AllocationProbe();
            model.Fit(flow, new FitOptions { Epochs = 20, Verbose = 0, Callbacks = [probe] });
            long perEpoch = (probe.Allocated[19] - probe.Allocated[1]) / 18;
            // The iterator's per-batch draws (transform parameters, labels) are small; the image arrays are reused.
            Assert.True(perEpoch < BatchBytes / 4, $"epochs 3-20 allocated {perEpoch} bytes per epoch; one input batch is {BatchBytes}");
        }
        finally { KernelSettings.ForcedThreads = forced; }
    }

    /// <summary>A batch the caller took with GetBatch is its own: Fit's recycling never writes into it.</summary>
    [Fact]
    public void BatchesTakenDirectlyAreNeverReused()
    {
        var (x, y) = Data();
        var seq = new ArrayBatchSequence(x, y, Batch, shuffle: true, seed: 1);
        var kept = seq.GetBatch(0);
        var copy = (float[])kept.X.Data.Clone();
        var model = ModelZoo.BookConvnet(Size, seed: 2);
        model.Fit(seq, new FitOptions { Epochs = 3, Verbose = 0 });
        Assert.Equal(copy, kept.X.Data);
        Assert.All(Enumerable.Range(0, seq.Count), i => Assert.NotSame(kept.X.Data, seq.GetBatch(i).X.Data));
    }

    /// <summary>A LastTrainingState someone read is kept as it was; only an unread one is overwritten in place.</summary>
    [Fact]
    public void ALastTrainingStateThatWasReadIsNotOverwritten()
    {
        var (x, y) = Data();
        var model = ModelZoo.BookConvnet(Size, seed: 2);
        TrainingState? afterFirst = null;
        float[][][]? snapshot = null;
        var grab = new LambdaCallback(epoch =>
        {
            if (epoch != 1) return;
            afterFirst = model.LastTrainingState; // the end of epoch 0
            snapshot = [.. afterFirst!.OptimizerSlots.Select(s => s.Select(a => (float[])a.Clone()).ToArray())];
        });
        model.Fit(new ArrayBatchSequence(x, y, Batch, seed: 1), new FitOptions { Epochs = 4, Verbose = 0, Callbacks = [grab] });
        Assert.Equal(1, afterFirst!.Epoch);
        for (int i = 0; i < snapshot!.Length; i++)
            for (int k = 0; k < snapshot[i].Length; k++) Assert.Equal(snapshot[i][k], afterFirst.OptimizerSlots[i][k]);
        Assert.NotSame(afterFirst.OptimizerSlots, model.LastTrainingState!.OptimizerSlots);
        Assert.Equal(4, model.LastTrainingState.Epoch);
    }

    /// <summary>
    /// Models trained in turn: each later fresh model's Fit takes the batch buffers the previous one released when its
    /// Fit ended, so it allocates a small part of what the first Fit did (its weights are allocated when it is built,
    /// before Fit). Before the pool, every model allocated its own buffers and the GC's large-object budget let a
    /// process hold two models' worth (book model: 536 MB peak for one model, 1,114 MB after four; the RSS form is
    /// `bench/run memory-models`). The pool holds its arrays weakly, so the test holds them across the gap between two
    /// models, where a collection caused by other tests running in parallel could otherwise free them.
    /// </summary>
    [Fact]
    public void ModelsTrainedInTurnReuseTheBuffersOfThePreviousOne()
    {
        // An image and batch size no other test uses, so the first model finds (almost) none of its buffer sizes in the
        // pool, which other tests running in parallel share; the limit is half the first Fit, which leaves room for that.
        const int OddSize = 40, OddBatch = 11;
        var forced = KernelSettings.ForcedThreads;
        KernelSettings.ForcedThreads = 1;
        try
        {
            var x = new Tensor(Samples, OddSize, OddSize, 3);
            var y = new Tensor(Samples, 1);
            for (int i = 0; i < Samples; i++) y.Data[i] = i % 2;
            var perFit = new List<long>();
            float[][]? held = null;
            for (int k = 0; k < 4; k++)
            {
                var model = ModelZoo.BookConvnet(OddSize, seed: 2);
                long before = GC.GetAllocatedBytesForCurrentThread();
                model.Fit(new ArrayBatchSequence(x, y, OddBatch, shuffle: false), new FitOptions { Epochs = 1, Verbose = 0 });
                perFit.Add(GC.GetAllocatedBytesForCurrentThread() - before);
                GC.KeepAlive(held);
                held = BatchBufferPool<float>.Hold();
            }
            Assert.True(perFit[0] > 8 * BatchBytes, $"the first Fit allocated only {perFit[0]} bytes: too small a model to show the buffers");
            for (int k = 1; k < perFit.Count; k++)
                Assert.True(perFit[k] < perFit[0] / 2, $"model {k + 1}'s Fit allocated {perFit[k]} bytes, the first {perFit[0]}: its buffers were not reused");
        }
        finally { KernelSettings.ForcedThreads = forced; }
    }

    sealed class LambdaCallback(Action<int> onEpochEnd) : Callback
    {
        public override void OnEpochEnd(int epoch, Dictionary<string, double> logs) => onEpochEnd(epoch);
    }

    /// <summary>
    /// augnet train's two checkpoints an epoch (best.h5 and last.h5, each with its training state) allocate less than half
    /// of the optimiser state per epoch: the state is captured into, and serialised into, the arrays of the previous
    /// save, and what is left is each file's own structure (the model config's JSON, HDF5 headers: ~250 KB a save for
    /// this model, whatever the state's size). Before, each save copied the optimiser slots and grew a stream to the state's size (about 4× the
    /// state in large-object garbage per save), and the process's RSS rose by ~50 MB an epoch for the book model at 150×150.
    /// </summary>
    [Fact]
    public void CheckpointsEveryEpochAllocateNoCopiesOfTheState()
    {
        var forced = KernelSettings.ForcedThreads;
        KernelSettings.ForcedThreads = 1;
        string dir = Path.Combine(Path.GetTempPath(), "augnet-memory-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (x, y) = Data();
            var model = ModelZoo.BookConvnet(Size, seed: 2);
            var probe = new AllocationProbe();
            model.Fit(new ArrayBatchSequence(x, y, Batch, shuffle: true, seed: 1), new FitOptions
            {
                Epochs = 12, Verbose = 0,
                Callbacks = [new ModelCheckpoint(Path.Combine(dir, "best.h5"), saveBestOnly: false), new ModelCheckpoint(Path.Combine(dir, "last.h5")), probe],
                ValidationData = new ArrayBatchSequence(x, y, Batch, shuffle: false),
            });
            long stateBytes = model.TrainableParameters.Sum(p => (long)p.Value.Length) * sizeof(float); // RMSprop: one slot per weight
            long perEpoch = (probe.Allocated[11] - probe.Allocated[1]) / 10;
            Assert.True(perEpoch < stateBytes / 2, $"epochs 3-12 allocated {perEpoch} bytes per epoch with two checkpoints; the optimiser state is {stateBytes}");
        }
        finally
        {
            KernelSettings.ForcedThreads = forced;
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
