using System.Diagnostics;
using AugNet.Data;
using SkiaSharp;

namespace AugNet.Bench;

/// <summary>
/// <c>bench/run pipeline [--images N] [--size S] [--seconds T]</c>: end-to-end flow_from_directory throughput on the
/// book's workload — decode (PNG and JPEG), resize to 150×150 (nearest, load_img's default), random augmentation
/// (rotation 40, shifts 0.2, shear 0.2, zoom 0.2, horizontal flip), rescale 1/255 — with 1 and 2 worker threads,
/// against bench/peers/pipeline_peer.py doing the same per image with Pillow + SciPy in a Python loop.
/// The images are synthetic (smooth gradients with noise), written to a temporary folder and deleted afterwards.
/// </summary>
public static class PipelineBench
{
    public static int Run(string[] args)
    {
        int images = 64, size = 320, seconds = 4;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--images": images = int.Parse(args[++i]); break;
                case "--size": size = int.Parse(args[++i]); break;
                case "--seconds": seconds = int.Parse(args[++i]); break;
                default: Console.Error.WriteLine($"bench pipeline: unknown option '{args[i]}'. Usage: bench/run pipeline [--images N] [--size S] [--seconds T]"); return 2;
            }
        }
        if (images < 1 || size < 8 || seconds < 1)
        {
            Console.Error.WriteLine("bench pipeline: --images and --seconds must be at least 1, --size at least 8.");
            return 2;
        }
        string root = Path.Combine(Path.GetTempPath(), "augnet-pipeline-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            Console.WriteLine($"pipeline: {images} synthetic {size}x{size} RGB images per format -> 150x150, book augmentation, rescale; {seconds} s per run; cores {Environment.ProcessorCount}");
            foreach (var (ext, format) in new[] { ("png", SKEncodedImageFormat.Png), ("jpg", SKEncodedImageFormat.Jpeg) })
            {
                string dir = Path.Combine(root, ext);
                WriteImages(Path.Combine(dir, "class"), images, size, ext, format);
                double one = Measure(dir, workers: 1, seconds);
                double two = Measure(dir, workers: 2, seconds);
                Console.WriteLine($"augnet {ext}: 1 thread {one:F1} img/s, 2 threads {two:F1} img/s");
                double? peer = Peer(dir, ext, seconds);
                if (peer is { } p)
                    Console.WriteLine($"ratio {ext}: augnet 1 thread / peer = {one / p:F2}x, augnet 2 threads / peer = {two / p:F2}x");
            }
            return 0;
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
        }
    }

    static double Measure(string dir, int workers, int seconds)
    {
        using var it = BookAugmentation.Generator().FlowFromDirectory(dir, (150, 150), classMode: ClassMode.Binary, batchSize: 32, seed: 1,
            pipeline: new PipelineOptions { Workers = workers, PrefetchDepth = 2, ImageCacheBytes = 0, Log = TextWriter.Null }); // decode every time, as the peer does
        it.Next(); // warm-up (JIT, first decode)
        long n = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds) n += it.Next().X.Shape[0];
        return n / sw.Elapsed.TotalSeconds;
    }

    static double? Peer(string dir, string ext, int seconds) =>
        PeerRunner.Run("bench/peers/pipeline_peer.py", dir, ext, seconds.ToString()) is { } peers && peers.TryGetValue($"keras-method {ext}", out double v) ? v : null;

    static void WriteImages(string dir, int count, int size, string ext, SKEncodedImageFormat format)
    {
        Directory.CreateDirectory(dir);
        var rng = new NumpyRandom(7);
        for (int k = 0; k < count; k++)
        {
            using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
            var px = bitmap.GetPixelSpan();
            double a = rng.RandomSample() * 3, b = rng.RandomSample() * 3;
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    int o = 4 * (y * size + x);
                    double noise = rng.RandomSample() * 40;
                    px[o] = (byte)Math.Clamp(127 + 100 * Math.Sin(a * x / size * 6) + noise, 0, 255);
                    px[o + 1] = (byte)Math.Clamp(127 + 100 * Math.Cos(b * y / size * 6) + noise, 0, 255);
                    px[o + 2] = (byte)Math.Clamp(255.0 * (x + y) / (2 * size) + noise, 0, 255);
                    px[o + 3] = 255;
                }
            using var image = SKImage.FromBitmap(bitmap);
            using var data = image.Encode(format, 90);
            using var file = File.Create(Path.Combine(dir, $"img{k}.{ext}"));
            data.SaveTo(file);
        }
    }
}
