using AugNet.Data;

namespace AugNet.NN.Training;

/// <summary>
/// Everything beyond the layer weights that <see cref="Sequential.Fit(IBatchSequence, FitOptions?)"/> needs to continue a
/// run bit for bit: where it is (epochs completed, batches of the next epoch done), the optimiser's step count,
/// learning rate and slot arrays, the dropout generator, the random preprocessing layers' generators, the data sequences' positions, the epoch's running sums (for a
/// stop mid-epoch) and the callbacks' counters. Recorded by Fit in <see cref="Sequential.LastTrainingState"/> at every
/// epoch end and on interruption; resumed with <see cref="FitOptions.ResumeFrom"/> on a model with the same layers
/// whose weights were set from the same checkpoint. <see cref="ToBytes"/> is the opaque blob a model file stores.
/// </summary>
public sealed class TrainingState
{
    internal TrainingState(int epoch, int step, int stepsPerEpoch, string optimizerName, long iterations, double learningRate,
        IReadOnlyList<float[][]> optimizerSlots, NumpyRandomState dropoutRandom, DataPosition training, DataPosition? validation,
        double lossSum, long samplesSeen, IReadOnlyList<MetricTotals> metrics, IReadOnlyList<CallbackState> callbacks,
        IReadOnlyList<NumpyRandomState> layerRandoms)
    {
        LayerRandoms = layerRandoms;
        Epoch = epoch; Step = step; StepsPerEpoch = stepsPerEpoch;
        OptimizerName = optimizerName; Iterations = iterations; LearningRate = learningRate; OptimizerSlots = optimizerSlots;
        DropoutRandom = dropoutRandom; Training = training; Validation = validation;
        LossSum = lossSum; SamplesSeen = samplesSeen; Metrics = metrics; Callbacks = callbacks;
    }

    /// <summary>Epochs completed: the 0-based epoch a resumed Fit starts in (its <see cref="FitOptions.InitialEpoch"/>).</summary>
    public int Epoch { get; }

    /// <summary>Batches of epoch <see cref="Epoch"/> already trained: 0 at an epoch end, more after an interruption.</summary>
    public int Step { get; }

    /// <summary>Batches per epoch of the recorded run; a mid-epoch resume must use the same.</summary>
    public int StepsPerEpoch { get; }

    /// <summary>The optimiser's <see cref="Optimizer.Name"/>; resuming needs the same kind.</summary>
    public string OptimizerName { get; }

    /// <summary>The optimiser's <see cref="Optimizer.Iterations"/> (Adam's bias correction depends on it).</summary>
    public long Iterations { get; }

    /// <summary>The learning rate in force (ReduceLROnPlateau may have lowered it).</summary>
    public double LearningRate { get; }

    /// <summary>Per trainable parameter in model order, its slot arrays (zeros for one not updated yet).</summary>
    public IReadOnlyList<float[][]> OptimizerSlots { get; }

    /// <summary>The generator Dropout draws its masks from.</summary>
    public NumpyRandomState DropoutRandom { get; }

    /// <summary>
    /// The generators of the model's random preprocessing layers (<see cref="Layers.Preprocessing.RandomImageLayer"/>: RandomFlip,
    /// RandomRotation, RandomZoom, ...), in layer order; empty for a model without any, and for a state read from a
    /// version-1 blob, which predates them.
    /// </summary>
    public IReadOnlyList<NumpyRandomState> LayerRandoms { get; }

    /// <summary>Where the training sequence is.</summary>
    public DataPosition Training { get; }

    /// <summary>Where the validation sequence is (null when the run had none).</summary>
    public DataPosition? Validation { get; }

    /// <summary>Σ batch loss × batch size over the <see cref="Step"/> batches of the current epoch.</summary>
    public double LossSum { get; }

    /// <summary>Samples trained on in the current epoch.</summary>
    public long SamplesSeen { get; }

    /// <summary>The metrics' running sums over the current epoch.</summary>
    public IReadOnlyList<MetricTotals> Metrics { get; }

    /// <summary>The counters of the callbacks that keep any (best values, waits).</summary>
    public IReadOnlyList<CallbackState> Callbacks { get; }

    /// <summary>The state as bytes: a magic and version header, the fields, a checksum.</summary>
    public byte[] ToBytes() => TrainingStateFormat.Write(this);

    /// <summary><see cref="ToBytes()"/> into <paramref name="reuse"/> when it has exactly the length needed (else a new array).</summary>
    internal byte[] ToBytesInto(byte[]? reuse) => TrainingStateFormat.Write(this, reuse);

    /// <summary>Reads <see cref="ToBytes"/>'s output; anything else (truncated, garbled, another format) throws InvalidDataException saying what is wrong.</summary>
    public static TrainingState FromBytes(ReadOnlySpan<byte> bytes) => TrainingStateFormat.Read(bytes);
}

/// <summary>A sequence's position as Fit reads it: the next batch index it asks for and the sequence's own state (null when it could not record one).</summary>
public sealed record DataPosition(int NextBatch, SequenceState? State);

/// <summary>A metric's running weighted sum and total weight over the current epoch.</summary>
public sealed record MetricTotals(string Name, double Sum, double Weight);

/// <summary>What a callback needs to continue (<see cref="Callbacks.Callback.SaveState"/>), under the callback's type name.</summary>
public sealed record CallbackState(string Kind, double[] Values);
