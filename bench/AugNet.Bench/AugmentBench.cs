using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using AugNet.Augmentation;

namespace AugNet.Bench;

/// <summary>
/// <c>bench/run augment [--size S] [--images N]</c>: the book's augmentation (rotation 40, shifts 0.2, shear 0.2,
/// zoom 0.2, horizontal flip, 'nearest' fill, bilinear, rescale 1/255) on S×S RGB float32 images, single-threaded and
/// on all cores, through <see cref="ImageTransforms.ApplyTransformAndRescale"/> (the rescale fused into the warp),
/// then the Python peers (<c>shared/peers/augment_peers.py</c>) on the same workload. The last two lines are the
/// single-thread ratios against OpenCV (float32) and Keras's own SciPy method. Parameters are drawn with
/// <see cref="BookAugmentation"/>. AUGNET_BENCH_BREAKDOWN=1 also prints the time of each stage per image.
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

        int[] shape = [size, size, 3];
        int pixels = size * size * 3;
        var sources = new float[16][];
        var init = new NumpyRandom(0);
        for (int s = 0; s < sources.Length; s++)
        {
            sources[s] = new float[pixels];
            for (int k = 0; k < pixels; k++) sources[s][k] = (float)(init.RandomSample() * 255);
        }
        float rescale = (float)(1.0 / 255);

        if (Environment.GetEnvironmentVariable("AUGNET_BENCH_BREAKDOWN") == "1") Breakdown(sources, shape, rescale, images);
        double single = SingleThread(sources, shape, rescale, Math.Min(images, 200), images);
        Console.WriteLine($"augnet 1 threads: {single:F0} img/s");
        int threads = Environment.ProcessorCount;
        double parallel = AllThreads(sources, shape, rescale, images, threads);
        Console.WriteLine($"augnet {threads} threads: {parallel:F0} img/s");

        var peers = RunPeers(size);
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

    static double SingleThread(float[][] sources, int[] shape, float rescale, int warmup, int images)
    {
        var rng = new NumpyRandom(42);
        var output = new float[sources[0].Length];
        for (int i = 0; i < warmup; i++) Augment(sources[i % sources.Length], output, shape, rescale, rng);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < images; i++) Augment(sources[i % sources.Length], output, shape, rescale, rng);
        return images / sw.Elapsed.TotalSeconds;
    }

    static double AllThreads(float[][] sources, int[] shape, float rescale, int images, int threads)
    {
        const int batchSize = 64;
        int pixels = sources[0].Length;
        var batch = new Tensor(batchSize, shape[0], shape[1], shape[2]);
        for (int i = 0; i < batchSize; i++) sources[i % sources.Length].CopyTo(batch.Data, i * pixels);
        var rng = new NumpyRandom(43);
        int batches = Math.Max(1, images / batchSize);
        RunBatch(); // warm-up
        var sw = Stopwatch.StartNew();
        for (int b = 0; b < batches; b++) RunBatch();
        return batches * batchSize / sw.Elapsed.TotalSeconds;

        void RunBatch()
        {
            var ps = new TransformParams[batchSize];
            for (int i = 0; i < batchSize; i++) ps[i] = BookAugmentation.Draw(rng, shape[0], shape[1]);
            var result = new float[batch.Length];
            Parallel.For(0, batchSize, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                ImageTransforms.ApplyTransformAndRescale(batch.Sample(i), result.AsSpan(i * pixels, pixels), shape, ps[i], rescale,
                    FillMode.Nearest, 0f, 1, DataFormat.ChannelsLast));
        }
    }

    /// <summary>Time of each stage per image (set AUGNET_BENCH_BREAKDOWN=1), to see where single-thread time goes.</summary>
    static void Breakdown(float[][] sources, int[] shape, float rescale, int images)
    {
        var rng = new NumpyRandom(42);
        var ps = new TransformParams[images];
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < images; i++) ps[i] = BookAugmentation.Draw(rng, shape[0], shape[1]);
        double draw = sw.Elapsed.TotalMicroseconds / images;
        var output = new float[sources[0].Length];
        for (int i = 0; i < Math.Min(images, 200); i++)
            ImageTransforms.ApplyTransform(sources[i % 16], output, shape, ps[i], FillMode.Nearest, 0f, 1, DataFormat.ChannelsLast);
        sw.Restart();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (int i = 0; i < images; i++)
            ImageTransforms.ApplyTransform(sources[i % 16], output, shape, ps[i], FillMode.Nearest, 0f, 1, DataFormat.ChannelsLast);
        double warp = sw.Elapsed.TotalMicroseconds / images;
        double warpCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / images;
        double best = double.MaxValue;
        for (int b = 0; b + 50 <= images; b += 50)
        {
            sw.Restart();
            for (int i = b; i < b + 50; i++)
                ImageTransforms.ApplyTransform(sources[i % 16], output, shape, ps[i], FillMode.Nearest, 0f, 1, DataFormat.ChannelsLast);
            best = Math.Min(best, sw.Elapsed.TotalMicroseconds / 50);
        }
        sw.Restart();
        for (int i = 0; i < images; i++) TensorPrimitives.Multiply(sources[i % 16], rescale, output);
        double scale = sw.Elapsed.TotalMicroseconds / images;
        double bestBoth = double.MaxValue;
        for (int b = 0; b + 50 <= images; b += 50)
        {
            sw.Restart();
            for (int i = b; i < b + 50; i++)
            {
                ImageTransforms.ApplyTransform(sources[i % 16], output, shape, ps[i], FillMode.Nearest, 0f, 1, DataFormat.ChannelsLast);
                TensorPrimitives.Multiply(output, rescale, output);
            }
            bestBoth = Math.Min(bestBoth, sw.Elapsed.TotalMicroseconds / 50);
        }
        Console.WriteLine($"breakdown: best batch of warp then in-place rescale {bestBoth:F1} us");
        Console.WriteLine($"breakdown per image: draw {draw:F1} us, warp+flip {warp:F1} us (cpu {warpCpu:F1} us, best batch {best:F1} us), rescale {scale:F1} us");
    }

    static void Augment(float[] source, float[] output, int[] shape, float rescale, NumpyRandom rng)
    {
        var p = BookAugmentation.Draw(rng, shape[0], shape[1]);
        ImageTransforms.ApplyTransformAndRescale(source, output, shape, p, rescale, FillMode.Nearest, 0f, 1, DataFormat.ChannelsLast);
    }

    /// <summary>Runs the peer script and returns its <c>peer NAME: X img/s</c> figures, or null (with a message) when it cannot run.</summary>
    static Dictionary<string, double>? RunPeers(int size)
    {
        const string python = "/usr/bin/python3";
        string? script = FindPeerScript();
        if (script is null)
        {
            Console.Error.WriteLine("bench augment: shared/peers/augment_peers.py not found (looked in ../shared and above the binary); cannot compute ratios.");
            return null;
        }
        if (!File.Exists(python))
        {
            Console.Error.WriteLine($"bench augment: {python} is missing; the Python peers (numpy, scipy, opencv, torch) are needed for the ratios.");
            return null;
        }
        Console.WriteLine($"running peers: {python} {script} {size}");
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(size.ToString(CultureInfo.InvariantCulture));
        using var proc = Process.Start(psi)!;
        var stderr = proc.StandardError.ReadToEndAsync();
        var peers = new Dictionary<string, double>();
        string? line;
        while ((line = proc.StandardOutput.ReadLine()) != null)
        {
            Console.WriteLine(line);
            // "peer <name>: <n> img/s"
            if (!line.StartsWith("peer ", StringComparison.Ordinal)) continue;
            int colon = line.IndexOf(':');
            var parts = line[(colon + 1)..].Trim().Split(' ');
            if (colon > 5 && parts.Length >= 1 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                peers[line[5..colon]] = v;
        }
        proc.WaitForExit();
        if (proc.ExitCode != 0)
        {
            string err = stderr.Result.Trim();
            Console.Error.WriteLine($"bench augment: the peer script exited with code {proc.ExitCode}" +
                (err.Contains("ModuleNotFoundError") ? " (peer packages not installed; see /tmp/peers-setup.log)" : "") + ":");
            Console.Error.WriteLine(err.Length > 2000 ? err[^2000..] : err);
            if (!(peers.ContainsKey("opencv-f32") && peers.ContainsKey("keras-method"))) return null;
        }
        return peers;
    }

    static string? FindPeerScript()
    {
        string rel = Path.Combine("shared", "peers", "augment_peers.py");
        string fromCwd = Path.GetFullPath(Path.Combine("..", rel));
        if (File.Exists(fromCwd)) return fromCwd;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, rel);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
