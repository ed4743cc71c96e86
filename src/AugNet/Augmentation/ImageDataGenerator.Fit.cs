namespace AugNet.Augmentation;

public sealed partial class ImageDataGenerator
{
    /// <summary>
    /// Keras's <c>fit</c> (spec §6.2): computes the statistics that featurewise centring, std normalisation and ZCA
    /// whitening use. <paramref name="x"/> (N, H, W, C) or (N, C, H, W) is copied and rescaled, but — as in Keras —
    /// neither preprocessing_function nor the samplewise steps are applied. With <paramref name="augment"/>,
    /// <paramref name="rounds"/> random transforms of every sample are used instead (round by round, sample by
    /// sample, from a <see cref="NumpyRandom"/> seeded with <paramref name="seed"/>, or unseeded). Everything runs in
    /// the generator dtype, float32, with NumPy's summation order, so the statistics match Keras's bit for bit: the mean
    /// and population std per channel over (N, H, W) (std after centring); the ZCA is fitted on the centred data
    /// flattened in memory order (see <see cref="ZcaWhiteningMatrix"/>).
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

        int n = data.Shape[0];
        if (FeaturewiseCenter)
        {
            var mean = Float32ChannelMeans(data, channels, last);
            _mean = new FeaturewiseStatistics(mean, isFloat32: true, isStd: false);
            ApplyFeaturewise(data.Span, data.Shape, _mean, null);
        }
        if (FeaturewiseStdNormalization)
        {
            // np.std: its own mean of the centred data, float32 squared deviations, float32 sums and sqrt.
            var m = Float32ChannelMeans(data, channels, last);
            var sq = Float32ChannelSums(data, channels, last, m.Select(v => (float)v).ToArray());
            float count = data.Length / channels;
            var std = sq.Select(v => (double)MathF.Sqrt(v / count)).ToArray();
            _std = new FeaturewiseStatistics(std, isFloat32: true, isStd: true);
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

    /// <summary>NumPy's float32 <c>np.mean(x, axis=(0, row, col))</c>: float32 sums (see <see cref="Float32ChannelSums"/>), float32 division.</summary>
    static double[] Float32ChannelMeans(Tensor data, int channels, bool channelsLast)
    {
        var sums = Float32ChannelSums(data, channels, channelsLast, null);
        float count = data.Length / channels;
        return sums.Select(v => (double)(v / count)).ToArray();
    }

    /// <summary>
    /// NumPy's float32 reduction over (N, H, W) of x (or of (x − center)², materialised in float32): channels_last runs
    /// the channel axis innermost, so each channel adds sequentially in memory order; channels_first reduces each
    /// contiguous (H, W) plane pairwise and adds the planes in order.
    /// </summary>
    static float[] Float32ChannelSums(Tensor data, int channels, bool channelsLast, float[]? center)
    {
        var acc = new float[channels];
        if (channelsLast)
        {
            if (center is null) NumpyFloat32Sums.AddSequentialChannelSums(data.Span, acc);
            else NumpyFloat32Sums.AddSequentialChannelSquaredDeviations(data.Span, center, acc);
            return acc;
        }
        int plane = data.Length / data.Shape[0] / channels;
        for (int b = 0; b < data.Length / plane; b++)
        {
            int c = b % channels;
            var block = data.Data.AsSpan(b * plane, plane);
            acc[c] += center is null ? NumpyFloat32Sums.PairwiseSum(block) : NumpyFloat32Sums.PairwiseSumOfSquaredDeviations(block, center[c]);
        }
        return acc;
    }
}
