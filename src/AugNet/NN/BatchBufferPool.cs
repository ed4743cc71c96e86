namespace AugNet.NN;

/// <summary>
/// Where the layers' batch buffers go when a model's Fit, Evaluate or Predict ends, so that the next model (or the
/// next call) of the same shapes takes the same arrays instead of allocating its own. Without it a process that trains
/// models in turn held two models' buffers at once: the book model's are ~480 MB of large-object arrays, which the GC
/// frees only at a gen-2 collection, and after the first model its large-object budget lets the next model allocate
/// all of its buffers before one runs (peak 536 MB for one model, 1,114 MB after four; bench/run memory-models).
/// The pool holds the arrays weakly: a collection that finds nobody using them frees them as if they had been
/// dropped, so training leaves nothing behind once the models are gone. Arrays come back cleared, as new ones are.
/// </summary>
internal static class BatchBufferPool<T>
{
    /// <summary>Smaller arrays are left to the GC: they live in gen 0, where dropping them costs nothing.</summary>
    const int MinBytes = 85_000;

    static readonly List<WeakReference<T[]>> s_free = [];

    /// <summary>A cleared array of exactly <paramref name="length"/> elements: a pooled one if a live one fits, else a new one.</summary>
    internal static T[] Rent(int length)
    {
        if ((long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() >= MinBytes)
        {
            lock (s_free)
            {
                for (int i = s_free.Count - 1; i >= 0; i--)
                {
                    if (!s_free[i].TryGetTarget(out var array)) { s_free.RemoveAt(i); continue; }
                    if (array.Length != length) continue;
                    s_free.RemoveAt(i);
                    Array.Clear(array);
                    return array;
                }
            }
        }
        return new T[length];
    }

    /// <summary>The pooled arrays still alive, strongly referenced for as long as the caller keeps the result.</summary>
    internal static T[][] Hold()
    {
        lock (s_free)
        {
            var live = new List<T[]>(s_free.Count);
            foreach (var w in s_free)
                if (w.TryGetTarget(out var a)) live.Add(a);
            return [.. live];
        }
    }

    /// <summary>Hands an array nobody will read or write again to the pool (small ones are simply dropped).</summary>
    internal static void Return(T[] array)
    {
        if ((long)array.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() < MinBytes) return;
        lock (s_free)
        {
            s_free.RemoveAll(w => !w.TryGetTarget(out _));
            s_free.Add(new WeakReference<T[]>(array));
        }
    }
}

/// <summary>The collection a model that is about to take its buffers asks for when models are trained in turn.</summary>
internal static class BatchBuffers
{
    /// <summary>
    /// When an earlier model has left buffers in the pool (models trained in turn), a blocking full collection frees
    /// what the dropped models kept besides them (weights, gradients, optimiser slots and the last training state:
    /// ~70 MB for the book model) before this one adds its own; the pooled arrays are held through it, so the
    /// collection keeps them for reuse. Without it the GC's large-object budget, sized by the first model's ~480 MB of
    /// buffers, let those per-model arrays pile up (+62 MB per model, 534 → 967 MB peak after 8 models). The pool holds
    /// mostly a few large arrays of floats, nothing to trace, so the collection takes a few milliseconds; a process that
    /// trains one model never pays it.
    /// </summary>
    internal static void CollectBeforeNewModel()
    {
        var floats = BatchBufferPool<float>.Hold();
        var ints = BatchBufferPool<int>.Hold();
        if (floats.Length + ints.Length == 0) return;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        GC.KeepAlive(floats);
        GC.KeepAlive(ints);
    }
}
