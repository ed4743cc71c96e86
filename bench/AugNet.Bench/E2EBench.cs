using System.Diagnostics;
using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.NN.Callbacks;
using AugNet.NN.Kernels;
using AugNet.NN.Training;

namespace AugNet.Bench;

/// <summary>
/// <c>bench/run e2e [--images N] [--warmup W] [--steps S] [--threads T] [--workers 2[,1..]] [--prefetch 2[,0,1,4..]]
/// [--breakdown]</c>: the book model (ModelZoo.BookConvnet(150), batch 32) trained with <c>Fit</c> from a folder of
/// JPEG photos of 300–500 px written by the benchmark (smooth random content, 2 class folders) through
/// <c>FlowFromDirectory(dir, (150,150), batchSize: 32, classMode: Binary, seed: 1)</c> with the book's augmentation,
/// against the same model trained with <c>Fit</c> from the same images already decoded, resized and rescaled in memory
/// (an <see cref="ArrayBatchSequence"/>: no decode and no augmentation on that side), once before and once after the
/// file runs (their mean is the reference). T kernel threads (default 2) and
/// the iterator's workers share the machine's cores as they do for a user. Each run trains a fresh model for W + S
/// steps and times the last S (per-step time = time between consecutive batch ends). Prints both step times,
/// <c>ratio e2e vs in-memory: R</c> (in-memory mean step time / file mean step time; goal ≥ 0.95) and the process's
/// peak RSS. With several --workers/--prefetch values every combination is run and gets its own ratio.
/// --breakdown adds the iterator alone (no training): ms per batch of decode + resize + rescale, and of the full
/// augmentation, so the data side's cost can be set against a training step.
/// </summary>
public static class E2EBench
{
    const int Size = 150, Batch = 32;

    public static int Run(string[] args)
    {
        int images = 320, warmup = 3, steps = 20, threads = 2;
        int[] workers = [2], prefetch = [2];
        bool breakdown = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--images": images = int.Parse(args[++i]); break;
                case "--warmup": warmup = int.Parse(args[++i]); break;
                case "--steps": steps = int.Parse(args[++i]); break;
                case "--threads": threads = int.Parse(args[++i]); break;
                case "--workers": workers = [.. args[++i].Split(',').Select(int.Parse)]; break;
                case "--prefetch": prefetch = [.. args[++i].Split(',').Select(int.Parse)]; break;
                case "--breakdown": breakdown = true; break;
                default:
                    Console.Error.WriteLine($"bench e2e: unknown option '{args[i]}'. Usage: bench/run e2e [--images N] [--warmup W] [--steps S] [--threads T] [--workers 2[,1]] [--prefetch 2[,0,1,4]] [--breakdown]");
                    return 2;
            }
        }
        if (images < 2 * Batch || warmup < 0 || steps < 2 || threads < 1 || workers.Any(w => w < 1) || prefetch.Any(p => p < 0))
        {
            Console.Error.WriteLine($"bench e2e: --images must be at least {2 * Batch}, --steps at least 2, --threads and --workers at least 1, --warmup and --prefetch at least 0.");
            return 2;
        }
        KernelSettings.MaxDegreeOfParallelism = threads;
        string root = Path.Combine(Path.GetTempPath(), "augnet-e2e-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var write = Stopwatch.StartNew();
            WriteImages(root, images);
            Console.WriteLine($"e2e: book convnet {Size}x{Size}, batch {Batch}, {images} JPEG photos of 300-500 px in 2 classes (written in {write.Elapsed.TotalSeconds:F1} s), " +
                $"{threads} kernel threads, {Environment.ProcessorCount} cores; {warmup} warm-up steps discarded, then {steps} timed steps per run");

            // In memory before and after the file runs, averaged, so a change in the machine's load during the run
            // (other processes on the shared cores) biases neither side.
            var (x, y) = Preload(root);
            var memoryBefore = Train(new ArrayBatchSequence(x, y, Batch, shuffle: true, seed: 1), warmup, steps);
            Console.WriteLine($"augnet in-memory, before (ArrayBatchSequence of {x.Shape[0]} preloaded 150x150 images, no augmentation): {memoryBefore}");
            var fileRuns = new List<(int Workers, int Prefetch, Stats Stats)>();
            foreach (int w in workers)
                foreach (int p in prefetch)
                {
                    using var it = BookAugmentation.Generator().FlowFromDirectory(root, (Size, Size), classMode: ClassMode.Binary, batchSize: Batch, seed: 1,
                        pipeline: new PipelineOptions { Workers = w, PrefetchDepth = p, Log = TextWriter.Null });
                    var s = Train(it, warmup, steps);
                    fileRuns.Add((w, p, s));
                    Console.WriteLine($"augnet e2e (files, book augmentation, workers {w}, prefetch {p}): {s}");
                }
            var memoryAfter = Train(new ArrayBatchSequence(x, y, Batch, shuffle: true, seed: 1), warmup, steps);
            Console.WriteLine($"augnet in-memory, after: {memoryAfter}");
            double memoryMean = (memoryBefore.Mean + memoryAfter.Mean) / 2;
            Console.WriteLine($"augnet in-memory, mean of both: {memoryMean:F0} ms/step");

            if (breakdown) Breakdown(root, workers[0], threads);

            foreach (var (w, p, s) in fileRuns)
            {
                string label = fileRuns.Count > 1 ? $" (workers {w}, prefetch {p})" : "";
                Console.WriteLine($"ratio e2e vs in-memory{label}: {memoryMean / s.Mean:F2}");
            }
            Console.WriteLine($"peak RSS of the process: {MemoryBench.PeakMb():F0} MB ({2 + fileRuns.Count} fresh models trained in turn; the preloaded tensor holds {x.Length * 4.0 / 1e6:F0} MB)");
            return 0;
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
        }
    }

    /// <summary>Per-step times of one run: mean and median of the timed steps, in ms.</summary>
    sealed record Stats(double Mean, double Median, double Min, double Max)
    {
        public override string ToString() =>
            $"{Mean:F0} ms/step mean, {Median:F0} median (min {Min:F0}, max {Max:F0}), {Batch * 1000 / Mean:F1} img/s";
    }

    /// <summary>Trains a fresh book model with Fit for warmup + steps steps and times the last <paramref name="steps"/>.</summary>
    static Stats Train(IBatchSequence data, int warmup, int steps)
    {
        var model = ModelZoo.BookConvnet(Size, seed: 1);
        var timer = new StepTimer();
        model.Fit(data, new FitOptions { Epochs = 1, StepsPerEpoch = warmup + steps, Verbose = 0, Callbacks = [timer] });
        var t = timer.Steps.Skip(warmup).ToArray();
        var sorted = t.Order().ToArray();
        return new Stats(t.Average(), sorted[sorted.Length / 2], sorted[0], sorted[^1]);
    }

    sealed class StepTimer : Callback
    {
        long _last;
        public List<double> Steps { get; } = [];
        public override void OnEpochBegin(int epoch, int steps) => _last = Stopwatch.GetTimestamp();
        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
        {
            long now = Stopwatch.GetTimestamp();
            Steps.Add(Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds);
            _last = now;
        }
    }

    /// <summary>All images decoded, resized to 150×150 and rescaled (no augmentation), as one tensor with its labels.</summary>
    static (Tensor X, Tensor Y) Preload(string root)
    {
        using var it = new ImageDataGenerator(new ImageDataGeneratorOptions { Rescale = 1 / 255.0 })
            .FlowFromDirectory(root, (Size, Size), classMode: ClassMode.Binary, batchSize: Batch, shuffle: false,
                pipeline: new PipelineOptions { Log = TextWriter.Null });
        int n = it.Samples, per = Size * Size * 3;
        var x = new Tensor(n, Size, Size, 3);
        var y = new Tensor(n, 1);
        int at = 0;
        for (int b = 0; b < it.Count; b++)
        {
            var batch = it.GetBatch(b);
            int m = batch.X.Shape[0];
            Array.Copy(batch.X.Data, 0, x.Data, (long)at * per, (long)m * per);
            Array.Copy(batch.Y!.Data, 0, y.Data, at, m);
            at += m;
        }
        return (x, y);
    }

    /// <summary>The iterator alone, no training: ms per batch for decode + resize + rescale, then with the book's augmentation.</summary>
    static void Breakdown(string root, int workers, int threads)
    {
        double Measure(ImageDataGenerator g, int w)
        {
            using var it = g.FlowFromDirectory(root, (Size, Size), classMode: ClassMode.Binary, batchSize: Batch, seed: 1,
                pipeline: new PipelineOptions { Workers = w, PrefetchDepth = 0, Log = TextWriter.Null });
            it.Next(); it.Next();
            const int n = 10;
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++) it.Next();
            return Stopwatch.GetElapsedTime(t0).TotalMilliseconds / n;
        }
        var plain = new ImageDataGenerator(new ImageDataGeneratorOptions { Rescale = 1 / 255.0 });
        foreach (int w in new[] { 1, workers }.Distinct())
        {
            double decode = Measure(plain, w), full = Measure(BookAugmentation.Generator(), w);
            Console.WriteLine($"breakdown, iterator alone with {w} worker(s), ms per batch of {Batch}: decode + resize + rescale {decode:F1}, " +
                $"+ book augmentation {full:F1} (augmentation {full - decode:F1})");
        }
        var model = ModelZoo.BookConvnet(Size, seed: 1);
        var x = new Tensor(Batch, Size, Size, 3);
        var y = new Tensor(Batch, 1);
        model.TrainOnBatch(x, y); model.TrainOnBatch(x, y);
        long s0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < 5; i++) model.TrainOnBatch(x, y);
        Console.WriteLine($"breakdown, training step alone ({threads} threads, TrainOnBatch on a fixed batch): {Stopwatch.GetElapsedTime(s0).TotalMilliseconds / 5:F0} ms");
    }

    /// <summary>N JPEG photos of random width and height in 300–500 px, smooth random content plus noise, half in each of two class folders.</summary>
    static void WriteImages(string root, int count)
    {
        var rng = new NumpyRandom(11);
        for (int k = 0; k < count; k++)
        {
            string dir = Path.Combine(root, k % 2 == 0 ? "cats" : "dogs");
            Directory.CreateDirectory(dir);
            int h = 300 + (int)(rng.RandomSample() * 201), w = 300 + (int)(rng.RandomSample() * 201);
            var img = new Tensor(h, w, 3);
            double a = 1 + rng.RandomSample() * 5, b = 1 + rng.RandomSample() * 5, c = rng.RandomSample() * 6.28;
            var d = img.Data;
            for (int yy = 0; yy < h; yy++)
                for (int xx = 0; xx < w; xx++)
                {
                    int o = 3 * (yy * w + xx);
                    double u = (double)xx / w, v = (double)yy / h, noise = rng.RandomSample() * 24;
                    d[o] = (float)Math.Clamp(127 + 100 * Math.Sin(a * u * 6 + c) + noise, 0, 255);
                    d[o + 1] = (float)Math.Clamp(127 + 100 * Math.Cos(b * v * 6 - c) + noise, 0, 255);
                    d[o + 2] = (float)Math.Clamp(255.0 * (u + v) / 2 + noise, 0, 255);
                }
            ImageSaver.SaveImage(Path.Combine(dir, $"img{k}.jpg"), img, DataFormat.ChannelsLast, "jpeg", scale: false, quality: 90);
        }
    }
}
