namespace AugNet.Data;

/// <summary>
/// What a file iterator's listing found: the files (names as listed and full paths) and, per file, what its class mode
/// labels it with. Made by <see cref="DirectoryIterator"/> and <see cref="DataFrameListing"/>, read by
/// <see cref="FileImageIterator"/>.
/// </summary>
internal sealed record FileListing(
    string[] Filenames, string[] FilePaths, int[]? Classes, int[][]? MultiLabels, IReadOnlyDictionary<string, int> ClassIndices,
    float[]? SampleWeight, Tensor? RawTargets, Tensor[]? Outputs);
