using System.CommandLine;
using System.CommandLine.Help;
using AugNet.Cli.Commands;

namespace AugNet.Cli;

/// <summary>The <c>augnet</c> command: one sub-command per workflow step of the book's example.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = CreateRoot();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine would print the errors followed by the whole help (some 40 lines for preview).
            Console.Error.WriteLine($"augnet: {OneLine(string.Join(" ", parsed.Errors.Select(e => e.Message)))} Run with --help for usage.");
            return ExitCodes.BadUsage;
        }
        try
        {
            // Our handler below prints one clear line instead of System.CommandLine's stack trace.
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or NotSupportedException
            or UnauthorizedAccessException or InvalidOperationException)
        {
            // InvalidOperationException: the library's word for a missing tool or a state it cannot work in (no npm,
            // an empty class folder, a NaN loss). Anything else is a bug and keeps its stack trace.
            Console.Error.WriteLine($"augnet: {OneLine(e)}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// The command tree. A plain Command named "augnet" rather than RootCommand, whose name is the executable's
    /// ("AugNet.Cli", since the library already owns the assembly name AugNet) and would show in every usage line;
    /// RootCommand's help and version options are added by hand.
    /// </summary>
    internal static Command CreateRoot()
    {
        var root = new Command("augnet", "AugNet: Keras-style image augmentation, data pipelines and convnet training for .NET.\n"
            + "Example: augnet datasets fetch cats-vs-dogs --dir data && augnet train data --size 32 --epochs 3 --out run1")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(PreviewCommand.Create());
        root.Subcommands.Add(DatasetsCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(SummaryCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(QuickstartCommand.Create());
        return root;
    }

    /// <summary>
    /// The message as one line: ArgumentException's " (Parameter 'x')" (a C# parameter name, not an option; our
    /// messages name the option themselves) is dropped, and further lines (ArgumentOutOfRangeException's
    /// "Actual value was …") are joined on.
    /// </summary>
    static string OneLine(Exception e)
    {
        string message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
            message = message.Replace($" (Parameter '{name}')", "");
        // Our range messages already say "Received: <value>"; .NET appends "Actual value was <value>." again.
        if (e is ArgumentOutOfRangeException { ActualValue: { } actual } && message.Contains("Received:"))
            message = message.Replace($"Actual value was {actual}.", "");
        return OneLine(message);
    }

    /// <summary>Line breaks and the indentation after them become one space (System.CommandLine's lists of allowed values).</summary>
    static string OneLine(string message) => string.Join(" ", message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
