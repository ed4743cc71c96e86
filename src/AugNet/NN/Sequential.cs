using System.Collections;
using System.Globalization;
using System.Text;
using AugNet.Augmentation;
using AugNet.Data;
using AugNet.NN.Callbacks;
using AugNet.NN.Layers;
using AugNet.NN.Training;

namespace AugNet.NN;

/// <summary>
/// Keras's <c>Sequential</c> model: a stack of layers built from the first layer's input shape (or the first batch),
/// compiled with an optimiser, a loss and metrics, then trained with <see cref="Fit(IBatchSequence, FitOptions?)"/>.
/// Weights are initialised from <see cref="Seed"/>, dropout masks come from a second generator seeded from it, so a
/// seed (and a thread count for the kernels) reproduces training bit for bit.
/// </summary>
public sealed class Sequential : IEnumerable<Layer>
{
    readonly List<Layer> _layers = [];
    readonly NumpyRandom _dropoutRandom;
    readonly BufferSlot _probs = new(), _grad = new();
    float[] _weights = [];
    Layer? _fusedLayer;
    ActivationFunction _fusedActivation;
    List<Accuracy> _metrics = [];

    public Sequential(uint seed = 0, string name = "sequential")
    {
        Seed = seed;
        Name = name;
        _dropoutRandom = new NumpyRandom(seed ^ 0x5DEECE66u);
    }

    public Sequential(IEnumerable<Layer> layers, uint seed = 0, string name = "sequential") : this(seed, name)
    {
        foreach (var l in layers) Add(l);
    }

    public string Name { get; }
    public uint Seed { get; }
    public IReadOnlyList<Layer> Layers => _layers;
    public int[]? InputShape { get; private set; }
    public int[]? OutputShape { get; private set; }
    public bool IsBuilt => OutputShape is not null;
    public Optimizer? Optimizer { get; private set; }
    public Loss? Loss { get; private set; }
    public IReadOnlyList<string> MetricNames => _metrics.Select(m => m.Name).ToList();
    /// <summary>Set by callbacks to end Fit after the current epoch (Keras's <c>model.stop_training</c>).</summary>
    public bool StopTraining { get; set; }
    public string? StopReason { get; set; }

    public IEnumerable<Parameter> Parameters => _layers.SelectMany(l => l.Parameters);
    public IEnumerable<Parameter> TrainableParameters => Parameters.Where(p => p.Trainable);

    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (IsBuilt) throw new InvalidOperationException("Layers cannot be added after the model was built.");
        if (_layers.Contains(layer)) throw new ArgumentException($"Layer '{layer.Name}' is already in the model.", nameof(layer));
        if (layer.Name.Length == 0)
        {
            int k = _layers.Count(l => l.NamePrefix == layer.NamePrefix);
            layer.Name = k == 0 ? layer.NamePrefix : $"{layer.NamePrefix}_{k}";
        }
        if (_layers.Any(l => l.Name == layer.Name)) throw new ArgumentException($"Duplicate layer name '{layer.Name}'.", nameof(layer));
        if (layer is Dropout d) d.Random = _dropoutRandom;
        _layers.Add(layer);
    }

    public IEnumerator<Layer> GetEnumerator() => _layers.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Builds every layer in order; the input shape comes from <paramref name="inputShape"/> or the first layer's
    /// declared input. A layer that cannot take its predecessor's output throws naming both layers and the shapes.
    /// </summary>
    public void Build(int[]? inputShape = null)
    {
        if (_layers.Count == 0) throw new InvalidOperationException("The model has no layers.");
        var shape = inputShape ?? _layers[0].DeclaredInputShape
            ?? throw new InvalidOperationException("The model's input shape is unknown: give the first layer an inputShape, add an InputLayer, or call Build(inputShape).");
        if (IsBuilt)
        {
            if (!shape.AsSpan().SequenceEqual(InputShape)) throw new ArgumentException($"The model was built for input {ShapeText.Batch(InputShape)}, not {ShapeText.Batch(shape)}.");
            return;
        }
        var random = new NumpyRandom(Seed);
        var current = (int[])shape.Clone();
        for (int i = 0; i < _layers.Count; i++)
        {
            var layer = _layers[i];
            if (i > 0 && layer.DeclaredInputShape is { } declared && !declared.AsSpan().SequenceEqual(current))
                throw new ArgumentException($"Layer '{layer.Name}' ({layer.TypeName}) declares input {ShapeText.Batch(declared)} but '{_layers[i - 1].Name}' outputs {ShapeText.Batch(current)}.");
            try { current = layer.Build(current, random); }
            catch (ArgumentException e) when (i > 0)
            {
                throw new ArgumentException($"{e.Message} (it follows '{_layers[i - 1].Name}' ({_layers[i - 1].TypeName}), which outputs {ShapeText.Batch(current)}).", e);
            }
            // dLoss/dInput is only needed when some earlier layer has weights to train.
            layer.ComputeInputGradient = _layers.Take(i).Any(l => l.Parameters.Any(p => p.Trainable));
        }
        InputShape = (int[])shape.Clone();
        OutputShape = current;
    }

    /// <summary>Keras <c>compile</c>. Builds the model when its input shape is known; checks the metrics against the loss.</summary>
    public void Compile(Optimizer optimizer, Loss loss, params string[] metrics)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        if (!IsBuilt && (_layers.Count > 0 && _layers[0].DeclaredInputShape is not null)) Build();
        RestoreFusion();
        Optimizer = optimizer;
        Loss = loss;
        int width = OutputShape is { Length: > 0 } o ? o[^1] : 1;
        _metrics = [.. (metrics ?? []).Select(m => Accuracy.Resolve(m, loss, width))];
        if (IsBuilt) SetUpFusion();
    }

    /// <summary>Keras <c>compile</c> with names: optimizer 'rmsprop'|'adam'|'sgd' (defaults), a loss name, metric names.</summary>
    public void Compile(string optimizer, string loss, params string[] metrics) => Compile(Optimizer.FromName(optimizer), Loss.FromName(loss), metrics);

    void SetUpFusion()
    {
        RestoreFusion();
        if (Loss is null || Loss.FromLogits || Loss.FusedActivation is not { } f) return;
        var last = _layers[^1];
        ActivationFunction? act = last switch { Dense d => d.Activation, Conv2D c => c.Activation, Activation a => a.Function, _ => null };
        if (act != f) return;
        _fusedLayer = last;
        _fusedActivation = f;
        SetActivation(last, ActivationFunction.Linear);
    }

    void RestoreFusion()
    {
        if (_fusedLayer is null) return;
        SetActivation(_fusedLayer, _fusedActivation);
        _fusedLayer = null;
    }

    static void SetActivation(Layer layer, ActivationFunction f)
    {
        switch (layer)
        {
            case Dense d: d.Activation = f; break;
            case Conv2D c: c.Activation = f; break;
            case Activation a: a.Function = f; break;
        }
    }

    /// <summary>Keras's summary table (65 columns; Layer (type) | Output Shape | Param #) and the parameter totals.</summary>
    public string Summary(TextWriter? writer = null)
    {
        if (!IsBuilt) throw new InvalidOperationException("Summary needs a built model: declare an input shape or call Build first.");
        int[] pos = [29, 55, 65];
        var sb = new StringBuilder();
        void Line(string s) => sb.Append(s).Append('\n');
        string Row(params string[] fields)
        {
            string line = "";
            for (int i = 0; i < fields.Length; i++)
            {
                if (i > 0) line = line[..^1] + " ";
                line += fields[i];
                if (line.Length > pos[i]) line = line[..pos[i]];
                line += new string(' ', pos[i] - line.Length);
            }
            return line;
        }
        Line($"Model: \"{Name}\"");
        Line(new string('_', 65));
        Line(Row("Layer (type)", "Output Shape", "Param #"));
        Line(new string('=', 65));
        var shown = _layers.Where(l => l is not InputLayer).ToList();
        for (int i = 0; i < shown.Count; i++)
        {
            var l = shown[i];
            Line(Row($"{l.Name} ({l.TypeName})", ShapeText.Batch(l.OutputShape), l.ParameterCount.ToString(CultureInfo.InvariantCulture)));
            Line(new string(i == shown.Count - 1 ? '=' : '_', 65));
        }
        long total = Parameters.Sum(p => (long)p.Count), trainable = TrainableParameters.Sum(p => (long)p.Count);
        Line($"Total params: {total.ToString("N0", CultureInfo.InvariantCulture)}");
        Line($"Trainable params: {trainable.ToString("N0", CultureInfo.InvariantCulture)}");
        Line($"Non-trainable params: {(total - trainable).ToString("N0", CultureInfo.InvariantCulture)}");
        Line(new string('_', 65));
        string text = sb.ToString();
        writer?.Write(text);
        return text;
    }

    void EnsureBuiltFor(Tensor x)
    {
        if (x.Rank < 2) throw new ArgumentException($"Input batch {Tensor.FormatShape(x.Shape)} needs a batch axis and at least one feature axis.");
        if (!IsBuilt) { Build(x.Shape[1..]); SetUpFusion(); }
        if (!x.Shape.AsSpan(1).SequenceEqual(InputShape))
            throw new ArgumentException($"Input batch shape {Tensor.FormatShape(x.Shape)} does not match the model's input {ShapeText.Batch(InputShape)}.");
    }

    /// <summary>
    /// The model's output for a batch (probabilities when the last activation is fused with the loss). The returned
    /// tensor is a reused buffer, valid until the next call.
    /// </summary>
    public Tensor Forward(Tensor x, bool training = false)
    {
        EnsureBuiltFor(x);
        var t = x;
        foreach (var l in _layers) t = l.Forward(t, training);
        if (_fusedLayer is null) return t;
        var p = _probs.Get(t.Shape[0], OutputShape!);
        t.Data.CopyTo(p.Data, 0);
        Activations.Forward(_fusedActivation, p.Data, OutputShape![^1]);
        return p;
    }

    /// <summary>One training step on a batch: forward, loss, backward, optimiser update. Returns the batch loss.</summary>
    public double TrainOnBatch(Tensor x, Tensor y, Tensor? sampleWeight = null) => TrainStep(new Batch(x, y, sampleWeight), null);

    double TrainStep(Batch batch, IReadOnlyDictionary<int, double>? classWeight)
    {
        var (optimizer, _) = RequireCompiled();
        var (_, lossValue, grad) = ForwardLoss(batch, classWeight, training: true);
        if (double.IsNaN(lossValue) || double.IsInfinity(lossValue)) return lossValue;
        var g = grad;
        for (int i = _layers.Count - 1; i >= 0 && g is not null; i--) g = _layers[i].Backward(g);
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
        var t = batch.X;
        foreach (var l in _layers) t = l.Forward(t, training);
        var logits = t;
        Tensor output = logits;
        if (_fusedLayer is not null)
        {
            output = _probs.Get(n, OutputShape!);
            logits.Data.CopyTo(output.Data, 0);
            Activations.Forward(_fusedActivation, output.Data, OutputShape![^1]);
        }
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
    /// </summary>
    public History Fit(IBatchSequence data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new FitOptions();
        options.Validate();
        RequireCompiled();
        if (data.Count <= 0) throw new ArgumentException("The training sequence has no batches.", nameof(data));
        int steps = options.StepsPerEpoch ?? data.Count;
        var output = options.Output ?? Console.Out;
        var callbacks = new List<Callback>(options.Callbacks);
        if (options.Verbose > 0) callbacks.Add(new ProgressLogger(output, options.Epochs, options.Verbose));
        foreach (var c in callbacks) c.Model = this;
        var history = new History();
        var train = new Cursor(data);
        var validation = options.ValidationData is { } v ? new Cursor(v) : null;
        StopTraining = false;
        StopReason = null;
        foreach (var c in callbacks) c.OnTrainBegin();
        var running = new Dictionary<string, double>();
        for (int epoch = options.InitialEpoch; epoch < options.Epochs && !StopTraining; epoch++)
        {
            foreach (var c in callbacks) c.OnEpochBegin(epoch, steps);
            foreach (var m in _metrics) m.Reset();
            double lossSum = 0;
            long seen = 0;
            for (int step = 0; step < steps; step++)
            {
                var batch = train.Next();
                double l = TrainStep(batch, options.ClassWeight);
                if (double.IsNaN(l) || double.IsInfinity(l))
                {
                    StopTraining = true;
                    StopReason = $"Batch {step} of epoch {epoch + 1}: invalid loss ({l}), terminating training (the weights are those before this batch).";
                    output.WriteLine();
                    output.WriteLine(StopReason);
                    break;
                }
                int n = batch.X.Shape[0];
                lossSum += l * n;
                seen += n;
                running["loss"] = lossSum / seen;
                foreach (var m in _metrics) running[m.Name] = m.Result;
                foreach (var c in callbacks) c.OnBatchEnd(step, running);
            }
            if (seen == 0) break;
            var logs = new Dictionary<string, double>(running);
            if (validation is not null && !(StopReason?.Contains("invalid loss") ?? false))
                foreach (var (k, val) in EvaluateCursor(validation, options.ValidationSteps ?? validation.Count)) logs["val_" + k] = val;
            foreach (var c in callbacks) c.OnEpochEnd(epoch, logs);
            history.Append(epoch, logs);
        }
        foreach (var c in callbacks) c.OnTrainEnd();
        history.StopReason = StopReason;
        return history;
    }

    /// <summary>Keras <c>evaluate</c>: the loss and metrics over <paramref name="steps"/> batches (default: all).</summary>
    public Dictionary<string, double> Evaluate(IBatchSequence data, int? steps = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireCompiled();
        return EvaluateCursor(new Cursor(data), steps ?? data.Count);
    }

    public Dictionary<string, double> Evaluate(Tensor x, Tensor y, int batchSize = 32) => Evaluate(new ArrayBatchSequence(x, y, batchSize, shuffle: false));

    Dictionary<string, double> EvaluateCursor(Cursor data, int steps)
    {
        foreach (var m in _metrics) m.Reset();
        double lossSum = 0;
        long seen = 0;
        for (int s = 0; s < steps; s++)
        {
            var batch = data.Next();
            var (_, l, _) = ForwardLoss(batch, null, training: false);
            lossSum += l * batch.X.Shape[0];
            seen += batch.X.Shape[0];
        }
        var logs = new Dictionary<string, double> { ["loss"] = lossSum / Math.Max(seen, 1) };
        foreach (var m in _metrics) logs[m.Name] = m.Result;
        return logs;
    }

    /// <summary>Keras <c>predict</c> on arrays: outputs of all samples, computed <paramref name="batchSize"/> at a time.</summary>
    public Tensor Predict(Tensor x, int batchSize = 32) => Predict(new ArrayBatchSequence(x, null, batchSize, shuffle: false));

    /// <summary>Keras <c>predict</c> on a sequence: the outputs of its first <paramref name="steps"/> batches (default all), stacked.</summary>
    public Tensor Predict(IBatchSequence data, int? steps = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var parts = new List<float[]>();
        int total = 0;
        for (int s = 0; s < (steps ?? data.Count); s++)
        {
            var o = Forward(data.GetBatch(s % data.Count).X, training: false);
            parts.Add((float[])o.Data.Clone());
            total += o.Shape[0];
        }
        var result = new Tensor([total, .. OutputShape!]);
        int at = 0;
        foreach (var p in parts) { p.CopyTo(result.Data, at); at += p.Length; }
        return result;
    }

    /// <summary>Copies of all parameter values (trainable and not), in layer order.</summary>
    public float[][] GetWeights() => [.. Parameters.Select(p => (float[])p.Value.Data.Clone())];

    public void SetWeights(IReadOnlyList<float[]> weights)
    {
        var ps = Parameters.ToList();
        if (weights.Count != ps.Count) throw new ArgumentException($"The model has {ps.Count} weight arrays but {weights.Count} were given.");
        for (int i = 0; i < ps.Count; i++)
        {
            if (weights[i].Length != ps[i].Count) throw new ArgumentException($"Weight {i} ({ps[i].Name}) needs {ps[i].Count} values but has {weights[i].Length}.");
            weights[i].CopyTo(ps[i].Value.Data, 0);
        }
    }

    /// <summary>Saves the weights (see <see cref="WeightsFile"/>); written to a temporary file first, then moved into place.</summary>
    public void SaveWeights(string path) => WeightsFile.Save(path, _layers);

    public void LoadWeights(string path) => WeightsFile.Load(path, _layers);

    /// <summary>Reads a sequence on across epochs as Keras reads a generator, calling OnEpochEnd after each full pass.</summary>
    sealed class Cursor(IBatchSequence seq)
    {
        int _next;
        public int Count => seq.Count;

        public Batch Next()
        {
            var b = seq.GetBatch(_next);
            if (++_next >= seq.Count) { _next = 0; seq.OnEpochEnd(); }
            return b;
        }
    }
}
