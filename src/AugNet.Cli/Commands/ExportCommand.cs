using System.CommandLine;
using AugNet.Persistence;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>augnet export MODEL --onnx --out FILE</c>: the model as ONNX for other runtimes. --onnx is required (not
/// implied) so that later formats can be added without changing what existing scripts ask for.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "Model file (.h5 or .keras)" };
        var onnx = new Option<bool>("--onnx") { Description = "Export as ONNX (the only format so far; required)" };
        var output = new Option<FileInfo>("--out") { Description = "The file to write, e.g. model.onnx", Required = true };
        var channelsFirst = new Option<bool>("--channels-first") { Description = "Take (N, C, H, W) input, as most ONNX image tools expect (the model itself stays channels-last inside)" };
        var opset = new Option<int>("--opset") { Description = "ONNX opset version", DefaultValueFactory = _ => new OnnxExportOptions().Opset };
        var command = new Command("export", "Export a saved model to another format (ONNX).\n"
            + "Example: augnet export runs/cvd/model.h5 --onnx --out cvd.onnx --channels-first")
            { model, onnx, output, channelsFirst, opset };
        command.SetAction(result =>
        {
            if (!result.GetValue(onnx)) throw new ArgumentException("Say which format to export: --onnx (the only one so far).");
            var m = ModelInput.LoadModel(result.GetValue(model)!.FullName);
            string path = result.GetValue(output)!.FullName;
            string? folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            m.ExportOnnx(path, new OnnxExportOptions { Opset = result.GetValue(opset), ChannelsFirstInput = result.GetValue(channelsFirst) });
            Console.WriteLine($"onnx: {path} ({new FileInfo(path).Length:N0} bytes, opset {result.GetValue(opset)})");
            return 0;
        });
        return command;
    }
}
