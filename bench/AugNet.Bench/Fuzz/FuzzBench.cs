using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AugNet.Fuzzing;
using AugNet.Imaging;

namespace AugNet.Bench;

/// <summary>
/// <c>bench/run fuzz [--seconds 60] [--seed 1] [--batch 250] [--timeout 10] [--memory-mb 1024] [--work DIR]</c>:
/// the mutation fuzz of the loaders (issue 10) with the decoders in child processes. The parent writes the seed
/// files (<see cref="FuzzInputs.Seed"/>) and batches of mutated files into a work folder, then starts
/// <c>dotnet AugNet.Bench.dll fuzz-child LIST FIRST</c> per batch. The child announces each input before loading it
/// and reports its outcome, time and peak RSS after (VmHWM, reset per input through /proc/self/clear_refs). The
/// parent's watchdog polls the child's VmRSS: a child over the memory cap or silent on one input past the timeout is
/// killed, and a child that dies mid-input is a crash; the batch then resumes in a new child from the next input.
/// Prints counts per format and outcome class and exits 1 on any outcome other than success or a documented
/// exception naming the file. Inputs with such outcomes are kept in WORK/findings.
/// </summary>
public static class FuzzBench
{
    // The outcome classes, in print order; the first two are the documented ones.
    static readonly string[] Classes = ["success", "documented", "unnamed", "undocumented", "timeout", "memory", "crash"];

    public static int Run(string[] args)
    {
        double seconds = Opt(args, "--seconds", 60);
        int seed = (int)Opt(args, "--seed", 1), batch = (int)Opt(args, "--batch", 250);
        double timeout = Opt(args, "--timeout", 10), memoryMb = Opt(args, "--memory-mb", 1024);
        int w = Array.IndexOf(args, "--work");
        string work = w >= 0 ? args[w + 1] : Path.Combine(Path.GetTempPath(), $"augnet-fuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(Path.Combine(work, "seeds"));
        Directory.CreateDirectory(Path.Combine(work, "findings"));

        var seeds = new Dictionary<string, byte[]>();
        foreach (string f in FuzzInputs.Formats)
        {
            string path = Path.Combine(work, "seeds", "seed." + f);
            File.WriteAllBytes(path, FuzzInputs.Seed(f));
            seeds[f] = File.ReadAllBytes(path);
        }

        var counts = FuzzInputs.Formats.ToDictionary(f => f, _ => new long[Classes.Length]);
        var findings = new List<string>();
        var rng = new Random(seed);
        var clock = Stopwatch.StartNew();
        long n = 0; int children = 0; double maxPeakMb = 0, maxMs = 0;
        string batchDir = Path.Combine(work, "batch");
        Console.WriteLine($"fuzz: seed {seed}, {seconds:0} s, {FuzzInputs.Formats.Length} formats, timeout {timeout:0} s and {memoryMb:0} MB per input, decoders in child processes; work folder {work}");
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (Directory.Exists(batchDir)) Directory.Delete(batchDir, true);
            Directory.CreateDirectory(batchDir);
            var files = new List<(string Format, string Path)>();
            for (int i = 0; i < batch; i++, n++)
            {
                string f = FuzzInputs.Formats[n % FuzzInputs.Formats.Length];
                string path = Path.Combine(batchDir, $"{n:D8}.{f}");
                File.WriteAllBytes(path, FuzzInputs.Mutate(seeds[f], rng));
                files.Add((f, path));
            }
            string list = Path.Combine(work, "batch.txt");
            File.WriteAllLines(list, files.Select(x => x.Format + " " + x.Path));
            int next = 0;
            while (next < files.Count)
            {
                children++;
                next = RunChild(list, next, files, timeout, memoryMb, (i, cls, ms, peakMb, detail) =>
                {
                    counts[files[i].Format][Array.IndexOf(Classes, cls)]++;
                    maxPeakMb = Math.Max(maxPeakMb, peakMb); maxMs = Math.Max(maxMs, ms);
                    if (Array.IndexOf(Classes, cls) >= 2)
                    {
                        string kept = Path.Combine(work, "findings", Path.GetFileName(files[i].Path));
                        File.Copy(files[i].Path, kept, true);
                        findings.Add($"{cls}: {kept}: {detail}");
                    }
                });
            }
        }
        Directory.Delete(batchDir, true);
        File.Delete(Path.Combine(work, "batch.txt"));

        Console.WriteLine($"fuzz: {n} inputs in {clock.Elapsed.TotalSeconds:0} s ({n / clock.Elapsed.TotalSeconds:0}/s), {children} child processes; slowest input {maxMs:0} ms, highest per-input peak RSS {maxPeakMb:0} MB");
        Console.WriteLine($"{"format",-8}{"inputs",8}" + string.Concat(Classes.Select(c => $"{c,14}")));
        foreach (string f in FuzzInputs.Formats)
            Console.WriteLine($"{f,-8}{counts[f].Sum(),8}" + string.Concat(counts[f].Select(c => $"{c,14}")));
        var total = Enumerable.Range(0, Classes.Length).Select(k => counts.Values.Sum(c => c[k])).ToArray();
        Console.WriteLine($"{"all",-8}{total.Sum(),8}" + string.Concat(total.Select(c => $"{c,14}")));
        foreach (string line in findings.Take(50)) Console.WriteLine("  " + line);
        long bad = total.Skip(2).Sum();
        Console.WriteLine(bad == 0 ? "fuzz: every input ended in success or a documented exception naming the file"
                                   : $"fuzz: {bad} undocumented outcomes; inputs kept in {Path.Combine(work, "findings")}");
        if (bad == 0 && w < 0) Directory.Delete(work, true);
        return bad == 0 ? 0 : 1;
    }

    /// <summary>Runs one child from input <paramref name="first"/> of the list; returns the index to resume from (the list's length when done).</summary>
    static int RunChild(string list, int first, List<(string Format, string Path)> files, double timeout, double memoryMb,
                        Action<int, string, double, double, string> report)
    {
        string host = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") psi.ArgumentList.Add(typeof(FuzzBench).Assembly.Location);
        foreach (string a in new[] { "fuzz-child", list, first.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_gcServer"] = "0";
        using var child = Process.Start(psi)!;
        var lines = new BlockingCollection<string>();
        var stderr = new System.Text.StringBuilder();
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        child.BeginErrorReadLine();
        var reader = new Thread(() =>
        {
            string? l;
            while ((l = child.StandardOutput.ReadLine()) is not null) lines.Add(l);
            lines.CompleteAdding();
        }) { IsBackground = true };
        reader.Start();

        int current = -1, done = first; var started = Stopwatch.StartNew(); double peakSeen = 0;
        while (true)
        {
            if (lines.TryTake(out string? line, 20))
            {
                // "B i" before input i, "E i class ms peakMB message" after it.
                var parts = line.Split(' ', 6);
                if (parts[0] == "B") { current = int.Parse(parts[1], CultureInfo.InvariantCulture); started.Restart(); peakSeen = 0; }
                else if (parts[0] == "E")
                {
                    int i = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    double ms = double.Parse(parts[3], CultureInfo.InvariantCulture), peak = double.Parse(parts[4], CultureInfo.InvariantCulture);
                    string cls = parts[2], detail = parts.Length > 5 ? parts[5] : "";
                    if (cls is "success" or "documented" && ms > timeout * 1000) { cls = "timeout"; detail = $"took {ms:0} ms; " + detail; }
                    if (cls is "success" or "documented" && peak > memoryMb) { cls = "memory"; detail = $"peak RSS {peak:0} MB; " + detail; }
                    report(i, cls, ms, peak, detail);
                    current = -1; done = i + 1;
                }
                continue;
            }
            if (lines.IsCompleted)
            {
                child.WaitForExit();
                string err; lock (stderr) err = stderr.ToString().Trim().Split('\n').FirstOrDefault()?.Trim() ?? "";
                if (current < 0 && done == files.Count) return files.Count;
                if (current < 0) // died outside any input (e.g. at startup): a harness failure, not a finding
                    throw new InvalidOperationException($"fuzz-child exited with {child.ExitCode} before input {done}: {err}");
                int at = current;
                report(at, "crash", started.Elapsed.TotalMilliseconds, peakSeen, $"child exited with {child.ExitCode} while loading it; {err}");
                return at + 1;
            }
            if (current >= 0)
            {
                peakSeen = Math.Max(peakSeen, RssMb(child.Id));
                string? why = peakSeen > memoryMb ? "memory" : started.Elapsed.TotalSeconds > timeout ? "timeout" : null;
                if (why is not null)
                {
                    try { child.Kill(); } catch (InvalidOperationException) { }
                    child.WaitForExit();
                    report(current, why, started.Elapsed.TotalMilliseconds, peakSeen,
                           why == "memory" ? $"child RSS reached {peakSeen:0} MB; killed" : $"no result after {timeout:0} s; killed");
                    return current + 1;
                }
            }
        }
    }

    /// <summary><c>fuzz-child LIST FIRST</c>: loads each listed file from FIRST on, under the CLI's decode budget.</summary>
    public static int Child(string[] args)
    {
        var entries = File.ReadAllLines(args[0]);
        int first = int.Parse(args[1], CultureInfo.InvariantCulture);
        ImageDecoder.Budget = new DecodeBudget { MaxPixels = 64L << 20, MaxBytes = 256L << 20, RaiseWith = "--max-image-pixels N" };
        var output = Console.Out;
        // AUGNET_FUZZ_INJECT=crash|hang|memory makes input 3 of each batch misbehave, to check the watchdog.
        string? inject = Environment.GetEnvironmentVariable("AUGNET_FUZZ_INJECT");
        for (int i = first; i < entries.Length; i++)
        {
            string format = entries[i][..entries[i].IndexOf(' ')], path = entries[i][(format.Length + 1)..];
            try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (Exception x) when (x is IOException or UnauthorizedAccessException) { }
            output.WriteLine($"B {i}"); output.Flush();
            var t = Stopwatch.StartNew();
            if (inject is not null && i == 3) Inject(inject);
            Exception? e = FuzzInputs.LoadFile(format, path);
            double ms = t.Elapsed.TotalMilliseconds, peak = MemoryBench.PeakMb();
            string cls = e is null ? "success"
                : !FuzzInputs.IsDocumented(format, e) ? "undocumented"
                : e.Message.Contains(Path.GetFileName(path), StringComparison.Ordinal) ? "documented" : "unnamed";
            string msg = e is null ? "" : $"{e.GetType().Name}: {e.Message}".ReplaceLineEndings(" ");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"E {i} {cls} {ms:0.0} {peak:0.0} {msg}")); output.Flush();
        }
        return 0;
    }

    static void Inject(string what)
    {
        if (what == "crash") Environment.FailFast("injected crash");
        if (what == "hang") Thread.Sleep(Timeout.Infinite);
        if (what == "memory")
        {
            var hold = new List<byte[]>();
            while (true) { var a = new byte[64 << 20]; Array.Fill(a, (byte)1); hold.Add(a); Thread.Sleep(10); }
        }
    }

    static double Opt(string[] args, string name, double fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    static double RssMb(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return 0;
    }
}
