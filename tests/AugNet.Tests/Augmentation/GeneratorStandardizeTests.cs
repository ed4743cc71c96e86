using AugNet.Augmentation;

namespace AugNet.Tests.Augmentation;

public class GeneratorStandardizeTests
{
    static Tensor Noise(uint seed, params int[] shape)
    {
        var rng = new NumpyRandom(seed);
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)(rng.RandomSample() * 255);
        return t;
    }

    /// <summary>(N, H, W, C) → (N, C, H, W).</summary>
    static Tensor ToChannelsFirst(Tensor x)
    {
        int n = x.Shape[0], h = x.Shape[1], w = x.Shape[2], c = x.Shape[3];
        var y = new Tensor(n, c, h, w);
        for (int i = 0; i < n; i++)
            for (int r = 0; r < h; r++)
                for (int q = 0; q < w; q++)
                    for (int k = 0; k < c; k++) y.Data[((i * c + k) * h + r) * w + q] = x.Data[((i * h + r) * w + q) * c + k];
        return y;
    }

    [Fact]
    public void OrderIsPreprocessingThenRescaleThenSamplewise()
    {
        var seen = new List<float>();
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions
        {
            PreprocessingFunction = t => { seen.Add(t.Data[0]); var u = t.Clone(); u.Data[0] += 100; return u; },
            Rescale = 0.5,
        });
        var x = new Tensor(new float[] { 2, 4, 6, 8 }, 2, 2, 1);
        var y = gen.Standardize(x);
        Assert.Equal([2f], seen);            // ran on the un-rescaled input
        Assert.Equal([51f, 2, 3, 4], y.Data); // its result was rescaled
        Assert.Equal(0.003921568859368563f, (float)(1 / 255.0));
    }

    [Fact]
    public void PreprocessingFunctionMustKeepTheShape()
    {
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { PreprocessingFunction = t => new Tensor(1, 1, 1) });
        Assert.Contains("must return the shape", Assert.Throws<InvalidOperationException>(() => gen.Standardize(new Tensor(2, 2, 3))).Message);
    }

    [Fact]
    public void SamplewiseGivesZeroMeanUnitStdOverAllElements()
    {
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { SamplewiseCenter = true, SamplewiseStdNormalization = true });
        var x = gen.Standardize(Noise(1, 3, 7, 9, 3)); // a batch: batch-global statistics, as Keras
        double mean = x.Data.Average(v => (double)v);
        double std = Math.Sqrt(x.Data.Average(v => (v - mean) * (v - mean)));
        Assert.Equal(0, mean, 1e-5);
        Assert.Equal(1, std, 1e-5);
    }

    [Fact]
    public void FeaturewiseFitGivesZeroMeanUnitStdPerChannel()
    {
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { FeaturewiseCenter = true, FeaturewiseStdNormalization = true, Rescale = 1 / 255.0 });
        var x = Noise(2, 8, 6, 5, 3);
        for (int i = 0; i < x.Length; i++) x.Data[i] = x.Data[i] * (1 + i % 3) + 40 * (i % 3); // channels differ
        gen.Fit(x);
        var y = x.Clone();
        gen.Standardize(y); // rescale is part of standardize, as it was part of fit
        for (int c = 0; c < 3; c++)
        {
            var v = y.Data.Where((_, i) => i % 3 == c).Select(f => (double)f).ToArray();
            double mean = v.Average();
            Assert.Equal(0, mean, 1e-5);
            Assert.Equal(1, Math.Sqrt(v.Average(q => (q - mean) * (q - mean))), 1e-4);
        }
        Assert.Equal(x.Data.Where((_, i) => i % 3 == 2).Average(f => f / 255.0), gen.Mean![2], 1e-5);
    }

    [Fact]
    public void ChannelsFirstGivesTheSameNumbersAsChannelsLast()
    {
        var opts = new ImageDataGeneratorOptions { FeaturewiseCenter = true, FeaturewiseStdNormalization = true };
        var last = new ImageDataGenerator(opts);
        var first = new ImageDataGenerator(opts with { DataFormat = DataFormat.ChannelsFirst });
        var x = Noise(3, 5, 6, 7, 3);
        last.Fit(x);
        first.Fit(ToChannelsFirst(x));
        Assert.Equal(last.Mean!, first.Mean!, (a, b) => Math.Abs(a - b) <= 1e-4 * Math.Abs(a));
        var a = last.Standardize(x.Clone());
        var b = first.Standardize(ToChannelsFirst(x));
        var expected = ToChannelsFirst(a);
        for (int i = 0; i < b.Length; i++) Assert.Equal(expected.Data[i], b.Data[i], 1e-4f);
        Assert.Throws<ArgumentException>(() => last.Standardize(new Tensor(4, 4, 2))); // 2 channels vs fitted 3
    }

    [Fact]
    public void AssignedStatisticsAreUsed()
    {
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { FeaturewiseCenter = true, FeaturewiseStdNormalization = true })
        {
            Mean = [1, 2], Std = [2, 4],
        };
        var y = gen.Standardize(new Tensor(new float[] { 3, 10, 5, 2 }, 1, 2, 2));
        Assert.Equal((float)(2 / (2 + 1e-6)), y.Data[0]);
        Assert.Equal((float)(8 / (4 + 1e-6)), y.Data[1]);
        Assert.Empty(gen.Warnings.Messages);
        Assert.Throws<ArgumentException>(() => gen.Mean = [double.NaN]);
    }

    [Theory]
    [InlineData(24, 10, 10, 3)] // n < D: low rank
    [InlineData(200, 3, 3, 2)]  // n > D: dense
    public void ZcaWhitensTheFitData(int n, int h, int w, int c)
    {
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { ZcaWhitening = true, ZcaEpsilon = 1e-9 });
        var x = Noise(4, n, h, w, c);
        for (int i = 0; i < x.Length; i++) x.Data[i] += 0.5f * x.Data[i / 3 * 3]; // correlate features
        gen.Fit(x);
        var zca = gen.Zca!;
        int d = h * w * c;
        Assert.Equal(d, zca.Dimension);
        Assert.Equal(n > d, zca.IsDense);
        var y = gen.Standardize(x.Clone());
        // n > D: Yᵀ·Y/n ≈ I (the features are decorrelated). n ≤ D: X = V·S·Uᵀ, so Y = √n·V·Uᵀ and Y·Yᵀ/n = V·Vᵀ = I,
        // Keras's test_fit_rescale check on the fit data.
        int outer = n > d ? d : n, inner = n > d ? n : d;
        double maxOff = 0;
        for (int a = 0; a < outer; a++)
            for (int b = 0; b < outer; b++)
            {
                double s = 0;
                for (int i = 0; i < inner; i++)
                    s += n > d ? (double)y.Data[i * d + a] * y.Data[i * d + b] : (double)y.Data[a * d + i] * y.Data[b * d + i];
                maxOff = Math.Max(maxOff, Math.Abs(s / n - (a == b ? 1 : 0)));
            }
        Assert.True(maxOff < 1e-3, $"max deviation from identity {maxOff}, rank {zca.Rank}");
    }

    [Fact]
    public void ZcaLowRankAndDenseFormsAgree()
    {
        var gen = new ImageDataGenerator(new ImageDataGeneratorOptions { ZcaWhitening = true, ZcaEpsilon = 1e-3 });
        var x = Noise(5, 6, 4, 4, 3);
        gen.Fit(x);
        var zca = gen.Zca!;
        Assert.False(zca.IsDense);
        var dense = zca.ToDenseMatrix();
        int d = zca.Dimension;
        for (int a = 0; a < d; a++)
            for (int b = 0; b < a; b++) Assert.Equal(dense[a * d + b], dense[b * d + a], 1e-5f);
        var img = Noise(6, 4, 4, 3);
        var centred = img.Clone();
        for (int i = 0; i < centred.Length; i++) centred.Data[i] = (float)(centred.Data[i] - gen.Mean![i % 3]);
        var viaDense = new float[d];
        for (int j = 0; j < d; j++)
        {
            double s = 0;
            for (int i = 0; i < d; i++) s += (double)centred.Data[i] * dense[i * d + j];
            viaDense[j] = (float)s;
        }
        var y = gen.Standardize(img);
        for (int j = 0; j < d; j++) Assert.Equal(viaDense[j], y.Data[j], 1e-3f * Math.Max(1, Math.Abs(viaDense[j])));
    }
}
