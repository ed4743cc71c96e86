using System.CommandLine;

namespace AugNet.Cli.Commands;

/// <summary><c>augnet summary MODEL</c>: Keras's <c>model.summary()</c> table for a saved model, AugNet's or Keras's.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "Model file: .h5 (Keras 2 HDF5) or .keras, written by AugNet or by Keras" };
        var command = new Command("summary", "Print a saved model's layers, output shapes and parameter counts as Keras's model.summary() does.\n"
            + "Example: augnet summary runs/cvd/model.h5")
            { model };
        command.SetAction(result =>
        {
            var m = ModelInput.LoadModel(result.GetValue(model)!.FullName);
            // Before the table, so the output still ends with Keras's parameter lines, which scripts read.
            if (m.Preprocessing is { } p)
                Console.WriteLine($"Preprocessing: {p.ColorMode}, {p.Interpolation} resize, rescale {p.Rescale?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, "
                    + $"{p.ClassMode} classes {string.Join(", ", p.ClassNames)}");
            m.Summary(Console.Out);
            return 0;
        });
        return command;
    }
}
