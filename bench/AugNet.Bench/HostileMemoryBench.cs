using System.Diagnostics;
using AugNet.Data;
using AugNet.Fuzzing;
using AugNet.Imaging;

namespace AugNet.Bench;

/// <summary>
/// `bench/run hostile-memory`: peak RSS (VmHWM) of loading one tiny file whose header declares a huge image (a 5000×30000
/// JPEG, a 65535×2000 GIF, a 1,000,000×178 PNG; all refused under the CLI's 64 M-pixel budget) and of one normal batch
/// of the book's pipeline (32 JPEGs of 320×320 → 150×150, book augmentation, rescale), each in its own child process,
/// next to the child's idle baseline, so a regression in memory shows as a number.
/// </summary>
public static class HostileMemoryBench
{
    static readonly string[] Cases = ["idle", "jpeg-5000x30000", "gif-65535x2000", "png-1000000x178", "pipeline-batch-150"];

    public static int Run(string[] args)
    {
        if (args.Length > 0) { Console.Error.WriteLine($"bench hostile-memory: takes no options (got '{args[0]}')"); return 2; }
        var dir = Directory.CreateTempSubdirectory("augnet-hostile-mem-");
        try
        {
            File.WriteAllBytes(Path.Combine(dir.FullName, "jpeg-5000x30000.jpg"), HostileFiles.JpegDeclaring(5000, 30000));
            File.WriteAllBytes(Path.Combine(dir.FullName, "gif-65535x2000.gif"), HostileFiles.GifScreen(65535, 2000));
            File.WriteAllBytes(Path.Combine(dir.FullName, "png-1000000x178.png"), HostileFiles.PngDeclaring(1_000_000, 178));
            var rng = new Random(1);
            foreach (var cls in new[] { "a", "b" })
            {
                string folder = Path.Combine(dir.FullName, "photos", cls);
                Directory.CreateDirectory(folder);
                for (int k = 0; k < 16; k++)
                {
                    var pixels = new byte[320 * 320 * 3];
                    for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)((i / 3 % 320 + i / 960 + rng.Next(32)) & 255);
                    File.WriteAllBytes(Path.Combine(folder, $"{k}.jpg"), ImageSaver.Encode(new RasterImage(320, 320, PixelMode.RGB, pixels), ImageFileFormat.Jpeg, quality: 90));
                }
            }
            foreach (string c in Cases)
            {
                var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var a in new[] { typeof(HostileMemoryBench).Assembly.Location, "hostile-memory-child", c, dir.FullName }) psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                string output = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                Console.WriteLine(output);
            }
            return 0;
        }
        finally { dir.Delete(true); }
    }

    /// <summary>One case in this process, then its peak RSS: `peak MB CASE: N (what happened)`.</summary>
    public static int Child(string[] args)
    {
        string c = args[0], dir = args[1];
        ImageDecoder.Budget = new DecodeBudget { MaxPixels = 64L * 1024 * 1024, MaxBytes = 256L * 1024 * 1024, MaxFileBytes = 1L << 30, RaiseWith = "--max-image-pixels N" };
        string outcome;
        if (c == "idle") outcome = "runtime and library loaded, nothing decoded";
        else if (c == "pipeline-batch-150")
        {
            var generator = new Augmentation.ImageDataGenerator(new Augmentation.ImageDataGeneratorOptions
            {
                RotationRange = 40, WidthShiftRange = 0.2, HeightShiftRange = 0.2, ShearRange = 0.2, ZoomRange = 0.2,
                HorizontalFlip = true, Rescale = 1.0 / 255,
            });
            using var it = generator.FlowFromDirectory(Path.Combine(dir, "photos"), targetSize: (150, 150), batchSize: 32, classMode: ClassMode.Binary, seed: 1,
                pipeline: new PipelineOptions { Log = TextWriter.Null });
            var batch = it.GetBatch(0);
            outcome = $"one batch {Tensor.FormatShape(batch.X.Shape)} from 320×320 JPEGs";
        }
        else
        {
            string file = Directory.GetFiles(dir, c + ".*").Single();
            try { ImageLoader.LoadImage(file, ColorMode.Rgb, (150, 150)); outcome = "decoded (unexpected)"; }
            catch (Exception e) { outcome = $"{e.GetType().Name}: {e.Message}"; }
        }
        Console.WriteLine($"peak MB {c}: {MemoryBench.PeakMb():F0} ({(outcome.Length > 140 ? outcome[..140] + "…" : outcome)})");
        return 0;
    }
}
