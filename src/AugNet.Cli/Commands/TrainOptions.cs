using System.CommandLine;
using AugNet.Augmentation;
using AugNet.Data;
using AugNet.Imaging;

namespace AugNet.Cli.Commands;

/// <summary>
/// The options of <c>augnet train</c>, each with one sentence of help (what it does, its unit, an example), and
/// <see cref="Read"/>, which checks them all before any image is listed, so a bad number or a missing file is refused
/// at once (exit 2) rather than after minutes of loading.
/// </summary>
internal sealed class TrainOptions
{
    public Argument<DirectoryInfo?> Data { get; } = new("data")
    {
        Arity = ArgumentArity.ZeroOrOne,
        Description = "Folder with train/ and validation/ class folders (the book's layout, e.g. from 'augnet datasets fetch cats-vs-dogs'), "
            + "or with class folders directly (then give --validation-split); omit with --csv",
    };
    public Option<FileInfo?> Csv { get; } = new("--csv") { HelpName = "FILE", Description = "Train from a CSV listing image files and labels (Keras's flow_from_dataframe) instead of a folder; needs --validation-split, e.g. --csv labels.csv" };
    public Option<string> XCol { get; } = new("--x-col") { HelpName = "COLUMN", Description = "The CSV column holding image file names, e.g. --x-col filename", DefaultValueFactory = _ => "filename" };
    public Option<string> YCol { get; } = new("--y-col") { HelpName = "COLUMN", Description = "The CSV column holding class names, e.g. --y-col class", DefaultValueFactory = _ => "class" };
    public Option<DirectoryInfo?> Directory { get; } = new("--directory") { HelpName = "DIR", Description = "Folder the CSV's file names are relative to (default: they are paths as written), e.g. --directory images" };
    public Option<int> Size { get; } = new("--size") { HelpName = "PIXELS", Description = "Images are resized to SIZE×SIZE pixels (the book uses 150; a --model FILE.json sets its own), e.g. --size 32", DefaultValueFactory = _ => 150 };
    public Option<string> ColorMode { get; } = new("--color-mode") { Description = "How images are loaded: rgb (3 channels), grayscale (1) or rgba (4), e.g. --color-mode grayscale", DefaultValueFactory = _ => "rgb" };
    public Option<string> Interpolation { get; } = new("--interpolation") { Description = "Resize filter: nearest (Keras's default), bilinear, bicubic, hamming, box or lanczos, e.g. --interpolation bilinear", DefaultValueFactory = _ => "nearest" };
    public Option<string?> ClassMode { get; } = new("--class-mode") { Description = "Labels and head: binary (one sigmoid output), categorical (one-hot, softmax) or sparse (class index, softmax); default binary for two classes, else categorical" };
    public Option<int> Epochs { get; } = new("--epochs") { HelpName = "N", Description = "Passes over the training images, e.g. --epochs 30 (with --resume: the new total)", DefaultValueFactory = _ => 30 };
    public Option<int> BatchSize { get; } = new("--batch-size") { HelpName = "N", Description = "Images per training step, e.g. --batch-size 32", DefaultValueFactory = _ => 32 };
    public Option<int?> Steps { get; } = new("--steps-per-epoch") { HelpName = "N", Description = "Training batches per epoch (default: one pass over the training images), e.g. --steps-per-epoch 100" };
    public Option<int?> ValidationSteps { get; } = new("--validation-steps") { HelpName = "N", Description = "Validation batches per epoch (default: one pass over the validation images), e.g. --validation-steps 50" };
    public Option<string> Optimizer { get; } = new("--optimizer") { Description = "rmsprop (the book's), adam or sgd, e.g. --optimizer adam", DefaultValueFactory = _ => "rmsprop" };
    public Option<double?> LearningRate { get; } = new("--learning-rate") { HelpName = "RATE", Description = "Step size of the optimizer (default: rmsprop 1e-4 as in the book, adam 1e-3, sgd 1e-2), e.g. --learning-rate 5e-4" };
    public Option<string> Model { get; } = new("--model") { HelpName = "small|book|FILE.json", Description = "small (the book's convnet with fewer blocks for small images), book (its four blocks; --size 46 or more) or a Keras model config FILE.json (model.to_json()), e.g. --model book", DefaultValueFactory = _ => "small" };
    public Option<string?> AugmentLayers { get; } = new("--augment-layers")
    {
        HelpName = "SPEC|FILE.json",
        Description = "Keras 3 augmentation layers in front of the model (the second edition's route, instead of the generator flags): "
            + "KIND:VALUE or KIND:LOWER:UPPER entries (shear:X or shear:X:Y for x and y, grayscale:PROBABILITY, jitter:B:C:S:H with empty slots skipped), kinds " + AugmentLayerSpec.Kinds + ", e.g. --augment-layers flip:horizontal,rotation:0.1,zoom:0.2; "
            + "or a FILE.json of Keras layer configs as Keras writes them ([{\"class_name\": \"RandomFlip\", \"config\": {...}}, ...], or a keras.Sequential config), "
            + "classes RandomFlip, RandomRotation, RandomZoom, RandomTranslation, RandomContrast, RandomBrightness, RandomShear, RandomGrayscale, RandomHue, RandomSaturation, RandomColorJitter, e.g. --augment-layers augment.json",
    };
    public Option<int> ImageCacheMb { get; } = new("--image-cache-mb")
    {
        HelpName = "MB",
        Description = "Decoded images kept in memory after their first epoch, per iterator, so later epochs decode nothing (0 = read every file every epoch), e.g. --image-cache-mb 0",
        DefaultValueFactory = _ => (int)(PipelineOptions.DefaultImageCacheBytes >> 20),
    };
    public Option<bool> JpegDraft { get; } = new("--jpeg-draft")
    {
        Description = "Decode JPEGs at 1/2, 1/4 or 1/8 scale when --size allows, as Pillow's Image.draft: much faster for photos several times the size; "
            + "pixels differ slightly from Keras's load_img (saved in the model, so predict and evaluate do the same)",
    };
    public Option<int?> EarlyStopping { get; } = new("--early-stopping") { HelpName = "PATIENCE", Description = "Stop when --monitor has not improved for PATIENCE epochs (Keras's EarlyStopping), e.g. --early-stopping 5" };
    public Option<uint> Seed { get; } = new("--seed") { HelpName = "SEED", Description = "Seed for the weights, the shuffling and the augmentation, e.g. --seed 42", DefaultValueFactory = _ => 1 };
    public Option<string> Monitor { get; } = new("--monitor") { Description = "What best.h5 and --early-stopping follow: val_loss (lower is better) or val_acc (higher), e.g. --monitor val_acc", DefaultValueFactory = _ => "val_loss" };
    public Option<FileInfo?> Config { get; } = new("--config") { HelpName = "FILE.json", Description = "A JSON object of ImageDataGenerator keywords in Keras's names, e.g. {\"rotation_range\": 40, \"horizontal_flip\": true}; flags given explicitly override it" };
    public Option<DirectoryInfo> Out { get; } = new("--out") { HelpName = "RUN_DIR", Description = "Run folder for the model, checkpoints, log and plots, e.g. --out runs/cvd", DefaultValueFactory = _ => new DirectoryInfo("runs/latest") };
    public Option<DirectoryInfo?> Resume { get; } = new("--resume")
    {
        HelpName = "RUN_DIR",
        Description = "Continue the run in RUN_DIR from its last.h5 (written every epoch and on Ctrl-C) with the same data and settings, "
            + "exactly as if it had not stopped; --epochs N may raise the total. Example: augnet train --resume runs/cvd --epochs 60",
    };
    public GeneratorOptionsBinding Generator { get; }

    public TrainOptions(Command command)
    {
        ColorMode.AcceptOnlyFromAmong("rgb", "grayscale", "rgba");
        Interpolation.AcceptOnlyFromAmong("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos");
        ClassMode.AcceptOnlyFromAmong("binary", "categorical", "sparse");
        Optimizer.AcceptOnlyFromAmong("rmsprop", "adam", "sgd");
        Monitor.AcceptOnlyFromAmong("val_loss", "val_acc");
        command.Arguments.Add(Data);
        foreach (Option o in new Option[] { Csv, XCol, YCol, Directory, Size, ColorMode, Interpolation, ClassMode, Epochs, BatchSize, Steps, ValidationSteps,
            Optimizer, LearningRate, Model, AugmentLayers, ImageCacheMb, JpegDraft, EarlyStopping, Seed, Monitor, Config, Out, Resume })
            command.Options.Add(o);
        Generator = new GeneratorOptionsBinding(command);
    }

    /// <summary>The paths among the arguments, so run.json can keep them absolute (a resume from another folder still finds them).</summary>
    public IEnumerable<(System.CommandLine.Parsing.SymbolResult? Given, string FullPath)> Paths(ParseResult r)
    {
        yield return (r.GetResult(Data), r.GetValue(Data)?.FullName ?? "");
        yield return (r.GetResult(Csv), r.GetValue(Csv)?.FullName ?? "");
        yield return (r.GetResult(Directory), r.GetValue(Directory)?.FullName ?? "");
        yield return (r.GetResult(Config), r.GetValue(Config)?.FullName ?? "");
        yield return (r.GetResult(Out), r.GetValue(Out)!.FullName);
        if (r.GetValue(Model) is { } m && m.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) yield return (r.GetResult(Model), Path.GetFullPath(m));
    }

    /// <summary>Every option checked and read, before any work: numbers in range, files present, the data source unambiguous.</summary>
    public TrainSettings Read(ParseResult r)
    {
        int epochs = r.GetValue(Epochs), batch = r.GetValue(BatchSize);
        if (epochs < 1) throw new UsageException($"--epochs must be at least 1, got {epochs}.");
        if (batch < 1) throw new UsageException($"--batch-size must be at least 1, got {batch}.");
        foreach (var (name, value) in new[] { ("--steps-per-epoch", r.GetValue(Steps)), ("--validation-steps", r.GetValue(ValidationSteps)) })
            if (value < 1) throw new UsageException($"{name} must be at least 1, got {value}.");
        if (r.GetValue(EarlyStopping) is < 0 and var patience) throw new UsageException($"--early-stopping must be a number of epochs (0 or more), got {patience}.");
        if (r.GetValue(ImageCacheMb) is < 0 and var cacheMb) throw new UsageException($"--image-cache-mb must be 0 (no cache) or more, got {cacheMb}.");
        if (r.GetValue(LearningRate) is { } lr && !(lr > 0 && double.IsFinite(lr))) throw new UsageException($"--learning-rate must be a positive number, got {lr}.");

        var kerasArguments = TrainGenerators.KerasArguments(r.GetValue(Config), Generator.ToKerasDictionary(r));
        var augmentation = ImageDataGeneratorOptions.FromKerasDictionary(kerasArguments);
        if (augmentation.DataFormat != DataFormat.ChannelsLast) throw new UsageException("train's models take channels_last images; omit --data-format.");
        var color = ImageLoader.ParseColorMode(r.GetValue(ColorMode)!);
        int channels = color switch { Imaging.ColorMode.Grayscale => 1, Imaging.ColorMode.Rgba => 4, _ => 3 };
        uint seed = r.GetValue(Seed);
        var model = TrainModelChoice.Parse(r.GetValue(Model)!, seed);
        int size = r.GetValue(Size);
        model.CheckInput(size, r.GetResult(Size) is { Implicit: false }, channels, r.GetValue(ColorMode)!);
        var input = model.FixedInput ?? [size, size, channels];
        string? augmentLayers = r.GetValue(AugmentLayers);
        if (augmentLayers is not null)
        {
            if (model.FixedInput is not null) throw new UsageException("--augment-layers goes in front of --model small or book; put the layers in the model config FILE.json instead.");
            // The factors' checks, and the layers built on the input shape (hue and saturation need 3 channels), now,
            // before any image is listed; the model builds its own copies later.
            int[] shape = input;
            foreach (var layer in AugmentLayerSpec.Parse(augmentLayers, seed))
            {
                try { shape = layer.Build(shape, null); }
                catch (ArgumentException e) { throw new UsageException($"--augment-layers with --color-mode {r.GetValue(ColorMode)}: {e.Message}"); }
            }
        }

        // The data source last: its checks look at the disk, the ones above only at the command line.
        var source = Source(r);
        bool split = kerasArguments.ContainsKey("validation_split");
        if (source is TrainSource.Csv && !split)
            throw new UsageException("--csv needs --validation-split (e.g. 0.2) to hold out validation rows (Keras's subsets: the first rows of the CSV).");
        return new TrainSettings
        {
            Source = source,
            Augmentation = augmentation,
            ValidationSplitGiven = split,
            Loading = new TrainData.Loading((input[0], input[1]), color, ImageLoader.ParseInterpolation(r.GetValue(Interpolation)!), batch, seed,
                (long)r.GetValue(ImageCacheMb) << 20, r.GetValue(JpegDraft)),
            Channels = channels,
            ClassMode = r.GetValue(ClassMode) is { } mode ? ClassModeNames.Parse(mode) : null,
            Model = model,
            Optimizer = r.GetValue(Optimizer)!,
            LearningRate = r.GetValue(LearningRate),
            Epochs = epochs,
            Steps = r.GetValue(Steps),
            ValidationSteps = r.GetValue(ValidationSteps),
            EarlyStopping = r.GetValue(EarlyStopping),
            AugmentLayers = augmentLayers,
            Monitor = r.GetValue(Monitor)!,
        };
    }

    /// <summary>DATA or --csv, exactly one; the CSV's column options only with --csv.</summary>
    TrainSource Source(ParseResult r)
    {
        var data = r.GetValue(Data);
        var csv = r.GetValue(Csv);
        if (csv is null)
        {
            foreach (Option o in new Option[] { XCol, YCol, Directory })
                if (r.GetResult(o) is { Implicit: false }) throw new UsageException($"{o.Name} describes the CSV of --csv; give --csv FILE too, or drop {o.Name}.");
            if (data is null) throw new UsageException("train needs a DATA folder, --csv FILE, or --resume RUN_DIR.");
            if (!data.Exists) throw new UsageException($"{data.FullName}: no such folder (the DATA argument).");
            return new TrainSource.Folders(data.FullName);
        }
        if (data is not null) throw new UsageException($"give either a DATA folder ({data.Name}) or --csv, not both; use --directory for the folder the CSV's files are in.");
        if (!csv.Exists) throw new UsageException($"--csv {csv.FullName}: no such file.");
        var dir = r.GetValue(Directory);
        if (dir is { Exists: false }) throw new UsageException($"--directory {dir.FullName}: no such folder.");
        return new TrainSource.Csv(csv.FullName, dir?.FullName, r.GetValue(XCol)!, r.GetValue(YCol)!);
    }
}

/// <summary>A train run's settings, read and checked by <see cref="TrainOptions.Read"/>.</summary>
internal sealed record TrainSettings
{
    public required TrainSource Source { get; init; }
    public required ImageDataGeneratorOptions Augmentation { get; init; }
    public required bool ValidationSplitGiven { get; init; }
    public required TrainData.Loading Loading { get; init; }
    public required int Channels { get; init; }
    public required ClassMode? ClassMode { get; init; }
    public required TrainModelChoice Model { get; init; }
    public required string Optimizer { get; init; }
    public required double? LearningRate { get; init; }
    public required int Epochs { get; init; }
    public required int? Steps { get; init; }
    public required int? ValidationSteps { get; init; }
    public required int? EarlyStopping { get; init; }
    /// <summary>--augment-layers as given (layers are made fresh from it, seeded, when the model is built).</summary>
    public string? AugmentLayers { get; init; }
    public required string Monitor { get; init; }
}
