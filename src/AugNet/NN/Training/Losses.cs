namespace AugNet.NN.Training;

/// <summary>
/// A Keras loss with its gradient. The output is read in rows of its last axis; a row's loss is Keras's value for
/// that row, a sample's loss is the mean of its rows, and the batch loss is Keras's SUM_OVER_BATCH_SIZE reduction
/// Σ wᵢ·lossᵢ / N (N = batch size, wᵢ = sample weight, 1 by default). When the model's last activation is the one
/// <see cref="FusedActivation"/> names, the model computes the loss from the logits instead (as Keras does via the
/// tensor's cached logits), which is exact where the probability would saturate.
/// </summary>
public abstract class Loss
{
    /// <summary>Keras's clipping constant <c>backend.epsilon()</c>.</summary>
    public const float Epsilon = 1e-7f;

    protected Loss(bool fromLogits) => FromLogits = fromLogits;

    /// <summary>Keras's <c>from_logits</c>: the model output is taken as logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Keras's name, e.g. "binary_crossentropy".</summary>
    public abstract string Name { get; }

    /// <summary>The last-layer activation whose output this loss can be computed from as logits (null: none).</summary>
    public virtual ActivationFunction? FusedActivation => null;

    /// <summary>Target elements per output row (1 for the sparse loss, else the row width).</summary>
    protected virtual int TargetWidth(int outputWidth) => outputWidth;

    /// <summary>Loss of one row and dRowLoss/dOutput (w.r.t. logits when <paramref name="logits"/>).</summary>
    protected abstract double Row(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> grad, bool logits);

    /// <summary>Throws naming both shapes unless <paramref name="target"/> fits an output of shape <paramref name="outputShape"/>.</summary>
    public void CheckTarget(ReadOnlySpan<int> outputShape, ReadOnlySpan<int> target)
    {
        int n = outputShape[0], perSample = 1;
        for (int i = 1; i < outputShape.Length; i++) perSample *= outputShape[i];
        int width = outputShape.Length > 1 ? outputShape[^1] : 1;
        int want = perSample / width * TargetWidth(width);
        long got = 1;
        for (int i = 1; i < target.Length; i++) got *= target[i];
        if (target.Length == 0 || target[0] != n || got != want)
            throw new ArgumentException($"Target shape {Tensor.FormatShape(target)} does not match the model output {Tensor.FormatShape(outputShape)} for loss '{Name}'" +
                (TargetWidth(width) == 1 ? " (sparse targets hold one class index per row)." : "."));
    }

    /// <summary>
    /// Batch loss Σ wᵢ·lossᵢ / N; writes dLoss/dOutput into <paramref name="grad"/> (same layout as the output).
    /// </summary>
    public double Compute(Tensor output, Tensor target, ReadOnlySpan<float> sampleWeight, Span<float> grad, bool logits)
    {
        CheckTarget(output.Shape, target.Shape);
        int n = output.Shape[0], width = output.Rank > 1 ? output.Shape[^1] : 1, tw = TargetWidth(width);
        int rowsPerSample = output.Length / n / width;
        if (!sampleWeight.IsEmpty && sampleWeight.Length != n)
            throw new ArgumentException($"Sample weights have {sampleWeight.Length} values for a batch of {n}.");
        double total = 0;
        for (int s = 0; s < n; s++)
        {
            float w = sampleWeight.IsEmpty ? 1f : sampleWeight[s];
            double sampleLoss = 0;
            float scale = w / ((float)n * rowsPerSample);
            for (int r = 0; r < rowsPerSample; r++)
            {
                int row = s * rowsPerSample + r;
                var g = grad.Slice(row * width, width);
                sampleLoss += Row(output.Data.AsSpan(row * width, width), target.Data.AsSpan(row * tw, tw), g, logits);
                for (int j = 0; j < width; j++) g[j] *= scale;
            }
            total += w * sampleLoss / rowsPerSample;
        }
        return total / n;
    }

    /// <summary>Keras's loss names: binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy, mse.</summary>
    public static Loss FromName(string name, bool fromLogits = false) => name.ToLowerInvariant() switch
    {
        "binary_crossentropy" or "bce" => new BinaryCrossentropy(fromLogits),
        "categorical_crossentropy" => new CategoricalCrossentropy(fromLogits),
        "sparse_categorical_crossentropy" => new SparseCategoricalCrossentropy(fromLogits),
        "mse" or "mean_squared_error" => new MeanSquaredError(),
        _ => throw new ArgumentException($"Unknown loss '{name}'; expected binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy or mean_squared_error.", nameof(name)),
    };
}

/// <summary>
/// Keras <c>binary_crossentropy</c>, the mean over the row. From probabilities: p clipped to [ε, 1 − ε],
/// −(y·log(p + ε) + (1 − y)·log(1 − p + ε)); from logits z: max(z, 0) − z·y + log(1 + e^−|z|).
/// </summary>
public sealed class BinaryCrossentropy(bool fromLogits = false) : Loss(fromLogits)
{
    public override string Name => "binary_crossentropy";
    public override ActivationFunction? FusedActivation => ActivationFunction.Sigmoid;

    protected override double Row(ReadOnlySpan<float> o, ReadOnlySpan<float> t, Span<float> g, bool logits)
    {
        double sum = 0;
        int w = o.Length;
        for (int j = 0; j < w; j++)
        {
            double y = t[j];
            if (logits)
            {
                double z = o[j];
                sum += Math.Max(z, 0) - z * y + Math.Log(1 + Math.Exp(-Math.Abs(z)));
                g[j] = (float)((1 / (1 + Math.Exp(-z)) - y) / w);
            }
            else
            {
                double p = Math.Clamp(o[j], Epsilon, 1 - Epsilon);
                sum += -(y * Math.Log(p + Epsilon) + (1 - y) * Math.Log(1 - p + Epsilon));
                bool clipped = o[j] < Epsilon || o[j] > 1 - Epsilon;
                g[j] = clipped ? 0f : (float)((-y / (p + Epsilon) + (1 - y) / (1 - p + Epsilon)) / w);
            }
        }
        return sum / w;
    }
}

/// <summary>
/// Keras <c>categorical_crossentropy</c> over one-hot (or soft) rows. From probabilities: the row is divided by its
/// sum, clipped to [ε, 1 − ε], and −Σ y·log p; from logits: −Σ y·log softmax(z), via log-sum-exp.
/// </summary>
public class CategoricalCrossentropy(bool fromLogits = false) : Loss(fromLogits)
{
    public override string Name => "categorical_crossentropy";
    public override ActivationFunction? FusedActivation => ActivationFunction.Softmax;

    protected override double Row(ReadOnlySpan<float> o, ReadOnlySpan<float> t, Span<float> g, bool logits)
        => CrossEntropy(o, t.Length == o.Length ? t : default, t.Length == 1 ? ClassIndex(t[0], o.Length) : -1, g, logits);

    static int ClassIndex(float label, int classes)
    {
        int k = (int)label;
        if (k != label || k < 0 || k >= classes)
            throw new ArgumentException($"Sparse label {label} is not a class index in [0, {classes}).");
        return k;
    }

    /// <summary>Cross-entropy of one row against a distribution <paramref name="t"/> or, when empty, the class <paramref name="k"/>.</summary>
    static double CrossEntropy(ReadOnlySpan<float> o, ReadOnlySpan<float> t, int k, Span<float> g, bool logits)
    {
        int w = o.Length;
        Span<double> yv = w <= 256 ? stackalloc double[w] : new double[w];
        for (int j = 0; j < w; j++) yv[j] = t.IsEmpty ? (j == k ? 1.0 : 0.0) : t[j];
        double ySum = 0;
        for (int j = 0; j < w; j++) ySum += yv[j];
        double loss = 0;
        if (logits)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < w; j++) max = Math.Max(max, o[j]);
            double se = 0;
            for (int j = 0; j < w; j++) se += Math.Exp(o[j] - max);
            double lse = max + Math.Log(se);
            for (int j = 0; j < w; j++)
            {
                loss += yv[j] * (lse - o[j]);
                g[j] = (float)(Math.Exp(o[j] - lse) * ySum - yv[j]);
            }
            return loss;
        }
        double s = 0;
        for (int j = 0; j < w; j++) s += o[j];
        // p = o / s clipped; dL/dp_j = −y_j / p_j where unclipped; dL/do_j = (dL/dp_j − Σ_i dL/dp_i · p_i) / s.
        double dot = 0;
        Span<double> dp = w <= 256 ? stackalloc double[w] : new double[w];
        for (int j = 0; j < w; j++)
        {
            double p = o[j] / s, pc = Math.Clamp(p, Epsilon, 1 - Epsilon);
            loss -= yv[j] * Math.Log(pc);
            dp[j] = p == pc ? -yv[j] / pc : 0;
            dot += dp[j] * p;
        }
        for (int j = 0; j < w; j++) g[j] = (float)((dp[j] - dot) / s);
        return loss;
    }
}

/// <summary>Keras <c>sparse_categorical_crossentropy</c>: targets are class indices, one per row.</summary>
public sealed class SparseCategoricalCrossentropy(bool fromLogits = false) : CategoricalCrossentropy(fromLogits)
{
    public override string Name => "sparse_categorical_crossentropy";
    protected override int TargetWidth(int outputWidth) => 1;
}

/// <summary>Keras <c>mean_squared_error</c>: mean over the row of (output − target)².</summary>
public sealed class MeanSquaredError() : Loss(false)
{
    public override string Name => "mean_squared_error";

    protected override double Row(ReadOnlySpan<float> o, ReadOnlySpan<float> t, Span<float> g, bool logits)
    {
        double sum = 0;
        int w = o.Length;
        for (int j = 0; j < w; j++)
        {
            double d = (double)o[j] - t[j];
            sum += d * d;
            g[j] = (float)(2 * d / w);
        }
        return sum / w;
    }
}
