using System.Text.Json;
using System.Text.Json.Nodes;
using AugNet.NN.Training;
using AugNet.Persistence;

namespace AugNet.Cli.Commands;

/// <summary>
/// The files of one <c>augnet train</c> run folder that make it resumable: <c>run.json</c> (the command line the run
/// was started with, so <c>--resume</c> rebuilds the same data iterators with the same seeds) and <c>last.h5</c> (the
/// model with its training state, written at every epoch end and on Ctrl-C). Both are written atomically.
/// </summary>
internal sealed class RunFolder(string path)
{
    public string Path { get; } = path;
    public string Settings => System.IO.Path.Combine(Path, "run.json");
    public string Last => System.IO.Path.Combine(Path, "last.h5");

    public void SaveArguments(IReadOnlyList<string> args)
    {
        var json = new JsonObject { ["command"] = "train", ["args"] = new JsonArray([.. args.Select(a => (JsonNode)a)]) };
        File.WriteAllText(Settings + ".tmp", json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(Settings + ".tmp", Settings, overwrite: true);
    }

    /// <summary>The saved arguments; a missing or foreign run.json is one clear error naming the folder.</summary>
    public string[] LoadArguments()
    {
        if (!File.Exists(Settings) || !File.Exists(Last))
            throw new FileNotFoundException($"{Path} is not a resumable run folder (it needs run.json and last.h5, which 'augnet train --out {Path}' writes).");
        try
        {
            var args = JsonNode.Parse(File.ReadAllText(Settings))?["args"] as JsonArray ?? throw new InvalidDataException("no args list");
            return [.. args.Select(a => a!.GetValue<string>())];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidDataException)
        {
            throw new InvalidDataException($"{Settings}: not a run settings file ({e.Message}).", e);
        }
    }

    public (NN.Sequential Model, TrainingState State) LoadLast()
    {
        var (model, state) = ModelFile.LoadCheckpoint(Last);
        return (model, state ?? throw new InvalidDataException($"{Last} holds no training state to resume from."));
    }
}
