using AugNet.Augmentation;

namespace AugNet.Data;

/// <summary>
/// Keras's <c>DirectoryIterator</c> (spec §9), made by <see cref="ImageDataGeneratorFlows.FlowFromDirectory"/>: one sub-folder
/// per class, images found recursively, classes in sorted folder order (or as given), files listed class by class
/// in sorted walk order. A subset takes its share <b>per class</b>, validation first.
/// </summary>
public sealed class DirectoryIterator : FileImageIterator
{
    /// <summary>Lists <paramref name="directory"/> and prints "Found N images belonging to K classes.".</summary>
    /// <remarks>
    /// <para><c>directory</c>: The folder holding one sub-folder per class.</para>
    /// <para><c>generator</c>: Augments and standardises; null = images as loaded (channels_last).</para>
    /// <para><c>options</c>: Keras's defaults when null. Classes: class folder names in index order; null or empty = the sorted
    /// sub-folders (hidden ones included, as Keras). Class mode: Categorical, Binary, Sparse, Input or None. Subset: needs the
    /// generator's validation_split; validation = the first int(split·c) files of each class.</para>
    /// <para><c>followLinks</c>: Descend into symbolic links to folders; a folder already on the current path (same device
    /// and inode) is not entered again, so link loops end. Only folders are walked, so this is not one of the options a
    /// data frame shares.</para>
    /// </remarks>
    public DirectoryIterator(string directory, ImageDataGenerator? generator, FileIteratorOptions? options = null, bool followLinks = false,
        PipelineOptions? pipeline = null)
        : base(List(directory, generator, options ?? FileIteratorOptions.Default, followLinks, pipeline), generator,
            options ?? FileIteratorOptions.Default, pipeline)
    {
        Directory = directory;
    }

    /// <summary>The folder that was listed.</summary>
    public string Directory { get; }

    static FileListing List(string directory, ImageDataGenerator? generator, FileIteratorOptions options, bool followLinks,
        PipelineOptions? pipeline)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var (classes, classMode, subset) = (options.Classes, options.ClassMode, options.Subset);
        var log = (pipeline ?? PipelineOptions.Default).Writer;
        double split = SubsetNames.SplitFor(subset, generator);
        if (classMode is not (ClassMode.Categorical or ClassMode.Binary or ClassMode.Sparse or ClassMode.Input or ClassMode.None))
            throw new ArgumentException($"Invalid class_mode: {classMode.ToKeras()}; expected one of: {{'categorical', 'binary', 'sparse', 'input', None}}", nameof(classMode));
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"flow_from_directory: the directory '{directory}' does not exist.");

        string[] classNames;
        if (classes is { Count: > 0 })
        {
            foreach (string c in classes)
                if (string.IsNullOrEmpty(c) || c.Contains('/') || c.Contains('\\'))
                    throw new ArgumentException($"Class '{c}' is not a folder name: classes name sub-folders of the directory, without path separators.", nameof(classes));
            classNames = classes.ToArray();
        }
        else
        {
            classNames = System.IO.Directory.EnumerateFileSystemEntries(directory)
                .Where(System.IO.Directory.Exists)
                .Select(Path.GetFileName)
                .Select(n => n!)
                .Order(StringComparer.Ordinal)
                .ToArray();
        }
        var classIndices = new Dictionary<string, int>();
        for (int i = 0; i < classNames.Length; i++) classIndices.TryAdd(classNames[i], i);

        // Per-class listing in parallel, results in class order (as Keras's thread pool map).
        var perClass = new (List<string> Names, int Total)[classNames.Length];
        bool tiffSeen = false;
        Parallel.For(0, classNames.Length, i =>
        {
            string classDir = Path.Combine(directory, classNames[i]);
            var files = ListClass(classDir, classNames[i], followLinks, ref tiffSeen);
            var (start, end) = SubsetNames.Range(subset, split, files.Count);
            perClass[i] = (files.GetRange(start, end - start), files.Count);
        });
        if (Volatile.Read(ref tiffSeen))
            log.WriteLine("UserWarning: Using \".tiff\" files with multiple bands will cause distortion. Please verify your output.");

        var filenames = new List<string>();
        var labels = new List<int>();
        for (int i = 0; i < classNames.Length; i++)
        {
            filenames.AddRange(perClass[i].Names);
            labels.AddRange(Enumerable.Repeat(classIndices[classNames[i]], perClass[i].Names.Count));
        }
        int totalBeforeSplit = perClass.Sum(p => p.Total);
        log.WriteLine($"Found {filenames.Count} images belonging to {classIndices.Count} classes.");
        if (totalBeforeSplit == 0)
            throw new InvalidOperationException(
                $"Found no images in '{directory}' ({classIndices.Count} class folders). flow_from_directory expects one sub-folder per class " +
                $"holding files ending in {string.Join(", ", WhiteListFormats.WhiteList)}.");

        var paths = filenames.Select(f => Path.Combine(directory, f)).ToArray();
        return new FileListing(filenames.ToArray(), paths, labels.ToArray(), null, classIndices, null, null, null);
    }

    /// <summary>
    /// os.walk of one class folder, entries sorted by root path and file names sorted within a root, whitelisted names
    /// kept, each returned as "class/relative/path" with '/' separators.
    /// </summary>
    static List<string> ListClass(string classDir, string className, bool followLinks, ref bool tiffSeen)
    {
        var roots = new List<(string Root, string Rel, List<string> Files)>();
        if (System.IO.Directory.Exists(classDir)) Walk(classDir, "", followLinks, roots, []);
        roots.Sort((a, b) => string.CompareOrdinal(a.Root, b.Root));
        var result = new List<string>();
        foreach (var (_, rel, files) in roots)
        {
            files.Sort(string.CompareOrdinal);
            foreach (string f in files)
            {
                if (f.EndsWith(".tiff", StringComparison.OrdinalIgnoreCase)) Volatile.Write(ref tiffSeen, true);
                if (WhiteListFormats.IsWhiteListed(f))
                    result.Add(rel.Length == 0 ? $"{className}/{f}" : $"{className}/{rel}/{f}");
            }
        }
        return result;
    }

    static void Walk(string root, string rel, bool followLinks, List<(string, string, List<string>)> roots, HashSet<FileIdentity> ancestors)
    {
        // Cycle detection: a folder already on the path from the class folder (a link loop) is not entered again.
        var self = FileProbe.Stat(root).Identity;
        if (self is { } id && !ancestors.Add(id)) return;
        var files = new List<string>();
        var dirs = new List<string>();
        try
        {
            foreach (string entry in System.IO.Directory.EnumerateFileSystemEntries(root))
            {
                string name = Path.GetFileName(entry);
                if (System.IO.Directory.Exists(entry)) dirs.Add(name);
                else if (!WhiteListFormats.IsWhiteListed(name) || FileProbe.Stat(entry).Kind == FileKind.Regular) files.Add(name);
                // else: a FIFO, device, socket or broken link with an image name; reading it would block or never end
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return; // os.walk skips folders it cannot list
        }
        roots.Add((root, rel, files));
        foreach (string d in dirs)
        {
            string full = root + "/" + d;
            if (!followLinks && new DirectoryInfo(full).LinkTarget != null) continue;
            Walk(full, rel.Length == 0 ? d : rel + "/" + d, followLinks, roots, ancestors);
        }
        if (self is { } done) ancestors.Remove(done);
    }
}
