namespace AugNet.Bench;

/// <summary>`bench/run pipeline`. (Stub: its owner implements.)</summary>
public static class PipelineBench
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("bench pipeline: not implemented yet");
        return 2;
    }
}
