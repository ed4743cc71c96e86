using System.Diagnostics;
using System.Globalization;
using AugNet.Augmentation;

namespace AugNet.Bench;

/// <summary>
/// <c>bench/run augment [--size S] [--images N]</c>: the book's augmentation (rotation 40, shifts 0.2, shear 0.2, zoom
/// 0.2, horizontal flip, 'nearest' fill, bilinear, rescale 1/255) on S×S RGB float32 images through the public path a
/// user takes — <see cref="ImageDataGenerator.GetRandomTransform"/> then
/// <see cref="ImageDataGenerator.TransformAndStandardize"/> — single-threaded and on all cores, then the Python peers
/// (<c>shared/peers/augment_peers.py</c>) on the same workload in the same run. The last two lines are the
/// single-thread ratios against OpenCV (float32) and Keras's own SciPy method.
/// </summary>
public static class AugmentBench
{
    public static int Run(string[] args)
    {
        int size = 150, images = 3000;
        for (int a = 0; a < args.Length; a++)
        {
            switch (args[a])
            {
                case "--size" when a + 1 < args.Length && int.TryParse(args[a + 1], CultureInfo.InvariantCulture, out size): a++; break;
                case "--images" when a + 1 < args.Length && int.TryParse(args[a + 1], CultureInfo.InvariantCulture, out images): a++; break;
                default:
                    Console.Error.WriteLine($"bench augment: unknown argument '{args[a]}'. Usage: bench/run augment [--size S] [--images N]");
                    return 2;
            }
        }
        if (size < 2 || images < 1)
        {
            Console.Error.WriteLine("bench augment: --size must be at least 2 and --images at least 1.");
            return 2;
        }

        // 16 random images, values 0..255, as the peer script uses.
        var sources = new Tensor[16];
        var init = new NumpyRandom(0);
        for (int s = 0; s < sources.Length; s++)
        {
            sources[s] = new Tensor(size, size, 3);
            for (int k = 0; k < sources[s].Length; k++) sources[s].Data[k] = (float)(init.RandomSample() * 255);
        }
        var generator = BookAugmentation.Generator();

        double single = SingleThread(generator, sources, warmup: Math.Min(images, 300), images);
        Console.WriteLine($"augnet 1 threads: {single:F0} img/s");
        int threads = Environment.ProcessorCount;
        double parallel = AllThreads(generator, sources, images, threads);
        Console.WriteLine($"augnet {threads} threads: {parallel:F0} img/s");

        var peers = PeerRunner.Run("peers/augment_peers.py", size.ToString(CultureInfo.InvariantCulture));
        if (peers is null) return 1;
        if (!peers.TryGetValue("opencv-f32", out double opencv) || !peers.TryGetValue("keras-method", out double keras))
        {
            Console.Error.WriteLine("bench augment: the peer script did not report both 'opencv-f32' and 'keras-method'.");
            return 1;
        }
        Console.WriteLine($"ratio vs opencv-f32: {single / opencv:F2}");
        Console.WriteLine($"ratio vs keras-method: {single / keras:F2}");
        return 0;
    }

    static double SingleThread(ImageDataGenerator generator, Tensor[] sources, int warmup, int images)
    {
        var rng = new NumpyRandom(42);
        int[] shape = sources[0].Shape;
        var output = new float[sources[0].Length]; // as the iterators write into their batch
        for (int i = 0; i < warmup; i++) Augment(i);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < images; i++) Augment(i);
        return images / sw.Elapsed.TotalSeconds;

        void Augment(int i) =>
            generator.TransformAndStandardize(sources[i % sources.Length].Span, shape, generator.GetRandomTransform(shape, rng), output);
    }

    /// <summary>As the iterators do: a batch's draws first, in order, then the pixel work in parallel.</summary>
    static double AllThreads(ImageDataGenerator generator, Tensor[] sources, int images, int threads)
    {
        const int batchSize = 64;
        var rng = new NumpyRandom(43);
        int[] shape = sources[0].Shape;
        var batch = new Tensor([batchSize, .. shape]);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        int batches = Math.Max(1, images / batchSize);
        RunBatch(); // warm-up
        var sw = Stopwatch.StartNew();
        for (int b = 0; b < batches; b++) RunBatch();
        return batches * batchSize / sw.Elapsed.TotalSeconds;

        void RunBatch()
        {
            var ps = new TransformParams[batchSize];
            for (int i = 0; i < batchSize; i++) ps[i] = generator.GetRandomTransform(shape, rng);
            Parallel.For(0, batchSize, options, i => generator.TransformAndStandardize(sources[i % sources.Length].Span, shape, ps[i], batch.Sample(i)));
        }
    }
}
