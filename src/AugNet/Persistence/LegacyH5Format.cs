using System.Text.Json.Nodes;
using AugNet.NN;
using AugNet.NN.Layers;
using PureHDF;

namespace AugNet.Persistence;

/// <summary>
/// Keras 2's HDF5 files (spec §1, §4.3–4.4). A full model (<c>model.save("x.h5")</c>) has root attributes
/// keras_version, backend, model_config and training_config, and a group model_weights; a weights-only file
/// (<c>save_weights("x.h5")</c>) is that group's content at the root. Per layer: a group named after the layer with a
/// weight_names attribute and the datasets at the relative paths it lists ("conv2d/kernel:0"). No optimizer_weights.
/// </summary>
internal static class LegacyH5Format
{
    /// <summary>The Keras version whose dialect we write; 2.x and 3.x loaders accept it (spec §4.3).</summary>
    public const string KerasVersion = "2.15.0";
    public const string PreprocessingAttribute = "augnet_preprocessing";

    public static H5File FullModel(Sequential model, JsonObject? preprocessing)
    {
        var file = new H5File { ["model_weights"] = WeightGroup(model, new H5Group()) };
        file.Attributes["keras_version"] = KerasVersion;
        file.Attributes["backend"] = "tensorflow";
        file.Attributes["model_config"] = PythonJson.Serialize(KerasModelConfig.ToLegacy(model));
        if (model.Optimizer is not null && model.Loss is not null)
            file.Attributes["training_config"] = PythonJson.Serialize(KerasCompileConfig.ToTrainingConfig(model));
        if (preprocessing is not null) file.Attributes[PreprocessingAttribute] = PythonJson.Serialize(preprocessing);
        return file;
    }

    public static H5File WeightsOnly(Sequential model) => (H5File)WeightGroup(model, new H5File());

    /// <summary>Fills <paramref name="g"/> with layer_names, backend, keras_version and one group per layer.</summary>
    static H5Group WeightGroup(Sequential model, H5Group g)
    {
        var layers = model.Layers.Where(l => l is not InputLayer).ToList();
        g.Attributes["layer_names"] = layers.Select(l => l.Name).ToArray();
        g.Attributes["backend"] = "tensorflow";
        g.Attributes["keras_version"] = KerasVersion;
        foreach (var layer in layers)
        {
            var lg = new H5Group();
            var names = layer.Parameters.Select(p => $"{layer.Name}/{p.Name}:0").ToArray();
            lg.Attributes["weight_names"] = names.Length == 0 ? new H5Attribute(Array.Empty<string>(), dimensions: [0]) : names;
            if (names.Length > 0)
            {
                // H5Group keys cannot hold '/', so "conv2d/kernel:0" is the group "conv2d" with the dataset "kernel:0".
                var inner = new H5Group();
                foreach (var p in layer.Parameters)
                    inner[p.Name + ":0"] = new H5Dataset(p.Value.Data, fileDims: [.. p.Value.Shape.Select(d => (ulong)d)]);
                lg[layer.Name] = inner;
            }
            g[layer.Name] = lg;
        }
        g["top_level_model_weights"] = new H5Group { Attributes = { ["weight_names"] = new H5Attribute(Array.Empty<string>(), dimensions: [0]) } };
        return g;
    }

    /// <summary>Whether <paramref name="root"/> is a full-model file (it has a model_config attribute).</summary>
    public static bool IsFullModel(IH5Group root) => root.AttributeExists("model_config");

    /// <summary>The group holding layer_names: the root of a weights-only file, else model_weights (as Keras's load_weights decides).</summary>
    public static IH5Group WeightRoot(IH5Group root)
    {
        if (root.AttributeExists("layer_names") || root.AttributeExists("layer_names0")) return root;
        if (root.LinkExists("model_weights")) return root.Group("model_weights");
        throw new InvalidDataException("no layer_names attribute and no model_weights group: this is not a Keras weights file.");
    }

    /// <summary>Every listed layer's arrays, in weight_names order; layers without weights are left out.</summary>
    public static List<(string Layer, List<(string Name, float[] Values, int[] Shape)> Arrays)> ReadLayers(IH5Group weights)
    {
        var result = new List<(string, List<(string, float[], int[])>)>();
        var layerNames = HdfRead.Names(weights, "layer_names");
        if (layerNames.Count == 0 && !weights.AttributeExists("layer_names")) throw new InvalidDataException("the layer_names attribute is missing.");
        foreach (var name in layerNames)
        {
            var g = HdfRead.Group(weights, name, $"layer '{name}'");
            var weightNames = HdfRead.Names(g, "weight_names");
            if (weightNames.Count == 0) continue;
            var arrays = new List<(string, float[], int[])>();
            foreach (var wn in weightNames)
            {
                var (values, shape) = HdfRead.Floats(HdfRead.Dataset(g, wn, $"layer '{name}'"), $"layer '{name}' weight '{wn}'");
                arrays.Add((wn, values, shape));
            }
            result.Add((name, arrays));
        }
        return result;
    }

    /// <summary>
    /// Keras's load_weights for HDF5: by position among the layers that have weights (names ignored), or by name
    /// (model layers absent from the file are left as they are). <paramref name="skipMismatch"/> (by name only, as in
    /// Keras) skips a layer whose count or shapes differ, with a warning.
    /// </summary>
    public static void LoadWeights(IH5Group weights, Sequential model, bool byName, bool skipMismatch, Action<string> warn)
    {
        var fileLayers = ReadLayers(weights);
        if (!byName)
        {
            var withWeights = model.Layers.Where(l => l.Parameters.Count > 0).ToList();
            if (withWeights.Count != fileLayers.Count)
                throw new InvalidDataException($"layer count mismatch: the model has {withWeights.Count} layers with weights ({string.Join(", ", withWeights.Select(l => l.Name))}) but the file has {fileLayers.Count} ({string.Join(", ", fileLayers.Select(f => f.Layer))}).");
            // Check everything before changing anything, so a failed load leaves the model as it was.
            for (int i = 0; i < withWeights.Count; i++)
                if (WeightAssignment.Mismatch(withWeights[i], fileLayers[i].Arrays) is { } why) throw new InvalidDataException($"{why} (file layer '{fileLayers[i].Layer}').");
            for (int i = 0; i < withWeights.Count; i++) WeightAssignment.Assign(withWeights[i], fileLayers[i].Arrays);
            return;
        }
        var byLayerName = model.Layers.ToDictionary(l => l.Name);
        var plan = new List<(Layer, List<(string, float[], int[])>)>();
        foreach (var (name, arrays) in fileLayers)
        {
            if (!byLayerName.TryGetValue(name, out var layer)) continue;
            if (WeightAssignment.Mismatch(layer, arrays) is { } why)
            {
                if (!skipMismatch) throw new InvalidDataException(why + ".");
                warn($"skipping layer '{name}': {why}.");
                continue;
            }
            plan.Add((layer, arrays));
        }
        foreach (var (layer, arrays) in plan) WeightAssignment.Assign(layer, arrays);
    }
}
