using AugNet.Imaging;

namespace AugNet.Tests.Cli;

/// <summary>
/// Synthetic class folders in a temp folder — three colours (rgb/blue, green, red) and three grey levels
/// (gray/dark, light, mid), 6 tiny noisy PNGs each — and one 3-class model trained on the colours, shared by the
/// CLI tests so training runs once.
/// </summary>
public sealed class CliFixture : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "augnet-cli-" + Guid.NewGuid().ToString("N"));
    public string Rgb => Path.Combine(Root, "rgb");
    public string Gray => Path.Combine(Root, "gray");
    public string Run => Path.Combine(Root, "run");
    public string ModelPath => Path.Combine(Run, "model.h5");
    public CliRunner.Result Train { get; }
    public static readonly string[] Colours = ["blue", "green", "red"];
    public const int PerClass = 6;

    public CliFixture()
    {
        var random = new Random(7);
        WriteClass(Rgb, "red", [220, 30, 30], random);
        WriteClass(Rgb, "green", [30, 200, 40], random);
        WriteClass(Rgb, "blue", [20, 40, 230], random);
        WriteClass(Gray, "dark", [30], random);
        WriteClass(Gray, "mid", [128], random);
        WriteClass(Gray, "light", [225], random);
        Train = CliRunner.Run("train", Rgb, "--validation-split", "0.3", "--size", "16", "--epochs", "1", "--seed", "3", "--out", Run);
    }

    /// <summary>PNGs of 20×20 pixels around <paramref name="colour"/> (±20 noise), 1 channel for grey, 3 for colour.</summary>
    static void WriteClass(string root, string name, int[] colour, Random random)
    {
        string dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        for (int n = 0; n < PerClass; n++)
        {
            var image = new Tensor(20, 20, colour.Length);
            for (int i = 0; i < image.Length; i++) image.Data[i] = Math.Clamp(colour[i % colour.Length] + random.Next(-20, 21), 0, 255);
            ImageSaver.SaveImage(Path.Combine(dir, $"{name}.{n}.png"), image, scale: false);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, true);
    }
}
