namespace AugNet.Bench;

/// <summary>`bench/run train [--threads T] [--reps R] [--kernels-only] [--cpu-time] [--path scalar|vector256|vector512]`: kernel GFLOP/s, then model training/inference vs PyTorch.</summary>
public static class TrainBench
{
    public static int Run(string[] args)
    {
        int threads = 2, reps = 3;
        bool kernelsOnly = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--threads": threads = int.Parse(args[++i]); break;
                case "--reps": reps = int.Parse(args[++i]); break;
                case "--kernels-only": kernelsOnly = true; break;
                case "--cpu-time": KernelBench.UseThreadCpuTime = true; break;
                case "--path": AugNet.NN.Kernels.KernelSettings.ForcedPath = Enum.Parse<AugNet.NN.Kernels.SimdPath>(args[++i], ignoreCase: true); break;
                default: Console.Error.WriteLine($"bench train: unknown option '{args[i]}'"); return 2;
            }
        }
        KernelBench.Run(threads, reps);
        if (kernelsOnly) return 0;
        Console.Error.WriteLine("bench train: model benchmark needs the nn branch (Sequential) — not merged yet");
        return 0;
    }
}
