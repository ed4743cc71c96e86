namespace AugNet.Bench;

/// <summary>`bench/run train`. (Stub: its owner implements.)</summary>
public static class TrainBench
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("bench train: not implemented yet");
        return 2;
    }
}
