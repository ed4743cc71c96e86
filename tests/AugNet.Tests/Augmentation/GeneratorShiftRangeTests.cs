using AugNet.Augmentation;

namespace AugNet.Tests.Augmentation;

public class GeneratorShiftRangeTests
{
    [Fact]
    public void IntTwoGivesMinusOneZeroOneWithKerasProbabilities()
    {
        var rng = new NumpyRandom(123);
        var counts = new Dictionary<double, int> { [-1] = 0, [0] = 0, [1] = 0 };
        const int n = 40000;
        for (int i = 0; i < n; i++) counts[ShiftRange.Integer(2).Draw(rng, 100)]++;
        Assert.InRange(counts[0] / (double)n, 0.49, 0.51);
        Assert.InRange(counts[-1] / (double)n, 0.24, 0.26);
        Assert.InRange(counts[1] / (double)n, 0.24, 0.26);
    }

    [Fact]
    public void IntRangeConsumesChoiceThenSignAsNumpy()
    {
        // choice(2): one 32-bit draw masked to 1 bit; choice([-1, 1]): one more, its lowest bit picks the sign.
        var rng = new NumpyRandom(5);
        var mirror = new NumpyRandom(5);
        for (int i = 0; i < 100; i++)
        {
            double v = ShiftRange.Integer(2).Draw(rng, 10);
            uint k = mirror.NextUInt32() & 1, sign = mirror.NextUInt32() & 1;
            Assert.Equal(k * (sign == 0 ? -1.0 : 1.0), v);
        }
        Assert.Equal(mirror.NextUInt32(), rng.NextUInt32());
    }

    [Fact]
    public void IntOneDrawsOnlyTheSignAndGivesZero()
    {
        var rng = new NumpyRandom(9);
        var mirror = new NumpyRandom(9);
        Assert.Equal(0.0, Math.Abs(ShiftRange.Integer(1).Draw(rng, 10)));
        mirror.NextUInt32();
        Assert.Equal(mirror.NextUInt32(), rng.NextUInt32());
    }

    [Fact]
    public void SetPicksAnElementAndASignAndScalesFractions()
    {
        var rng = new NumpyRandom(11);
        var seen = new HashSet<double>();
        for (int i = 0; i < 2000; i++) seen.Add(ShiftRange.Set(-0.2, 0.2).Draw(rng, 10));
        Assert.Equal(new HashSet<double> { -2, 2 }, seen);   // a tuple is a set of values, not an interval

        seen.Clear();
        for (int i = 0; i < 2000; i++) seen.Add(ShiftRange.Set(-2, 0, 2).Draw(rng, 10));
        Assert.Equal(new HashSet<double> { -2, 0, 2 }, seen); // max ≥ 1: pixels, not scaled
    }

    [Fact]
    public void FloatRangeIsOneUniformDoubleScaledBelowOne()
    {
        var rng = new NumpyRandom(3);
        var mirror = new NumpyRandom(3);
        Assert.Equal(mirror.Uniform(-0.25, 0.25) * 28, ShiftRange.Continuous(0.25).Draw(rng, 28));
        Assert.Equal(mirror.Uniform(-5.0, 5.0), ShiftRange.Continuous(5.0).Draw(rng, 28));
        Assert.Equal(mirror.Uniform(-1.0, 1.0), ShiftRange.Continuous(1.0).Draw(rng, 28)); // 1.0 is pixels
        Assert.Equal(mirror.NextUInt32(), rng.NextUInt32());
    }

    [Fact]
    public void NegativeIntTakesTheFloatPathAndIsScaled()
    {
        var r = ShiftRange.Integer(-2);
        Assert.Equal(ShiftRangeKind.Continuous, r.Kind);
        var rng = new NumpyRandom(4);
        var mirror = new NumpyRandom(4);
        Assert.Equal(mirror.Uniform(2, -2) * 10, r.Draw(rng, 10));
    }

    [Fact]
    public void ZeroAndEmptyRangesDrawNothing()
    {
        var rng = new NumpyRandom(4);
        var mirror = new NumpyRandom(4);
        Assert.Equal(0, ShiftRange.None.Draw(rng, 10));
        Assert.Equal(0, ShiftRange.Continuous(0).Draw(rng, 10));
        Assert.Equal(0, ShiftRange.Integer(0).Draw(rng, 10));
        Assert.Equal(0, ShiftRange.Set().Draw(rng, 10));
        Assert.Equal(mirror.NextUInt32(), rng.NextUInt32());
    }

    [Fact]
    public void FormsPrintAsKeras()
    {
        Assert.Equal("0.2", ShiftRange.Continuous(0.2).ToString());
        Assert.Equal("3", ShiftRange.Integer(3).ToString());
        Assert.Equal("[-2.0, 0.0, 2.0]", ShiftRange.Set(-2, 0, 2).ToString());
        Assert.Equal(ShiftRange.Set(1, 2), ShiftRange.Set(1, 2));
        Assert.NotEqual(ShiftRange.Set(1, 2), ShiftRange.Set(2, 1));
    }
}
