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
/// <c>bench/run e2e [--images N] [--epochs E] [--warmup W] [--threads T] [--workers 2[,1..]] [--prefetch 2[,0,1,4..]] [--jpeg-draft] [--photo-px MIN,MAX] [--peer]
/// [--breakdown]</c>: the book model (ModelZoo.BookConvnet(150), batch 32) trained with <c>Fit</c> for E epochs (default
/// 5) from a folder of N JPEG photos of 300–500 px (--photo-px MIN,MAX) written by the benchmark (smooth random content, 2 class folders)
/// through <c>FlowFromDirectory(dir, (150,150), batchSize: 32, classMode: Binary, seed: 1)</c> with the book's
/// augmentation, against the same model trained with <c>Fit</c> for E epochs from the same images already decoded,
/// resized and rescaled in memory (an <see cref="ArrayBatchSequence"/>: no decode and no augmentation on that side),
/// once before and once after the file runs (their mean is the reference). The file side runs twice: as a user gets it
/// (the default image cache: the first epoch reads and decodes every file, later epochs reuse the decoded bytes), and
/// with <c>ImageCacheBytes = 0</c> (every epoch reads and decodes every file, as Keras does). T kernel threads (default 2)
/// and the iterator's workers share the machine's cores as they do for a user. Each run discards its first W steps
/// (default 3) and times the rest (per-step time = time between consecutive batch ends). Prints the step times of the
/// first epoch and of the later ones, <c>ratio e2e vs in-memory: R</c> over all timed steps of the default run (goal ≥
/// 0.95), the same per phase and without the cache, and the process's peak RSS. With several --workers/--prefetch
/// values every combination is run with the default cache. --breakdown adds the iterator alone (no training): ms per
/// batch of decode + resize + rescale, and of the full augmentation, so the data side's cost can be set against a
/// training step. --jpeg-draft makes the file runs decode JPEGs at reduced scale (Pillow's draft; not Keras's pixels).
/// --peer also trains the same model from the same folder with PyTorch (bench/peers/e2e_peer.py: ImageFolder, DataLoader
/// with as many worker processes as --workers, torchvision's RandomAffine) and prints <c>ratio e2e vs torch</c> (torch
/// step time / AugNet's, first epoch, later epochs, all) and the peer's peak RSS.
/// </summary>
public static class E2EBench
{
    const int Size = 150, Batch = 32;

    public static int Run(string[] args)
    {
        int images = 320, warmup = 3, epochs = 5, threads = 2;
        int[] workers = [2], prefetch = [2];
        bool breakdown = false, jpegDraft = false, peer = false;
        (int Min, int Max) photo = (300, 500);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--images": images = int.Parse(args[++i]); break;
                case "--warmup": warmup = int.Parse(args[++i]); break;
                case "--epochs": epochs = int.Parse(args[++i]); break;
                case "--threads": threads = int.Parse(args[++i]); break;
                case "--workers": workers = [.. args[++i].Split(',').Select(int.Parse)]; break;
                case "--prefetch": prefetch = [.. args[++i].Split(',').Select(int.Parse)]; break;
                case "--breakdown": breakdown = true; break;
                case "--jpeg-draft": jpegDraft = true; break;
                case "--peer": peer = true; break;
                case "--photo-px":
                    var px = args[++i].Split(',').Select(int.Parse).ToArray();
                    photo = (px[0], px[^1]);
                    break;
                default:
                    Console.Error.WriteLine($"bench e2e: unknown option '{args[i]}'. Usage: bench/run e2e [--images N] [--epochs E] [--warmup W] [--threads T] [--workers 2[,1]] [--prefetch 2[,0,1,4]] [--breakdown] [--jpeg-draft] [--photo-px 300,500] [--peer]");
                    return 2;
            }
        }
        int stepsPerEpoch = images / Batch + (images % Batch == 0 ? 0 : 1);
        if (images < 2 * Batch || epochs < 2 || warmup < 0 || warmup > stepsPerEpoch - 2 || threads < 1 || workers.Any(w => w < 1) || prefetch.Any(p => p < 0)
            || photo.Min < 16 || photo.Max < photo.Min)
        {
            Console.Error.WriteLine($"bench e2e: --images must be at least {2 * Batch}, --epochs at least 2, --warmup from 0 to {stepsPerEpoch - 2} (it is taken from the first epoch), --threads and --workers at least 1, --prefetch at least 0, --photo-px MIN,MAX with 16 <= MIN <= MAX.");
            return 2;
        }
        KernelSettings.MaxDegreeOfParallelism = threads;
        string root = Path.Combine(Path.GetTempPath(), "augnet-e2e-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var write = Stopwatch.StartNew();
            WriteImages(root, images, photo);
            Console.WriteLine($"e2e: book convnet {Size}x{Size}, batch {Batch}, {images} JPEG photos of {photo.Min}-{photo.Max} px in 2 classes (written in {write.Elapsed.TotalSeconds:F1} s), " +
                $"{threads} kernel threads, {Environment.ProcessorCount} cores; {epochs} epochs of {stepsPerEpoch} steps per run, the first {warmup} steps discarded");

            // In memory before and after the file runs, averaged, so a change in the machine's load during the run
            // (other processes on the shared cores) biases neither side.
            var (x, y) = Preload(root);
            var memoryBefore = Train(new ArrayBatchSequence(x, y, Batch, shuffle: true, seed: 1), epochs, warmup);
            Console.WriteLine($"augnet in-memory, before (ArrayBatchSequence of {x.Shape[0]} preloaded 150x150 images, no augmentation): {memoryBefore.All}");
            var fileRuns = new List<(int Workers, int Prefetch, long Cache, RunTimes Run)>();
            foreach (long cache in new[] { PipelineOptions.DefaultImageCacheBytes, 0L })
                foreach (int w in workers)
                    foreach (int p in prefetch)
                    {
                        if (cache == 0 && (w != workers[0] || p != prefetch[0])) continue;
                        using var it = BookAugmentation.Generator().FlowFromDirectory(root, (Size, Size), classMode: ClassMode.Binary, batchSize: Batch, seed: 1,
                            pipeline: new PipelineOptions { Workers = w, PrefetchDepth = p, ImageCacheBytes = cache, Log = TextWriter.Null }, jpegDraft: jpegDraft);
                        var run = Train(it, epochs, warmup);
                        fileRuns.Add((w, p, cache, run));
                        string what = cache == 0 ? "no image cache" : $"image cache (default, {cache >> 20} MiB; {it.CachedImageBytes / 1e6:F1} MB used)";
                        Console.WriteLine($"augnet e2e (files, book augmentation{(jpegDraft ? ", JPEG draft" : "")}, workers {w}, prefetch {p}, {what}): {run.All}; first epoch {run.First}; later epochs {run.Later}");
                    }
            var memoryAfter = Train(new ArrayBatchSequence(x, y, Batch, shuffle: true, seed: 1), epochs, warmup);
            Console.WriteLine($"augnet in-memory, after: {memoryAfter.All}");
            double memoryMean = (memoryBefore.All.Mean + memoryAfter.All.Mean) / 2;
            Console.WriteLine($"augnet in-memory, mean of both: {memoryMean:F0} ms/step");

            if (breakdown) Breakdown(root, workers[0], threads);
            var torch = peer ? RunPeer(root, epochs, warmup, threads, workers[0]) : null;

            bool several = workers.Length * prefetch.Length > 1;
            foreach (var (w, p, cache, run) in fileRuns)
            {
                string label = several ? $", workers {w}, prefetch {p}" : "";
                if (cache == 0)
                {
                    Console.WriteLine($"ratio e2e vs in-memory without the image cache (every epoch decodes every file{label}): {memoryMean / run.All.Mean:F2}");
                    continue;
                }
                Console.WriteLine($"ratio e2e vs in-memory, first epoch (reads and decodes every file{label}): {memoryMean / run.First.Mean:F2}");
                Console.WriteLine($"ratio e2e vs in-memory, later epochs (decoded images from the cache{label}): {memoryMean / run.Later.Mean:F2}");
                Console.WriteLine($"ratio e2e vs in-memory{(several ? $" (workers {w}, prefetch {p})" : "")}: {memoryMean / run.All.Mean:F2}");
            }
            if (torch is { } t && fileRuns.FirstOrDefault(r => r.Cache > 0) is { Run: { } files })
            {
                Console.WriteLine($"ratio e2e vs torch (files, first epoch): {t.First / files.First.Mean:F2}");
                Console.WriteLine($"ratio e2e vs torch (files, later epochs): {t.Later / files.Later.Mean:F2}");
                Console.WriteLine($"ratio e2e vs torch (files, all timed steps): {t.All / files.All.Mean:F2}");
                Console.WriteLine($"peak MB torch e2e: main {t.MainMb:F0}, largest worker {t.WorkerMb:F0} ({workers[0]} workers; each worker's RSS counts pages it shares with the main process)");
            }
            Console.WriteLine($"peak RSS of the process: {MemoryBench.PeakMb():F0} MB ({2 + fileRuns.Count} fresh models trained in turn; the preloaded tensor holds {x.Length * 4.0 / 1e6:F0} MB)");
            return 0;
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
        }
    }

    /// <summary>The PyTorch peer's mean step times (ms) and peak RSS (MB) for the same folder and schedule.</summary>
    sealed record TorchRun(double First, double Later, double All, double MainMb, double WorkerMb);

    /// <summary>bench/peers/e2e_peer.py on the same folder: ImageFolder + DataLoader with worker processes, the book model.</summary>
    static TorchRun? RunPeer(string root, int epochs, int warmup, int threads, int workers)
    {
        var v = PeerRunner.RunMeasured("bench/peers/e2e_peer.py", root, "--epochs", $"{epochs}", "--warmup", $"{warmup}", "--threads", $"{threads}", "--workers", $"{workers}");
        if (v is null || !v.TryGetValue("torch e2e first", out double first) || !v.TryGetValue("torch e2e later", out double later)
            || !v.TryGetValue("torch e2e all", out double all)) return null;
        return new TorchRun(first, later, all, v.GetValueOrDefault("peak_kb") / 1024, v.GetValueOrDefault("worker_peak_kb") / 1024);
    }

    /// <summary>Per-step times of some steps: mean and median, in ms.</summary>
    sealed record Stats(double Mean, double Median, double Min, double Max)
    {
        public static Stats Of(IEnumerable<double> steps)
        {
            var sorted = steps.Order().ToArray();
            return new Stats(sorted.Average(), sorted[sorted.Length / 2], sorted[0], sorted[^1]);
        }

        public override string ToString() =>
            $"{Mean:F0} ms/step mean, {Median:F0} median (min {Min:F0}, max {Max:F0}), {Batch * 1000 / Mean:F1} img/s";
    }

    /// <summary>One run's timed steps: all of them, those of the first epoch, those of the later epochs.</summary>
    sealed record RunTimes(Stats All, Stats First, Stats Later);

    /// <summary>Trains a fresh book model with Fit for <paramref name="epochs"/> epochs and times every step after the first <paramref name="warmup"/>.</summary>
    static RunTimes Train(IBatchSequence data, int epochs, int warmup)
    {
        var model = ModelZoo.BookConvnet(Size, seed: 1);
        var timer = new StepTimer();
        model.Fit(data, new FitOptions { Epochs = epochs, Verbose = 0, Callbacks = [timer] });
        var timed = timer.Steps.Skip(warmup).ToArray();
        return new RunTimes(Stats.Of(timed.Select(s => s.Ms)), Stats.Of(timed.Where(s => s.Epoch == 0).Select(s => s.Ms)),
            Stats.Of(timed.Where(s => s.Epoch > 0).Select(s => s.Ms)));
    }

    sealed class StepTimer : Callback
    {
        long _last;
        int _epoch;
        public List<(int Epoch, double Ms)> Steps { get; } = [];
        public override void OnEpochBegin(int epoch, int steps) { _epoch = epoch; _last = Stopwatch.GetTimestamp(); }
        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
        {
            long now = Stopwatch.GetTimestamp();
            Steps.Add((_epoch, Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds));
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

    /// <summary>N JPEG photos of random width and height in the given range (px), smooth random content plus noise, half in each of two class folders.</summary>
    static void WriteImages(string root, int count, (int Min, int Max) px)
    {
        var rng = new NumpyRandom(11);
        for (int k = 0; k < count; k++)
        {
            string dir = Path.Combine(root, k % 2 == 0 ? "cats" : "dogs");
            Directory.CreateDirectory(dir);
            int h = px.Min + (int)(rng.RandomSample() * (px.Max - px.Min + 1)), w = px.Min + (int)(rng.RandomSample() * (px.Max - px.Min + 1));
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
