namespace AugNet.Cli;

/// <summary>
/// What <c>augnet</c> returns, as most Unix tools do: scripts can tell a mistyped command line (2) from a command that
/// ran and failed (1). A value the library refuses (a bad --rotation-range, a folder without classes) is a failure of
/// the command, 1, with the library's message; 2 is for what the parser itself rejects (an unknown flag, a missing
/// argument, a value that is not a number).
/// </summary>
internal static class ExitCodes
{
    public const int Failure = 1;
    public const int BadUsage = 2;

    /// <summary>Ctrl-C during training: 128 + SIGINT, the shell's convention.</summary>
    public const int Interrupted = 130;
}
