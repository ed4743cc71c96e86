namespace AugNet.Persistence;

/// <summary>What reading a model config collects beside the layers: warnings for settings that only affect training
/// (regularizers, constraints), and checks that need the built shapes (BatchNormalization's axis).</summary>
internal sealed class ConfigReadContext
{
    public List<string> Warnings { get; } = [];
    public List<Action> AfterBuild { get; } = [];
}
