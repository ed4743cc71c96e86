using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.NN.Callbacks;
using AugNet.NN.Layers;
using AugNet.NN.Layers.Preprocessing;
using AugNet.NN.Training;

namespace AugNet.Tests.NN;

/// <summary>
/// Exact resume: N epochs, a <see cref="TrainingState"/> through bytes, a new model and a new iterator, then the rest,
/// must give the weights (and History) of the uninterrupted run bit for bit; and a cancelled Fit stops after a whole
/// batch with a state to resume from.
/// </summary>
public class ResumeTests
{
    static readonly PipelineOptions Quiet = new() { Log = TextWriter.Null };
    const int Size = 10, Samples = 40, BatchSize = 8;

    /// <summary>Dropout and BatchNormalization are in, so the dropout generator and the moving statistics must carry over.</summary>
    static Sequential Net(uint seed, Optimizer optimizer)
    {
        var model = new Sequential(seed)
        {
            new Conv2D(4, 3, activation: "relu", inputShape: [Size, Size, 3]),
            new BatchNormalization(),
            new MaxPooling2D(2),
            new Flatten(),
            new Dropout(0.3),
            new Dense(8, activation: "relu"),
            new Dense(1, activation: "sigmoid"),
        };
        model.Compile(optimizer, new BinaryCrossentropy(), "acc");
        return model;
    }

    static Optimizer NewOptimizer(string name) => name == "adam" ? new Adam(0.01) : new RMSprop(0.01);

    static (Tensor X, Tensor Y) Data(uint seed = 7)
    {
        var r = new NumpyRandom(seed);
        var x = new Tensor(Samples, Size, Size, 3);
        var y = new Tensor(Samples, 1);
        for (int i = 0; i < x.Length; i++) x.Data[i] = (float)r.RandomSample();
        for (int i = 0; i < Samples; i++)
        {
            y.Data[i] = r.Next(2);
            if (y.Data[i] == 1) for (int k = 0; k < Size * 3; k++) x.Data[i * Size * Size * 3 + k] += 1f; // a bright top row
        }
        return (x, y);
    }

    static ImageDataGenerator Augmenting() => new(new ImageDataGeneratorOptions
    {
        RotationRange = 15,
        WidthShiftRange = 0.1,
        HorizontalFlip = true,
    });

    static NumpyArrayIterator Flow(Tensor x, Tensor y, int prefetch = 2) =>
        Augmenting().Flow(x, y, batchSize: BatchSize, shuffle: true, seed: 1, pipeline: Quiet with { PrefetchDepth = prefetch });

    static FitOptions Options(int epochs, TrainingState? resume = null, params Callback[] callbacks) => new()
    {
        Epochs = epochs,
        InitialEpoch = resume?.Epoch ?? 0,
        ResumeFrom = resume,
        Verbose = 0,
        Callbacks = callbacks,
        BatchSize = BatchSize,
    };

    /// <summary>The second half's model: another seed (so nothing is right by accident), the first half's weights.</summary>
    static Sequential Continuation(string optimizer, float[][] weights)
    {
        var model = Net(seed: 99, NewOptimizer(optimizer));
        model.SetWeights(weights);
        return model;
    }

    static void AssertSameWeights(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i]);
    }

    static void AssertSameTail(History full, History resumed)
    {
        int k = resumed.Epochs.Count;
        Assert.Equal(full.Epochs[^k..], resumed.Epochs);
        foreach (var (key, values) in full.Values) Assert.Equal(values[^k..], resumed[key]);
    }

    [Theory]
    [InlineData("rmsprop")]
    [InlineData("adam")]
    public void AugmentingFlowTwoPlusTwoEpochsEqualsFour(string optimizer)
    {
        var (x, y) = Data();
        var full = Net(3, NewOptimizer(optimizer));
        History fullHistory;
        using (var it = Flow(x, y)) fullHistory = full.Fit(it, Options(4));

        var first = Net(3, NewOptimizer(optimizer));
        using (var it = Flow(x, y)) first.Fit(it, Options(2));
        var state = TrainingState.FromBytes(first.LastTrainingState!.ToBytes());
        Assert.Equal(2, state.Epoch);
        Assert.Equal(0, state.Step);

        var second = Continuation(optimizer, first.GetWeights());
        History resumed;
        using (var it = Flow(x, y)) resumed = second.Fit(it, Options(4, state));
        AssertSameWeights(full.GetWeights(), second.GetWeights());
        AssertSameTail(fullHistory, resumed);
        Assert.Equal(full.Optimizer!.Iterations, second.Optimizer!.Iterations);
    }

    [Theory]
    [InlineData("rmsprop")]
    [InlineData("adam")]
    public void ArrayFitTwoPlusTwoEpochsEqualsFour(string optimizer)
    {
        var (x, y) = Data();
        var full = Net(3, NewOptimizer(optimizer));
        var fullHistory = full.Fit(x, y, Options(4));

        var first = Net(3, NewOptimizer(optimizer));
        first.Fit(x, y, Options(2));
        var state = TrainingState.FromBytes(first.LastTrainingState!.ToBytes());

        var second = Continuation(optimizer, first.GetWeights());
        var resumed = second.Fit(x, y, Options(4, state));
        AssertSameWeights(full.GetWeights(), second.GetWeights());
        AssertSameTail(fullHistory, resumed);
    }

    /// <summary>Cancels the token after batch <paramref name="batch"/> of epoch <paramref name="epoch"/> (0-based).</summary>
    sealed class CancelAt(int epoch, int batch, CancellationTokenSource source) : Callback
    {
        int _epoch;
        public int Interrupted { get; private set; } = -1;
        public override void OnEpochBegin(int epoch, int steps) => _epoch = epoch;
        public override void OnBatchEnd(int batch1, IReadOnlyDictionary<string, double> logs)
        {
            if (_epoch == epoch && batch1 == batch) source.Cancel();
        }
        public override void OnInterrupted(int epoch, int step) => Interrupted = epoch * 1000 + step;
    }

    [Theory]
    [InlineData("adam", 2)]
    [InlineData("rmsprop", 4)] // the last batch of the epoch: validation and epoch end are left for the resumed run
    public void CancelledMidEpochResumesExactly(string optimizer, int cancelAfterBatch)
    {
        var (x, y) = Data();
        var (vx, vy) = Data(8);
        FitOptions WithValidation(FitOptions o) => o with { ValidationData = new ArrayBatchSequence(vx, vy, 16, shuffle: true, seed: 5) };
        var full = Net(3, NewOptimizer(optimizer));
        History fullHistory;
        using (var it = Flow(x, y)) fullHistory = full.Fit(it, WithValidation(Options(4)));

        using var cts = new CancellationTokenSource();
        var cancel = new CancelAt(1, cancelAfterBatch, cts);
        var first = Net(3, NewOptimizer(optimizer));
        History interrupted;
        var output = new StringWriter();
        using (var it = Flow(x, y)) interrupted = first.Fit(it, WithValidation(Options(4, null, cancel) with { CancellationToken = cts.Token, Output = output }));
        Assert.Equal($"Interrupted at epoch 2, batch {cancelAfterBatch + 1} of 5", interrupted.StopReason);
        Assert.Contains(interrupted.StopReason!, output.ToString());
        Assert.Equal([0], interrupted.Epochs); // the interrupted epoch is not logged
        Assert.Equal(1000 + cancelAfterBatch + 1, cancel.Interrupted);
        var state = TrainingState.FromBytes(first.LastTrainingState!.ToBytes());
        Assert.Equal(1, state.Epoch);
        Assert.Equal(cancelAfterBatch + 1, state.Step);
        Assert.Equal(5 + cancelAfterBatch + 1, state.Iterations);

        var second = Continuation(optimizer, first.GetWeights());
        History resumed;
        using (var it = Flow(x, y)) resumed = second.Fit(it, WithValidation(Options(4, state)));
        AssertSameWeights(full.GetWeights(), second.GetWeights());
        AssertSameTail(fullHistory, resumed);
        Assert.Equal([1, 2, 3], resumed.Epochs);
        Assert.Null(resumed.StopReason);
    }

    [Fact]
    public void AlreadyCancelledTokenTrainsNothingAndRecordsTheStart()
    {
        var (x, y) = Data();
        var model = Net(3, new RMSprop(0.01));
        var before = model.GetWeights();
        var history = model.Fit(x, y, Options(2) with { CancellationToken = new CancellationToken(true), Output = TextWriter.Null });
        Assert.Equal("Interrupted at epoch 1, batch 0 of 5", history.StopReason);
        Assert.Empty(history.Epochs);
        AssertSameWeights(before, model.GetWeights());
        Assert.Equal((0, 0, 0L), (model.LastTrainingState!.Epoch, model.LastTrainingState.Step, model.LastTrainingState.Iterations));
    }

    [Fact]
    public void DirectoryIteratorWithWorkersAndPrefetchResumesExactly()
    {
        string root = Path.Combine(Path.GetTempPath(), "augnet-resume-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (x, _) = Data();
            for (int i = 0; i < 24; i++)
            {
                string dir = Path.Combine(root, i % 2 == 0 ? "a" : "b");
                Directory.CreateDirectory(dir);
                ImageSaver.SaveImage(Path.Combine(dir, $"{i:00}.png"), x.Slice0(i));
            }
            DirectoryIterator Open() => Augmenting().FlowFromDirectory(root, (Size, Size), classMode: ClassMode.Binary, batchSize: BatchSize, seed: 2,
                pipeline: Quiet with { Workers = 3, PrefetchDepth = 3 });
            var full = Net(3, new Adam(0.01));
            using (var it = Open()) full.Fit(it, Options(3));

            using var cts = new CancellationTokenSource();
            var first = Net(3, new Adam(0.01));
            using (var it = Open()) first.Fit(it, Options(3, null, new CancelAt(1, 0, cts)) with { CancellationToken = cts.Token });
            var state = TrainingState.FromBytes(first.LastTrainingState!.ToBytes());
            Assert.Equal((1, 1), (state.Epoch, state.Step));

            var second = Continuation("adam", first.GetWeights());
            using (var it = Open()) second.Fit(it, Options(3, state));
            AssertSameWeights(full.GetWeights(), second.GetWeights());
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
        }
    }

    [Fact]
    public void CallbackCountersCarryOver()
    {
        // min_delta 10: only the first epoch "improves", so patience 3 stops after epoch index 3, counting across the resume.
        EarlyStopping Stopper() => new("loss", minDelta: 10, patience: 3);
        var (x, y) = Data();
        var full = Net(3, new RMSprop(0.01));
        var fullHistory = full.Fit(x, y, Options(6, null, Stopper()));
        Assert.Equal([0, 1, 2, 3], fullHistory.Epochs);

        var first = Net(3, new RMSprop(0.01));
        first.Fit(x, y, Options(2, null, Stopper()));
        var state = TrainingState.FromBytes(first.LastTrainingState!.ToBytes());
        var second = Continuation("rmsprop", first.GetWeights());
        var resumed = second.Fit(x, y, Options(6, state, Stopper()));
        Assert.Equal([2, 3], resumed.Epochs);
        Assert.Equal(fullHistory.StopReason, resumed.StopReason);
    }

    [Fact]
    public void StateIsReadableInsideOnEpochEndAndMatchesTheRecordedOne()
    {
        var (x, y) = Data();
        var seen = new List<byte[]>();
        var model = Net(3, new RMSprop(0.01));
        model.Fit(x, y, Options(2, null, new Probe(m => seen.Add(m.CurrentTrainingState().ToBytes()))));
        Assert.Equal(2, seen.Count);
        Assert.Equal(1, TrainingState.FromBytes(seen[0]).Epoch);
        Assert.Equal(seen[1], model.LastTrainingState!.ToBytes());
        Assert.Throws<InvalidOperationException>(() => model.CurrentTrainingState());
    }

    sealed class Probe(Action<Sequential> onEpochEnd) : Callback
    {
        public override void OnEpochEnd(int epoch, Dictionary<string, double> logs) => onEpochEnd(Model);
    }

    static byte[] SomeStateBytes()
    {
        var (x, y) = Data();
        var model = Net(3, new RMSprop(0.01));
        model.Fit(x, y, Options(1));
        return model.LastTrainingState!.ToBytes();
    }

    [Fact]
    public void BadBytesGiveInvalidDataExceptionNamingTheProblem()
    {
        var bytes = SomeStateBytes();
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => TrainingState.FromBytes(bytes.AsSpan(0, bytes.Length / 2))).Message);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => TrainingState.FromBytes(bytes.AsSpan(0, 5))).Message);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => TrainingState.FromBytes([])).Message);
        var wrongMagic = (byte[])bytes.Clone();
        wrongMagic[0] ^= 0xFF;
        Assert.Contains("not an AugNet training state", Assert.Throws<InvalidDataException>(() => TrainingState.FromBytes(wrongMagic)).Message);
        var futureVersion = (byte[])bytes.Clone();
        futureVersion[8] = 99;
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => TrainingState.FromBytes(futureVersion)).Message);
        var garbled = (byte[])bytes.Clone();
        garbled[bytes.Length / 2] ^= 0x10;
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => TrainingState.FromBytes(garbled)).Message);
        Assert.Contains("trailing", Assert.Throws<InvalidDataException>(() => TrainingState.FromBytes([.. bytes, 0])).Message);
        // Every truncation is an InvalidDataException (never EndOfStream or IndexOutOfRange).
        for (int n = 0; n < bytes.Length; n += 97) Assert.Throws<InvalidDataException>(() => TrainingState.FromBytes(bytes.AsSpan(0, n)));
    }

    [Fact]
    public void ResumingWithAnotherOptimizerOrModelOrSequenceIsRefusedClearly()
    {
        var (x, y) = Data();
        var state = TrainingState.FromBytes(SomeStateBytes());

        var adam = Net(3, new Adam());
        var e1 = Assert.Throws<ArgumentException>(() => adam.Fit(x, y, Options(2, state)));
        Assert.Contains("RMSprop", e1.Message);
        Assert.Contains("Adam", e1.Message);

        var other = new Sequential(3) { new Flatten(inputShape: [Size, Size, 3]), new Dense(1, activation: "sigmoid") };
        other.Compile(new RMSprop(0.01), new BinaryCrossentropy(), "acc");
        var e2 = Assert.Throws<ArgumentException>(() => other.Fit(x, y, Options(2, state)));
        Assert.Contains("trainable parameters", e2.Message);

        var model = Net(3, new RMSprop(0.01));
        var e3 = Assert.Throws<ArgumentException>(() => model.Fit(x, y, Options(2, state) with { InitialEpoch = 0 }));
        Assert.Contains("InitialEpoch", e3.Message);

        var e4 = Assert.Throws<NotSupportedException>(() => model.Fit(new Plain(x, y), Options(2, state)));
        Assert.Contains(nameof(Plain), e4.Message);

        using var flow = Flow(x, y);
        var e5 = Assert.Throws<ArgumentException>(() => model.Fit(flow, Options(2, state)));
        Assert.Contains("ArrayBatchSequence", e5.Message);
    }

    /// <summary>A sequence that cannot record its position.</summary>
    sealed class Plain(Tensor x, Tensor y) : IBatchSequence
    {
        readonly ArrayBatchSequence _inner = new(x, y, BatchSize, shuffle: false);
        public int Count => _inner.Count;
        public Batch GetBatch(int index) => _inner.GetBatch(index);
        public void OnEpochEnd() { }
    }

    /// <summary>
    /// <see cref="Net"/> behind Keras 3 augmentation layers, each with its own generator seeded from
    /// <paramref name="layerSeed"/> (and the next two).
    /// </summary>
    static Sequential AugmentedNet(uint seed, int layerSeed, Optimizer optimizer)
    {
        var model = new Sequential(seed)
        {
            new RandomFlip(RandomFlip.Horizontal, seed: layerSeed, inputShape: [Size, Size, 3]),
            new RandomRotation(0.1, seed: layerSeed + 1),
            new RandomZoom(0.2, seed: layerSeed + 2),
            new Conv2D(4, 3, activation: "relu"),
            new BatchNormalization(),
            new MaxPooling2D(2),
            new Flatten(),
            new Dropout(0.3),
            new Dense(8, activation: "relu"),
            new Dense(1, activation: "sigmoid"),
        };
        model.Compile(optimizer, new BinaryCrossentropy(), "acc");
        model.Build();
        return model;
    }

    static NumpyRandomState[] LayerGenerators(Sequential model) =>
        [.. model.Layers.OfType<RandomImageLayer>().Select(l => l.Random.GetState())];

    static void AssertSameGenerators(IReadOnlyList<NumpyRandomState> expected, IReadOnlyList<NumpyRandomState> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Key, actual[i].Key);
            Assert.Equal(expected[i].Position, actual[i].Position);
        }
    }

    /// <summary>A copy of <paramref name="s"/> with other layer generators (everything else as recorded).</summary>
    static TrainingState WithLayerRandoms(TrainingState s, IReadOnlyList<NumpyRandomState> layerRandoms) =>
        new(s.Epoch, s.Step, s.StepsPerEpoch, s.OptimizerName, s.Iterations, s.LearningRate, s.OptimizerSlots, s.DropoutRandom,
            s.Training, s.Validation, s.LossSum, s.SamplesSeen, s.Metrics, s.Callbacks, layerRandoms);

    [Theory]
    [InlineData("rmsprop")]
    [InlineData("adam")]
    public void RandomPreprocessingLayersTwoPlusTwoEpochsEqualsFour(string optimizer)
    {
        var (x, y) = Data();
        var full = AugmentedNet(3, 1, NewOptimizer(optimizer));
        var fullHistory = full.Fit(x, y, Options(4));

        var first = AugmentedNet(3, 1, NewOptimizer(optimizer));
        first.Fit(x, y, Options(2));
        var state = TrainingState.FromBytes(first.LastTrainingState!.ToBytes());
        Assert.Equal(3, state.LayerRandoms.Count);
        AssertSameGenerators(LayerGenerators(first), state.LayerRandoms);

        // The second half's layers are seeded otherwise (and the model too): only the state can give them the first half's draws.
        Sequential Second()
        {
            var model = AugmentedNet(99, 40, NewOptimizer(optimizer));
            model.SetWeights(first.GetWeights());
            return model;
        }
        var second = Second();
        var resumed = second.Fit(x, y, Options(4, state));
        AssertSameWeights(full.GetWeights(), second.GetWeights());
        AssertSameTail(fullHistory, resumed);
        AssertSameGenerators(LayerGenerators(full), LayerGenerators(second));

        // Control: the same state with the new model's own layer generators (what resuming did before) ends elsewhere.
        var unrestored = Second();
        unrestored.Fit(x, y, Options(4, WithLayerRandoms(state, LayerGenerators(unrestored))));
        Assert.NotEqual(full.GetWeights().SelectMany(w => w), unrestored.GetWeights().SelectMany(w => w));
    }

    [Fact]
    public void ResumingWithAnotherNumberOfRandomLayersIsRefusedClearly()
    {
        var (x, y) = Data();
        var first = AugmentedNet(3, 1, new RMSprop(0.01));
        first.Fit(x, y, Options(1));
        var state = TrainingState.FromBytes(first.LastTrainingState!.ToBytes());

        var plain = Net(3, new RMSprop(0.01));
        var e1 = Assert.Throws<ArgumentException>(() => plain.Fit(x, y, Options(2, state)));
        Assert.Contains("generators of 3 random preprocessing layers; this model has 0", e1.Message);

        var augmented = AugmentedNet(3, 1, new RMSprop(0.01));
        var e2 = Assert.Throws<ArgumentException>(() => augmented.Fit(x, y, Options(2, WithLayerRandoms(state, []))));
        Assert.Contains("generators of 0 random preprocessing layers; this model has 3 [random_flip, random_rotation, random_zoom]", e2.Message);
        Assert.Contains("before version 2", e2.Message);
    }

    /// <summary>
    /// Version 1 of the format is version 2 without the trailing layer-generator count: the same payload minus its
    /// last four bytes (a zero count), under version 1, with the length and checksum redone.
    /// </summary>
    static byte[] AsVersion1(byte[] v2)
    {
        Assert.Equal(2, System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(v2.AsSpan(8)));
        int payload = (int)System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(v2.AsSpan(12)) - 4;
        Assert.Equal(0, System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(v2.AsSpan(20 + payload)));
        var v1 = new byte[20 + payload + 8];
        v2.AsSpan(0, 20 + payload).CopyTo(v1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(v1.AsSpan(8), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(v1.AsSpan(12), payload);
        ulong h = 14695981039346656037UL;
        foreach (byte b in v1.AsSpan(0, 20 + payload)) h = (h ^ b) * 1099511628211UL;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(v1.AsSpan(20 + payload), h);
        return v1;
    }

    [Fact]
    public void Version1StateStillReadsAndResumes()
    {
        var (x, y) = Data();
        var full = Net(3, new RMSprop(0.01));
        full.Fit(x, y, Options(4));

        var first = Net(3, new RMSprop(0.01));
        first.Fit(x, y, Options(2));
        var v2 = first.LastTrainingState!.ToBytes();
        var v1 = AsVersion1(v2);
        var state = TrainingState.FromBytes(v1);
        Assert.Empty(state.LayerRandoms);
        Assert.Equal(v2, state.ToBytes()); // every version-1 field read back as written; rewritten as version 2

        var second = Continuation("rmsprop", first.GetWeights());
        second.Fit(x, y, Options(4, state));
        AssertSameWeights(full.GetWeights(), second.GetWeights());

        // Truncations of a version-1 blob are still InvalidDataException.
        for (int n = 0; n < v1.Length; n += 97) Assert.Throws<InvalidDataException>(() => TrainingState.FromBytes(v1.AsSpan(0, n)));
    }

    [Fact]
    public void NumpyRandomStateRoundTrips()
    {
        var r = new NumpyRandom(5);
        for (int i = 0; i < 700; i++) r.NextUInt32();
        var s = r.GetState();
        var expected = Enumerable.Range(0, 1000).Select(_ => r.NextUInt32()).ToArray();
        var other = new NumpyRandom(1);
        other.SetState(s);
        Assert.Equal(expected, Enumerable.Range(0, 1000).Select(_ => other.NextUInt32()).ToArray());
        Assert.Throws<ArgumentException>(() => other.SetState(s with { Position = 625 }));
        Assert.Throws<ArgumentException>(() => other.SetState(s with { Key = new uint[3] }));
    }

    [Fact]
    public void IteratorStateAfterPrefetchRestoresTheSameBatches()
    {
        var (x, y) = Data();
        using var a = Flow(x, y, prefetch: 3);
        a.GetBatch(0); a.GetBatch(1); a.OnEpochEnd(); a.GetBatch(0);
        var state = a.GetState();
        var expected = a.GetBatch(1).X.Data;
        using var b = Flow(x, y, prefetch: 3);
        b.GetBatch(0); b.GetBatch(1); b.GetBatch(2); // background builds planned from a different position
        b.SetState(state);
        Assert.Equal(expected, b.GetBatch(1).X.Data);
        Assert.Equal(a.TotalBatchesSeen, b.TotalBatchesSeen);

        // Recorded between a pass's last batch and OnEpochEnd: the next order comes from the saved generator.
        for (int i = 2; i < a.Count; i++) a.GetBatch(i);
        state = a.GetState();
        a.OnEpochEnd();
        expected = a.GetBatch(0).Y!.Data;
        b.SetState(state);
        b.OnEpochEnd();
        Assert.Equal(expected, b.GetBatch(0).Y!.Data);
        Assert.Equal(a.IndexArray, b.IndexArray);

        using var c = Augmenting().Flow(x, y, batchSize: BatchSize, shuffle: true, seed: 2, pipeline: Quiet);
        Assert.Contains("seed", Assert.Throws<ArgumentException>(() => c.SetState(state)).Message);
    }
}
