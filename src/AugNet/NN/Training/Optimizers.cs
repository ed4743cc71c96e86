using System.Numerics;
using System.Numerics.Tensors;

namespace AugNet.NN.Training;

/// <summary>
/// A Keras optimiser: per trainable parameter it keeps its slot arrays (created zero on first use) and updates the
/// value from the gradient in float32, as TensorFlow does. <see cref="Iterations"/> counts applied steps.
/// </summary>
public abstract class Optimizer
{
    readonly Dictionary<Parameter, float[][]> _slots = new(ReferenceEqualityComparer.Instance);

    protected Optimizer(double learningRate)
    {
        if (!(learningRate >= 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Learning rate must be ≥ 0.");
        LearningRate = learningRate;
    }

    /// <summary>The current learning rate (ReduceLROnPlateau lowers it).</summary>
    public double LearningRate { get; set; }
    public long Iterations { get; private set; }
    public abstract string Name { get; }
    protected abstract int SlotCount { get; }

    /// <summary>One step over all trainable parameters.</summary>
    public void Apply(IEnumerable<Parameter> parameters)
    {
        Iterations++;
        foreach (var p in parameters)
        {
            if (!p.Trainable) continue;
            if (!_slots.TryGetValue(p, out var slots))
            {
                slots = new float[SlotCount][];
                for (int i = 0; i < slots.Length; i++) slots[i] = new float[p.Count];
                _slots[p] = slots;
            }
            Update(p.Value.Data, p.Gradient.Data, slots);
        }
    }

    protected abstract void Update(Span<float> w, ReadOnlySpan<float> g, float[][] slots);

    /// <summary>Copies of the slot arrays of <paramref name="parameters"/> in order (zeros for one not updated yet, as Apply would create).</summary>
    internal float[][][] ExportSlots(IReadOnlyList<Parameter> parameters) =>
        [.. parameters.Select(p => _slots.TryGetValue(p, out var s)
            ? s.Select(a => (float[])a.Clone()).ToArray()
            : Enumerable.Range(0, SlotCount).Select(_ => new float[p.Count]).ToArray())];

    /// <summary>
    /// <see cref="ExportSlots(IReadOnlyList{Parameter})"/> written into <paramref name="reuse"/>, an earlier export that
    /// nobody else holds, when it has the same layout (else a fresh export): the same values without allocating.
    /// </summary>
    internal IReadOnlyList<float[][]> ExportSlots(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[][]>? reuse)
    {
        if (reuse is null || reuse.Count != parameters.Count) return ExportSlots(parameters);
        for (int i = 0; i < parameters.Count; i++)
        {
            if (reuse[i].Length != SlotCount) return ExportSlots(parameters);
            foreach (var a in reuse[i])
                if (a.Length != parameters[i].Count) return ExportSlots(parameters);
        }
        for (int i = 0; i < parameters.Count; i++)
        {
            bool has = _slots.TryGetValue(parameters[i], out var s);
            for (int k = 0; k < SlotCount; k++)
                if (has) s![k].CopyTo(reuse[i][k], 0);
                else Array.Clear(reuse[i][k]);
        }
        return reuse;
    }

    /// <summary>
    /// Continues from a recorded optimiser: its step count, learning rate and the slots of <paramref name="parameters"/>
    /// (the model's trainable parameters in order). Everything is checked before anything changes.
    /// </summary>
    internal void Restore(string name, long iterations, double learningRate, IReadOnlyList<float[][]> slots, IReadOnlyList<Parameter> parameters)
    {
        if (name != Name) throw new ArgumentException($"The training state was recorded with the {name} optimizer; this model is compiled with {Name}.");
        if (slots.Count != parameters.Count)
            throw new ArgumentException($"The training state has optimizer slots for {slots.Count} trainable parameters; this model has {parameters.Count} trainable parameters.");
        for (int i = 0; i < slots.Count; i++)
        {
            if (slots[i].Length != SlotCount)
                throw new ArgumentException($"The training state's {name} keeps {slots[i].Length} slot(s) per parameter; this {Name} keeps {SlotCount} (another configuration, e.g. momentum).");
            foreach (var a in slots[i])
                if (a.Length != parameters[i].Count)
                    throw new ArgumentException($"The training state's slot for trainable parameter {i} ({parameters[i].Name}) has {a.Length} values; the parameter has {parameters[i].Count}.");
        }
        if (!(learningRate >= 0)) throw new ArgumentException($"The training state's learning rate {learningRate} is not ≥ 0.");
        for (int i = 0; i < slots.Count; i++) _slots[parameters[i]] = [.. slots[i].Select(a => (float[])a.Clone())];
        Iterations = iterations;
        LearningRate = learningRate;
    }

    /// <summary>Keras's optimiser names with their defaults.</summary>
    public static Optimizer FromName(string name) => name.ToLowerInvariant() switch
    {
        "rmsprop" => new RMSprop(),
        "adam" => new Adam(),
        "sgd" => new SGD(),
        _ => throw new ArgumentException($"Unknown optimizer '{name}'; expected rmsprop, adam or sgd.", nameof(name)),
    };
}

/// <summary>
/// Keras <c>SGD</c>(learning_rate 0.01, momentum 0, nesterov false): without momentum w −= lr·g; with it
/// v = m·v − lr·g, then w += v, or w += m·v − lr·g with Nesterov.
/// </summary>
public sealed class SGD : Optimizer
{
    public SGD(double learningRate = 0.01, double momentum = 0, bool nesterov = false) : base(learningRate)
    {
        if (!(momentum >= 0 && momentum <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1].");
        Momentum = momentum;
        Nesterov = nesterov;
    }

    public double Momentum { get; }
    public bool Nesterov { get; }
    public override string Name => "SGD";
    protected override int SlotCount => Momentum == 0 ? 0 : 1;

    protected override void Update(Span<float> w, ReadOnlySpan<float> g, float[][] slots)
    {
        float lr = (float)LearningRate, m = (float)Momentum;
        if (m == 0) { TensorPrimitives.MultiplyAdd(g, -lr, w, w); return; }
        var v = slots[0];
        for (int i = 0; i < w.Length; i++)
        {
            v[i] = m * v[i] - lr * g[i];
            w[i] += Nesterov ? m * v[i] - lr * g[i] : v[i];
        }
    }
}

/// <summary>
/// Keras <c>RMSprop</c>(learning_rate 0.001, rho 0.9, epsilon 1e-7, no momentum, not centred):
/// ms = ρ·ms + (1 − ρ)·g², w −= lr·g / (√ms + ε), ms starting at zero (tf.keras 2.x's formula).
/// </summary>
public sealed class RMSprop : Optimizer
{
    public RMSprop(double learningRate = 0.001, double rho = 0.9, double epsilon = 1e-7) : base(learningRate)
    {
        if (!(rho >= 0 && rho < 1)) throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be in [0, 1).");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be ≥ 0.");
        Rho = rho;
        Epsilon = epsilon;
    }

    public double Rho { get; }
    public double Epsilon { get; }
    public override string Name => "RMSprop";
    protected override int SlotCount => 1;

    protected override void Update(Span<float> w, ReadOnlySpan<float> g, float[][] slots)
    {
        float lr = (float)LearningRate, rho = (float)Rho, omr = 1f - (float)Rho, eps = (float)Epsilon;
        Span<float> ms = slots[0];
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int vw = Vector<float>.Count;
            var vr = new Vector<float>(rho); var vo = new Vector<float>(omr); var vl = new Vector<float>(lr); var ve = new Vector<float>(eps);
            for (; i <= w.Length - vw; i += vw)
            {
                var gv = new Vector<float>(g.Slice(i));
                var m = vr * new Vector<float>(ms.Slice(i)) + vo * (gv * gv);
                m.CopyTo(ms.Slice(i));
                (new Vector<float>(w.Slice(i)) - vl * gv / (Vector.SquareRoot(m) + ve)).CopyTo(w.Slice(i));
            }
        }
        for (; i < w.Length; i++)
        {
            ms[i] = rho * ms[i] + omr * (g[i] * g[i]);
            w[i] -= lr * g[i] / (MathF.Sqrt(ms[i]) + eps);
        }
    }
}

/// <summary>
/// Keras <c>Adam</c>(learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7): m = β₁m + (1 − β₁)g,
/// v = β₂v + (1 − β₂)g², w −= lr_t·m / (√v + ε) with lr_t = lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ), t = step number from 1.
/// </summary>
public sealed class Adam : Optimizer
{
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7) : base(learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta_1 must be in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta_2 must be in [0, 1).");
        Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon;
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }
    public override string Name => "Adam";
    protected override int SlotCount => 2;

    protected override void Update(Span<float> w, ReadOnlySpan<float> g, float[][] slots)
    {
        long t = Iterations;
        float lrT = (float)(LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t)));
        float b1 = (float)Beta1, b2 = (float)Beta2, eps = (float)Epsilon;
        float[] m = slots[0], v = slots[1];
        for (int i = 0; i < w.Length; i++)
        {
            m[i] = b1 * m[i] + (1f - b1) * g[i];
            v[i] = b2 * v[i] + (1f - b2) * (g[i] * g[i]);
            w[i] -= lrT * m[i] / (MathF.Sqrt(v[i]) + eps);
        }
    }
}
