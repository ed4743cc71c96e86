using System.Runtime.Intrinsics;
using System.Numerics.Tensors;

namespace AugNet.NN.Kernels;

/// <summary>
/// Bias add fused with an element-wise activation (<see cref="ActivationFunction"/> Linear, Relu, Sigmoid or Tanh;
/// Softmax works per row and is rejected here) over a row-major (rows, channels) buffer — the output of a Dense or
/// NHWC conv layer — and the matching backward steps. Elementwise work is split over threads in fixed row chunks; the
/// bias gradient sums fixed chunks in a fixed order, so all results are bit-identical for every thread count.
/// </summary>
public static class BiasActivation
{
    const int ChunkElements = 1 << 15;

    /// <summary>y[r, c] = act(y[r, c] + bias[c]) in place. An empty <paramref name="bias"/> means no bias.</summary>
    public static void Forward(Span<float> y, ReadOnlySpan<float> bias, int channels, ActivationFunction activation)
    {
        CheckElementwise(activation);
        CheckShape(y.Length, channels, bias.Length, nameof(bias), allowEmpty: true);
        unsafe
        {
            fixed (float* py = y, pb = bias)
            {
                float* yp = py, bp = bias.IsEmpty ? null : pb;
                int length = y.Length;
                ForChunks(length, channels, (start, count) => ForwardRange(new Span<float>(yp + start, count), bp == null ? default : new ReadOnlySpan<float>(bp, channels), channels, activation));
            }
        }
    }

    /// <summary>The same as <see cref="Forward"/> on the calling thread only (for callers that already run in parallel).</summary>
    public static void ForwardRange(Span<float> y, ReadOnlySpan<float> bias, int channels, ActivationFunction activation)
    {
        CheckElementwise(activation);
        CheckShape(y.Length, channels, bias.Length, nameof(bias), allowEmpty: true);
        if (!bias.IsEmpty && (activation is ActivationFunction.Relu or ActivationFunction.Linear) && channels % 8 == 0 && Vector256.IsHardwareAccelerated)
        {
            // One pass instead of a bias pass plus an activation pass (same operations, same results).
            unsafe
            {
                fixed (float* py = y, pb = bias)
                {
                    bool relu = activation == ActivationFunction.Relu;
                    if (channels % 16 == 0 && Vector512.IsHardwareAccelerated)
                        for (float* row = py, end = py + y.Length; row < end; row += channels)
                            for (int c = 0; c < channels; c += 16)
                            {
                                var v = Vector512.Load(row + c) + Vector512.Load(pb + c);
                                if (relu) v = Vector512.Max(v, Vector512<float>.Zero);
                                v.Store(row + c);
                            }
                    else
                        for (float* row = py, end = py + y.Length; row < end; row += channels)
                            for (int c = 0; c < channels; c += 8)
                            {
                                var v = Vector256.Load(row + c) + Vector256.Load(pb + c);
                                if (relu) v = Vector256.Max(v, Vector256<float>.Zero);
                                v.Store(row + c);
                            }
                }
            }
            return;
        }
        if (!bias.IsEmpty)
        {
            if (channels == 1) TensorPrimitives.Add(y, bias[0], y);
            else
                for (int r = 0; r < y.Length; r += channels)
                {
                    var row = y.Slice(r, channels);
                    TensorPrimitives.Add(row, bias, row);
                }
        }
        switch (activation)
        {
            case ActivationFunction.Relu: TensorPrimitives.Max(y, 0f, y); break;
            case ActivationFunction.Sigmoid: TensorPrimitives.Sigmoid(y, y); break;
            case ActivationFunction.Tanh: TensorPrimitives.Tanh(y, y); break;
            case ActivationFunction.Linear: break;
            default: throw NotElementwise(activation);
        }
    }

    /// <summary>
    /// dy *= act'(·) in place, written in terms of the activation's output y: relu y &gt; 0, sigmoid y(1 − y),
    /// tanh 1 − y², linear 1.
    /// </summary>
    public static void Backward(Span<float> dy, ReadOnlySpan<float> y, ActivationFunction activation)
    {
        CheckElementwise(activation);
        if (dy.Length != y.Length) throw new ArgumentException($"ActivationFunction backward: dy has {dy.Length} elements but y has {y.Length}.");
        if (activation == ActivationFunction.Linear) return;
        unsafe
        {
            fixed (float* pd = dy, py = y)
            {
                float* dp = pd, yp = py;
                ForChunks(dy.Length, 1, (start, count) => BackwardRange(new Span<float>(dp + start, count), new ReadOnlySpan<float>(yp + start, count), activation));
            }
        }
    }

    static void BackwardRange(Span<float> dy, ReadOnlySpan<float> y, ActivationFunction activation)
    {
        int i = 0;
        switch (activation)
        {
            case ActivationFunction.Relu:
                if (Vector256.IsHardwareAccelerated)
                    for (; i + 8 <= dy.Length; i += 8)
                    {
                        var yv = Vector256.Create(y.Slice(i, 8));
                        var dv = Vector256.Create(dy.Slice(i, 8));
                        var mask = Vector256.GreaterThan(yv, Vector256<float>.Zero);
                        (dv & mask).CopyTo(dy.Slice(i, 8));
                    }
                for (; i < dy.Length; i++) dy[i] = y[i] > 0f ? dy[i] : 0f;
                break;
            case ActivationFunction.Sigmoid:
                for (; i < dy.Length; i++) dy[i] *= y[i] * (1f - y[i]);
                break;
            case ActivationFunction.Tanh:
                for (; i < dy.Length; i++) dy[i] *= 1f - y[i] * y[i];
                break;
            case ActivationFunction.Linear: break;
            default: throw NotElementwise(activation);
        }
    }

    /// <summary>dbias[c] = Σ_r dy[r, c] (overwritten), summed in fixed row chunks combined in order.</summary>
    public static void BiasGradient(ReadOnlySpan<float> dy, int channels, Span<float> dbias)
    {
        CheckShape(dy.Length, channels, dbias.Length, nameof(dbias), allowEmpty: false);
        unsafe
        {
            fixed (float* pd = dy)
                ReduceRows(pd, dy.Length, channels, dbias, null, ActivationFunction.Linear);
        }
    }

    /// <summary>
    /// <see cref="Backward"/> then <see cref="BiasGradient"/> in one pass over memory: dy *= act'(y) in place and
    /// dbias[c] = Σ_r dy[r, c] of the result. Bit-identical to the two calls in sequence.
    /// </summary>
    public static void BackwardWithBiasGradient(Span<float> dy, ReadOnlySpan<float> y, int channels, ActivationFunction activation, Span<float> dbias)
    {
        CheckElementwise(activation);
        if (dy.Length != y.Length) throw new ArgumentException($"ActivationFunction backward: dy has {dy.Length} elements but y has {y.Length}.");
        CheckShape(dy.Length, channels, dbias.Length, nameof(dbias), allowEmpty: false);
        unsafe
        {
            fixed (float* pd = dy, py = y)
                ReduceRows(pd, dy.Length, channels, dbias, py, activation);
        }
    }

    /// <summary>Sums rows per channel in fixed chunks (first applying the activation derivative when <paramref name="y"/> is given).</summary>
    static unsafe void ReduceRows(float* dyp, int length, int channels, Span<float> dbias, float* y, ActivationFunction activation)
    {
        int rows = length / channels;
        int rowsPerChunk = Math.Max(1, ChunkElements / channels);
        int chunks = Math.Max(1, (rows + rowsPerChunk - 1) / rowsPerChunk);
        float[] partial = System.Buffers.ArrayPool<float>.Shared.Rent(chunks * channels);
        try
        {
            fixed (float* pp = partial)
            {
                float* part = pp;
                void Chunk(int t)
                {
                    var acc = new Span<float>(part + (long)t * channels, channels);
                    acc.Clear();
                    int r0 = t * rowsPerChunk, r1 = Math.Min(rows, r0 + rowsPerChunk);
                    if (y != null)
                    {
                        long start = (long)r0 * channels;
                        int count = (r1 - r0) * channels;
                        BackwardRange(new Span<float>(dyp + start, count), new ReadOnlySpan<float>(y + start, count), activation);
                    }
                    for (int r = r0; r < r1; r++)
                        TensorPrimitives.Add(acc, new ReadOnlySpan<float>(dyp + (long)r * channels, channels), acc);
                }
                int threads = KernelSettings.CurrentThreads;
                if (threads <= 1 || chunks == 1) for (int t = 0; t < chunks; t++) Chunk(t);
                else Parallel.For(0, chunks, Gemm.Options(threads), Chunk);
            }
            dbias.Clear();
            for (int t = 0; t < chunks; t++)
                TensorPrimitives.Add(dbias, partial.AsSpan(t * channels, channels), dbias);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(partial);
        }
    }

    internal static void CheckElementwise(ActivationFunction activation)
    {
        if (activation is not (ActivationFunction.Linear or ActivationFunction.Relu or ActivationFunction.Sigmoid or ActivationFunction.Tanh))
            throw NotElementwise(activation);
    }

    static ArgumentException NotElementwise(ActivationFunction activation) =>
        new($"Activation {activation} is not element-wise; the fused bias/activation kernels take linear, relu, sigmoid or tanh (apply softmax per row).", nameof(activation));

    static void CheckShape(int length, int channels, int vectorLength, string vectorName, bool allowEmpty)
    {
        if (channels <= 0 || length % channels != 0)
            throw new ArgumentException($"Bias/activation: {length} elements are not a whole number of rows of {channels} channels.");
        if (!(allowEmpty && vectorLength == 0) && vectorLength != channels)
            throw new ArgumentException($"Bias/activation: {vectorName} has {vectorLength} elements, expected {channels} (one per channel).");
    }

    /// <summary>Runs body(start, count) over row-aligned chunks of a buffer, in parallel when it is large.</summary>
    static void ForChunks(int length, int channels, Action<int, int> body)
    {
        int rowsPerChunk = Math.Max(1, ChunkElements / channels);
        int chunk = rowsPerChunk * channels;
        int chunks = (length + chunk - 1) / chunk;
        int threads = KernelSettings.CurrentThreads;
        if (threads <= 1 || chunks <= 1) { if (length > 0) body(0, length); return; }
        Parallel.For(0, chunks, Gemm.Options(threads), t =>
        {
            int start = t * chunk;
            body(start, Math.Min(chunk, length - start));
        });
    }
}
