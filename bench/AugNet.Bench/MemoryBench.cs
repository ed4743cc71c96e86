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

    /// <summary>
    /// `bench/run memory-flat [--size 96] [--epochs 50] [--threads 2]`: the child trains the book model (3 conv blocks at 96) for the epochs
    /// and reports the RSS high-water mark at every epoch end; fails (exit 1) when the peak after the last epoch is more
    /// than 10% above the peak after epoch 2. At 96 the model's buffers dominate (327 → 338 MB over 50 epochs, 2 cores
    /// shared with other work); at 32 the runtime's own slow growth (tier-1 JIT code, scratch buffers of thread-pool
    /// threads injected under load) is 13 MB on a 68 MB process, which the 10% limit does not allow.
    /// </summary>
    public static int Flat(string[] args)
    {
        int size = 96, epochs = 50, threads = 2;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size": size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--epochs": epochs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"bench memory-flat: unknown option '{args[i]}'"); return 2;
            }
        }
        if (epochs < 3) { Console.Error.WriteLine("bench memory-flat: --epochs must be at least 3"); return 2; }
        var peaks = new List<double>();
        RunChild(size, epochs, threads, trace: true, line =>
        {
            Console.WriteLine("  " + line);
            int at = line.IndexOf(", peak ", StringComparison.Ordinal);
            if (line.StartsWith("epoch ", StringComparison.Ordinal) && at > 0)
                peaks.Add(double.Parse(line[(at + 7)..].Split(' ')[0], CultureInfo.InvariantCulture));
        });
        if (peaks.Count != epochs) { Console.WriteLine("flat memory: the child failed"); return 1; }
        double ratio = peaks[^1] / peaks[1];
        Console.WriteLine($"flat memory {size}: peak MB after 2 epochs {peaks[1]:F0}, after {epochs} {peaks[^1]:F0} (ratio {ratio:F3}, limit 1.10)");
        return ratio <= 1.10 ? 0 : 1;
    }

    static void RunChild(int size, int epochs, int threads, bool trace, Action<string> onLine)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { typeof(MemoryBench).Assembly.Location, "train-memory-child", Text(size), Text(epochs), Text(threads) }) psi.ArgumentList.Add(a);
        if (trace) psi.ArgumentList.Add("--trace");
        using var p = Process.Start(psi)!;
        string? line;
        while ((line = p.StandardOutput.ReadLine()) != null) onLine(line);
        p.WaitForExit();
    }

    /// <summary>Runs the AugNet child and the peer; prints `peak MB augnet|torch SIZE` and `ratio vs torch memory SIZE` (torch / augnet).</summary>
    public static void Run(int size, int epochs, int threads, bool trace)
    {
        Console.WriteLine($"memory {size}: batch {Batch}, {epochs} epochs of {StepsPerEpoch} steps + validation, each side in its own process (RSS high-water mark)");
        double? ours = null;
        RunChild(size, epochs, threads, trace, line =>
        {
            Console.WriteLine("  " + line);
            if (line.StartsWith("peak MB child: ", StringComparison.Ordinal)) ours = double.Parse(line[15..], CultureInfo.InvariantCulture);
        });
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
