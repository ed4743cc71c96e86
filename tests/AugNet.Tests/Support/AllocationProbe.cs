namespace AugNet.Tests.Support;

/// <summary>
/// Bytes a repeated step allocates on the calling thread, robust to noise from the rest of the test run: other tests'
/// collections can trim ArrayPool.Shared, so one round may re-rent a pooled buffer. The fewest bytes over a few rounds
/// still catches what these tests look for, buffers allocated on every step, which show in every round.
/// </summary>
public static class AllocationProbe
{
    public static long MinBytesPerStep(Action step, int steps, int rounds = 3)
    {
        step(); // warm-up: first-use buffers and JIT
        long best = long.MaxValue;
        for (int r = 0; r < rounds; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < steps; i++) step();
            best = Math.Min(best, (GC.GetAllocatedBytesForCurrentThread() - before) / steps);
        }
        return best;
    }
}
