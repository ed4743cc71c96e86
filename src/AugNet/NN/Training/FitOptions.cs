using AugNet.Data;
using AugNet.NN.Callbacks;

namespace AugNet.NN.Training;

/// <summary>
/// Keras <c>fit</c>'s arguments. Steps default to the sequence's Count; with fewer steps the sequence is read on
/// across epochs (as Keras reads a generator), calling OnEpochEnd whenever a full pass ends. Validation, when given,
/// runs after every epoch over ValidationSteps batches (default: the whole validation sequence).
/// Verbose: 0 silent, 1 progress bar (one line per epoch when Output is not a terminal), 2 one line per epoch.
/// </summary>
public sealed record FitOptions
{
    public int Epochs { get; init; } = 1;
    public int? StepsPerEpoch { get; init; }
    public IBatchSequence? ValidationData { get; init; }
    public int? ValidationSteps { get; init; }
    public IReadOnlyList<Callback> Callbacks { get; init; } = [];
    /// <summary>Keras's class_weight: class index → weight multiplying the loss of samples of that class.</summary>
    public IReadOnlyDictionary<int, double>? ClassWeight { get; init; }
    public int InitialEpoch { get; init; }
    /// <summary>Reshuffle array data every epoch (only for the array overload; a sequence shuffles itself).</summary>
    public bool Shuffle { get; init; } = true;
    public int Verbose { get; init; } = 1;
    /// <summary>Where the progress goes (default Console.Out).</summary>
    public TextWriter? Output { get; init; }
    /// <summary>Batch size for the array overload (Keras default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Continue a run from this state (with the weights of the same checkpoint already set): the optimiser, dropout
    /// generator, the sequences' positions and the epoch's running sums are restored and training starts at the state's
    /// epoch and batch. <see cref="InitialEpoch"/> must equal <see cref="TrainingState.Epoch"/>; the sequences must be
    /// <see cref="IResumableSequence"/>s over the same data with the same seeds.
    /// </summary>
    public TrainingState? ResumeFrom { get; init; }

    /// <summary>
    /// Cancelling stops training after the batch in progress (an update is never half applied): Fit records a
    /// resumable <see cref="Sequential.LastTrainingState"/>, calls the callbacks' OnInterrupted, writes where it stopped
    /// to <see cref="History.StopReason"/> and returns normally.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    internal void Validate()
    {
        if (Epochs < 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be ≥ 0.");
        if (StepsPerEpoch is <= 0) throw new ArgumentOutOfRangeException(nameof(StepsPerEpoch), StepsPerEpoch, "steps_per_epoch must be positive.");
        if (ValidationSteps is <= 0) throw new ArgumentOutOfRangeException(nameof(ValidationSteps), ValidationSteps, "validation_steps must be positive.");
        if (InitialEpoch < 0 || InitialEpoch > Epochs) throw new ArgumentOutOfRangeException(nameof(InitialEpoch), InitialEpoch, $"initial_epoch must be in [0, epochs={Epochs}].");
        if (Verbose is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(Verbose), Verbose, "verbose must be 0, 1 or 2.");
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch_size must be positive.");
        if (ResumeFrom is { } r && r.Epoch != InitialEpoch)
            throw new ArgumentException($"InitialEpoch is {InitialEpoch} but the state to resume from has {r.Epoch} epoch(s) completed; set InitialEpoch = ResumeFrom.Epoch.", nameof(InitialEpoch));
        if (ClassWeight is not null && ClassWeight.Values.Any(w => !(w >= 0) || double.IsInfinity(w)))
            throw new ArgumentException("class_weight values must be finite and ≥ 0.", nameof(ClassWeight));
    }
}
