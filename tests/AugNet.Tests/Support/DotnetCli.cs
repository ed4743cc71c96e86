using System.Diagnostics;

namespace AugNet.Tests.Support;

/// <summary>
/// Runs the dotnet CLI as a child process, for the tests that build what a user would build: the packed packages,
/// the installed tool and the README's snippets.
/// </summary>
public static class DotnetCli
{
    /// <summary>The checkout (the folder holding AugNet.slnx).</summary>
    public static string RepoRoot { get; } = Path.GetFullPath(Path.Combine(Fixtures.Dir("."), "..", ".."));

    /// <summary>The configuration these tests were built in; --no-build packs and unbuilt references need it.</summary>
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <summary>Runs <c>dotnet args</c> (or another program) in <paramref name="workingDir"/>; a non-zero exit fails
    /// the test with the command and its whole output, which is where a compiler or restore error is.</summary>
    public static string Run(string workingDir, string fileName, params string[] args)
    {
        var psi = new ProcessStartInfo(fileName) { WorkingDirectory = workingDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        // dotnet test sets MSBuild's paths for its own build; a child build must find its SDK afresh.
        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(key);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(10))) { p.Kill(entireProcessTree: true); throw new TimeoutException($"{fileName} {string.Join(' ', args)} took over 10 minutes"); }
        string output = stdout + stderr.Result;
        Assert.True(p.ExitCode == 0, $"`{fileName} {string.Join(' ', args)}` in {workingDir} exited {p.ExitCode}:\n{output}");
        return output;
    }

    /// <summary><c>dotnet args</c> with no build server left behind (the tests' builds are one-off).</summary>
    public static string Dotnet(string workingDir, params string[] args) => Run(workingDir, "dotnet", args);
}
