using System.Diagnostics;
using System.Globalization;
using AugNet.NN;
using AugNet.NN.Callbacks;
using AugNet.NN.Kernels;
using AugNet.NN.Training;

namespace AugNet.Bench;

/// <summary>
/// Peak memory of training the book model, AugNet against the PyTorch peer, each side in its own fresh process so
/// that neither sees the other's heap: the RSS high-water mark (VmHWM in /proc/self/status, ru_maxrss for Python)
/// after the same training steps and a validation pass. AugNet trains with Fit on 64 in-memory samples (2 steps per
/// epoch), validating on them after every epoch; the peer (train_peer.py --steps S) trains S + 2 steps on one batch
/// and then runs S + 2 inference steps, so S = 2 × epochs − 2 gives both sides the same training steps.
/// </summary>
public static class MemoryBench
{
    const string PeerScript = "peers/train_peer.py";
    const int Batch = 32, StepsPerEpoch = 2;

    static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>The RSS high-water mark of this process in MB (VmHWM), or NaN where /proc is missing.</summary>
    public static double PeakMb()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException) { }
        return double.NaN;
    }

    /// <summary>Current RSS in MB (VmRSS).</summary>
    public static double RssMb()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException) { }
        return double.NaN;
    }

    /// <summary>
    /// `bench/run train-memory-child SIZE EPOCHS THREADS [--trace]`: trains in this process and prints
    /// `peak MB child: X` (and per-epoch RSS lines with --trace). Started by <see cref="Run"/> in a fresh process.
    /// </summary>
    public static int Child(string[] args)
    {
        int size = int.Parse(args[0], CultureInfo.InvariantCulture), epochs = int.Parse(args[1], CultureInfo.InvariantCulture);
        int threads = int.Parse(args[2], CultureInfo.InvariantCulture);
        bool trace = args.Contains("--trace");
        using var allocations = args.Contains("--alloc-trace") ? new LargeAllocationTrace() : null;
        KernelSettings.MaxDegreeOfParallelism = threads;
        var model = ModelZoo.BookConvnet(size, seed: 1);
        int samples = Batch * StepsPerEpoch;
        var x = new Tensor(samples, size, size, 3);
        var y = new Tensor(samples, 1);
        var rng = new Random(7);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] = (float)rng.NextDouble();
        for (int i = 0; i < samples; i++) y.Data[i] = rng.Next(2);
        var data = new ArrayBatchSequence(x, y, Batch, shuffle: true, seed: 3);
        var validation = new ArrayBatchSequence(x, y, Batch, shuffle: false);
        long t0 = Stopwatch.GetTimestamp();
        model.Fit(data, new FitOptions
        {
            Epochs = epochs, ValidationData = validation, Verbose = 0,
            Callbacks = trace ? [new RssTrace()] : [],
        });
        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        Console.WriteLine($"child steps: {epochs * StepsPerEpoch} in {seconds:F1} s ({seconds * 1e3 / (epochs * StepsPerEpoch):F0} ms/step incl. validation)");
        Console.WriteLine($"peak MB child: {PeakMb():F0}");
        return 0;
    }

    /// <summary>Prints the runtime's allocation ticks of large objects (type, size, thread) as they happen: what allocates in steady state.</summary>
    sealed class LargeAllocationTrace : System.Diagnostics.Tracing.EventListener
    {
        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
        {
            if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null || e.PayloadNames is null) return;
            int kind = e.PayloadNames.IndexOf("AllocationKind"), type = e.PayloadNames.IndexOf("TypeName"), size = e.PayloadNames.IndexOf("ObjectSize");
            Console.WriteLine($"alloc tick: kind {e.Payload[kind]} {e.Payload[type]} size {(size >= 0 ? e.Payload[size] : "?")} thread {e.OSThreadId}");
        }
    }

    sealed class RssTrace : Callback
    {
        public override void OnEpochEnd(int epoch, Dictionary<string, double> logs) =>
            Console.WriteLine($"epoch {epoch + 1}: rss {RssMb():F0} MB, peak {PeakMb():F0} MB, managed {GC.GetTotalMemory(false) / 1048576.0:F0} MB, gen2 GCs {GC.CollectionCount(2)}");
    }

    /// <summary>Runs the AugNet child and the peer; prints `peak MB augnet|torch SIZE` and `ratio vs torch memory SIZE` (torch / augnet).</summary>
    public static void Run(int size, int epochs, int threads, bool trace)
    {
        Console.WriteLine($"memory {size}: batch {Batch}, {epochs} epochs of {StepsPerEpoch} steps + validation, each side in its own process (RSS high-water mark)");
        string self = typeof(MemoryBench).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { self, "train-memory-child", Text(size), Text(epochs), Text(threads) }) psi.ArgumentList.Add(a);
        if (trace) psi.ArgumentList.Add("--trace");
        double? ours = null;
        using (var p = Process.Start(psi)!)
        {
            string? line;
            while ((line = p.StandardOutput.ReadLine()) != null)
            {
                Console.WriteLine("  " + line);
                if (line.StartsWith("peak MB child: ", StringComparison.Ordinal)) ours = double.Parse(line[15..], CultureInfo.InvariantCulture);
            }
            p.WaitForExit();
        }
        if (ours is null) { Console.WriteLine($"peak MB augnet {size}: failed"); return; }
        Console.WriteLine($"peak MB augnet {size}: {ours:F0}");
        int peerSteps = Math.Max(1, epochs * StepsPerEpoch - 2);
        var values = PeerRunner.RunMeasured(PeerScript, "--size", Text(size), "--batch", Text(Batch), "--threads", Text(threads), "--steps", Text(peerSteps));
        if (values is null || !values.TryGetValue("peak_kb", out double kb)) { Console.WriteLine($"peak MB torch {size}: not run"); return; }
        double torch = kb / 1024.0;
        Console.WriteLine($"peak MB torch {size}: {torch:F0}");
        Console.WriteLine($"ratio vs torch memory {size}: {torch / ours.Value:F2}");
    }
}
