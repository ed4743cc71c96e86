using AugNet.Augmentation;

namespace AugNet.Tests.Augmentation;

public class GeneratorBehaviourTests
{
    static readonly ImageDataGeneratorOptions Everything = new()
    {
        RotationRange = 90, WidthShiftRange = 0.1, HeightShiftRange = 0.15, ShearRange = 0.5, ZoomRange = (0.8, 1.2),
        ChannelShiftRange = 0.1, BrightnessRange = (1, 5), HorizontalFlip = true, VerticalFlip = true,
    };

    static Tensor Ramp(params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (i * 37 % 251) + 0.25f * (i % 7);
        return t;
    }

    [Fact]
    public void ZcaWithStdAndNoCenterGivesThreeWarningsAndTurnsStdOff()
    {
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { ZcaWhitening = true, FeaturewiseStdNormalization = true });
        Assert.Equal(
        [
            "This ImageDataGenerator specifies `zca_whitening`, which overrides setting of `featurewise_center`.",
            "This ImageDataGenerator specifies `zca_whitening` which overrides setting of`featurewise_std_normalization`.",
            "This ImageDataGenerator specifies `featurewise_std_normalization`, which overrides setting of `featurewise_center`.",
        ], gen.Warnings.Messages);
        Assert.True(gen.FeaturewiseCenter);
        Assert.False(gen.FeaturewiseStdNormalization);
        Assert.True(gen.Options.FeaturewiseStdNormalization); // options keep what was asked
    }

    [Fact]
    public void SamplewiseStdForcesSamplewiseCenterWithWarning()
    {
        var seen = new List<string>();
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { SamplewiseStdNormalization = true }, seen.Add);
        Assert.True(gen.SamplewiseCenter);
        Assert.Equal(["This ImageDataGenerator specifies `samplewise_std_normalization`, which overrides setting of `samplewise_center`."], seen);
        Assert.Empty(new ImageDataGenerator(new ImageDataGeneratorOptions { SamplewiseStdNormalization = true, SamplewiseCenter = true }).Warnings.Messages);
    }

    [Fact]
    public void StandardizeWarnsOnEveryCallWhenNotFitAndLeavesDataAlone()
    {
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { FeaturewiseCenter = true, FeaturewiseStdNormalization = true, ZcaWhitening = true });
        int raised = 0;
        gen.Warnings.Raised += _ => raised++;
        var x = Ramp(4, 4, 3);
        var copy = x.Clone();
        gen.Standardize(x);
        gen.Standardize(x);
        Assert.Equal(copy.Data, x.Data);
        Assert.True(gen.Warnings.Contains("specifies `featurewise_center`, but it hasn't been fit on any training data. Fit it first by calling `.fit(numpy_data)`."));
        Assert.True(gen.Warnings.Contains("specifies `zca_whitening`, but it hasn't been fit"));
        Assert.Equal(4, raised); // centre + zca per call (zca turned std off)
    }

    [Fact]
    public void FitRefusesRank3AndWarnsOnOddChannelCounts()
    {
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { FeaturewiseCenter = true });
        var e = Assert.Throws<ArgumentException>(() => gen.Fit(Ramp(10, 10, 3)));
        Assert.Contains("Input to `.fit()` should have rank 4. Got array with shape: (10, 10, 3)", e.Message);
        gen.Fit(Ramp(2, 4, 4, 5));
        Assert.Contains("Expected input to be images (as Numpy array) following the data format convention \"channels_last\" (channels on axis 3), i.e. expected either 1, 3 or 4 channels on axis 3. However, it was passed an array with shape (2, 4, 4, 5) (5 channels).", gen.Warnings.Messages);
        Assert.Equal(5, gen.Mean!.Length);
    }

    [Fact]
    public void DefaultGeneratorDrawsTheIdentityButConsumesTheFlipCoins()
    {
        var gen = new ImageDataGenerator();
        var rng = new NumpyRandom(1);
        var p = gen.GetRandomTransform([8, 8, 3], rng);
        Assert.Equal(TransformParams.Identity, p);
        var mirror = new NumpyRandom(1);
        mirror.RandomSample(); mirror.RandomSample();
        Assert.Equal(mirror.NextUInt32(), rng.NextUInt32());
    }

    [Fact]
    public void SameSeedSameParametersAndDifferentSeedsDiffer()
    {
        var gen = new ImageDataGenerator(Everything);
        var a = gen.GetRandomTransform([28, 28, 3], new NumpyRandom(1));
        var b = gen.GetRandomTransform([28, 28, 3], new NumpyRandom(1));
        var c = gen.GetRandomTransform([28, 28, 3], new NumpyRandom(2));
        Assert.Equal(a, b);
        foreach (var (x, y) in new[] { (a.Theta, c.Theta), (a.Tx, c.Tx), (a.Ty, c.Ty), (a.Shear, c.Shear), (a.Zx, c.Zx), (a.Zy, c.Zy), (a.ChannelShiftIntensity!.Value, c.ChannelShiftIntensity!.Value), (a.Brightness!.Value, c.Brightness!.Value) })
        {
            Assert.NotEqual(0, x);
            Assert.NotEqual(x, y);
        }
    }

    [Fact]
    public void ShiftsUseTheirOwnAxisSize()
    {
        // §0.3: tx from width_shift_range scaled by W (drawn first), ty from height_shift_range scaled by H.
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { WidthShiftRange = 0.5, HeightShiftRange = 0.25 });
        var rng = new NumpyRandom(17);
        var mirror = new NumpyRandom(17);
        var p = gen.GetRandomTransform([10, 40, 3], rng);
        Assert.Equal(mirror.Uniform(-0.5, 0.5) * 40, p.Tx);
        Assert.Equal(mirror.Uniform(-0.25, 0.25) * 10, p.Ty);

        var first = new ImageDataGenerator(gen.Options with { DataFormat = DataFormat.ChannelsFirst });
        Assert.Equal(p, first.GetRandomTransform([3, 10, 40], new NumpyRandom(17)));
        Assert.Throws<ArgumentException>(() => gen.GetRandomTransform([10, 40], rng));
    }

    [Fact]
    public void BatchDrawsMatchSequentialDrawsAndDoNotDependOnThreads()
    {
        var gen = new ImageDataGenerator(Everything with { BrightnessRange = null });
        var batch = Ramp(6, 9, 11, 3);
        var one = gen.RandomTransformBatch(batch, new NumpyRandom(7), maxDegreeOfParallelism: 1);
        var many = gen.RandomTransformBatch(batch, new NumpyRandom(7), maxDegreeOfParallelism: -1);
        var four = gen.RandomTransformBatch(batch, new NumpyRandom(7), maxDegreeOfParallelism: 4);
        Assert.Equal(one.Data, many.Data);
        Assert.Equal(one.Data, four.Data);
        Assert.Equal(batch.Shape, one.Shape);

        var rng = new NumpyRandom(7);
        for (int i = 0; i < 6; i++)
        {
            var single = gen.RandomTransform(batch.Slice0(i), rng);
            Assert.Equal(single.Data, one.Slice0(i).Data);
        }
        Assert.NotEqual(batch.Data, one.Data);
    }

    [Fact]
    public void ApplyTransformUsesTheGeneratorsSettings()
    {
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { FillMode = FillMode.Constant, Cval = -3 });
        var x = Ramp(3, 3, 3);
        var y = gen.ApplyTransform(x, new TransformParams { Theta = 45 });
        Assert.Equal(-3f, y.Data[0]);           // a corner comes from outside
        Assert.Equal(x.Data[4 * 3], y.Data[4 * 3]); // the centre stays
        var flipped = gen.ApplyTransform(x, new TransformParams { FlipVertical = true });
        Assert.Equal(x.Slice0(2).Data, flipped.Slice0(0).Data);
    }
}
