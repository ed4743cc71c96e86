using System.Diagnostics;
using System.Globalization;
using AugNet.NN;
using AugNet.NN.Kernels;

namespace AugNet.Bench;

/// <summary>
/// Model-level benchmark: the book's convnet (150×150×3) and the 32×32 sample model (three conv blocks), batch 32,
/// training steps (TrainOnBatch) and inference (Forward), timed as the median of a few steps after two warm-ups, and
/// the PyTorch peer (shared/peers/train_peer.py) run in the same invocation with the same thread count.
/// </summary>
public static class ModelBench
{
    const string PeerScript = "peers/train_peer.py";

    static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Prints each layer's forward and backward time (median of <paramref name="steps"/>) for one training step.</summary>
    public static void Profile(Sequential model, Tensor x, int steps)
    {
        model.TrainOnBatch(x, new Tensor(x.Shape[0], 1));
        var layers = model.Layers;
        var fwd = new double[layers.Count, steps];
        var bwd = new double[layers.Count, steps];
        var update = new double[1, steps];
        for (int s = 0; s < steps; s++)
        {
            var outputs = new Tensor[layers.Count];
            var t = x;
            for (int i = 0; i < layers.Count; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                t = layers[i].Forward(t, true);
                fwd[i, s] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                outputs[i] = t;
            }
            Tensor? g = new Tensor(t.Shape);
            Array.Fill(g.Data, 0.01f);
            for (int i = layers.Count - 1; i >= 0 && g is not null; i--)
            {
                long t0 = Stopwatch.GetTimestamp();
                g = layers[i].Backward(g);
                bwd[i, s] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
            long u0 = Stopwatch.GetTimestamp();
            model.Optimizer!.Apply(model.TrainableParameters);
            update[0, s] = Stopwatch.GetElapsedTime(u0).TotalMilliseconds;
        }
        for (int i = 0; i < layers.Count; i++)
        {
            double f = MedianOf(fwd, i, steps), b = MedianOf(bwd, i, steps);
            Console.WriteLine($"  {layers[i].Name,-16} {ShapeText.Batch(layers[i].OutputShape),-20} forward {f,7:F1} ms  backward {b,7:F1} ms");
        }
        Console.WriteLine($"  {"optimizer",-16} {model.Optimizer!.Name,-20} update  {MedianOf(update, 0, steps),7:F1} ms");
    }

    static double MedianOf(double[,] t, int row, int n)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = t[row, i];
        Array.Sort(v);
        return v[n / 2];
    }

    public static int Run(int threads, int steps, int[] sizes, bool profile = false, int rounds = 1, bool augmentLayers = false)
    {
        KernelSettings.MaxDegreeOfParallelism = threads;
        Console.WriteLine($"models: batch 32, {threads} threads, median of {steps} steps after 2 warm-ups, best of {rounds} round(s) alternating AugNet and PyTorch");
        var (peak, assumption) = KernelBench.Peak(threads);
        string? peer = PeerRunner.Find(PeerScript);
        foreach (int size in sizes)
        {
            const int batch = 32;
            var model = ModelZoo.BookConvnet(size, seed: 1);
            var x = new Tensor(batch, size, size, 3);
            var y = new Tensor(batch, 1);
            var rng = new Random(7);
            for (int i = 0; i < x.Data.Length; i++) x.Data[i] = (float)rng.NextDouble();
            for (int i = 0; i < batch; i++) y.Data[i] = rng.Next(2);

            double train = double.MaxValue, infer = double.MaxValue;
            double? torchTrain = null, torchInfer = null;
            for (int round = 0; round < rounds; round++)
            {
                // Alternate with the peer so that both see similar load on a shared machine; keep each side's best.
                train = Math.Min(train, Median(steps, () => model.TrainOnBatch(x, y)));
                infer = Math.Min(infer, Median(steps, () => model.Forward(x, training: false)));
                if (peer is null) continue;
                var values = PeerRunner.Run(PeerScript, "--size", Text(size), "--batch", Text(batch), "--threads", Text(threads), "--steps", Text(steps));
                if (values is null) continue;
                if (values.TryGetValue($"torch train {size}", out double t)) torchTrain = Math.Max(torchTrain ?? 0, t);
                if (values.TryGetValue($"torch infer {size}", out double i2)) torchInfer = Math.Max(torchInfer ?? 0, i2);
            }
            if (profile) Profile(model, x, steps);
            if (augmentLayers) AugmentLayers(size, x, y, steps, rounds, train);
            double trainImgs = batch / train, inferImgs = batch / infer;
            var (fwdFlops, trainFlops) = Flops(size, batch);
            Console.WriteLine($"augnet train {size}: {trainImgs:F1} img/s ({train * 1e3:F0} ms/step, {trainFlops / train / 1e9:F1} GFLOP/s = {trainFlops / train / 1e9 / peak * 100:F0}% of peak)");
            Console.WriteLine($"augnet infer {size}: {inferImgs:F1} img/s ({infer * 1e3:F0} ms/batch, {fwdFlops / infer / 1e9:F1} GFLOP/s = {fwdFlops / infer / 1e9 / peak * 100:F0}% of peak)");
            if (peer is null)
            {
                Console.WriteLine($"peer torch {size}: not run (train_peer.py not found; set AUGNET_PEERS_DIR)");
                continue;
            }
            if (torchTrain is null || torchInfer is null)
            {
                Console.WriteLine($"peer torch {size}: failed (see its output above)");
                continue;
            }
            Console.WriteLine($"peer torch train {size} (best): {torchTrain:F1} img/s, infer {torchInfer:F1} img/s");
            Console.WriteLine($"ratio vs torch train {size}: {trainImgs / torchTrain.Value:F2}");
            Console.WriteLine($"ratio vs torch infer {size}: {inferImgs / torchInfer.Value:F2}");
        }
        Console.WriteLine($"peak assumed: {assumption}");
        return 0;
    }

    /// <summary>
    /// `--augment-layers`: the book model with the second edition's augmentation block in front (RandomFlip("horizontal"),
    /// RandomRotation(0.1), RandomZoom(0.2)), one training step, and the block's own training-mode forward, next to the
    /// plain step.
    /// </summary>
    static void AugmentLayers(int size, Tensor x, Tensor y, int steps, int rounds, double plainTrain)
    {
        var block = new Layer[]
        {
            new AugNet.NN.Layers.Preprocessing.RandomFlip("horizontal", seed: 1, inputShape: [size, size, 3]),
            new AugNet.NN.Layers.Preprocessing.RandomRotation(0.1, seed: 2),
            new AugNet.NN.Layers.Preprocessing.RandomZoom(0.2, seed: 3),
        };
        var model = new Sequential(1);
        foreach (var l in block) model.Add(l);
        int[] filters = [32, 64, 128, 128];
        for (int b = 0; b < (size >= 100 ? 4 : 3); b++)
        {
            model.Add(new AugNet.NN.Layers.Conv2D(filters[b], 3, activation: "relu"));
            model.Add(new AugNet.NN.Layers.MaxPooling2D(2));
        }
        model.Add(new AugNet.NN.Layers.Flatten());
        model.Add(new AugNet.NN.Layers.Dropout(0.5));
        model.Add(new AugNet.NN.Layers.Dense(512, activation: "relu"));
        model.Add(new AugNet.NN.Layers.Dense(1, activation: "sigmoid"));
        model.Compile("rmsprop", "binary_crossentropy", "acc");
        double train = double.MaxValue, blockOnly = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            train = Math.Min(train, Median(steps, () => model.TrainOnBatch(x, y)));
            blockOnly = Math.Min(blockOnly, Median(steps, () =>
            {
                var t = x;
                foreach (var l in block) t = l.Forward(t, training: true);
            }));
        }
        int batch = x.Shape[0];
        var perLayer = new List<string>();
        var input = x;
        foreach (var l in block)
        {
            var layerInput = input;
            perLayer.Add($"{l.TypeName} {Median(steps, () => l.Forward(layerInput, training: true)) * 1e3 / batch:F3}");
            input = l.Forward(layerInput, training: true).Clone();
        }
        Console.WriteLine($"augnet augment layers {size}, ms per image: {string.Join(", ", perLayer)}");
        Console.WriteLine($"augnet train {size} + augment layers (flip horizontal, rotation 0.1, zoom 0.2): {batch / train:F1} img/s " +
            $"({train * 1e3:F0} ms/step vs {plainTrain * 1e3:F0} plain; the block alone {blockOnly * 1e3:F1} ms/batch = {blockOnly / plainTrain * 100:F0}% of the plain step)");
    }

    /// <summary>Multiply-add flops of one forward pass and of one training step (forward + both gradients, no input gradient for the first layer).</summary>
    static (double Forward, double Train) Flops(int size, int batch)
    {
        int blocks = size >= 100 ? 4 : 3;
        int[] filters = [32, 64, 128, 128];
        double fwd = 0, train = 0;
        int s = size, c = 3;
        for (int b = 0; b < blocks; b++)
        {
            int o = s - 2;
            double f = 2.0 * batch * o * o * filters[b] * 9 * c;
            fwd += f;
            train += b == 0 ? 2 * f : 3 * f;
            s = o / 2; c = filters[b];
        }
        double dense = 2.0 * batch * (s * s * c * 512 + 512);
        return (fwd + dense, train + 3 * dense);
    }

    static double Median(int steps, Action step)
    {
        step(); step();
        var t = new double[steps];
        for (int i = 0; i < steps; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            step();
            t[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        Array.Sort(t);
        return t[steps / 2];
    }
}
