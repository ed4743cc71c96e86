using System.Diagnostics;
using AugNet.Imaging;
using AugNet.NN;
using AugNet.Persistence;

namespace AugNet.Bench;

/// <summary>
/// `bench/run model-files [--reps R]`: save and load times of the book model (150×150, 3,453,121 parameters) as .h5,
/// .keras and .weights.h5, and its ONNX export, best of R; h5py's read of the same .h5 as the peer
/// (`ratio vs h5py read: R`, h5py time / AugNet load time); then the interop check: h5py + NumPy forward pass over the
/// written file against AugNet's predictions (tests/AugNet.Tests/Persistence/Fixtures/check_keras_h5.py).
/// </summary>
public static class ModelFileBench
{
    public static int Run(string[] args)
    {
        int reps = 5;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps": reps = int.Parse(args[++i]); break;
                default: Console.Error.WriteLine($"bench model-files: unknown option '{args[i]}'"); return 2;
            }
        }
        if (reps < 1) { Console.Error.WriteLine("bench model-files: --reps must be at least 1"); return 2; }
        var dir = Directory.CreateTempSubdirectory("augnet-bench-files-");
        try
        {
            var model = ModelZoo.BookConvnet(150, seed: 1);
            string h5 = Path.Combine(dir.FullName, "cats_and_dogs_small_2.h5");
            double loadH5 = 0;
            foreach (var (label, path) in new[] { ("h5", h5), ("keras", Path.Combine(dir.FullName, "m.keras")) })
            {
                double save = Best(reps, () => model.Save(path));
                double load = Best(reps, () => Sequential.Load(path));
                if (label == "h5") loadH5 = load;
                Console.WriteLine($"augnet {label}: save {save:F1} ms, load {load:F1} ms, {new FileInfo(path).Length / 1e6:F1} MB");
            }
            string weights = Path.Combine(dir.FullName, "m.weights.h5");
            Console.WriteLine($"augnet weights.h5: save {Best(reps, () => model.SaveWeights(weights)):F1} ms, load {Best(reps, () => model.LoadWeights(weights)):F1} ms");
            string onnx = Path.Combine(dir.FullName, "m.onnx");
            Console.WriteLine($"augnet onnx export: {Best(reps, () => model.ExportOnnx(onnx)):F1} ms, {new FileInfo(onnx).Length / 1e6:F1} MB");

            var peer = PeerRunner.Run("bench/peers/h5py_peer.py", h5, reps.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (peer is not null && peer.TryGetValue("h5py-read", out double h5py))
                Console.WriteLine($"ratio vs h5py read: {h5py / loadH5:F2} (AugNet's full load_model vs h5py reading the same arrays)");

            // Interop: Keras's reading rules in h5py and a NumPy forward pass must give AugNet's predictions.
            var r = new NumpyRandom(3u);
            var x = new Tensor(2, 150, 150, 3);
            for (int i = 0; i < x.Length; i++) x.Data[i] = (float)r.RandomSample();
            string xs = Path.Combine(dir.FullName, "x.npy"), ys = Path.Combine(dir.FullName, "y.npy");
            NpyArray.FromTensor(x).Save(xs);
            NpyArray.FromTensor(model.Predict(x)).Save(ys);
            PeerRunner.Run("tests/AugNet.Tests/Persistence/Fixtures/check_keras_h5.py", h5, xs, ys);
            return 0;
        }
        finally { dir.Delete(true); }
    }

    static double Best(int reps, Action action)
    {
        action();   // warm-up (JIT, page cache)
        double best = double.MaxValue;
        for (int i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }
        return best;
    }
}
