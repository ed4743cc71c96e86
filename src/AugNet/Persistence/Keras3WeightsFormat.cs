using AugNet.NN;
using AugNet.NN.Layers;
using PureHDF;

namespace AugNet.Persistence;

/// <summary>
/// Keras 3's variable store: the <c>model.weights.h5</c> inside a .keras archive and the stand-alone
/// <c>*.weights.h5</c> of <c>save_weights</c> (spec §3.2). Each layer's variables are datasets "0", "1", … under
/// <c>layers/&lt;name&gt;/vars</c>, where the name is the snake-case class name made unique in model order
/// (conv2d, conv2d_1, …), not the layer's own name; the model's own (empty) <c>vars</c> group sits at the root.
/// </summary>
internal static class Keras3WeightsFormat
{
    public static H5File Write(Sequential model)
    {
        var layers = new H5Group();
        foreach (var (path, layer) in Paths(model))
        {
            var vars = new H5Group();
            for (int i = 0; i < layer.Parameters.Count; i++)
            {
                var p = layer.Parameters[i];
                vars[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new H5Dataset(p.Value.Data, fileDims: [.. p.Value.Shape.Select(d => (ulong)d)]);
            }
            layers[path] = new H5Group { ["vars"] = vars };
        }
        return new H5File { ["layers"] = layers, ["vars"] = new H5Group() };
    }

    /// <summary>The store path of every layer (InputLayer excluded, as Keras excludes it from model.layers).</summary>
    static IEnumerable<(string Path, Layer Layer)> Paths(Sequential model)
    {
        var seen = new Dictionary<string, int>();
        foreach (var layer in model.Layers.Where(l => l is not InputLayer))
        {
            int k = seen.GetValueOrDefault(layer.NamePrefix);
            seen[layer.NamePrefix] = k + 1;
            yield return (k == 0 ? layer.NamePrefix : $"{layer.NamePrefix}_{k}", layer);
        }
    }

    /// <summary>Reads every layer's variables and assigns them, after checking all counts and shapes first.</summary>
    public static void Load(IH5Group root, Sequential model)
    {
        if (!root.LinkExists("layers")) throw new InvalidDataException("no 'layers' group: this is not a Keras 3 weights file.");
        var layersGroup = root.Group("layers");
        var plan = new List<(Layer, List<(string, float[], int[])>)>();
        foreach (var (path, layer) in Paths(model))
        {
            var arrays = new List<(string, float[], int[])>();
            string vars = path + "/vars";
            // Keras's store returns nothing for a missing path, so weightless layers may have no group at all.
            if (layersGroup.LinkExists(vars))
            {
                var g = layersGroup.Group(vars);
                for (int i = 0; g.LinkExists(i.ToString(System.Globalization.CultureInfo.InvariantCulture)); i++)
                {
                    var (values, shape) = HdfRead.Floats(g.Dataset(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"layers/{vars}/{i}");
                    arrays.Add(($"layers/{vars}/{i}", values, shape));
                }
            }
            if (WeightAssignment.Mismatch(layer, arrays) is { } why) throw new InvalidDataException($"{why} (store path 'layers/{path}').");
            plan.Add((layer, arrays));
        }
        foreach (var (layer, arrays) in plan) WeightAssignment.Assign(layer, arrays);
    }
}
