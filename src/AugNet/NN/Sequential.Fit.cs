using AugNet.Data;
using AugNet.NN.Callbacks;
using AugNet.NN.Training;

namespace AugNet.NN;

/// <summary>Training: one step on a batch (TrainOnBatch) and Keras's <c>fit</c> loop with its callbacks.</summary>
public sealed partial class Sequential
{
    /// <summary>One training step on a batch: forward, loss, backward, optimiser update. Returns the batch loss.</summary>
    public double TrainOnBatch(Tensor x, Tensor y, Tensor? sampleWeight = null) => TrainStep(new Batch(x, y, sampleWeight), null);

    double TrainStep(Batch batch, IReadOnlyDictionary<int, double>? classWeight)
    {
        var (optimizer, _) = RequireCompiled();
        var (_, lossValue, grad) = ForwardLoss(batch, classWeight, training: true);
        if (double.IsNaN(lossValue) || double.IsInfinity(lossValue)) return lossValue;
        var g = grad;
        // Every gradient passed down is the model's or a layer's own buffer, read by nobody after the call that takes
        // it, so layers may compute in place (see Layer.GradOutputIsScratch).
        foreach (var l in _layers) l.GradOutputIsScratch = true;
        try
        {
            for (int i = _layers.Count - 1; i >= 0 && g is not null; i--) g = _layers[i].Backward(g);
        }
        finally
        {
            foreach (var l in _layers) l.GradOutputIsScratch = false;
        }
        optimizer.Apply(TrainableParameters);
        return lossValue;
    }

    (Tensor Output, double Loss, Tensor Grad) ForwardLoss(Batch batch, IReadOnlyDictionary<int, double>? classWeight, bool training)
    {
        var (_, loss) = RequireCompiled();
        if (batch.Y is null) throw new ArgumentException("The batch has no targets (class_mode None); training and evaluation need targets.");
        EnsureBuiltFor(batch.X);
        int n = batch.X.Shape[0];
        loss.CheckTarget([n, .. OutputShape!], batch.Y.Shape);
        var (logits, output) = RunLayers(batch.X, training);
        var sw = SampleWeights(batch, classWeight, n);
        var grad = _grad.Get(n, OutputShape!);
        bool useLogits = _fusedLayer is not null || loss.FromLogits;
        double value = loss.Compute(useLogits ? logits : output, batch.Y, sw, grad.Data, useLogits);
        foreach (var m in _metrics) m.Update(output, batch.Y, sw);
        return (output, value, grad);
    }

    ReadOnlySpan<float> SampleWeights(Batch batch, IReadOnlyDictionary<int, double>? classWeight, int n)
    {
        if (batch.SampleWeight is null && classWeight is null) return default;
        if (_weights.Length != n) _weights = new float[n];
        if (batch.SampleWeight is { } w)
        {
            if (w.Length != n) throw new ArgumentException($"Sample weights {Tensor.FormatShape(w.Shape)} do not match the batch of {n}.");
            w.Data.CopyTo(_weights, 0);
        }
        else Array.Fill(_weights, 1f);
        if (classWeight is not null)
        {
            var y = batch.Y!;
            int width = y.Length / n;
            for (int s = 0; s < n; s++)
            {
                var row = y.Data.AsSpan(s * width, width);
                int cls = width == 1 ? (int)Math.Round(row[0]) : row.IndexOf(System.Numerics.Tensors.TensorPrimitives.Max(row));
                if (!classWeight.TryGetValue(cls, out double cw))
                    throw new ArgumentException($"class_weight has no entry for class {cls} (it has {string.Join(", ", classWeight.Keys)}).");
                _weights[s] *= (float)cw;
            }
        }
        return _weights;
    }

    (Optimizer, Loss) RequireCompiled() =>
        Optimizer is null || Loss is null ? throw new InvalidOperationException("The model must be compiled before training or evaluation: call Compile.") : (Optimizer, Loss);

    /// <summary>Keras <c>fit</c> on in-memory arrays, batched and (by default) reshuffled every epoch with a seeded generator.</summary>
    public History Fit(Tensor x, Tensor y, FitOptions? options = null, Tensor? sampleWeight = null)
    {
        options ??= new FitOptions();
        options.Validate();
        return Fit(new ArrayBatchSequence(x, y, options.BatchSize, options.Shuffle, Seed, sampleWeight), options);
    }

    /// <summary>
    /// Keras <c>fit</c> on a batch sequence. Returns the History of per-epoch logs. A NaN or infinite batch loss stops
    /// training at once (before that batch's update), writes the reason and records it in <see cref="History.StopReason"/>.
    /// The state at every epoch end goes to <see cref="LastTrainingState"/>; <see cref="FitOptions.ResumeFrom"/> continues
    /// from one and <see cref="FitOptions.CancellationToken"/> interrupts after the current batch (see FitOptions).
    /// </summary>
    public History Fit(IBatchSequence data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new FitOptions();
        options.Validate();
        RequireCompiled();
        if (data.Count <= 0) throw new ArgumentException("The training sequence has no batches.", nameof(data));
        return ReleasingBuffers(() => FitSequence(data, options));
    }

    History FitSequence(IBatchSequence data, FitOptions options)
    {
        var run = new FitRun(this, data, options, options.StepsPerEpoch ?? data.Count);
        if (options.ResumeFrom is { } resume) run.Restore(resume);
        var output = options.Output ?? Console.Out;
        var callbacks = new List<Callback>(options.Callbacks);
        if (options.Verbose > 0) callbacks.Add(new ProgressLogger(output, options.Epochs, options.Verbose));
        foreach (var c in callbacks) c.Model = this;
        var history = new History();
        StopTraining = false;
        StopReason = null;
        LastTrainingState = null;
        _run = run;
        try
        {
            foreach (var c in callbacks) c.OnTrainBegin();
            if (options.ResumeFrom is { } saved) FitRun.RestoreCallbacks(options.Callbacks, saved.Callbacks);
            while (run.Epoch < options.Epochs && !StopTraining)
            {
                int epoch = run.Epoch;
                foreach (var c in callbacks) c.OnEpochBegin(epoch, run.Steps);
                run.BeginEpoch();
                bool interrupted = options.CancellationToken.IsCancellationRequested, invalidLoss = false;
                while (!interrupted && run.Step < run.Steps)
                {
                    var batch = run.Train.Next();
                    double l = TrainStep(batch, options.ClassWeight);
                    if (double.IsNaN(l) || double.IsInfinity(l))
                    {
                        StopTraining = true;
                        invalidLoss = true;
                        StopReason = $"Batch {run.Step} of epoch {epoch + 1}: invalid loss ({l}), terminating training (the weights are those before this batch).";
                        output.WriteLine();
                        output.WriteLine(StopReason);
                        break;
                    }
                    run.CountBatch(l, batch.X.Shape[0]);
                    (run.Train.Sequence as IBatchRecycler)?.Recycle(batch);
                    var running = run.Logs();
                    foreach (var c in callbacks) c.OnBatchEnd(run.Step - 1, running);
                    interrupted = options.CancellationToken.IsCancellationRequested;
                }
                if (interrupted) { Interrupt(run, callbacks, output); break; }
                if (!run.HasSamples) break;
                var logs = run.Logs();
                if (run.Validation is { } validation && !invalidLoss)
                    foreach (var (k, val) in EvaluateCursor(validation, options.ValidationSteps ?? validation.Count)) logs["val_" + k] = val;
                run.EndEpoch();
                foreach (var c in callbacks) c.OnEpochEnd(epoch, logs);
                history.Append(epoch, logs);
                LastTrainingState = CaptureEpochEnd(run);
            }
            foreach (var c in callbacks) c.OnTrainEnd();
        }
        finally { _run = null; }
        history.StopReason = StopReason;
        return history;
    }

    /// <summary>Cancellation: the batch in progress has been applied; record where training stands and say so.</summary>
    void Interrupt(FitRun run, List<Callback> callbacks, TextWriter output)
    {
        StopTraining = true;
        StopReason = $"Interrupted at epoch {run.Epoch + 1}, batch {run.Step} of {run.Steps}";
        LastTrainingState = run.Capture();
        output.WriteLine();
        output.WriteLine($"{StopReason}; LastTrainingState holds the state to resume from.");
        foreach (var c in callbacks) c.OnInterrupted(run.Epoch, run.Step);
    }

    /// <summary>
    /// Reads a sequence on across epochs as Keras reads a generator, calling OnEpochEnd after each full pass.
    /// <see cref="Position"/> (the next batch index) is part of a training state.
    /// </summary>
    sealed class Cursor(IBatchSequence seq)
    {
        public IBatchSequence Sequence => seq;
        public int Count => seq.Count;
        public int Position { get; set; }

        public Batch Next()
        {
            var b = seq.GetBatch(Position);
            if (++Position >= seq.Count) { Position = 0; seq.OnEpochEnd(); }
            return b;
        }
    }
}
