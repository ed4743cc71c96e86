namespace AugNet.Bench;

/// <summary>`bench/run augment`. (Stub: its owner implements.)</summary>
public static class AugmentBench
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("bench augment: not implemented yet");
        return 2;
    }
}
