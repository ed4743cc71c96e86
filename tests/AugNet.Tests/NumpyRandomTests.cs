using AugNet.Augmentation;

namespace AugNet.Tests;

public class NumpyRandomTests
{
    [Fact]
    public void Seed0RandomSampleMatchesNumpy()
    {
        var rng = new NumpyRandom(0);
        Assert.Equal(0.5488135039273248, rng.RandomSample());
        Assert.Equal(0.7151893663724195, rng.RandomSample());
    }

    [Fact]
    public void Seed0PermutationMatchesNumpy()
    {
        Assert.Equal([2, 8, 4, 9, 1, 6, 7, 3, 0, 5], new NumpyRandom(0).Permutation(10));
    }

    [Fact]
    public void BoundedOfOneConsumesNothing()
    {
        var a = new NumpyRandom(7); var b = new NumpyRandom(7);
        Assert.Equal(0, a.Next(1));
        Assert.Equal(b.NextUInt32(), a.NextUInt32());
    }

    [Fact]
    public void SeedOutsideRangeIsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandom(0).Seed(-1L));
        Assert.Contains("Seed must be between 0 and 2**32 - 1", e.Message);
    }
}
