namespace AugNet.Augmentation;

public sealed partial class ImageDataGenerator
{
    /// <summary>
    /// Keras's <c>fit</c> (spec §6.2): computes the statistics that featurewise centring, std normalisation and ZCA
    /// whitening use. <paramref name="x"/> (N, H, W, C) or (N, C, H, W) is copied and rescaled, but — as in Keras —
    /// neither preprocessing_function nor the samplewise steps are applied. With <paramref name="augment"/>,
    /// <paramref name="rounds"/> random transforms of every sample are used instead (round by round, sample by
    /// sample, from a <see cref="NumpyRandom"/> seeded with <paramref name="seed"/>, or unseeded); Keras then holds
    /// the data in float64, so the statistics are float64. The mean and std are per channel over (N, H, W) (population
    /// std, after centring); the ZCA is fitted on the centred data flattened in memory order.
    /// </summary>
    public void Fit(Tensor x, bool augment = false, int rounds = 1, uint? seed = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 4)
            throw new ArgumentException($"Input to `.fit()` should have rank 4. Got array with shape: {Tensor.FormatShape(x.Shape)}", nameof(x));
        if (augment && rounds < 1)
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "fit(augment: true) needs at least one round.");
        if (x.Shape[0] == 0) throw new ArgumentException("Input to `.fit()` has no samples.", nameof(x));
        bool last = Options.DataFormat == DataFormat.ChannelsLast;
        int channelAxis = last ? 3 : 1;
        int channels = x.Shape[channelAxis];
        if (channels is not (1 or 3 or 4))
            Warnings.Warn($"Expected input to be images (as Numpy array) following the data format convention \"{Options.DataFormat.ToKerasName()}\" (channels on axis {channelAxis}), i.e. expected either 1, 3 or 4 channels on axis {channelAxis}. However, it was passed an array with shape {Tensor.FormatShape(x.Shape)} ({channels} channels).");

        var rng = seed is { } s ? new NumpyRandom(s) : new NumpyRandom();
        var data = x.Clone();
        if (Options.Rescale is { } r && r != 0) System.Numerics.Tensors.TensorPrimitives.Multiply(data.Span, (float)r, data.Span);
        if (augment) data = AugmentRounds(data, rounds, rng);
        bool float32 = !augment;

        int n = data.Shape[0];
        if (FeaturewiseCenter)
        {
            var mean = ChannelMeans(data, channels, last);
            _mean = new FeaturewiseStatistics(mean, float32, isStd: false);
            ApplyFeaturewise(data, _mean, null);
        }
        if (FeaturewiseStdNormalization)
        {
            // NumPy's std subtracts the (near-zero) mean of the centred data itself.
            var m = ChannelMeans(data, channels, last);
            var sq = ChannelSums(data, channels, last, m);
            long perChannel = data.Length / channels;
            _std = new FeaturewiseStatistics(sq.Select(v => Math.Sqrt(v / perChannel)).ToArray(), float32, isStd: true);
            // Keras then divides x by std + 1e-6, but only ZCA would read x afterwards and ZCA turns std normalisation off.
        }
        if (Options.ZcaWhitening)
            Zca = ZcaWhiteningMatrix.Fit(data.Span, n, data.Length / n, Options.ZcaEpsilon);
    }

    /// <summary>rounds × N random transforms of the samples, round by round, sample by sample (Keras's draw order).</summary>
    Tensor AugmentRounds(Tensor data, int rounds, NumpyRandom rng)
    {
        int n = data.Shape[0], inner = data.Length / n;
        var shape = (int[])data.Shape.Clone();
        shape[0] = checked(rounds * n);
        var all = new Tensor(shape);
        for (int round = 0; round < rounds; round++)
        {
            var transformed = RandomTransformBatch(data, rng);
            Array.Copy(transformed.Data, 0, all.Data, (long)round * n * inner, (long)n * inner);
        }
        return all;
    }

    /// <summary>Per-channel means over (N, H, W), in double.</summary>
    static double[] ChannelMeans(Tensor data, int channels, bool channelsLast)
    {
        var sums = ChannelSums(data, channels, channelsLast, null);
        long perChannel = data.Length / channels;
        return sums.Select(v => v / perChannel).ToArray();
    }

    /// <summary>
    /// Per-channel Σx (when <paramref name="center"/> is null) or Σ(x − center)², summed per sample in parallel and
    /// then over samples in order, so the result does not depend on scheduling.
    /// </summary>
    static double[] ChannelSums(Tensor data, int channels, bool channelsLast, double[]? center)
    {
        int n = data.Shape[0];
        var partial = new double[n * channels];
        Parallel.For(0, n, i =>
        {
            var sample = data.Sample(i);
            var sums = partial.AsSpan(i * channels, channels);
            if (channelsLast)
            {
                if (center is null) StandardizationKernels.AddChannelSums(sample, channels, sums);
                else StandardizationKernels.AddChannelSquaredDeviations(sample, channels, center, sums);
            }
            else
            {
                int plane = sample.Length / channels;
                for (int c = 0; c < channels; c++)
                {
                    var block = sample.Slice(c * plane, plane);
                    if (center is null) StandardizationKernels.AddChannelSums(block, 1, sums.Slice(c, 1));
                    else StandardizationKernels.AddChannelSquaredDeviations(block, 1, center.AsSpan(c, 1), sums.Slice(c, 1));
                }
            }
        });
        var total = new double[channels];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < channels; c++) total[c] += partial[i * channels + c];
        return total;
    }
}
