using AugNet.NN.Layers;
using AugNet.NN.Training;

namespace AugNet.NN;

/// <summary>Ready-made models, for the CLI and the benchmarks.</summary>
public static class ModelZoo
{
    /// <summary>
    /// The convnet of Deep Learning with Python §5.2: Conv2D(32/64/128/128, 3×3, relu) each followed by
    /// MaxPooling2D(2), Flatten, Dropout(0.5), Dense(512, relu), Dense(1, sigmoid), compiled with RMSprop(lr=1e-4),
    /// binary_crossentropy and 'acc'. At 150×150×3 it has 3,453,121 parameters. <paramref name="convBlocks"/>
    /// defaults to 4, or 3 below 100 pixels (as the 32×32 peer benchmark does, where a fourth block would not fit),
    /// and to fewer still when the image is too small for them (16 pixels fits 2), so tiny test images train.
    /// With <paramref name="classes"/> above 2 the head becomes Dense(classes, softmax) with categorical_crossentropy,
    /// the same change the book makes for more than two classes; 2 keeps the binary sigmoid head.
    /// <paramref name="dropout"/> 0 leaves the Dropout layer out: the book's first, overfitting model (Listing 5.5),
    /// which the quickstart trains as the baseline. <paramref name="front"/>: layers before the conv blocks, as in
    /// <see cref="BookConvnetBody"/> (e.g. the second edition's RandomFlip, RandomRotation, RandomZoom).
    /// </summary>
    public static Sequential BookConvnet(int size = 150, int channels = 3, uint seed = 0, int? convBlocks = null, double learningRate = 1e-4,
        int classes = 2, double dropout = 0.5, IReadOnlyList<Layer>? front = null)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "A classifier needs at least 2 classes.");
        var model = BookConvnetBody(size, channels, seed, convBlocks, dropout, front);
        if (classes == 2)
        {
            model.Add(new Dense(1, activation: "sigmoid"));
            model.Compile(new RMSprop(learningRate), new BinaryCrossentropy(), "acc");
        }
        else
        {
            model.Add(new Dense(classes, activation: "softmax"));
            model.Compile(new RMSprop(learningRate), new CategoricalCrossentropy(), "acc");
        }
        return model;
    }

    /// <summary>
    /// <see cref="BookConvnet"/> without its head: the conv/pool blocks, Flatten, Dropout (0.5; 0 leaves it out) and Dense(512, relu),
    /// uncompiled, for callers that choose the head and loss themselves (a softmax head for two classes, a sparse
    /// loss). Adding Dense(1, sigmoid) and compiling gives exactly BookConvnet's weights for the same seed.
    /// </summary>
    /// <remarks>
    /// <paramref name="front"/>: layers placed before the conv blocks, e.g. the second edition's augmentation block
    /// (RandomFlip, RandomRotation, RandomZoom); an InputLayer then declares the input shape. The conv weights are the
    /// same as without them (the front layers draw from their own generators).
    /// </remarks>
    public static Sequential BookConvnetBody(int size = 150, int channels = 3, uint seed = 0, int? convBlocks = null, double dropout = 0.5,
        IReadOnlyList<Layer>? front = null)
    {
        if (dropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "dropout must be in [0, 1).");
        int blocks = convBlocks ?? DefaultBlocks(size);
        if (blocks is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(convBlocks), blocks, "The book's convnet has 1 to 4 conv blocks.");
        if (size < SmallestSize(blocks))
            throw new ArgumentOutOfRangeException(nameof(size), size, $"{blocks} conv blocks need images of at least {SmallestSize(blocks)} pixels.");
        var model = new Sequential(seed);
        bool hasFront = front is { Count: > 0 };
        if (hasFront)
        {
            model.Add(new InputLayer([size, size, channels]));
            foreach (var layer in front!) model.Add(layer);
        }
        int[] filters = [32, 64, 128, 128];
        for (int b = 0; b < blocks; b++)
        {
            model.Add(b == 0 && !hasFront ? new Conv2D(filters[b], 3, activation: "relu", inputShape: [size, size, channels]) : new Conv2D(filters[b], 3, activation: "relu"));
            model.Add(new MaxPooling2D(2));
        }
        model.Add(new Flatten());
        if (dropout > 0) model.Add(new Dropout(dropout));
        model.Add(new Dense(512, activation: "relu"));
        return model;
    }

    /// <summary>The smallest image side that <paramref name="convBlocks"/> 3×3 valid convs each followed by a 2×2 pool leave at least one pixel of (4 blocks: 46).</summary>
    public static int SmallestSize(int convBlocks)
    {
        int size = 1;
        while (!Fits(size, convBlocks)) size++;
        return size;
    }

    /// <summary>The book's block count for the size (4 from 100 pixels, else 3), lowered until each 3×3 valid conv and 2×2 pool leaves at least one pixel.</summary>
    static int DefaultBlocks(int size)
    {
        int blocks = size >= 100 ? 4 : 3;
        while (blocks > 1 && !Fits(size, blocks)) blocks--;
        return blocks;
    }

    static bool Fits(int size, int blocks)
    {
        for (int b = 0; b < blocks; b++)
        {
            size = (size - 2) / 2;
            if (size < 1) return false;
        }
        return true;
    }
}
