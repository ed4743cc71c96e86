namespace AugNet.Cli.Commands;

/// <summary>
/// Where train takes its training and validation images from: the book's DATA/train + DATA/validation, or class
/// folders directly in DATA split by Keras's validation_split subsets. Kept apart from the command so the rule
/// "--validation-split is never silently ignored" lives in one place.
/// </summary>
internal sealed record TrainingFolders(string TrainDir, string ValidationDir, bool Subsets, int ClassCount)
{
    public static TrainingFolders Resolve(string root, bool validationSplitGiven)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"{root} does not exist.");
        string trainDir = Path.Combine(root, "train"), validationDir = Path.Combine(root, "validation");
        bool book = Directory.Exists(trainDir) || Directory.Exists(validationDir);
        if (book)
        {
            foreach (var d in new[] { trainDir, validationDir })
                if (!Directory.Exists(d)) throw new DirectoryNotFoundException($"{d} does not exist; the book's layout needs both train/ and validation/ in {root}.");
            if (validationSplitGiven)
                throw new ArgumentException($"--validation-split cannot be used with {root}: it has train/ and validation/ folders, so validation/ is the validation set. "
                    + "Drop --validation-split, or point train at a folder of class folders.");
            return new TrainingFolders(trainDir, validationDir, false, CountClasses(trainDir));
        }
        if (!validationSplitGiven)
            throw new ArgumentException($"{root} holds class folders directly; give --validation-split (e.g. 0.2) to hold out validation images, "
                + "or arrange them as train/ and validation/ folders.");
        return new TrainingFolders(root, root, true, CountClasses(root));
    }

    /// <summary>The class folders as FlowFromDirectory counts them (every sub-folder); a classifier needs two.</summary>
    static int CountClasses(string dir)
    {
        int n = Directory.GetDirectories(dir).Length;
        if (n < 2) throw new ArgumentException($"{dir} must hold at least two class folders (one per class); found {n}.");
        return n;
    }
}
