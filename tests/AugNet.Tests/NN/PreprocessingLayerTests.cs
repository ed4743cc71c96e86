using AugNet.Augmentation;
using AugNet.Augmentation.Kernels;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.NN.Kernels;
using AugNet.NN.Layers;
using AugNet.NN.Layers.Preprocessing;
using AugNet.Persistence;
using AugNet.Tests.Persistence;
using static AugNet.Tests.Support.TestModels;

namespace AugNet.Tests.NN;

/// <summary>
/// Keras 3's image preprocessing layers: fixed-parameter outputs against hand-computed images (Keras's sampling
/// conventions at the border for each fill mode), identity at inference, seeded per-image per-step draws that do not
/// depend on the thread count, Keras's validation messages, placement rule, config round trip and ONNX export.
/// </summary>
public sealed class PreprocessingLayerTests : IDisposable
{
    readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("augnet-prep-");
    public void Dispose() => _dir.Delete(true);

    static float[] Row4 => [1, 2, 3, 4];
    static float[] Grid3 => [1, 2, 3, 4, 5, 6, 7, 8, 9];

    static float[] Warp(float[] image, int[] shape, KerasAffine t, string fill, string interpolation = "bilinear", float fillValue = 0f)
    {
        var output = new float[image.Length];
        RandomAffineLayer.Apply(image, output, shape, [t], KerasImageOptions.ParseFillMode(fill), KerasImageOptions.ParseInterpolation(interpolation), fillValue);
        return output;
    }

    static void Near(float[] expected, float[] actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void FlipReversesColumnsOrRows()
    {
        float[] img = [1, 2, 3, 4, 5, 6];
        var dst = new float[6];
        RandomFlip.Apply(img, dst, [2, 3, 1], horizontal: true, vertical: false);
        Assert.Equal([3f, 2, 1, 6, 5, 4], dst);
        RandomFlip.Apply(img, dst, [2, 3, 1], horizontal: false, vertical: true);
        Assert.Equal([4f, 5, 6, 1, 2, 3], dst);
        RandomFlip.Apply(img, dst, [2, 3, 1], horizontal: true, vertical: true);
        Assert.Equal([6f, 5, 4, 3, 2, 1], dst);
    }

    [Fact]
    public void HorizontalAndVerticalUsesOneDrawForBothAxesAsKeras3()
    {
        var layer = new RandomFlip(seed: 3, inputShape: [2, 3, 1]);
        layer.Build([2, 3, 1], null);
        var x = new Tensor([.. Enumerable.Repeat<float[]>([1, 2, 3, 4, 5, 6], 16).SelectMany(a => a)], [16, 2, 3, 1]);
        var y = layer.Forward(x, training: true);
        int flipped = 0;
        for (int i = 0; i < 16; i++)
        {
            var img = y.Data.AsSpan(i * 6, 6).ToArray();
            Assert.True(img.SequenceEqual([1f, 2, 3, 4, 5, 6]) || img.SequenceEqual([6f, 5, 4, 3, 2, 1]), string.Join(",", img));
            if (img[0] == 6) flipped++;
        }
        Assert.InRange(flipped, 1, 15);
    }

    [Theory]
    [InlineData("reflect", "bilinear")]
    [InlineData("constant", "bilinear")]
    [InlineData("wrap", "nearest")]
    public void Rotation90TurnsContentCounterClockwise(string fill, string interpolation)
    {
        // Output (x, y) samples the input at (2 − y, x): the top-right 3 moves to the top-left.
        var t = RandomRotation.Transform(90f, 3, 3);
        Near([3, 6, 9, 2, 5, 8, 1, 4, 7], Warp(Grid3, [3, 3, 1], t, fill, interpolation));
    }

    [Theory]
    // Zoom 2 on the width of a 1×4 row: x' = 2x − 1.5 samples −1.5, 0.5, 2.5, 4.5.
    [InlineData("reflect", 2f, new float[] { 1.5f, 1.5f, 3.5f, 3.5f })]  // dcba|abcd|dcba
    [InlineData("nearest", 2f, new float[] { 1f, 1.5f, 3.5f, 4f })]     // aaaa|abcd|dddd
    [InlineData("wrap", 2f, new float[] { 3.5f, 1.5f, 3.5f, 1.5f })]    // abcd|abcd|abcd (period N, not SciPy's N − 1)
    [InlineData("constant", 2f, new float[] { 0f, 1.5f, 3.5f, 0f })]
    // Zoom 1.5: x' = 1.5x − 0.75 samples −0.75, 0.75, 2.25, 3.75; Keras interpolates across the border with the fill
    // (SciPy's 'constant', as ImageDataGenerator uses, would give 0 at both ends).
    [InlineData("constant", 1.5f, new float[] { 0.25f, 1.75f, 3.25f, 1f })]
    [InlineData("wrap", 1.5f, new float[] { 3.25f, 1.75f, 3.25f, 1.75f })]
    [InlineData("reflect", 1.5f, new float[] { 1f, 1.75f, 3.25f, 4f })]
    public void ZoomAboutTheCentreFillsTheBorderAsKeras(string fill, float zoom, float[] expected)
    {
        var t = RandomZoom.Transform(1f, zoom, 1, 4);
        Near(expected, Warp(Row4, [1, 4, 1], t, fill));
    }

    [Fact]
    public void ZoomTransformIsKerasMatrixAndPositiveFactorZoomsOut()
    {
        var t = RandomZoom.Transform(zoomHeight: 2f, zoomWidth: 0.5f, height: 5, width: 9);
        Assert.Equal(new KerasAffine(0.5f, 0f, 2f, 0f, 2f, -2f), t);
    }

    [Fact]
    public void NearestInterpolationRoundsHalfUpOnTheExtension()
    {
        // x' = −1.5, 0.5, 2.5, 4.5 → floor(x' + 0.5) = −1, 1, 3, 5 → a, b, d, c under reflect.
        Near([1, 2, 4, 3], Warp(Row4, [1, 4, 1], RandomZoom.Transform(1f, 2f, 1, 4), "reflect", "nearest"), 0);
        Near([7, 2, 4, 7], Warp(Row4, [1, 4, 1], RandomZoom.Transform(1f, 2f, 1, 4), "constant", "nearest", 7f), 0);
    }

    [Fact]
    public void TranslationMovesContentRightAndDown()
    {
        Near([0, 1, 2, 3], Warp(Row4, [1, 4, 1], RandomTranslation.Transform(0f, 1f), "constant"), 0);
        Near([1, 1, 2, 3], Warp(Row4, [1, 4, 1], RandomTranslation.Transform(0f, 1f), "reflect"), 0);
        Near([0, 0, 0, 1, 2, 3, 4, 5, 6], Warp(Grid3, [3, 3, 1], RandomTranslation.Transform(1f, 0f), "constant"), 0);
    }

    [Fact]
    public void WarpKernelPathAgreesWithKerasReferenceForReflectAndNearest()
    {
        var img = RandomBatch(1, [9, 11, 3], 4).Data;
        var layout = WarpLayout.Of([9, 11, 3], DataFormat.ChannelsLast);
        foreach (var fill in new[] { KerasFill.Reflect, KerasFill.Nearest })
            foreach (var t in new[] { RandomRotation.Transform(33f, 9, 11), RandomZoom.Transform(1.7f, 0.6f, 9, 11), RandomTranslation.Transform(-2.3f, 13.4f) })
            {
                Assert.True(KerasAffineSampler.UsesWarpKernel(fill, 1));
                var fast = new float[img.Length];
                var reference = new float[img.Length];
                KerasAffineSampler.Apply(img, fast, layout, t, fill, 1, 0f, SimdPaths.Current);
                KerasAffineSampler.Reference(img, reference, layout, t, fill, 1, 0f);
                Near(reference, fast, 1e-5);
            }
    }

    public static TheoryData<string> RandomLayerKinds() => ["flip", "rotation", "zoom", "translation", "contrast", "brightness", "shear", "grayscale", "hue", "saturation", "jitter"];

    static RandomImageLayer MakeRandom(string kind, int seed) => kind switch
    {
        "flip" => new RandomFlip(RandomFlip.Horizontal, seed),
        "rotation" => new RandomRotation(0.2, seed: seed),
        "zoom" => new RandomZoom(0.3, seed: seed),
        "translation" => new RandomTranslation(0.2, (-0.1, 0.3), seed: seed),
        "contrast" => new RandomContrast(0.5, seed: seed),
        "brightness" => new RandomBrightness(0.3, valueRange: (0, 1), seed: seed),
        "shear" => new RandomShear(0.3, (0.1, 0.2), seed: seed),
        "grayscale" => new RandomGrayscale(0.5, seed: seed),
        "hue" => new RandomHue(0.4, valueRange: (0, 1), seed: seed),
        "saturation" => new RandomSaturation((0.2, 0.8), valueRange: (0, 1), seed: seed),
        "jitter" => new RandomColorJitter((0, 1), brightnessFactor: 0.1, contrastFactor: 0.2, saturationFactor: (0.3, 0.7), hueFactor: 0.2, seed: seed),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(RandomLayerKinds))]
    public void InferenceIsTheIdentityBitForBit(string kind)
    {
        var layer = MakeRandom(kind, 1);
        layer.Build([8, 6, 3], null);
        var x = RandomBatch(5, [8, 6, 3], 2, 0, 255);
        var before = x.Clone().Data;
        var y = layer.Forward(x, training: false);
        Assert.Equal(before, y.Data);
    }

    [Theory]
    [MemberData(nameof(RandomLayerKinds))]
    public void TrainingDrawsDifferPerImageAndStepRepeatUnderTheSeedAndIgnoreThreadCount(string kind)
    {
        // 8 copies of one asymmetric image, 32×32×3: large enough for the parallel path.
        var one = RandomBatch(1, [32, 32, 3], 9, 0, 1).Data;
        var x = new Tensor([.. Enumerable.Repeat(one, 8).SelectMany(a => a)], [8, 32, 32, 3]);
        float[][] Run(int threads)
        {
            int? saved = KernelSettings.ForcedThreads;
            KernelSettings.ForcedThreads = threads;
            try
            {
                var layer = MakeRandom(kind, 42);
                layer.Build([32, 32, 3], null);
                return [layer.Forward(x, true).Clone().Data, layer.Forward(x, true).Clone().Data];
            }
            finally { KernelSettings.ForcedThreads = saved; }
        }
        var a = Run(1);
        var b = Run(2);
        var c = Run(4);
        Assert.Equal(a[0], b[0]);
        Assert.Equal(a[1], b[1]);
        Assert.Equal(a[0], c[0]);
        Assert.NotEqual(a[0], a[1]);
        int size = one.Length;
        var images = Enumerable.Range(0, 8).Select(i => a[0].AsSpan(i * size, size).ToArray()).ToList();
        int distinct = images.Distinct(new ArrayComparer()).Count();
        Assert.True(distinct >= (kind is "flip" or "grayscale" ? 2 : 8), $"{distinct} distinct images of 8");
        var other = MakeRandom(kind, 43);
        other.Build([32, 32, 3], null);
        Assert.NotEqual(a[0], other.Forward(x, true).Data);
    }

    sealed class ArrayComparer : IEqualityComparer<float[]>
    {
        public bool Equals(float[]? x, float[]? y) => x!.SequenceEqual(y!);
        public int GetHashCode(float[] obj) => obj.Length == 0 ? 0 : HashCode.Combine(obj[0], obj[^1], obj[obj.Length / 2]);
    }

    [Fact]
    public void RotationDrawsAnglesInTheFactorRangeTimes360()
    {
        var layer = new RandomRotation((0.25, 0.25), seed: 1);
        var t = layer.DrawTransforms(3, 3, 3);
        Assert.All(t, m => Assert.Equal(RandomRotation.Transform(90f, 3, 3), m));
        var wide = new RandomRotation(0.1, seed: 1);
        Assert.Equal((-0.1, 0.1), (wide.Lower, wide.Upper));
    }

    [Fact]
    public void BadFactorsAndModesGiveKerasMessages()
    {
        Assert.Equal("The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=1.5",
            Assert.Throws<ArgumentException>(() => new RandomRotation(1.5)).Message);
        Assert.Equal("The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=(1.2, 1.3)",
            Assert.Throws<ArgumentException>(() => new RandomRotation((1.2, 1.3))).Message);
        // Keras checks a pair's first element against the upper bound and its second against the lower one only.
        var lax = new RandomRotation((0.1, 2.0));
        Assert.Equal((0.1, 2.0), (lax.Lower, lax.Upper));
        Assert.Equal("The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) in the range [-1.0, 1.0]. Received: input_number=-1.2",
            Assert.Throws<ArgumentException>(() => new RandomZoom(-1.2)).Message);
        Assert.Equal("The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. Received: input_number=2.0",
            Assert.Throws<ArgumentException>(() => new RandomTranslation(0.1, (0.1, 2.0))).Message);
        Assert.StartsWith("Unknown `fill_mode` mirror. Expected of one ('reflect', 'wrap', 'constant', 'nearest').",
            Assert.Throws<ArgumentException>(() => new RandomZoom(0.1, fillMode: "mirror")).Message);
        Assert.StartsWith("Unknown `interpolation` bicubic. Expected of one ('nearest', 'bilinear').",
            Assert.Throws<ArgumentException>(() => new RandomRotation(0.1, interpolation: "bicubic")).Message);
        Assert.StartsWith("RandomFlip layer random_flip received an unknown mode argument diagonal",
            Assert.Throws<ArgumentException>(() => new RandomFlip("diagonal")).Message);
    }

    [Fact]
    public void RandomLayerAfterATrainableLayerIsRefusedAtBuild()
    {
        var model = new Sequential { new Conv2D(2, 3, inputShape: [8, 8, 3]), new RandomFlip(), new Flatten(), new Dense(1) };
        var e = Assert.Throws<InvalidOperationException>(() => model.Build());
        Assert.Contains("'random_flip' (RandomFlip) follows 'conv2d' (Conv2D), which has trainable weights", e.Message);
    }

    static Sequential AugmentedModel()
    {
        var model = new Sequential(5)
        {
            new RandomFlip(RandomFlip.Horizontal, seed: 1, inputShape: [12, 10, 3]),
            new RandomRotation(0.1, seed: 2),
            new RandomZoom((-0.2, 0.3), 0.1, fillMode: "constant", fillValue: 0.5, seed: 3),
            new RandomTranslation(0.1, 0.2, interpolation: "nearest", fillMode: "wrap"),
            new Rescaling(1.0 / 255),
            new Conv2D(4, 3, activation: "relu"),
            new GlobalMaxPooling2D(),
            new Dense(1, activation: "sigmoid"),
        };
        model.Build();
        return model;
    }

    [Fact]
    public void AugmentedModelFitsAndPredictsWithoutAugmentation()
    {
        var model = AugmentedModel();
        model.Compile("rmsprop", "binary_crossentropy", "accuracy");
        var x = RandomBatch(6, [12, 10, 3], 3, 0, 255);
        var y = new Tensor([1, 0, 1, 0, 1, 0], [6, 1]);
        model.Fit(x, y, new AugNet.NN.Training.FitOptions { Epochs = 2, BatchSize = 3, Verbose = 0 });
        Assert.Equal(model.Predict(x).Clone().Data, model.Predict(x).Data);
    }

    [Theory]
    [InlineData(".h5")]
    [InlineData(".keras")]
    public void AugmentationBlockRoundTripsThroughKerasFiles(string ext)
    {
        var (model, loaded, layers) = SaveAndLoad(AugmentedModel(), "aug" + ext);
        var flip = Assert.IsType<RandomFlip>(layers[0]);
        Assert.Equal((RandomFlip.Horizontal, (int?)1), (flip.Mode, flip.Seed));
        var rot = Assert.IsType<RandomRotation>(layers[1]);
        Assert.Equal((new KerasFactor(0.1), "reflect", "bilinear", (int?)2), (rot.Factor, rot.FillModeName, rot.Interpolation, rot.Seed));
        var zoom = Assert.IsType<RandomZoom>(layers[2]);
        Assert.Equal((new KerasFactor(-0.2, 0.3), (KerasFactor?)new KerasFactor(0.1), "constant", 0.5), (zoom.HeightFactor, zoom.WidthFactor, zoom.FillModeName, zoom.FillValue));
        var tr = Assert.IsType<RandomTranslation>(layers[3]);
        Assert.Equal((new KerasFactor(0.1), new KerasFactor(0.2), "wrap", "nearest", (int?)null), (tr.HeightFactor, tr.WidthFactor, tr.FillModeName, tr.Interpolation, tr.Seed));
        // Same seed, same draws after loading.
        Assert.Equal(model.Layers[1] is RandomRotation r ? r.DrawTransforms(4, 12, 10) : null, rot.DrawTransforms(4, 12, 10));
    }

    [Fact]
    public void OnnxExportDropsTheRandomLayers()
    {
        var ops = OnnxModelSummary.Parse(OnnxExport.ToOnnxBytes(AugmentedModel())).Nodes.Select(n => n.OpType).ToList();
        Assert.DoesNotContain(ops, o => o.Contains("Random", StringComparison.Ordinal));
        Assert.Equal("Mul", ops[0]);
    }

    [Fact]
    public void ContrastScalesEachChannelAboutItsMeanAndClips()
    {
        float[] img = [0, 100, 10, 50];  // 1×2 pixels, 2 channels: means 5 and 75
        var dst = new float[4];
        RandomContrast.Apply(img, dst, [1, 2, 2], 2f, 0f, 255f);
        Assert.Equal([0f, 125, 15, 25], dst);
    }

    [Fact]
    public void ContrastSingleFactorOnlyRaisesContrastAsKeras3()
    {
        var layer = new RandomContrast(0.2, seed: 1);
        Assert.Equal((0.0, 0.2), (layer.Lower, layer.Upper));
        Assert.All(layer.DrawFactors(50), f => Assert.InRange(f, 1f, 1.2f));
        var pair = new RandomContrast((0.3, 0.1));
        Assert.Equal((0.1, 0.3), (pair.Lower, pair.Upper));
        Assert.Equal("The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. Received: factor=1.5",
            Assert.Throws<ArgumentException>(() => new RandomContrast(1.5)).Message);
        Assert.Throws<ArgumentException>(() => new RandomContrast(-0.5));
    }

    [Fact]
    public void BrightnessAddsTheScaledDeltaAndClipsToTheSortedRange()
    {
        float[] img = [10, 250];
        var dst = new float[2];
        RandomBrightness.Apply(img, dst, 20f, 0f, 255f);
        Assert.Equal([30f, 255], dst);
        var layer = new RandomBrightness((0.1, 0.1), valueRange: (2, 0), seed: 1);
        Assert.Equal((0.0, 2.0), layer.ValueRange);
        Assert.All(layer.DrawDeltas(5), d => Assert.Equal(0.1f * 2f, d));
        Assert.Equal("The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=-1.5",
            Assert.Throws<ArgumentException>(() => new RandomBrightness(-1.5)).Message);
    }

    static float[] Run(Layer layer, float[] data, int[] shape, bool training)
    {
        layer.Build(shape, null);
        return layer.Forward(new Tensor(data, [1, .. shape]), training).Data;
    }

    [Fact]
    public void ResizingBilinearUsesHalfPixelCentresAndClampsAtTheBorder()
    {
        Assert.Equal([0f, 0.25f, 0.75f, 1f, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2f, 2.25f, 2.75f, 3f],
            Run(new Resizing(4, 4), [0, 1, 2, 3], [2, 2, 1], training: false));
        Assert.Equal([0.5f, 2.5f], Run(new Resizing(1, 2), [0, 1, 2, 3], [1, 4, 1], training: false));
        Assert.Equal([1f, 3f], Run(new Resizing(1, 2, "nearest"), [0, 1, 2, 3], [1, 4, 1], training: false));
        Assert.Equal([0f, 0f, 1f, 1f], Run(new Resizing(1, 4, "nearest"), [0, 1], [1, 2, 1], training: false));
        // crop_to_aspect_ratio: a 1×4 row to 1×2 keeps the centred 1×2 window, then resizes it (identity here).
        Assert.Equal([1f, 2f], Run(new Resizing(1, 2, cropToAspectRatio: true), [0, 1, 2, 3], [1, 4, 1], training: false));
    }

    [Fact]
    public void CenterCropSlicesFromHalfTheDifference()
    {
        var img = Enumerable.Range(0, 20).Select(i => (float)i).ToArray();  // 4×5
        Assert.Equal([6f, 7, 8, 11, 12, 13], Run(new CenterCrop(2, 3), img, [4, 5, 1], training: true));
        var img25 = Enumerable.Range(0, 25).Select(i => (float)i).ToArray();  // 5×5, difference 3 → start int(1.5) = 1
        Assert.Equal([6f, 7, 11, 12], Run(new CenterCrop(2, 2), img25, [5, 5, 1], training: false));
    }

    [Fact]
    public void RandomCropUsesOneWindowPerBatchAndSmartResizesAtInference()
    {
        var layer = new RandomCrop(3, 3, seed: 7);
        layer.Build([6, 6, 1], null);
        var x = new Tensor([.. Enumerable.Range(0, 4).SelectMany(k => Enumerable.Range(0, 36).Select(i => (float)(i + 1000 * k)))], [4, 6, 6, 1]);
        var y = layer.Forward(x, true).Clone().Data;
        for (int k = 1; k < 4; k++)
            for (int i = 0; i < 9; i++) Assert.Equal(y[i] + 1000 * k, y[k * 9 + i]);
        int top = (int)(y[0] / 6), left = (int)(y[0] % 6);
        Assert.Equal([.. Enumerable.Range(0, 9).Select(i => (float)((top + i / 3) * 6 + left + i % 3))], y.AsSpan(0, 9).ToArray());
        // Inference: the whole 6×6 (already the target's aspect ratio) bilinear-resized to 3×3: means of 2×2 blocks.
        var inference = layer.Forward(x, false).Data.AsSpan(0, 9).ToArray();
        Assert.Equal([3.5f, 5.5f, 7.5f, 15.5f, 17.5f, 19.5f, 27.5f, 29.5f, 31.5f], inference);
    }

    /// <summary>
    /// Saves <paramref name="model"/> (inputs 12×10×3) as <paramref name="file"/>, loads it back and checks what every
    /// round trip must keep: the summary and the inference outputs bit for bit. Returns the loaded model's layers
    /// without the InputLayer, for the per-layer config checks.
    /// </summary>
    (Sequential Model, Sequential Loaded, List<Layer> Layers) SaveAndLoad(Sequential model, string file)
    {
        string path = Path.Combine(_dir.FullName, file);
        model.Save(path);
        var loaded = Sequential.Load(path);
        Assert.Equal(model.Summary(), loaded.Summary());
        var x = RandomBatch(3, [12, 10, 3], 8, 0, 255);
        Assert.Equal(model.Predict(x).Clone().Data, loaded.Predict(x).Data);
        return (model, loaded, loaded.Layers.Where(l => l is not InputLayer).ToList());
    }

    static Sequential SizedModel()
    {
        var model = new Sequential(6)
        {
            new Resizing(8, 8, inputShape: [12, 10, 3]),
            new CenterCrop(7, 7),
            new RandomCrop(5, 5, seed: 4),
            new RandomContrast((0.1, 0.3), seed: 5),
            new RandomBrightness(0.2, valueRange: (0, 255)),
            new Rescaling(1.0 / 255),
            new Conv2D(2, 3),
            new Flatten(),
            new Dense(1),
        };
        model.Build();
        return model;
    }

    [Theory]
    [InlineData(".h5")]
    [InlineData(".keras")]
    public void SizingAndColourLayersRoundTripThroughKerasFiles(string ext)
    {
        var (model, loaded, layers) = SaveAndLoad(SizedModel(), "sized" + ext);
        Assert.Equal((8, 8, "bilinear", false), layers[0] is Resizing r ? (r.Height, r.Width, r.Interpolation, r.CropToAspectRatio) : default);
        Assert.Equal((7, 7), layers[1] is CenterCrop c ? (c.Height, c.Width) : default);
        Assert.Equal((5, 5, (int?)4), layers[2] is RandomCrop rc ? (rc.Height, rc.Width, rc.Seed) : default);
        Assert.Equal((0.1, 0.3, 0.0, 255.0), layers[3] is RandomContrast ct ? (ct.Lower, ct.Upper, ct.ValueRange.Low, ct.ValueRange.High) : default);
        Assert.Equal((-0.2, 0.2, (int?)null), layers[4] is RandomBrightness b ? (b.Lower, b.Upper, b.Seed) : default);
    }

    [Fact]
    public void ConfigsCarryKerasKeysAndNothingTfKeras215Refuses()
    {
        var zoom = new RandomZoom((-0.2, 0.3), fillMode: "constant", seed: 3, name: "random_zoom");
        var c = KerasLayerConfig.ToConfig(zoom, ActivationFunction.Linear, null);
        Assert.Equal(["name", "trainable", "dtype", "height_factor", "width_factor", "fill_mode", "fill_value", "interpolation", "seed"],
            c.Select(kv => kv.Key).ToArray());
        Assert.Equal("[-0.2,0.3]", c["height_factor"]!.ToJsonString());
        Assert.Null(c["width_factor"]);
        var resize = KerasLayerConfig.ToConfig(new Resizing(8, 9, name: "resizing"), ActivationFunction.Linear, null);
        Assert.Equal(["name", "trainable", "dtype", "height", "width", "interpolation", "crop_to_aspect_ratio"], resize.Select(kv => kv.Key).ToArray());
        var contrast = KerasLayerConfig.ToConfig(new RandomContrast(0.2, name: "random_contrast"), ActivationFunction.Linear, null);
        Assert.False(contrast.ContainsKey("value_range"));
    }

    static readonly KerasFill[] FixtureModes = [KerasFill.Reflect, KerasFill.Wrap, KerasFill.Constant, KerasFill.Nearest];

    /// <summary>
    /// Bit for bit against NumPy/SciPy following Keras 3's NumPy-backend affine_transform step by step (np.pad by mode, then
    /// map_coordinates on the padded array; Fixtures/make_keras_affine_fixtures.py): 6 transforms (rotations ±, zooms in
    /// and out, translations, one at half-pixel offsets) × 4 fill modes × nearest/bilinear, 9×11×3, fill −7.5. The
    /// script's float32 matrices also check the layers' own matrix formulas.
    /// </summary>
    [Fact]
    public void SamplingMatchesKerasNumpyBackendRecomputedWithScipy()
    {
        string dir = Support.Fixtures.Dir("NN/Fixtures");
        var image = NpyArray.Load(Path.Combine(dir, "keras_affine_input.npy")).ToSingle();
        var matrices = NpyArray.Load(Path.Combine(dir, "keras_affine_transforms.npy")).ToSingle();
        var expected = NpyArray.Load(Path.Combine(dir, "keras_affine_expected.npy")).ToSingle();
        const int h = 9, w = 11, c = 3, size = h * w * c;
        KerasAffine[] ours =
        [
            RandomRotation.Transform(33f, h, w), RandomRotation.Transform(-90f, h, w), RandomZoom.Transform(1.7f, 0.6f, h, w),
            RandomZoom.Transform(0.75f, 1.3f, h, w), RandomTranslation.Transform(-2.3f, 13.4f), RandomTranslation.Transform(1.5f, -0.5f),
        ];
        var layout = WarpLayout.Of([h, w, c], DataFormat.ChannelsLast);
        for (int t = 0; t < ours.Length; t++)
        {
            var m = matrices.AsSpan(t * 6, 6);
            var fixture = new KerasAffine(m[0], m[1], m[2], m[3], m[4], m[5]);
            float[] mine = [ours[t].A0, ours[t].A1, ours[t].A2, ours[t].B0, ours[t].B1, ours[t].B2];
            for (int e = 0; e < 6; e++) Assert.True(Math.Abs(mine[e] - m[e]) <= 1e-6, $"transform {t} entry {e}: {mine[e]} vs {m[e]}");
            for (int mode = 0; mode < 4; mode++)
                for (int order = 0; order <= 1; order++)
                {
                    var actual = new float[size];
                    KerasAffineSampler.Apply(image, actual, layout, fixture, FixtureModes[mode], order, -7.5f, SimdPaths.Current);
                    var want = expected.AsSpan(((t * 4 + mode) * 2 + order) * size, size);
                    for (int k = 0; k < size; k++)
                        Assert.True(want[k] == actual[k], $"transform {t}, {FixtureModes[mode]}, order {order}, element {k}: expected {want[k]}, got {actual[k]}");
                }
        }
    }

    // ---- RandomShear ----

    [Fact]
    public void ShearXShiftsEachRowBySxTimesItsIndexAboutTheTopLeftPixel()
    {
        // Keras's matrix [1, s_x, 0, s_y, 1, 0]: output (x, y) samples the input at (x + s_x·y, s_y·x + y).
        Assert.Equal(new KerasAffine(1f, 0.5f, 0f, -0.25f, 1f, 0f), RandomShear.Transform(0.5f, -0.25f));
        int[] shape = [3, 3, 1];
        // s_x = 0.5: row 0 unchanged; row 1 reads columns 0.5, 1.5, 2.5; row 2 columns 1, 2, 3. Reflect repeats column 2.
        Near([1, 2, 3, 4.5f, 5.5f, 6, 8, 9, 9], Warp(Grid3, shape, RandomShear.Transform(0.5f, 0f), "reflect"));
        // 'constant' 0: column 2.5 is half 6, half the fill; column 3 is the fill.
        Near([1, 2, 3, 4.5f, 5.5f, 3, 8, 9, 0], Warp(Grid3, shape, RandomShear.Transform(0.5f, 0f), "constant"));
        // s_y = 1: column x reads rows x, x + 1, x + 2; 'nearest' repeats row 2.
        Near([1, 5, 9, 4, 8, 9, 7, 8, 9], Warp(Grid3, shape, RandomShear.Transform(0f, 1f), "nearest", "nearest"));
    }

    [Fact]
    public void ShearDrawsTheSignThenShearYThenShearXPerBatchAsKeras()
    {
        var layer = new RandomShear((0.1, 0.3), 0.2, seed: 7);
        var shears = layer.DrawShears(5);
        var r = new NumpyRandom(7u);
        var sign = Enumerable.Range(0, 5).Select(_ => (float)r.Uniform(0, 1) > 0.5f ? -1f : 1f).ToArray();
        var sy = Enumerable.Range(0, 5).Select(_ => (float)r.Uniform(-0.2, 0.2)).ToArray();
        var sx = Enumerable.Range(0, 5).Select(_ => (float)r.Uniform(0.1, 0.3)).ToArray();
        for (int i = 0; i < 5; i++) Assert.Equal((sx[i] * sign[i], sy[i] * sign[i]), shears[i]);
        // The sign applies to both axes: a pair range of positive numbers still gives negative shears.
        var fixedShear = new RandomShear((0.3, 0.3), (0.1, 0.1), seed: 3).DrawShears(64);
        Assert.All(fixedShear, s => Assert.True(s == (0.3f, 0.1f) || s == (-0.3f, -0.1f), s.ToString()));
        Assert.Contains((-0.3f, -0.1f), fixedShear);
        Assert.Contains((0.3f, 0.1f), fixedShear);
        Assert.Equal((-0.2, 0.2), (layer.YRange.Lower, layer.YRange.Upper));
        var defaults = new RandomShear();
        Assert.Equal(((0.0, 0.0), (0.0, 0.0), "reflect", "bilinear"), ((defaults.XRange.Lower, defaults.XRange.Upper), (defaults.YRange.Lower, defaults.YRange.Upper), defaults.FillModeName, defaults.Interpolation));
    }

    [Fact]
    public void ShearAndGrayscaleBadArgumentsGiveKerasMessages()
    {
        const string head = "The `factor` argument should be a number (or a list of two numbers) in the range [0, 1.0]. ";
        Assert.Equal(head + "Received: input_number=1.5", Assert.Throws<ArgumentException>(() => new RandomShear(1.5)).Message);
        Assert.Equal(head + "Received: input_number=-0.2", Assert.Throws<ArgumentException>(() => new RandomShear(-0.2)).Message);
        Assert.Equal(head + "Received: input_number=1.2", Assert.Throws<ArgumentException>(() => new RandomShear(0.1, (0.2, 1.2))).Message);
        Assert.Equal(head + "Received: input_number=-0.1", Assert.Throws<ArgumentException>(() => new RandomShear((-0.1, 0.2))).Message);
        Assert.StartsWith("Unknown `fill_mode` mirror. Expected of one ('reflect', 'wrap', 'constant', 'nearest').",
            Assert.Throws<ArgumentException>(() => new RandomShear(0.1, fillMode: "mirror")).Message);
        Assert.Equal("`factor` should be between 0 and 1. Received: factor=1.5", Assert.Throws<ArgumentException>(() => new RandomGrayscale(1.5)).Message);
        Assert.Equal("`factor` should be between 0 and 1. Received: factor=-0.1", Assert.Throws<ArgumentException>(() => new RandomGrayscale(-0.1)).Message);
        Assert.Contains("needs RGB images (3 channels)", Assert.Throws<ArgumentException>(() => new RandomGrayscale().Build([4, 4, 1], null)).Message);
    }

    // ---- RandomGrayscale ----

    [Fact]
    public void GrayscaleUsesKerasWeightsAndKeepsThreeChannels()
    {
        float[] image = [100, 150, 200, 0, 0, 255, 1, 1, 1];
        var gray = new float[9];
        RandomGrayscale.Apply(image, gray);
        float g0 = 0.2989f * 100 + 0.5870f * 150 + 0.1140f * 200;   // 140.74
        float g1 = 0.1140f * 255;                                    // 29.07
        float g2 = 0.2989f + 0.5870f + 0.1140f;                      // 0.9999
        Near([g0, g0, g0, g1, g1, g1, g2, g2, g2], gray, 1e-4);
        Assert.True(Math.Abs(gray[0] - 140.74) < 1e-3);
        // factor 1 converts every image, factor 0 none (training), and inference never converts.
        var x = new Tensor([.. image, .. image], [2, 1, 3, 3]);
        var all = new RandomGrayscale(1.0, seed: 1);
        all.Build([1, 3, 3], null);
        Assert.Equal([.. gray, .. gray], all.Forward(x, true).Data);
        Assert.Equal(x.Data, all.Forward(x, false).Data);
        var none = new RandomGrayscale(0.0, seed: 1);
        none.Build([1, 3, 3], null);
        Assert.Equal(x.Data, none.Forward(x, true).Data);
    }

    [Fact]
    public void GrayscaleDrawsOneUniformPerImageBelowTheFactor()
    {
        var choices = new RandomGrayscale(0.3, seed: 11).DrawChoices(200);
        var r = new NumpyRandom(11u);
        Assert.Equal(Enumerable.Range(0, 200).Select(_ => (float)r.Uniform(0, 1) < 0.3).ToArray(), choices);
        int converted = choices.Count(c => c);
        Assert.InRange(converted, 30, 90);
    }

    static Sequential ShearGrayModel()
    {
        var model = new Sequential(7)
        {
            new RandomShear(0.2, (0.05, 0.1), fillMode: "constant", fillValue: 0.5, interpolation: "nearest", seed: 8, inputShape: [12, 10, 3]),
            new RandomGrayscale(0.25, seed: 9),
            new RandomGrayscale(),
            new Rescaling(1.0 / 255),
            new Conv2D(2, 3),
            new Flatten(),
            new Dense(1),
        };
        model.Build();
        return model;
    }

    [Theory]
    [InlineData(".h5")]
    [InlineData(".keras")]
    public void ShearAndGrayscaleRoundTripThroughKerasFiles(string ext)
    {
        var (model, loaded, layers) = SaveAndLoad(ShearGrayModel(), "sheargray" + ext);
        var sh = Assert.IsType<RandomShear>(layers[0]);
        Assert.Equal((new KerasFactor(0.2), new KerasFactor(0.05, 0.1), "constant", 0.5, "nearest", (int?)8),
            (sh.XFactor, sh.YFactor, sh.FillModeName, sh.FillValue, sh.Interpolation, sh.Seed));
        Assert.Equal(((RandomShear)model.Layers[0]).DrawShears(6), sh.DrawShears(6));
        Assert.Equal((0.25, (int?)9), layers[1] is RandomGrayscale g ? (g.Factor, g.Seed) : default);
        Assert.Equal((0.5, (int?)null), layers[2] is RandomGrayscale g2 ? (g2.Factor, g2.Seed) : default);
    }

    [Fact]
    public void ShearAndGrayscaleConfigsCarryKerasKeysAndReadKerasWrittenRanges()
    {
        var c = KerasLayerConfig.ToConfig(new RandomShear(0.2, seed: 3, name: "random_shear"), ActivationFunction.Linear, null);
        Assert.Equal(["name", "trainable", "dtype", "x_factor", "y_factor", "fill_mode", "fill_value", "interpolation", "seed"], c.Select(kv => kv.Key).ToArray());
        Assert.Equal("0.2", c["x_factor"]!.ToJsonString());
        var g = KerasLayerConfig.ToConfig(new RandomGrayscale(0.3, name: "random_grayscale"), ActivationFunction.Linear, null);
        Assert.Equal(["name", "trainable", "dtype", "factor"], g.Select(kv => kv.Key).ToArray());
        // Keras's get_config writes the validated range: RandomShear(0.2) saves x_factor [-0.2, 0.2] (Keras's own
        // constructor would refuse it); read back as the single factor 0.2.
        var keras = System.Text.Json.Nodes.JsonNode.Parse("""
            {"name": "random_shear", "trainable": true, "dtype": "float32", "data_format": "channels_last", "x_factor": [-0.2, 0.2],
             "y_factor": [0.1, 0.3], "fill_mode": "reflect", "interpolation": "bilinear", "seed": 5, "fill_value": 0.0}
            """)!.AsObject();
        var read = Assert.IsType<RandomShear>(KerasLayerConfig.FromConfig("RandomShear", keras, null, new ConfigReadContext()));
        Assert.Equal((new KerasFactor(0.2), new KerasFactor(0.1, 0.3), (int?)5), (read.XFactor, read.YFactor, read.Seed));
        var gray = Assert.IsType<RandomGrayscale>(KerasLayerConfig.FromConfig("RandomGrayscale",
            System.Text.Json.Nodes.JsonNode.Parse("""{"name": "random_grayscale", "factor": 0.7, "data_format": "channels_last"}""")!.AsObject(), null, new ConfigReadContext()));
        Assert.Equal((0.7, (int?)null), (gray.Factor, gray.Seed));
    }

    [Fact]
    public void OnnxExportDropsShearAndGrayscale()
    {
        var ops = OnnxModelSummary.Parse(OnnxExport.ToOnnxBytes(ShearGrayModel())).Nodes.Select(n => n.OpType).ToList();
        Assert.Equal("Mul", ops[0]);
    }
}
