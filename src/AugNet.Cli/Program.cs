using System.CommandLine;
using System.CommandLine.Help;
using AugNet.Cli.Commands;
using AugNet.Imaging;

namespace AugNet.Cli;

/// <summary>The <c>augnet</c> command: one sub-command per workflow step of the book's example.</summary>
public static class Program
{
    const string VerboseName = "--verbose";

    public static int Main(string[] args)
    {
        var root = CreateRoot();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine would print the errors followed by the whole help (some 40 lines for preview).
            Console.Error.WriteLine($"augnet: {OneLine(string.Join(" ", parsed.Errors.Select(e => WithoutTypeNames(e.Message))))} Run with --help for usage.");
            return ExitCodes.BadUsage;
        }
        var previousBudget = ImageDecoder.Budget; // restored on return: Main also runs in-process (tests, hosts)
        bool verbose = parsed.GetValue<bool>(VerboseName);
        try
        {
            ApplyDecodeBudget(parsed.GetValue(MaxImagePixelsOption));
            // Our handler below prints one clear line instead of System.CommandLine's stack trace.
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(verbose ? $"augnet: {e}" : $"augnet: {OneLine(e)} Run with --help for usage.");
            return ExitCodes.BadUsage;
        }
        catch (Exception e) when (verbose)
        {
            Console.Error.WriteLine($"augnet: {e}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or NotSupportedException
            or UnauthorizedAccessException or InvalidOperationException)
        {
            // InvalidOperationException: the library's word for a missing tool or a state it cannot work in (no npm,
            // an empty class folder, a NaN loss). Anything else is a bug and keeps its stack trace.
            Console.Error.WriteLine($"augnet: {OneLine(e)}");
            return ExitCodes.Failure;
        }
        finally { ImageDecoder.Budget = previousBudget; }
    }

    /// <summary>
    /// The CLI's decode budget when --max-image-pixels is not given: 64 M pixels (e.g. 8000×8000), 4 bytes each, so
    /// decoding one image costs at most 256 MiB whatever its header says.
    /// </summary>
    internal const long DefaultMaxImagePixels = 64L * 1024 * 1024;

    /// <summary>--max-image-pixels, accepted by every command.</summary>
    internal static readonly Option<long?> MaxImagePixelsOption = new("--max-image-pixels")
    {
        Description = $"Refuse images declaring more pixels than this (default {DefaultMaxImagePixels}; preview without --target-size: {PreviewCommand.DefaultMaxPixelsFullSize})",
        Recursive = true,
    };

    /// <summary>True when the user gave --max-image-pixels (commands with tighter defaults then use the user's value).</summary>
    internal static bool MaxImagePixelsGiven { get; private set; }

    static void ApplyDecodeBudget(long? given)
    {
        MaxImagePixelsGiven = given is not null;
        long pixels = given ?? DefaultMaxImagePixels;
        if (pixels < 1) throw new ArgumentException($"--max-image-pixels must be positive, got {pixels}.");
        ImageDecoder.Budget = new DecodeBudget
        {
            MaxPixels = pixels,
            MaxBytes = pixels > long.MaxValue / 4 ? long.MaxValue : pixels * 4,
            MaxFileBytes = 1L << 30,
            RaiseWith = "--max-image-pixels N",
        };
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
            MaxImagePixelsOption,
            // Global (every sub-command takes it): the stack trace of a failure, for bug reports.
            new Option<bool>(VerboseName) { Description = "On failure, print the full exception with its stack trace instead of one line", Recursive = true },
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

    /// <summary>
    /// System.CommandLine's "as expected type 'System.Nullable`1[System.UInt32]'" in words: "as a whole number from 0 to
    /// 4294967295", "as a number", … (users see options, not .NET types).
    /// </summary>
    internal static string WithoutTypeNames(string message) => System.Text.RegularExpressions.Regex.Replace(message,
        @"as expected type '(?:System\.Nullable`1\[)?System\.(\w+)\]?'", m => "as " + m.Groups[1].Value switch
        {
            "Int32" => "a whole number",
            "Int64" => "a whole number",
            "UInt32" => "a whole number from 0 to 4294967295",
            "Double" or "Single" => "a number",
            "Boolean" => "true or false",
            var other => other.ToLowerInvariant(),
        });

    /// <summary>Line breaks and the indentation after them become one space (System.CommandLine's lists of allowed values).</summary>
    static string OneLine(string message) => string.Join(" ", message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
