using System.Diagnostics;
using System.Globalization;

namespace AugNet.Bench;

/// <summary>
/// Runs a Python peer script with Debian's /usr/bin/python3 (where ../shared/peers/setup.sh installs PyTorch, OpenCV,
/// SciPy and Pillow) and collects its <c>peer NAME: VALUE ...</c> lines. Echoes everything the peer prints.
/// </summary>
internal static class PeerRunner
{
    const string Python = "/usr/bin/python3";

    /// <summary>
    /// A file under the shared folder (e.g. "peers/augment_peers.py"), looked for by its file name in $AUGNET_PEERS_DIR
    /// when set, in ../shared from the working
    /// directory and in a "shared" folder beside any ancestor of the binary; or a repo-relative path such as
    /// "bench/peers/pipeline_peer.py". Null when absent.
    /// </summary>
    public static string? Find(string relative)
    {
        if (Environment.GetEnvironmentVariable("AUGNET_PEERS_DIR") is { Length: > 0 } peers
            && Path.Combine(peers, Path.GetFileName(relative)) is var inPeers && File.Exists(inPeers))
            return Path.GetFullPath(inPeers);
        foreach (string candidate in new[] { Path.Combine("..", "shared", relative), relative })
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            foreach (string candidate in new[] { Path.Combine(d.FullName, "shared", relative), Path.Combine(d.FullName, relative) })
                if (File.Exists(candidate)) return candidate;
        return null;
    }

    /// <summary>Runs the script and returns NAME → VALUE; null, after a message on stderr, when it cannot run or fails.</summary>
    public static Dictionary<string, double>? Run(string scriptRelative, params string[] args) => Run(scriptRelative, false, args);

    /// <summary>
    /// As <see cref="Run(string, string[])"/>, the script run through a wrapper that prints its process's RSS
    /// high-water mark when it ends (ru_maxrss, KB) as the value "peak_kb".
    /// </summary>
    public static Dictionary<string, double>? RunMeasured(string scriptRelative, params string[] args) => Run(scriptRelative, true, args);

    const string MeasureWrapper = "import resource, runpy, sys; s = sys.argv[1]; sys.argv = sys.argv[1:]; runpy.run_path(s, run_name='__main__'); " +
        "print('peer peak_kb:', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)";

    static Dictionary<string, double>? Run(string scriptRelative, bool measure, string[] args)
    {
        string? script = Find(scriptRelative);
        if (script is null)
        {
            Console.Error.WriteLine($"bench: peer script {scriptRelative} not found (looked in ../shared, the repo and above the binary).");
            return null;
        }
        if (!File.Exists(Python))
        {
            Console.Error.WriteLine($"bench: {Python} is missing; run ../shared/peers/setup.sh to install the peers.");
            return null;
        }
        Console.WriteLine($"running peer: {Python} {(measure ? "-c <peak RSS wrapper> " : "")}{script} {string.Join(' ', args)}");
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (measure) { psi.ArgumentList.Add("-c"); psi.ArgumentList.Add(MeasureWrapper); }
        psi.ArgumentList.Add(script);
        foreach (string a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var values = new Dictionary<string, double>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) != null)
        {
            Console.WriteLine(line);
            int colon = line.IndexOf(':');
            if (!line.StartsWith("peer ", StringComparison.Ordinal) || colon < 6) continue;
            string[] rest = line[(colon + 1)..].Trim().Split(' ');
            if (double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) values[line[5..colon]] = v;
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string err = stderr.Result.Trim();
            Console.Error.WriteLine($"bench: the peer exited with code {process.ExitCode}" +
                (err.Contains("ModuleNotFoundError") ? " (peer packages missing: run ../shared/peers/setup.sh)" : "") + ":");
            Console.Error.WriteLine(err.Length > 2000 ? err[^2000..] : err);
            return null;
        }
        return values;
    }
}
