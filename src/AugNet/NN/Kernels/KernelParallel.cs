namespace AugNet.NN.Kernels;

/// <summary>
/// The one way the NN code runs independent work items across threads. Callers choose the items so that no output
/// element is summed across items in a thread-dependent order; the thread count then changes only speed, never the
/// numbers (see <see cref="KernelSettings"/>).
/// </summary>
internal static class KernelParallel
{
    /// <summary>Below this much total work (elements touched or multiply-adds) a call stays on the calling thread.</summary>
    internal const long MinParallelWork = 1 << 15;

    /// <summary>Runs body(0 … items − 1) on up to <paramref name="threads"/> threads (serially for one thread or item).</summary>
    internal static void For(int items, int threads, Action<int> body)
    {
        if (threads <= 1 || items <= 1) for (int i = 0; i < items; i++) body(i);
        else Parallel.For(0, items, Gemm.Options(threads), body);
    }

    /// <summary>
    /// Runs body(0 … items − 1) on this call's thread budget (<see cref="KernelSettings.MaxDegreeOfParallelism"/>),
    /// serially when items × workPerItem is under <see cref="MinParallelWork"/>, where threads cost more than they save.
    /// </summary>
    internal static void ForWork(int items, long workPerItem, Action<int> body) =>
        For(items, (long)items * workPerItem < MinParallelWork ? 1 : KernelSettings.CurrentThreads, body);
}
