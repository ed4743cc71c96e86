namespace AugNet.Bench;

/// <summary>
/// `bench/run train [--threads T] [--steps S] [--reps R] [--sizes 150,32] [--kernels-only] [--model-only] [--cpu-time] [--path scalar|vector128|vector256|vector512] [--profile] [--rounds N] [--augment-layers]
/// [--memory-epochs E] [--memory-only] [--no-memory] [--memory-trace]`:
/// kernel GFLOP/s (GEMM shapes and the book model's conv layers), then training and inference of the book model and
/// the 32×32 sample model against the PyTorch peer, printing `ratio vs torch train|infer SIZE: R` (AugNet/PyTorch),
/// then peak memory of E epochs (default 10) of 2 training steps plus validation on each side, each in its own
/// process, printing `peak MB augnet|torch SIZE` and `ratio vs torch memory SIZE: R` (PyTorch/AugNet; see MemoryBench).
/// </summary>
public static class TrainBench
{
    public static int Run(string[] args)
    {
        int threads = 2, reps = 3, steps = 4, rounds = 1;
        int[] sizes = [150, 32];
        bool kernels = true, model = true, profile = false, memory = true, memoryTrace = false, augmentLayers = false;
        int memoryEpochs = 10;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--threads": threads = int.Parse(args[++i]); break;
                case "--reps": reps = int.Parse(args[++i]); break;
                case "--steps": steps = int.Parse(args[++i]); break;
                case "--sizes": sizes = [.. args[++i].Split(',').Select(int.Parse)]; break;
                case "--kernels-only": model = false; break;
                case "--model-only": kernels = false; break;
                case "--cpu-time": KernelBench.UseThreadCpuTime = true; break;
                case "--path": _ = SimdPaths.Force(Enum.Parse<SimdPath>(args[++i], ignoreCase: true)); break; // this thread, for the whole run
                case "--profile": profile = true; break;
                case "--rounds": rounds = int.Parse(args[++i]); break;
                case "--memory-epochs": memoryEpochs = int.Parse(args[++i]); break;
                case "--memory-only": kernels = false; model = false; break;
                case "--no-memory": memory = false; break;
                case "--memory-trace": memoryTrace = true; break;
                case "--augment-layers": augmentLayers = true; break;
                default: Console.Error.WriteLine($"bench train: unknown option '{args[i]}'"); return 2;
            }
        }
        if (threads < 1 || reps < 1 || steps < 1 || rounds < 1 || memoryEpochs < 1) { Console.Error.WriteLine("bench train: --threads, --reps, --steps, --rounds and --memory-epochs must be at least 1"); return 2; }
        if (kernels) KernelBench.Run(threads, reps);
        if (model && ModelBench.Run(threads, steps, sizes, profile, rounds, augmentLayers) != 0) return 1;
        if (memory && (model || !kernels))
            foreach (int size in sizes) MemoryBench.Run(size, memoryEpochs, threads, memoryTrace);
        return 0;
    }
}
