
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
    /// <summary>
    /// The bulk draw is the same stream as one RandomSample per value: from a fresh state and from one offset by an
    /// odd number of words, for lengths that stay inside one block of 624 words, cross several twists and leave a
    /// vector tail; the generator then continues exactly where the repeated calls leave it.
    /// </summary>
    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 7)]
    [InlineData(0, 312)]
    [InlineData(1, 313)]
    [InlineData(3, 1000)]
    [InlineData(5, 2531)]
    public void RandomSamplesMatchRepeatedRandomSample(int skipWords, int count)
    {
        var bulk = new NumpyRandom(1234); var single = new NumpyRandom(1234);
        for (int i = 0; i < skipWords; i++) Assert.Equal(single.NextUInt32(), bulk.NextUInt32());
        var values = new double[count];
        bulk.RandomSamples(values);
        for (int i = 0; i < count; i++) Assert.Equal(single.RandomSample(), values[i]);
        Assert.Equal(single.NextUInt32(), bulk.NextUInt32());
    }

    [Fact]
    public void RandomSamplesSeed0MatchesNumpy()
    {
        var values = new double[2];
        new NumpyRandom(0).RandomSamples(values);
        Assert.Equal([0.5488135039273248, 0.7151893663724195], values);
    }
}
