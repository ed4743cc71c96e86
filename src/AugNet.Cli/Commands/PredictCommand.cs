using System.CommandLine;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>augnet predict MODEL IMAGE|DIR...</c> (one line per image: path, class, probability) or
/// <c>augnet predict MODEL --npy X.npy --out Y.npy</c> (raw outputs of an array batch). The two forms are one
/// command because scripts call both as "predict"; the work is in <see cref="ImagePrediction"/> and <see cref="NpyPrediction"/>.
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "Model file (.h5 or .keras), e.g. RUN_DIR/model.h5 from 'augnet train'" };
        var inputs = new Argument<string[]>("inputs") { Description = "Image files or folders (searched recursively for png, jpg, jpeg, bmp, gif, webp)", Arity = ArgumentArity.ZeroOrMore };
        var npy = new Option<FileInfo?>("--npy")
        {
            Description = "Predict an NPY batch instead of images: shape (N, *input shape) or exactly the input shape (one sample). "
                + "Values are used as they are (no rescaling); non-float32 dtypes are converted to float32. "
                + "NaN or infinite values are refused, naming the first one's index, because they would silently spread through the outputs.",
        };
        var output = new Option<FileInfo?>("--out") { Description = "With --npy: where the float32 NPY of outputs (N, outputs) goes" };
        var csv = new Option<FileInfo?>("--csv") { Description = "With images: also write a CSV table (path, class, probability, then one probability column per class)" };
        var skipBad = new Option<bool>("--skip-bad") { Description = "With images: skip unreadable images with a warning instead of stopping" };
        var batch = new Option<int>("--batch-size") { Description = "Samples per forward pass", DefaultValueFactory = _ => 32 };
        var command = new Command("predict", "Classify images with a trained model, or run it on an NPY array.\n"
            + "Prints path<TAB>class<TAB>probability per image (the probability of the predicted class), preparing images as the model was trained "
            + "(size, colour mode, resize filter, rescale).\n"
            + "Examples: augnet predict runs/cvd/model.h5 data/cats-vs-dogs/test --csv predictions.csv\n"
            + "          augnet predict runs/cvd/model.h5 --npy x.npy --out y.npy")
            { model, inputs, npy, output, csv, skipBad, batch };

        command.SetAction(result =>
        {
            string modelPath = result.GetValue(model)!.FullName;
            string[] paths = result.GetValue(inputs) ?? [];
            int batchSize = result.GetValue(batch);
            if (batchSize < 1) throw new ArgumentException($"--batch-size must be positive, got {batchSize}.");
            if (result.GetValue(npy) is { } npyFile)
            {
                if (paths.Length > 0) throw new ArgumentException("Give either image files/folders or --npy, not both.");
                if (result.GetValue(csv) is not null || result.GetValue(skipBad)) throw new ArgumentException("--csv and --skip-bad apply to images, not to --npy.");
                var outFile = result.GetValue(output) ?? throw new ArgumentException("--npy needs --out Y.npy for the predictions.");
                NpyPrediction.Run(modelPath, npyFile.FullName, outFile.FullName, batchSize);
                return 0;
            }
            if (result.GetValue(output) is not null) throw new ArgumentException("--out is for --npy; use --csv to save image predictions.");
            if (paths.Length == 0) throw new ArgumentException("Give image files or folders to classify, or --npy X.npy --out Y.npy.");
            return ImagePrediction.Run(modelPath, paths, result.GetValue(csv)?.FullName, result.GetValue(skipBad), batchSize);
        });
        return command;
    }
}
