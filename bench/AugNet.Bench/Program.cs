namespace AugNet.Bench;

/// <summary>Entry point of <c>bench/run WORKLOAD</c>: each workload times AugNet and its Python peer in one run and prints the ratio.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string what = args.Length > 0 ? args[0] : "";
        string[] rest = args.Length > 1 ? args[1..] : [];
        try
        {
            return what switch
            {
                "augment" => AugmentBench.Run(rest),
                "pipeline" => PipelineBench.Run(rest),
                "train" => TrainBench.Run(rest),
                "train-memory-child" => MemoryBench.Child(rest),
                "memory-flat" => MemoryBench.Flat(rest),
                "memory-models" => ModelsMemoryBench.Run(rest),
                "model-files" => ModelFileBench.Run(rest),
                "e2e" => E2EBench.Run(rest),
                "fuzz" => FuzzBench.Run(rest),
                "fuzz-child" => FuzzBench.Child(rest),
                "hostile-memory" => HostileMemoryBench.Run(rest),
                "hostile-memory-child" => HostileMemoryBench.Child(rest),
                _ => Usage(),
            };
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentException)
        {
            // A missing or malformed option value: one line, not a stack trace.
            Console.Error.WriteLine($"bench {what}: bad arguments ({string.Join(' ', rest)}): {e.Message}");
            return 2;
        }
    }

    static int Usage()
    {
        Console.Error.WriteLine("usage: bench/run augment|pipeline|train|memory-flat|memory-models|model-files|e2e|fuzz|hostile-memory [options]");
        return 2;
    }
}
