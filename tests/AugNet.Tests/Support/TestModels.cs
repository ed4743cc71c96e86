using AugNet.NN;
using AugNet.NN.Kernels;
using AugNet.NN.Layers;

namespace AugNet.Tests.Support;

/// <summary>Models and batches shared by the persistence tests (ONNX export, Keras files): every layer kind, with
/// random biases and BatchNormalization statistics so that a weight written or read wrongly changes the outputs.</summary>
public static class TestModels
{
    public static Tensor RandomBatch(int n, int[] sampleShape, uint seed, double low = -1, double high = 1)
    {
        var r = new NumpyRandom(seed);
        var x = new Tensor([n, .. sampleShape]);
        for (int i = 0; i < x.Length; i++) x.Data[i] = (float)r.Uniform(low, high);
        return x;
    }

    /// <summary>Non-trivial gamma, beta and moving statistics, so a BatchNormalization exported wrongly cannot pass.</summary>
    public static void RandomizeBatchNorm(BatchNormalization bn, uint seed)
    {
        var r = new NumpyRandom(seed);
        (double Low, double High)[] ranges = [(0.5, 1.5), (-0.5, 0.5), (-0.3, 0.3), (0.3, 2.0)];  // gamma, beta, mean, variance
        for (int p = 0; p < 4; p++)
            for (int i = 0; i < bn.Parameters[p].Count; i++) bn.Parameters[p].Value.Data[i] = (float)r.Uniform(ranges[p].Low, ranges[p].High);
    }

    /// <summary>Random biases too (the engine initialises them to zero, which would hide a bias left out).</summary>
    public static void RandomizeBiases(Sequential model, uint seed)
    {
        var r = new NumpyRandom(seed);
        foreach (var p in model.Parameters.Where(p => p.Name == "bias"))
            for (int i = 0; i < p.Count; i++) p.Value.Data[i] = (float)r.Uniform(-0.2, 0.2);
    }

    public static Sequential BatchNormAveragePoolModel()
    {
        var model = new Sequential(5)
        {
            // Kernel 4, stride 2, 'same' on 15×17 pads (1, 2) vertically and (1, 2) horizontally: the split is tested.
            new Conv2D(8, (4, 4), (2, 2), Padding.Same, activation: "relu", inputShape: [15, 17, 3]),
            new BatchNormalization(),
            // On 8×9: pads (0, 1) and (1, 1); padded cells must stay out of the average.
            new AveragePooling2D(3, strides: 2, padding: Padding.Same),
            new GlobalAveragePooling2D(),
            new Dense(5, activation: "softmax"),
        };
        model.Compile("adam", "categorical_crossentropy");
        RandomizeBatchNorm((BatchNormalization)model.Layers[1], 11);
        RandomizeBiases(model, 12);
        return model;
    }

    /// <summary>Rescaling first, 'same' conv and pooling, an Activation layer, GlobalMaxPooling2D, a linear Dense head.</summary>
    public static Sequential RescalingGlobalMaxModel()
    {
        var model = new Sequential(6)
        {
            new Rescaling(1.0 / 255, offset: -0.5, inputShape: [12, 10, 3]),
            new Conv2D(6, 3, padding: Padding.Same, activation: "tanh"),
            new MaxPooling2D(2, padding: Padding.Same),
            new Activation("sigmoid"),
            new GlobalMaxPooling2D(),
            new Dense(3),
        };
        model.Build();
        RandomizeBiases(model, 7);
        return model;
    }

    /// <summary>A model on vectors: Dense, BatchNormalization, tanh, Dropout, softmax Dense, compiled with SGD.</summary>
    public static Sequential DenseVectorModel()
    {
        var model = new Sequential(8)
        {
            new Dense(6, inputShape: [10]),
            new BatchNormalization(),
            new Activation("tanh"),
            new Dropout(0.3),
            new Dense(4, activation: "softmax"),
        };
        model.Compile(new AugNet.NN.Training.SGD(0.05, 0.9, nesterov: true), new AugNet.NN.Training.CategoricalCrossentropy(), "accuracy");
        RandomizeBatchNorm((BatchNormalization)model.Layers[1], 9);
        RandomizeBiases(model, 10);
        return model;
    }
}
