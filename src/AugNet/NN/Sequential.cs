using System.Collections;
using System.Globalization;
using System.Text;
using AugNet.Data;
using AugNet.NN.Layers;
using AugNet.NN.Training;

namespace AugNet.NN;

/// <summary>
/// Keras's <c>Sequential</c> model: a stack of layers built from the first layer's input shape (or the first batch),
/// compiled with an optimiser, a loss and metrics, then trained with <see cref="Fit(IBatchSequence, FitOptions?)"/>.
/// Weights are initialised from <see cref="Seed"/>, dropout masks come from a second generator seeded from it, so a
/// seed (and a thread count for the kernels) reproduces training bit for bit. This file builds and runs the model;
/// Sequential.Fit.cs trains it and Sequential.Evaluate.cs evaluates and predicts.
/// </summary>
public sealed partial class Sequential : IEnumerable<Layer>
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
    /// <summary>How training images were prepared (saved with the model; null when unknown).</summary>
    public InputPreprocessing? Preprocessing { get; set; }
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
    public void Build(int[]? inputShape = null) => Build(inputShape, initializeWeights: true);

    /// <summary>Build; without <paramref name="initializeWeights"/> the random initialisers are skipped (the weights will be loaded).</summary>
    internal void Build(int[]? inputShape, bool initializeWeights)
    {
        if (_layers.Count == 0) throw new InvalidOperationException("The model has no layers.");
        var shape = inputShape ?? _layers[0].DeclaredInputShape
            ?? throw new InvalidOperationException("The model's input shape is unknown: give the first layer an inputShape, add an InputLayer, or call Build(inputShape).");
        if (IsBuilt)
        {
            if (!shape.AsSpan().SequenceEqual(InputShape)) throw new ArgumentException($"The model was built for input {ShapeText.Batch(InputShape)}, not {ShapeText.Batch(shape)}.");
            return;
        }
        var random = initializeWeights ? new NumpyRandom(Seed) : null;
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
        AugNet.NN.Layers.Preprocessing.ImagePreprocessingLayer.CheckPlacement(_layers);
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
        if (OwnActivation(last) != f) return;
        _fusedLayer = last;
        _fusedActivation = f;
        last.ActivationFusedWithLoss = true;
    }

    /// <summary>The activation a layer currently applies itself (null for layers without one).</summary>
    static ActivationFunction? OwnActivation(Layer layer) =>
        layer switch { Dense d => d.Activation, Conv2D c => c.Activation, Activation a => a.Function, _ => null };

    /// <summary>
    /// The activation <paramref name="layer"/> stands for in the model (the fused last layer's included, since fusion
    /// leaves the layer's property as built); Linear for layers without one.
    /// </summary>
    internal static ActivationFunction ActivationOf(Layer layer) => OwnActivation(layer) ?? ActivationFunction.Linear;

    void RestoreFusion()
    {
        if (_fusedLayer is null) return;
        _fusedLayer.ActivationFusedWithLoss = false;
        _fusedLayer = null;
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
        return RunLayers(x, training).Output;
    }

    /// <summary>
    /// Runs the layers on a built model. Logits: the last layer's output; Output: the model's output, which is the
    /// fused activation applied to a copy of the logits when the loss computes from logits, else the logits themselves.
    /// </summary>
    (Tensor Logits, Tensor Output) RunLayers(Tensor x, bool training)
    {
        var t = x;
        foreach (var l in _layers) t = l.Forward(t, training);
        if (_fusedLayer is null) return (t, t);
        var p = _probs.Get(t.Shape[0], OutputShape!);
        t.Data.CopyTo(p.Data, 0);
        Activations.Forward(_fusedActivation, p.Data, OutputShape![^1]);
        return (t, p);
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
}
