using System.Globalization;
using AugNet.NN;
using AugNet.NN.Kernels;
using AugNet.NN.Training;

namespace AugNet.Bench;

/// <summary>
/// <c>bench/run memory-models [--models 4] [--size 150] [--steps 4] [--threads 2]</c>: trains N fresh book models
/// (ModelZoo.BookConvnet(size), batch 32) one after the other in this process, each with Fit for a few steps on the
/// same in-memory batch, dropping the previous model first, as a program that trains several models in turn does.
/// After each model it prints the RSS high-water mark, the current RSS and the managed heap (committed, heap size,
/// large-object heap, fragmentation). Fails (exit 1) when the peak after the last model is more than 10% above the
/// peak after the first: memory a dropped model held must be reused by the next one, not added to.
/// </summary>
public static class ModelsMemoryBench
{
    const int Batch = 32;

    public static int Run(string[] args)
    {
        int models = 4, size = 150, steps = 4, threads = 2;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--models": models = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--size": size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--steps": steps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"bench memory-models: unknown option '{args[i]}'. Usage: bench/run memory-models [--models 4] [--size 150] [--steps 4] [--threads 2]");
                    return 2;
            }
        }
        if (models < 2 || steps < 1 || threads < 1) { Console.Error.WriteLine("bench memory-models: --models must be at least 2, --steps and --threads at least 1"); return 2; }
        KernelSettings.MaxDegreeOfParallelism = threads;
        var x = new Tensor(Batch, size, size, 3);
        var y = new Tensor(Batch, 1);
        var rng = new Random(7);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] = (float)rng.NextDouble();
        for (int i = 0; i < Batch; i++) y.Data[i] = rng.Next(2);
        Console.WriteLine($"memory-models: {models} fresh book convnets {size}x{size}, batch {Batch}, {steps} Fit steps each, {threads} kernel threads, " +
            $"server GC {System.Runtime.GCSettings.IsServerGC}, latency {System.Runtime.GCSettings.LatencyMode}; input {x.Length * 4.0 / 1048576:F0} MB");
        var peaks = new List<double>();
        for (int m = 1; m <= models; m++)
        {
            TrainOne(x, y, size, steps);
            peaks.Add(MemoryBench.PeakMb());
            var info = GC.GetGCMemoryInfo();
            Console.WriteLine($"model {m}: peak {peaks[^1]:F0} MB, rss {MemoryBench.RssMb():F0} MB, managed {GC.GetTotalMemory(false) / 1048576.0:F0} MB " +
                $"(heap {info.HeapSizeBytes / 1048576.0:F0}, committed {info.TotalCommittedBytes / 1048576.0:F0}, LOH {info.GenerationInfo[3].SizeAfterBytes / 1048576.0:F0}, " +
                $"fragmented {info.FragmentedBytes / 1048576.0:F0}), GCs gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        }
        double ratio = peaks[^1] / peaks[0];
        Console.WriteLine($"models memory {size}: peak MB after 1 model {peaks[0]:F0}, after {models} {peaks[^1]:F0} (ratio {ratio:F3}, limit 1.10)");
        return ratio <= 1.10 ? 0 : 1;
    }

    /// <summary>A fresh model trained for a few steps; nothing of it is reachable once this returns.</summary>
    static void TrainOne(Tensor x, Tensor y, int size, int steps)
    {
        var model = ModelZoo.BookConvnet(size, seed: 1);
        model.Fit(new ArrayBatchSequence(x, y, Batch, shuffle: false), new FitOptions { Epochs = 1, StepsPerEpoch = steps, Verbose = 0 });
    }
}
