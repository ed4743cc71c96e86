using System.Text.Json.Nodes;
using AugNet.NN;
using AugNet.NN.Training;

namespace AugNet.Persistence;

/// <summary>
/// A model's compile settings ⇄ Keras's <c>training_config</c> (.h5) and <c>compile_config</c> (.keras). Writing uses
/// the portable optimizer config of spec §1.7 (plain class name, only the hyper-parameters both Keras 2 and 3 accept).
/// Reading accepts what Keras wrote: "Custom>RMSprop", "lr" for learning_rate, schedules (their initial rate), losses
/// and metrics as strings or class dicts, metrics nested per output.
/// </summary>
internal static class KerasCompileConfig
{
    public static JsonObject ToTrainingConfig(Sequential model) => new()
    {
        ["loss"] = LossConfig(model.Loss!),
        ["metrics"] = Metrics(model),
        ["weighted_metrics"] = null,
        ["loss_weights"] = null,
        ["optimizer_config"] = OptimizerConfig(model.Optimizer!, keras3: false),
    };

    public static JsonObject ToCompileConfig(Sequential model) => new()
    {
        ["optimizer"] = OptimizerConfig(model.Optimizer!, keras3: true),
        ["loss"] = LossConfig(model.Loss!),
        ["loss_weights"] = null,
        ["metrics"] = Metrics(model),
        ["weighted_metrics"] = null,
        ["run_eagerly"] = false,
        ["steps_per_execution"] = 1,
        ["jit_compile"] = false,
    };

    static JsonArray Metrics(Sequential model) => [.. model.MetricNames.Select(m => (JsonNode)m)];

    static JsonNode LossConfig(Loss loss) => loss.FromLogits
        ? new JsonObject { ["class_name"] = ClassName(loss), ["config"] = new JsonObject { ["name"] = loss.Name, ["from_logits"] = true } }
        : loss.Name;

    static string ClassName(Loss loss) => string.Concat(loss.Name.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    static JsonObject OptimizerConfig(Optimizer o, bool keras3)
    {
        var c = new JsonObject { ["name"] = keras3 ? o.Name.ToLowerInvariant() : o.Name, ["learning_rate"] = o.LearningRate };
        switch (o)
        {
            case RMSprop r: c["rho"] = r.Rho; c["momentum"] = 0.0; c["epsilon"] = r.Epsilon; c["centered"] = false; break;
            case Adam a: c["beta_1"] = a.Beta1; c["beta_2"] = a.Beta2; c["epsilon"] = a.Epsilon; c["amsgrad"] = false; break;
            case SGD s: c["momentum"] = s.Momentum; c["nesterov"] = s.Nesterov; break;
        }
        var entry = new JsonObject();
        if (keras3) entry["module"] = "keras.optimizers";
        entry["class_name"] = o.Name;
        entry["config"] = c;
        if (keras3) entry["registered_name"] = null;
        return entry;
    }

    /// <summary>
    /// Compiles <paramref name="model"/> from a training_config or compile_config. What AugNet cannot train with (an
    /// unknown loss or optimizer) leaves the model uncompiled with a warning: it still predicts, as Keras's
    /// <c>compile=False</c> would.
    /// </summary>
    public static void Apply(JsonObject config, Sequential model, ConfigReadContext context)
    {
        var optimizerNode = config["optimizer_config"] ?? config["optimizer"];
        Optimizer? optimizer = null;
        Loss? loss = null;
        try
        {
            optimizer = ReadOptimizer(optimizerNode);
            loss = ReadLoss(config["loss"]);
        }
        catch (NotSupportedException e)
        {
            context.Warnings.Add($"the model is loaded uncompiled: {e.Message}");
            return;
        }
        var metrics = new List<string>();
        CollectMetrics(config["metrics"], metrics, context);
        int width = model.OutputShape![^1];
        var usable = metrics.Where(m =>
        {
            try { Accuracy.Resolve(m, loss, width); return true; }
            catch (ArgumentException) { context.Warnings.Add($"metric '{m}' is not supported and was dropped."); return false; }
        }).Distinct().ToArray();
        model.Compile(optimizer, loss, usable);
    }

    static Optimizer ReadOptimizer(JsonNode? node)
    {
        if (node is null) throw new NotSupportedException("no optimizer in the training config");
        string cls;
        JsonObject c;
        if (node is JsonValue v && v.TryGetValue(out string? s)) { cls = s; c = []; }
        else if (node is JsonObject o) { cls = o["class_name"]?.GetValue<string>() ?? ""; c = o["config"] as JsonObject ?? []; }
        else throw new NotSupportedException($"optimizer {node.ToJsonString()} is not understood");
        // Keras 2.11–2.15 register their optimizers as "Custom>RMSprop".
        if (cls.Contains('>')) cls = cls[(cls.LastIndexOf('>') + 1)..];
        double lr = LearningRate(c);
        double Get(string key, double fallback) => c[key] is JsonValue x && x.TryGetValue(out double d) ? d : fallback;
        bool Flag(string key) => c[key] is JsonValue x && x.TryGetValue(out bool b) && b;
        switch (cls.ToLowerInvariant())
        {
            case "rmsprop":
                if (Flag("centered")) throw new NotSupportedException("RMSprop(centered=True) is not supported");
                if (Get("momentum", 0) != 0) throw new NotSupportedException("RMSprop with momentum is not supported");
                return new RMSprop(lr, Get("rho", 0.9), Get("epsilon", 1e-7));
            case "adam":
                if (Flag("amsgrad")) throw new NotSupportedException("Adam(amsgrad=True) is not supported");
                return new Adam(lr, Get("beta_1", 0.9), Get("beta_2", 0.999), Get("epsilon", 1e-7));
            case "sgd":
                return new SGD(lr, Get("momentum", 0), Flag("nesterov"));
            default:
                throw new NotSupportedException($"optimizer '{cls}' is not supported (RMSprop, Adam, SGD)");
        }
    }

    /// <summary>learning_rate, or the older "lr", or a schedule's initial_learning_rate.</summary>
    static double LearningRate(JsonObject c)
    {
        var n = c["learning_rate"] ?? c["lr"];
        if (n is JsonValue v && v.TryGetValue(out double d)) return d;
        if (n is JsonObject schedule && (schedule["config"] as JsonObject)?["initial_learning_rate"] is JsonValue iv && iv.TryGetValue(out double i)) return i;
        return 1e-3;
    }

    static Loss ReadLoss(JsonNode? node)
    {
        string? name = null;
        bool logits = false;
        switch (node)
        {
            case JsonValue v when v.TryGetValue(out string? s): name = s; break;
            case JsonObject o:
                var c = o["config"] as JsonObject;
                logits = c?["from_logits"] is JsonValue f && f.TryGetValue(out bool b) && b;
                name = Snake(o["class_name"]?.GetValue<string>() ?? "");
                break;
            case JsonArray { Count: 1 } a: return ReadLoss(a[0]);
            case JsonObject or JsonArray: break;
        }
        if (name is null) throw new NotSupportedException($"loss {node?.ToJsonString() ?? "null"} is not supported");
        try { return Loss.FromName(name, logits); }
        catch (ArgumentException) { throw new NotSupportedException($"loss '{name}' is not supported"); }
    }

    static string Snake(string className) => string.Concat(className.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    static void CollectMetrics(JsonNode? node, List<string> into, ConfigReadContext context)
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue(out string? s): into.Add(s); break;
            case JsonArray a: foreach (var x in a) CollectMetrics(x, into, context); break;
            case JsonObject o:
                // MeanMetricWrapper {"name": "acc", "fn": "binary_accuracy"}, or a metric class such as BinaryAccuracy.
                var c = o["config"] as JsonObject;
                string? fn = c?["fn"]?.GetValue<string>(), n = c?["name"]?.GetValue<string>();
                if (n is "acc" or "accuracy" || fn is null && n is not null) into.Add(n!);
                else if (fn is not null) into.Add(fn);
                break;
        }
    }
}
