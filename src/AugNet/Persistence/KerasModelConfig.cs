using System.Text.Json.Nodes;
using AugNet.NN;
using AugNet.NN.Layers;

namespace AugNet.Persistence;

/// <summary>
/// A Sequential model ⇄ Keras's model config. Two dialects are written: Keras 2's legacy one for .h5 (layer dicts
/// without "module", InputLayer first with batch_input_shape; spec §1.6) and Keras 3's for .keras (module,
/// registered_name and build_config on each layer, batch_shape; spec §3.3). Reading takes either, Keras 2.0/2.1's bare
/// list of layers, and Functional models whose layers form one chain (spec §4.4).
/// </summary>
internal static class KerasModelConfig
{
    public static JsonObject ToLegacy(Sequential model)
    {
        var layers = new JsonArray();
        var (input, rest) = SplitInput(model);
        layers.Add(new JsonObject { ["class_name"] = "InputLayer", ["config"] = KerasLayerConfig.InputConfig(input, model.InputShape!) });
        for (int i = 0; i < rest.Count; i++)
        {
            // Keras 2 repeats batch_input_shape on the first real layer when the model was declared with input_shape.
            int[]? batchShape = i == 0 && model.Layers[0] is not InputLayer ? model.InputShape : null;
            layers.Add(new JsonObject { ["class_name"] = rest[i].TypeName, ["config"] = KerasLayerConfig.ToConfig(rest[i], Sequential.ActivationOf(rest[i]), batchShape) });
        }
        return new JsonObject { ["class_name"] = "Sequential", ["config"] = new JsonObject { ["name"] = model.Name, ["layers"] = layers } };
    }

    public static JsonObject ToKeras3(Sequential model)
    {
        var layers = new JsonArray();
        var (input, rest) = SplitInput(model);
        layers.Add(Keras3Entry("InputLayer", new JsonObject
        {
            ["batch_shape"] = KerasLayerConfig.BatchShape(model.InputShape!),
            ["dtype"] = "float32",
            ["sparse"] = false,
            ["name"] = input,
        }, null));
        foreach (var layer in rest)
        {
            var config = KerasLayerConfig.ToConfig(layer, Sequential.ActivationOf(layer), null);
            // Keras 3's BatchNormalization takes one int axis (int([3]) would fail).
            if (layer is BatchNormalization) config["axis"] = -1;
            bool built = layer.Parameters.Count > 0 || layer is Flatten;
            layers.Add(Keras3Entry(layer.TypeName, config, built ? layer.InputShape : null));
        }
        return new JsonObject
        {
            ["module"] = "keras",
            ["class_name"] = "Sequential",
            ["config"] = new JsonObject
            {
                ["name"] = model.Name,
                ["trainable"] = true,
                ["dtype"] = "float32",
                ["layers"] = layers,
            },
            ["registered_name"] = null,
            ["build_config"] = new JsonObject { ["input_shape"] = KerasLayerConfig.BatchShape(model.InputShape!) },
        };
    }

    static JsonObject Keras3Entry(string className, JsonObject config, int[]? builtInput)
    {
        var e = new JsonObject { ["module"] = "keras.layers", ["class_name"] = className, ["config"] = config, ["registered_name"] = null };
        if (builtInput is not null) e["build_config"] = new JsonObject { ["input_shape"] = KerasLayerConfig.BatchShape(builtInput) };
        return e;
    }

    /// <summary>The InputLayer's name (Keras names an automatic one after the first layer) and the other layers.</summary>
    static (string Input, List<Layer> Others) SplitInput(Sequential model)
    {
        if (!model.IsBuilt) throw new InvalidOperationException("Only a built model can be saved: declare an input shape or call Build first.");
        var layers = model.Layers.ToList();
        if (layers[0] is InputLayer il) return (il.Name, layers.Skip(1).ToList());
        return (layers[0].Name + "_input", layers);
    }

    /// <summary>
    /// Builds the model a config describes, uncompiled. Without <paramref name="initializeSeed"/> the random
    /// initialisers are skipped (a model file's weights will be loaded); with it the weights are initialised from that
    /// seed, as Keras's <c>model_from_json</c> does for a model to be trained from scratch.
    /// </summary>
    public static Sequential FromConfig(JsonNode root, ConfigReadContext context, uint? initializeSeed = null)
    {
        if (root is not JsonObject top) throw new InvalidDataException("the model config is not a JSON object.");
        string cls = top["class_name"]?.GetValue<string>() ?? throw new InvalidDataException("the model config has no class_name.");
        var config = top["config"];
        (string name, List<JsonObject> entries, JsonNode? buildShape) = cls switch
        {
            "Sequential" => SequentialEntries(config, top),
            "Functional" or "Model" => FunctionalChain(config),
            _ => throw new NotSupportedException($"model class '{cls}' is not supported (Sequential, or a Functional model whose layers form one chain)."),
        };
        var layers = new List<Layer>();
        int[]? modelInput = buildShape is null ? null : SampleShape(buildShape, "build_input_shape");
        foreach (var entry in entries)
        {
            string lcls = entry["class_name"]?.GetValue<string>() ?? throw new InvalidDataException("a layer entry has no class_name.");
            if (entry["config"] is not JsonObject lc) throw new InvalidDataException($"layer entry '{lcls}' has no config object.");
            if (lcls is "Sequential" or "Functional" or "Model")
                throw new NotSupportedException($"layer '{lc["name"]}': nested models ({lcls} inside a model) are not supported.");
            int[]? declared = DeclaredInput(lc);
            if (lcls == "InputLayer")
            {
                var shape = declared ?? throw new InvalidDataException($"InputLayer '{lc["name"]}' has no batch_input_shape, batch_shape or shape.");
                if (lc["sparse"]?.GetValue<bool>() == true || lc["ragged"]?.GetValue<bool>() == true)
                    throw new NotSupportedException($"layer '{lc["name"]}' (InputLayer): sparse or ragged inputs are not supported.");
                new KerasConfigReader(lcls, lc, context).RequireFloat32Dtype();
                if (layers.Count == 0) layers.Add(new InputLayer(shape, lc["name"]?.GetValue<string>()));
                modelInput ??= shape;
                continue;
            }
            // Only the first layer's declared shape is the model's input; later ones are checked by Build.
            var layer = KerasLayerConfig.FromConfig(lcls, lc, layers.Count == 0 ? declared : null, context);
            if (layers.Count == 0 && declared is not null) modelInput ??= declared;
            layers.Add(layer);
        }
        if (layers.Count == 0) throw new InvalidDataException("the model config has no layers.");
        if (modelInput is null) throw new NotSupportedException("the model config declares no input shape (no InputLayer, batch_input_shape or build_input_shape).");
        var model = new Sequential(layers, initializeSeed ?? 0, name);
        try { model.Build(modelInput, initializeWeights: initializeSeed is not null); }
        catch (ArgumentException e) { throw new InvalidDataException($"the layers do not fit together: {e.Message}", e); }
        foreach (var check in context.AfterBuild) check();
        return model;
    }

    static (string, List<JsonObject>, JsonNode?) SequentialEntries(JsonNode? config, JsonObject top)
    {
        // Keras 2.0/2.1 wrote the layer list itself as the config.
        if (config is JsonArray list) return ("sequential", Objects(list), null);
        if (config is not JsonObject c || c["layers"] is not JsonArray layers) throw new InvalidDataException("the Sequential config has no layers list.");
        var build = c["build_input_shape"] ?? (top["build_config"] as JsonObject)?["input_shape"];
        return (c["name"]?.GetValue<string>() ?? "sequential", Objects(layers), build);
    }

    static List<JsonObject> Objects(JsonArray a) =>
        [.. a.Select(n => n as JsonObject ?? throw new InvalidDataException("a layer entry is not a JSON object."))];

    /// <summary>
    /// The layers of a Functional model in call order, provided they form one chain: one input, one output, every
    /// layer called once on the previous layer's output. Keras 2 writes inbound nodes as [[["name", 0, 0, {}]]],
    /// Keras 3 as [{"args": [{"config": {"keras_history": ["name", 0, 0]}}]}].
    /// </summary>
    static (string, List<JsonObject>, JsonNode?) FunctionalChain(JsonNode? config)
    {
        if (config is not JsonObject c || c["layers"] is not JsonArray layers) throw new InvalidDataException("the Functional config has no layers list.");
        var byName = new Dictionary<string, JsonObject>();
        var next = new Dictionary<string, string>();
        string? start = null;
        foreach (var entry in Objects(layers))
        {
            string name = entry["name"]?.GetValue<string>() ?? (entry["config"] as JsonObject)?["name"]?.GetValue<string>()
                ?? throw new InvalidDataException("a Functional layer entry has no name.");
            byName[name] = entry;
            var nodes = entry["inbound_nodes"] as JsonArray ?? [];
            if (nodes.Count > 1) throw new NotSupportedException($"layer '{name}' is called {nodes.Count} times (shared layers are not supported).");
            var inbound = nodes.Count == 0 ? [] : InboundNames(nodes[0]).Distinct().ToList();
            if (inbound.Count > 1) throw new NotSupportedException($"layer '{name}' takes {inbound.Count} inputs ({string.Join(", ", inbound)}); only single-chain models are supported.");
            if (inbound.Count == 0) { start = start is null ? name : throw new NotSupportedException("the model has more than one input."); continue; }
            if (!next.TryAdd(inbound[0], name)) throw new NotSupportedException($"layer '{inbound[0]}' feeds more than one layer ('{next[inbound[0]]}', '{name}'); only single-chain models are supported.");
        }
        if (start is null) throw new InvalidDataException("the Functional model has no input layer.");
        var chain = new List<JsonObject>();
        for (string? at = start; at is not null; at = next.GetValueOrDefault(at))
            chain.Add(byName.TryGetValue(at, out var e) ? e : throw new InvalidDataException($"layer '{at}' is referenced but not defined."));
        if (chain.Count != byName.Count) throw new NotSupportedException("some layers are not on the chain from the input to the output; only single-chain models are supported.");
        return (c["name"]?.GetValue<string>() ?? "model", chain, null);
    }

    static IEnumerable<string> InboundNames(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["keras_history"] is JsonArray h && h.Count > 0 && h[0] is JsonValue hv && hv.TryGetValue(out string? hn)) { yield return hn; yield break; }
                foreach (var (_, v) in o) foreach (var n in InboundNames(v)) yield return n;
                break;
            case JsonArray a:
                // Keras 2: ["name", node_index, tensor_index, kwargs]
                if (a.Count >= 3 && a[0] is JsonValue v0 && v0.TryGetValue(out string? s) && a[1] is JsonValue v1 && v1.TryGetValue(out int _)) { yield return s; yield break; }
                foreach (var x in a) foreach (var n in InboundNames(x)) yield return n;
                break;
        }
    }

    /// <summary>The per-sample shape a layer config declares (batch_input_shape, batch_shape, input_shape or shape).</summary>
    static int[]? DeclaredInput(JsonObject config)
    {
        if (config["batch_input_shape"] is { } b) return SampleShape(b, "batch_input_shape");
        if (config["batch_shape"] is { } bs) return SampleShape(bs, "batch_shape");
        foreach (var key in new[] { "input_shape", "shape" })
            if (config[key] is JsonArray s) return SampleShape(new JsonArray([null, .. s.Select(x => x?.DeepClone())]), key);
        return null;
    }

    static int[] SampleShape(JsonNode node, string key)
    {
        if (node is not JsonArray a || a.Count < 2) throw new InvalidDataException($"{key} {node.ToJsonString()} is not a batch shape [None, ...].");
        var dims = new int[a.Count - 1];
        for (int i = 1; i < a.Count; i++)
        {
            if (a[i] is not JsonValue v || !v.TryGetValue(out int d))
                throw new NotSupportedException($"{key} {node.ToJsonString()} has an unknown dimension; AugNet needs a fixed input size.");
            dims[i - 1] = d > 0 ? d : throw new InvalidDataException($"{key} {node.ToJsonString()} has a non-positive dimension.");
        }
        return dims;
    }
}
