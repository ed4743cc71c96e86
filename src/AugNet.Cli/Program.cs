using System.CommandLine;
using AugNet.Cli.Commands;

namespace AugNet.Cli;

/// <summary>The <c>augnet</c> command: one sub-command per workflow step of the book's example.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("AugNet: Keras-style image augmentation, data pipelines and convnet training for .NET.");
        root.Subcommands.Add(PreviewCommand.Create());
        root.Subcommands.Add(DatasetsCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        try
        {
            // Our handler below prints one clear line instead of System.CommandLine's stack trace.
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or NotSupportedException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"augnet: {e.Message}");
            return 1;
        }
    }
}
