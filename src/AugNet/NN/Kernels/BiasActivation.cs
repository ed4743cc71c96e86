using System.Runtime.Intrinsics;
using System.Numerics.Tensors;

namespace AugNet.NN.Kernels;

/// <summary>
/// Bias add fused with an element-wise activation (<see cref="ActivationFunction"/> Linear, Relu, Sigmoid or Tanh;
/// Softmax works per row and is rejected here) over a row-major (rows, channels) buffer — the output of a Dense or
/// NHWC conv layer — and the matching backward steps. Elementwise work is split over threads in fixed row chunks; the
/// bias gradient sums fixed chunks in a fixed order, so all results are bit-identical for every thread count.
/// </summary>
internal static class BiasActivation
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
    public static void Backward(Span<float> dy, ReadOnlySpan<float> y, ActivationFunction activation) => Backward(dy, y, dy, activation);

    /// <summary>dz = dy·act'(·) from the output y, leaving dy as it is (<paramref name="dz"/> may be dy itself).</summary>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> y, Span<float> dz, ActivationFunction activation)
    {
        CheckElementwise(activation);
        CheckBackward(dy.Length, y.Length, dz.Length);
        if (activation == ActivationFunction.Linear)
        {
            if (!dy.Overlaps(dz)) dy.CopyTo(dz);
            return;
        }
        unsafe
        {
            fixed (float* pd = dy, py = y, pz = dz)
            {
                float* dp = pd, yp = py, zp = pz;
                ForChunks(dy.Length, 1, (start, count) => BackwardRange(new ReadOnlySpan<float>(dp + start, count), new ReadOnlySpan<float>(yp + start, count), new Span<float>(zp + start, count), activation));
            }
        }
    }

    /// <summary>dz = dy·act'(y) element by element on the calling thread; dz may be dy itself (each element is read before it is written).</summary>
    static void BackwardRange(ReadOnlySpan<float> dy, ReadOnlySpan<float> y, Span<float> dz, ActivationFunction activation)
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
                        (dv & mask).CopyTo(dz.Slice(i, 8));
                    }
                for (; i < dy.Length; i++) dz[i] = y[i] > 0f ? dy[i] : 0f;
                break;
            case ActivationFunction.Sigmoid:
                for (; i < dy.Length; i++) dz[i] = dy[i] * (y[i] * (1f - y[i]));
                break;
            case ActivationFunction.Tanh:
                for (; i < dy.Length; i++) dz[i] = dy[i] * (1f - y[i] * y[i]);
                break;
            case ActivationFunction.Linear:
                if (!dy.Overlaps(dz)) dy.CopyTo(dz);
                break;
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
                ReduceRows(pd, null, pd, dy.Length, channels, dbias, ActivationFunction.Linear);
        }
    }

    /// <summary>
    /// <see cref="Backward(Span{float}, ReadOnlySpan{float}, ActivationFunction)"/> then <see cref="BiasGradient"/> in one pass over memory: dy *= act'(y) in place and
    /// dbias[c] = Σ_r dy[r, c] of the result. Bit-identical to the two calls in sequence.
    /// </summary>
    public static void BackwardWithBiasGradient(Span<float> dy, ReadOnlySpan<float> y, int channels, ActivationFunction activation, Span<float> dbias)
        => BackwardWithBiasGradient(dy, y, dy, channels, activation, dbias);

    /// <summary>
    /// dz = dy·act'(y) (dy left as it is; <paramref name="dz"/> may be dy itself) and dbias[c] = Σ_r dz[r, c], in one
    /// pass over memory. Bit-identical to <see cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, ActivationFunction)"/>
    /// then <see cref="BiasGradient"/>.
    /// </summary>
    public static void BackwardWithBiasGradient(ReadOnlySpan<float> dy, ReadOnlySpan<float> y, Span<float> dz, int channels, ActivationFunction activation, Span<float> dbias)
    {
        CheckElementwise(activation);
        CheckBackward(dy.Length, y.Length, dz.Length);
        CheckShape(dy.Length, channels, dbias.Length, nameof(dbias), allowEmpty: false);
        unsafe
        {
            fixed (float* pd = dy, py = y, pz = dz)
                ReduceRows(pd, py, pz, dy.Length, channels, dbias, activation);
        }
    }

    /// <summary>
    /// Sums the rows of dz per channel in fixed chunks, first writing dz = dy·act'(y) into each chunk when
    /// <paramref name="y"/> is given (otherwise dz is dy and is only read).
    /// </summary>
    static unsafe void ReduceRows(float* dyp, float* y, float* dzp, int length, int channels, Span<float> dbias, ActivationFunction activation)
    {
        int rows = length / channels;
        int rowsPerChunk = Math.Max(1, ChunkElements / channels);
        int chunks = Math.Max(1, (rows + rowsPerChunk - 1) / rowsPerChunk);
        var path = SimdPaths.Current;
        float[] partial = System.Buffers.ArrayPool<float>.Shared.Rent(chunks * channels);
        try
        {
            fixed (float* pp = partial)
            {
                float* part = pp;
                KernelParallel.For(chunks, KernelSettings.CurrentThreads, t =>
                {
                    var acc = new Span<float>(part + (long)t * channels, channels);
                    acc.Clear();
                    int r0 = t * rowsPerChunk, r1 = Math.Min(rows, r0 + rowsPerChunk);
                    long first = (long)r0 * channels;
                    if (SumRowsVector(path, dyp + first, y == null ? null : y + first, dzp + first, r1 - r0, channels, part + (long)t * channels, activation))
                        return;
                    if (y != null)
                    {
                        long start = (long)r0 * channels;
                        int count = (r1 - r0) * channels;
                        BackwardRange(new ReadOnlySpan<float>(dyp + start, count), new ReadOnlySpan<float>(y + start, count), new Span<float>(dzp + start, count), activation);
                    }
                    for (int r = r0; r < r1; r++)
                        TensorPrimitives.Add(acc, new ReadOnlySpan<float>(dzp + (long)r * channels, channels), acc);
                });
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

    /// <summary>
    /// The chunk body of <see cref="ReduceRows"/> for relu/linear with whole vectors of channels: per row, dz = dy
    /// masked by y &gt; 0 (relu), then acc += dz, in registers instead of one TensorPrimitives call per row. The same
    /// float operations on every element in the same row order as the general path, so results are bit-identical.
    /// Returns false (nothing done) where it does not apply.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static unsafe bool SumRowsVector(SimdPath path, float* dy, float* y, float* dz, int rows, int channels, float* acc, ActivationFunction activation)
    {
        if (y != null && activation is not (ActivationFunction.Relu or ActivationFunction.Linear)) return false;
        bool relu = y != null && activation == ActivationFunction.Relu;
        bool write = y != null && (relu || dz != dy);
        if (path == SimdPath.Vector512 && channels % 16 == 0)
        {
            for (long o = 0, end = (long)rows * channels; o < end; o += channels)
                for (int c = 0; c < channels; c += 16)
                {
                    var v = Vector512.Load(dy + o + c);
                    if (relu) v &= Vector512.GreaterThan(Vector512.Load(y + o + c), Vector512<float>.Zero);
                    if (write) v.Store(dz + o + c);
                    (Vector512.Load(acc + c) + v).Store(acc + c);
                }
            return true;
        }
        if (path >= SimdPath.Vector256 && channels % 8 == 0)
        {
            for (long o = 0, end = (long)rows * channels; o < end; o += channels)
                for (int c = 0; c < channels; c += 8)
                {
                    var v = Vector256.Load(dy + o + c);
                    if (relu) v &= Vector256.GreaterThan(Vector256.Load(y + o + c), Vector256<float>.Zero);
                    if (write) v.Store(dz + o + c);
                    (Vector256.Load(acc + c) + v).Store(acc + c);
                }
            return true;
        }
        return false;
    }

    static void CheckBackward(int dy, int y, int dz)
    {
        if (dy != y || dz != y) throw new ArgumentException($"Activation backward: dy has {dy} elements, y {y} and dz {dz}; all three must match.");
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
        if (chunks <= 1) { if (length > 0) body(0, length); return; }
        KernelParallel.For(chunks, KernelSettings.CurrentThreads, t =>
        {
            int start = t * chunk;
            body(start, Math.Min(chunk, length - start));
        });
    }
}
