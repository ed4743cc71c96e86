namespace AugNet.Cli;

/// <summary>
/// A command line that parses but asks for something impossible (<c>--epochs -1</c>, <c>--x-col</c> without
/// <c>--csv</c>): bad usage, exit 2 like a parse error, found before any work starts. Failures that depend on the
/// files (an empty class folder) stay ordinary exceptions and exit 1.
/// </summary>
internal sealed class UsageException(string message) : ArgumentException(message);
