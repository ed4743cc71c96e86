using AugNet.Cli;

namespace AugNet.Tests.Cli;

/// <summary>
/// Runs <c>augnet</c> in-process through <see cref="Program.Main"/> with Console.Out/Error captured. Console is
/// global, so the CLI tests are one non-parallel collection (<see cref="CliCollection"/>).
/// </summary>
public static class CliRunner
{
    public sealed record Result(int Code, string Out, string Err)
    {
        /// <summary>The non-empty lines of stderr (a refusal must be exactly one).</summary>
        public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static Result Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try { return new Result(Program.Main(args), stdout.ToString(), stderr.ToString()); }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}

[CollectionDefinition("Cli", DisableParallelization = true)]
public sealed class CliCollection : ICollectionFixture<CliFixture>;
