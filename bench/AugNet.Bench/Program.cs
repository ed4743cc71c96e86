namespace AugNet.Bench;

/// <summary>Entry point of <c>bench/run WORKLOAD</c>: each workload times AugNet and its Python peer in one run and prints the ratio.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string what = args.Length > 0 ? args[0] : "";
        string[] rest = args.Length > 1 ? args[1..] : [];
        return what switch
        {
            "augment" => AugmentBench.Run(rest),
            "pipeline" => PipelineBench.Run(rest),
            "train" => TrainBench.Run(rest),
            _ => Usage(),
        };
    }

    static int Usage()
    {
        Console.Error.WriteLine("usage: bench/run augment|pipeline|train [options]");
        return 2;
    }
}
