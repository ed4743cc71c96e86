using AugNet.Data;
using AugNet.NN.Callbacks;
using AugNet.NN.Layers.Preprocessing;
using AugNet.NN.Training;

namespace AugNet.NN;

/// <summary>Where a Fit is, as a <see cref="TrainingState"/>: recorded at epoch ends and on interruption, restored to resume.</summary>
public sealed partial class Sequential
{
    FitRun? _run;

    /// <summary>
    /// The state Fit recorded at its last epoch end (after the callbacks, so a learning rate they lowered is in it) or
    /// when it was interrupted; null before any (each Fit starts by clearing it). Saved with the weights, it lets <see cref="FitOptions.ResumeFrom"/>
    /// continue the run exactly.
    /// </summary>
    public TrainingState? LastTrainingState
    {
        get { _lastStateHandedOut = true; return _lastState; }
        private set { _lastState = value; _lastStateHandedOut = false; }
    }

    TrainingState? _lastState;

    /// <summary>
    /// Whether <see cref="LastTrainingState"/> was read since Fit recorded it. While it was not, nobody else holds it and
    /// the next epoch end overwrites its optimiser slots in place instead of copying them anew (a copy of every
    /// parameter's slots, 13.8 MB for the book model, per epoch, was garbage that only a full collection freed).
    /// </summary>
    bool _lastStateHandedOut;

    /// <summary>The state at this epoch end, in the arrays of the previous one when nobody can see them (see above).</summary>
    TrainingState CaptureEpochEnd(FitRun run) => run.Capture(_lastStateHandedOut ? null : _lastState);

    /// <summary>
    /// The state of the Fit in progress as of now, for callbacks: inside OnEpochEnd it is the end of that epoch
    /// (epoch + 1 completed, validation done), with whatever earlier callbacks changed. Throws outside Fit.
    /// </summary>
    public TrainingState CurrentTrainingState() => CurrentTrainingState(reuse: null);

    /// <summary>
    /// <see cref="CurrentTrainingState()"/> written into the optimiser-slot arrays of <paramref name="reuse"/> (a state
    /// the caller owns and nobody else holds) instead of new ones.
    /// </summary>
    internal TrainingState CurrentTrainingState(TrainingState? reuse) =>
        (_run ?? throw new InvalidOperationException("CurrentTrainingState is only available while Fit runs (from a callback); after Fit use LastTrainingState.")).Capture(reuse);

    /// <summary>
    /// The position and running sums of one Fit: the epoch and batch, the cursors over the training and validation
    /// sequences, the loss sum and samples of the current epoch. Capture and Restore translate it (with the optimiser,
    /// the dropout generator, the random preprocessing layers' generators, the metrics and the callbacks) to and from a <see cref="TrainingState"/>.
    /// </summary>
    sealed class FitRun(Sequential model, IBatchSequence data, FitOptions options, int steps)
    {
        double _lossSum;
        long _seen;

        public Cursor Train { get; } = new(data);
        public Cursor? Validation { get; } = options.ValidationData is { } v ? new Cursor(v) : null;
        public int Steps => steps;
        public int Epoch { get; private set; } = options.InitialEpoch;
        /// <summary>Batches of <see cref="Epoch"/> trained so far.</summary>
        public int Step { get; private set; }
        public bool HasSamples => _seen > 0;

        /// <summary>Starts <see cref="Epoch"/>: fresh sums, unless it is an epoch resumed midway.</summary>
        public void BeginEpoch()
        {
            if (Step > 0) return;
            foreach (var m in model._metrics) m.Reset();
            _lossSum = 0;
            _seen = 0;
        }

        public void CountBatch(double loss, int samples)
        {
            _lossSum += loss * samples;
            _seen += samples;
            Step++;
        }

        /// <summary>The epoch's running means so far: "loss" and the metrics.</summary>
        public Dictionary<string, double> Logs()
        {
            var logs = new Dictionary<string, double> { ["loss"] = _lossSum / _seen };
            foreach (var m in model._metrics) logs[m.Name] = m.Result;
            return logs;
        }

        public void EndEpoch()
        {
            Epoch++;
            Step = 0;
        }

        public TrainingState Capture(TrainingState? reuse = null)
        {
            var (optimizer, _) = model.RequireCompiled();
            bool midEpoch = Step > 0;
            return new TrainingState(Epoch, Step, Steps, optimizer.Name, optimizer.Iterations, optimizer.LearningRate,
                optimizer.ExportSlots([.. model.TrainableParameters], reuse?.OptimizerName == optimizer.Name ? reuse.OptimizerSlots : null), model._dropoutRandom.GetState(),
                PositionOf(Train), Validation is null ? null : PositionOf(Validation),
                midEpoch ? _lossSum : 0, midEpoch ? _seen : 0, midEpoch ? [.. model._metrics.Select(m => m.Totals)] : [],
                [.. options.Callbacks.Select(c => (c, Values: c.SaveState())).Where(t => t.Values is not null).Select(t => new CallbackState(t.c.GetType().Name, t.Values!))],
                [.. RandomLayers().Select(l => l.Random.GetState())]);
        }

        /// <summary>The layers that own a generator (RandomFlip, RandomRotation, ...), in layer order.</summary>
        IEnumerable<RandomImageLayer> RandomLayers() => model.Layers.OfType<RandomImageLayer>();

        static DataPosition PositionOf(Cursor c) => new(c.Position, (c.Sequence as IResumableSequence)?.GetState());

        /// <summary>Restores everything but the callbacks (they are restored after OnTrainBegin, which resets them).</summary>
        public void Restore(TrainingState s)
        {
            if (s.Step > 0 && s.StepsPerEpoch != Steps)
                throw new ArgumentException($"The state stopped after batch {s.Step} of {s.StepsPerEpoch} per epoch; this run has {Steps} steps per epoch.");
            if (!model.IsBuilt)
                throw new InvalidOperationException("Resuming needs a built model holding the checkpoint's weights: build it (or declare the input shape) and SetWeights before Fit.");
            var (optimizer, _) = model.RequireCompiled();
            var randomLayers = RandomLayers().ToList();
            if (s.LayerRandoms.Count != randomLayers.Count)
                throw new ArgumentException($"The state holds the generators of {s.LayerRandoms.Count} random preprocessing layers; this model has {randomLayers.Count}"
                    + $" [{string.Join(", ", randomLayers.Select(l => l.Name))}]."
                    + (s.LayerRandoms.Count == 0 ? " A state recorded before version 2 of the format, or from a model without such layers, has none, so their draws cannot resume exactly." : ""));
            RestoreSequence(Train, s.Training, "training");
            if (Validation is not null)
                RestoreSequence(Validation, s.Validation ?? throw new ArgumentException("The state was recorded without validation data, so the validation sequence's position is unknown."), "validation");
            optimizer.Restore(s.OptimizerName, s.Iterations, s.LearningRate, s.OptimizerSlots, [.. model.TrainableParameters]);
            model._dropoutRandom.SetState(s.DropoutRandom);
            for (int i = 0; i < randomLayers.Count; i++) randomLayers[i].Random.SetState(s.LayerRandoms[i]);
            if (s.Step > 0) RestoreSums(s);
            Epoch = s.Epoch;
            Step = s.Step;
        }

        static void RestoreSequence(Cursor cursor, DataPosition position, string role)
        {
            if (cursor.Sequence is not IResumableSequence sequence)
                throw new NotSupportedException($"The {role} sequence, a {cursor.Sequence.GetType().Name}, is not an IResumableSequence: it cannot restore its position, so training on it cannot resume exactly.");
            if (position.State is null)
                throw new ArgumentException($"The state has no position for the {role} sequence (it was recorded from a sequence that could not record one).");
            if ((uint)position.NextBatch >= (uint)cursor.Count)
                throw new ArgumentException($"The state's {role} position, batch {position.NextBatch}, is outside this sequence's {cursor.Count} batches.");
            sequence.SetState(position.State);
            cursor.Position = position.NextBatch;
        }

        void RestoreSums(TrainingState s)
        {
            var metrics = model._metrics;
            if (!s.Metrics.Select(m => m.Name).SequenceEqual(metrics.Select(m => m.Name)))
                throw new ArgumentException($"The state stopped mid-epoch with metrics [{string.Join(", ", s.Metrics.Select(m => m.Name))}]; this model is compiled with [{string.Join(", ", metrics.Select(m => m.Name))}].");
            for (int i = 0; i < metrics.Count; i++) metrics[i].Totals = s.Metrics[i];
            _lossSum = s.LossSum;
            _seen = s.SamplesSeen;
        }

        /// <summary>
        /// Gives each callback of FitOptions.Callbacks the saved values of the same type, matched in order (the first
        /// EarlyStopping gets the first saved EarlyStopping's); callbacks with nothing saved start fresh.
        /// </summary>
        public static void RestoreCallbacks(IReadOnlyList<Callback> callbacks, IReadOnlyList<CallbackState> saved)
        {
            var used = new bool[saved.Count];
            foreach (var c in callbacks)
            {
                string kind = c.GetType().Name;
                int i = Enumerable.Range(0, saved.Count).FirstOrDefault(k => !used[k] && saved[k].Kind == kind, -1);
                if (i < 0) continue;
                used[i] = true;
                c.RestoreState(saved[i].Values);
            }
        }
    }
}
