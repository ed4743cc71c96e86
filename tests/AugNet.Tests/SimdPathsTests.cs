namespace AugNet.Tests;

public class SimdPathsTests
{
    [Fact]
    public void ForceAppliesToThisThreadOnlyAndScopesNest()
    {
        Assert.Equal(SimdPaths.Best, SimdPaths.Current);
        using (SimdPaths.Force(SimdPath.Scalar))
        {
            Assert.Equal(SimdPath.Scalar, SimdPaths.Current);
            Assert.Equal(SimdPath.Scalar, SimdPaths.Resolve(null));
            // Another thread (a parallel test, a worker) still sees the best path.
            SimdPath other = SimdPath.Scalar;
            var thread = new Thread(() => other = SimdPaths.Current); // a real thread: a waited-on Task may run inline
            thread.Start();
            thread.Join();
            Assert.Equal(SimdPaths.Best, other);
            using (SimdPaths.Force(SimdPaths.Best)) Assert.Equal(SimdPaths.Best, SimdPaths.Current);
            Assert.Equal(SimdPath.Scalar, SimdPaths.Current);
        }
        Assert.Equal(SimdPaths.Best, SimdPaths.Current);
    }

    [Fact]
    public void AnExplicitRequestWinsAndMustBeSupported()
    {
        using var _ = SimdPaths.Force(SimdPath.Scalar);
        Assert.Equal(SimdPaths.Best, SimdPaths.Resolve(SimdPaths.Best));
        Assert.Equal(SimdPaths.Supported.Last(), SimdPaths.Best);
        if (SimdPaths.Best < SimdPath.Vector512)
        {
            Assert.Throws<PlatformNotSupportedException>(() => SimdPaths.Resolve(SimdPath.Vector512));
            Assert.Throws<PlatformNotSupportedException>(() => SimdPaths.Force(SimdPath.Vector512));
        }
    }

    [Fact]
    public void ThisMachineRunsTheVector128Path()
    {
        // x86-64 and ARM64 both accelerate 128-bit vectors, so the new 128-bit kernels are compared with the
        // references here rather than silently skipped.
        Assert.Contains(SimdPath.Vector128, SimdPaths.Supported);
    }
}
