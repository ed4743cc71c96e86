using AugNet.Data;
using AugNet.NN;
using AugNet.NN.Layers;
using AugNet.NN.Training;
using AugNet.Persistence;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>--model small|book|FILE.json</c> and <c>--optimizer</c>: which network train builds and how it is compiled.
/// small is the book's convnet with as many conv blocks as the image size suits (3 below 100 pixels, fewer for tiny
/// images: the 32-pixel recipe); book is its four blocks as in the chapter; FILE.json is a Keras model config
/// (<c>model.to_json()</c>), whose input size and head are the file's and are checked against the data.
/// The head and loss follow the class mode: binary → Dense(1, sigmoid) + binary_crossentropy; categorical →
/// Dense(K, softmax) + categorical_crossentropy; sparse → Dense(K, softmax) + sparse_categorical_crossentropy.
/// </summary>
internal sealed class TrainModelChoice
{
    /// <summary>The smallest image small takes: the CLI's floor (one conv block fits from 4 pixels, but nothing is learnt below 8).</summary>
    const int SmallestSmall = 8;
    const int BookBlocks = 4;

    readonly string _name;
    readonly Sequential? _fromFile;

    TrainModelChoice(string name, Sequential? fromFile) => (_name, _fromFile) = (name, fromFile);

    /// <summary>Reads --model; a config file is read now, so a bad one is refused before any image is listed.</summary>
    public static TrainModelChoice Parse(string text, uint seed)
    {
        if (text is "small" or "book") return new TrainModelChoice(text, null);
        if (!text.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--model must be small, book or a Keras model config FILE.json; got '{text}'.");
        string path = Path.GetFullPath(text);
        if (!File.Exists(path)) throw new UsageException($"--model {path}: no such file.");
        try { return new TrainModelChoice(path, ModelFile.FromKerasConfigJson(File.ReadAllText(path), seed, m => Console.Error.WriteLine($"warning: {path}: {m}"))); }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException) { throw new InvalidDataException($"{path}: {e.Message}", e); }
    }

    /// <summary>The input size the file fixes (height, width, channels), or null when --size decides.</summary>
    public int[]? FixedInput => _fromFile?.InputShape;

    /// <summary>Refuses a --size the model cannot take (book: 46, whose four blocks need it) and a file model's other sizes or channels.</summary>
    public void CheckInput(int size, bool sizeGiven, int channels, string colorMode)
    {
        if (FixedInput is { } input)
        {
            if (sizeGiven && (input[0] != size || input[1] != size))
                throw new UsageException($"--size {size} does not match {_name}, whose input is {input[0]}×{input[1]}; omit --size to use it.");
            if (input.Length != 3 || input[2] != channels)
                throw new UsageException($"--color-mode {colorMode} gives {channels}-channel images but {_name} takes input ({string.Join(", ", input)}).");
            return;
        }
        int smallest = _name == "book" ? ModelZoo.SmallestSize(BookBlocks) : SmallestSmall;
        if (size < smallest)
            throw new UsageException(_name == "book"
                ? $"--size {size} is below {smallest}, the smallest image the book model's {BookBlocks} conv blocks take; use --size {smallest} or more, or --model small."
                : $"--size must be at least {smallest}, got {size}.");
    }

    /// <summary>The compiled model for the classes; a file model whose last layer does not fit them is refused, saying what it needs.</summary>
    public Sequential Create(int size, int channels, uint seed, ClassMode mode, int classes, Optimizer optimizer, IReadOnlyList<Layer>? front = null)
    {
        int outputs = mode == ClassMode.Binary ? 1 : classes;
        Sequential model;
        if (_fromFile is null)
        {
            model = ModelZoo.BookConvnetBody(size, channels, seed, _name == "book" ? BookBlocks : null, front: front);
            model.Add(new Dense(outputs, activation: mode == ClassMode.Binary ? "sigmoid" : "softmax"));
        }
        else
        {
            model = _fromFile;
            if (model.OutputShape is not [var n] || n != outputs)
                throw new ArgumentException($"{_name}: the model outputs ({string.Join(", ", model.OutputShape ?? [])}) but {classes} classes with class mode "
                    + $"{mode.ToKeras()} need a last layer Dense({outputs}, {(mode == ClassMode.Binary ? "sigmoid" : "softmax")}).");
        }
        Loss loss = mode switch
        {
            ClassMode.Binary => new BinaryCrossentropy(),
            ClassMode.Sparse => new SparseCategoricalCrossentropy(),
            _ => new CategoricalCrossentropy(),
        };
        model.Compile(optimizer, loss, "acc");
        return model;
    }

    /// <summary>
    /// --optimizer with --learning-rate, or the optimizer's usual rate when none is given: RMSprop 1e-4 (the book's),
    /// Adam 1e-3 and SGD 1e-2 (Keras's defaults).
    /// </summary>
    public static Optimizer CreateOptimizer(string name, double? learningRate) => name switch
    {
        "adam" => new Adam(learningRate ?? 1e-3),
        "sgd" => new SGD(learningRate ?? 1e-2),
        _ => new RMSprop(learningRate ?? 1e-4),
    };
}
