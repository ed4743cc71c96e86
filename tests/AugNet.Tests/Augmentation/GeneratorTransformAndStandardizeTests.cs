using AugNet.Augmentation;

namespace AugNet.Tests.Augmentation;

/// <summary>The fused per-sample path the iterators use must give the same bits as apply_transform then standardize.</summary>
public class GeneratorTransformAndStandardizeTests
{
    static Tensor RandomImage(int h, int w, int c, uint seed)
    {
        var t = new Tensor(h, w, c);
        var rng = new NumpyRandom(seed);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)(rng.RandomSample() * 255);
        return t;
    }

    public static TheoryData<string> Configurations => new() { "book", "no-rescale", "samplewise", "featurewise", "channel-shift", "brightness" };

    static ImageDataGenerator Make(string name)
    {
        var book = new ImageDataGeneratorOptions
        {
            RotationRange = 40, WidthShiftRange = 0.2, HeightShiftRange = 0.2, ShearRange = 0.2, ZoomRange = 0.2,
            HorizontalFlip = true, VerticalFlip = true, Rescale = 1 / 255.0,
        };
        var options = name switch
        {
            "book" => book,
            "no-rescale" => book with { Rescale = null },
            "samplewise" => book with { SamplewiseCenter = true, SamplewiseStdNormalization = true },
            "featurewise" => book with { FeaturewiseCenter = true, FeaturewiseStdNormalization = true },
            "channel-shift" => book with { ChannelShiftRange = 30 },
            "brightness" => book with { BrightnessRange = (0.5, 1.5) },
            _ => throw new ArgumentException(name),
        };
        var generator = new ImageDataGenerator(options);
        if (name == "featurewise")
        {
            var fitData = new Tensor(4, 9, 11, 3);
            for (int i = 0; i < 4; i++) RandomImage(9, 11, 3, (uint)(100 + i)).Span.CopyTo(fitData.Sample(i));
            generator.Fit(fitData);
        }
        return generator;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void FusedPathEqualsTwoSteps(string configuration)
    {
        var generator = Make(configuration);
        var rng = new NumpyRandom(5);
        for (int k = 0; k < 20; k++)
        {
            var image = RandomImage(9, 11, 3, (uint)k);
            var p = generator.GetRandomTransform(image.Shape, rng);
            var expected = generator.Standardize(generator.ApplyTransform(image, p));
            var into = new float[image.Length + 4];
            generator.TransformAndStandardize(image.Span, image.Shape, p, into.AsSpan(2, image.Length));
            Assert.Equal(expected.Data, into.AsSpan(2, image.Length).ToArray());
            Assert.Equal(0f, into[1]);
            Assert.Equal(0f, into[^2]); // nothing written outside the destination
            Assert.Equal(expected.Data, generator.TransformAndStandardize(image, p).Data);
        }
    }

    [Fact]
    public void IdentityStandardizesOnly()
    {
        var generator = Make("book");
        var image = RandomImage(5, 4, 3, 1);
        var expected = generator.Standardize(image.Clone());
        var into = new float[image.Length];
        generator.TransformAndStandardize(image.Span, image.Shape, TransformParams.Identity, into);
        Assert.Equal(expected.Data, into);
    }

    [Fact]
    public void PreprocessingFunctionRunsBeforeRescale()
    {
        var generator = new ImageDataGenerator(new ImageDataGeneratorOptions { Rescale = 0.5, PreprocessingFunction = t => { for (int i = 0; i < t.Length; i++) t.Data[i] += 10; return t; } });
        var image = RandomImage(4, 4, 1, 2);
        var into = new float[image.Length];
        generator.TransformAndStandardize(image.Span, image.Shape, new TransformParams { FlipHorizontal = true }, into);
        Assert.Equal((image.Data[3] + 10) * 0.5f, into[0]);
    }

    [Fact]
    public void WrongDestinationLengthIsRefused()
    {
        var generator = Make("book");
        var image = RandomImage(4, 4, 3, 2);
        var e = Assert.Throws<ArgumentException>(() => generator.TransformAndStandardize(image.Span, image.Shape, null, new float[5]));
        Assert.Contains("(4, 4, 3)", e.Message);
    }
}
