using System.Text.Json.Nodes;
using AugNet.NN;
using AugNet.NN.Kernels;
using AugNet.NN.Layers;

namespace AugNet.Persistence;

/// <summary>
/// One layer ⇄ its Keras <c>get_config()</c> dictionary. Writing follows Keras 2.15's keys and order (spec §1.6), which
/// Keras 2.6–2.15 and Keras 3 all accept; reading accepts the dialects Keras wrote from 2.2 to 3.x (spec §1.8): lists or
/// ints for sizes, dtype strings or DTypePolicy dicts, activations as strings or function dicts. An option AugNet cannot
/// honour (channels_first, dilation, groups, center=False, …) is refused naming the layer and the option, so a file
/// never loads as a different model.
/// </summary>
internal static class KerasLayerConfig
{
    /// <summary>The layer's config in Keras 2.15's key order. <paramref name="batchInputShape"/> goes on the first layer.</summary>
    public static JsonObject ToConfig(Layer layer, ActivationFunction activation, int[]? batchInputShape)
    {
        var c = new JsonObject { ["name"] = layer.Name, ["trainable"] = true, ["dtype"] = "float32" };
        if (batchInputShape is not null) c["batch_input_shape"] = BatchShape(batchInputShape);
        switch (layer)
        {
            case Conv2D conv:
                c["filters"] = conv.Filters;
                c["kernel_size"] = Pair(conv.KernelSize);
                c["strides"] = Pair(conv.Strides);
                c["padding"] = PaddingName(conv.Padding);
                c["data_format"] = "channels_last";
                c["dilation_rate"] = Pair((1, 1));
                c["groups"] = 1;
                AddDenseLike(c, activation, conv.UseBias);
                break;
            case Pooling2D pool:
                c["pool_size"] = Pair(pool.PoolSize);
                c["padding"] = PaddingName(pool.Padding);
                c["strides"] = Pair(pool.Strides);
                c["data_format"] = "channels_last";
                break;
            case GlobalAveragePooling2D or GlobalMaxPooling2D:
                c["data_format"] = "channels_last";
                c["keepdims"] = false;
                break;
            case Flatten:
                c["data_format"] = "channels_last";
                break;
            case Dropout d:
                c["rate"] = d.Rate;
                c["noise_shape"] = null;
                c["seed"] = null;
                break;
            case Dense dense:
                c["units"] = dense.Units;
                AddDenseLike(c, activation, dense.UseBias);
                break;
            case BatchNormalization bn:
                c["axis"] = new JsonArray(layer.InputShape.Length);
                c["momentum"] = bn.Momentum;
                c["epsilon"] = bn.Epsilon;
                c["center"] = true;
                c["scale"] = true;
                c["beta_initializer"] = Initializer("Zeros");
                c["gamma_initializer"] = Initializer("Ones");
                c["moving_mean_initializer"] = Initializer("Zeros");
                c["moving_variance_initializer"] = Initializer("Ones");
                c["beta_regularizer"] = null;
                c["gamma_regularizer"] = null;
                c["beta_constraint"] = null;
                c["gamma_constraint"] = null;
                break;
            case Activation:
                c["activation"] = Activations.KerasName(activation);
                break;
            case Rescaling r:
                c["scale"] = r.Scale;
                c["offset"] = r.Offset;
                break;
            case AugNet.NN.Layers.Preprocessing.ImagePreprocessingLayer p:
                KerasPreprocessingLayerConfig.Write(p, c);
                break;
            default:
                throw new NotSupportedException($"Layer '{layer.Name}' ({layer.TypeName}) has no Keras config writer.");
        }
        return c;
    }

    /// <summary>The InputLayer entry Keras 2 puts first in a Sequential's layers (spec §1.6).</summary>
    public static JsonObject InputConfig(string name, int[] sampleShape) => new()
    {
        ["batch_input_shape"] = BatchShape(sampleShape),
        ["dtype"] = "float32",
        ["sparse"] = false,
        ["ragged"] = false,
        ["name"] = name,
    };

    static void AddDenseLike(JsonObject c, ActivationFunction activation, bool useBias)
    {
        c["activation"] = Activations.KerasName(activation);
        c["use_bias"] = useBias;
        c["kernel_initializer"] = Initializer("GlorotUniform", new JsonObject { ["seed"] = null });
        c["bias_initializer"] = Initializer("Zeros");
        c["kernel_regularizer"] = null;
        c["bias_regularizer"] = null;
        c["activity_regularizer"] = null;
        c["kernel_constraint"] = null;
        c["bias_constraint"] = null;
    }

    static JsonObject Initializer(string className, JsonObject? config = null) => new()
    {
        ["module"] = "keras.initializers",
        ["class_name"] = className,
        ["config"] = config ?? new JsonObject(),
        ["registered_name"] = null,
    };

    public static JsonArray BatchShape(int[] sampleShape)
    {
        var a = new JsonArray { null };
        foreach (int d in sampleShape) a.Add(d);
        return a;
    }

    static JsonArray Pair((int H, int W) p) => [p.H, p.W];

    static string PaddingName(Padding p) => p == Padding.Same ? "same" : "valid";

    /// <summary>Builds the layer a Keras class name and config describe; <paramref name="declaredInput"/> is the per-sample input it declares, if any.</summary>
    public static Layer FromConfig(string className, JsonObject config, int[]? declaredInput, ConfigReadContext context)
    {
        var r = new KerasConfigReader(className, config, context);
        r.RequireFloat32Dtype();
        string? name = r.Name;
        Layer layer = className switch
        {
            "Conv2D" or "Convolution2D" => ReadConv2D(r, name, declaredInput),
            "MaxPooling2D" or "MaxPool2D" => new MaxPooling2D(r.Pair("pool_size", (2, 2)), r.OptionalPair("strides"), ReadPadding(r), declaredInput, name),
            "AveragePooling2D" or "AvgPool2D" => new AveragePooling2D(r.Pair("pool_size", (2, 2)), r.OptionalPair("strides"), ReadPadding(r), declaredInput, name),
            "GlobalAveragePooling2D" or "GlobalAvgPool2D" => ReadGlobal(r, () => new GlobalAveragePooling2D(declaredInput, name)),
            "GlobalMaxPooling2D" or "GlobalMaxPool2D" => ReadGlobal(r, () => new GlobalMaxPooling2D(declaredInput, name)),
            "Flatten" => ReadFlatten(r, name, declaredInput),
            "Dense" => ReadDense(r, name, declaredInput),
            "Dropout" => ReadDropout(r, name, declaredInput),
            "BatchNormalization" => ReadBatchNormalization(r, name, declaredInput),
            "Activation" => new Activation(r.Activation("activation"), declaredInput, name),
            "Rescaling" => new Rescaling(r.Double("scale", 1), r.Double("offset", 0), declaredInput, name),
            _ when KerasPreprocessingLayerConfig.ClassNames.Contains(className) => KerasPreprocessingLayerConfig.Read(className, r, declaredInput, name),
            _ => throw new NotSupportedException($"layer '{name}': Keras layer class '{className}' is not supported (AugNet reads Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, GlobalMaxPooling2D, Flatten, Dense, Dropout, BatchNormalization, Activation, InputLayer, Rescaling, RandomFlip, RandomRotation, RandomZoom, RandomTranslation, RandomContrast, RandomBrightness, Resizing, CenterCrop, RandomCrop, RandomShear, RandomGrayscale, RandomHue, RandomSaturation, RandomColorJitter)."),
        };
        return layer;
    }

    static Layer ReadConv2D(KerasConfigReader r, string? name, int[]? input)
    {
        r.RequireChannelsLast();
        r.RequireValue("dilation_rate", (1, 1));
        r.RequireInt("groups", 1);
        r.NoteTrainingOnly("kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint");
        return new Conv2D(r.Int("filters"), r.Pair("kernel_size"), r.Pair("strides", (1, 1)), ReadPadding(r), r.Activation("activation"), r.Bool("use_bias", true), input, name);
    }

    static Layer ReadDense(KerasConfigReader r, string? name, int[]? input)
    {
        r.NoteTrainingOnly("kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint");
        if (r.Has("lora_rank") && r.Config["lora_rank"] is not null) throw r.Unsupported("lora_rank", "LoRA-adapted Dense layers are not supported");
        return new Dense(r.Int("units"), r.Activation("activation"), r.Bool("use_bias", true), input, name);
    }

    static Layer ReadDropout(KerasConfigReader r, string? name, int[]? input)
    {
        if (r.Has("noise_shape") && r.Config["noise_shape"] is not null) throw r.Unsupported("noise_shape", "only element-wise dropout (noise_shape None) is supported");
        return new Dropout(r.Double("rate"), input, name);
    }

    static Layer ReadFlatten(KerasConfigReader r, string? name, int[]? input)
    {
        r.RequireChannelsLast();
        return new Flatten(input, name);
    }

    static Layer ReadGlobal(KerasConfigReader r, Func<Layer> make)
    {
        r.RequireChannelsLast();
        if (r.Bool("keepdims", false)) throw r.Unsupported("keepdims", "keepdims=True is not supported");
        return make();
    }

    static Layer ReadBatchNormalization(KerasConfigReader r, string? name, int[]? input)
    {
        if (!r.Bool("center", true)) throw r.Unsupported("center", "center=False (no beta) is not supported");
        if (!r.Bool("scale", true)) throw r.Unsupported("scale", "scale=False (no gamma) is not supported");
        if (r.Bool("renorm", false)) throw r.Unsupported("renorm", "batch renormalization is not supported");
        if (r.Has("virtual_batch_size") && r.Config["virtual_batch_size"] is not null) throw r.Unsupported("virtual_batch_size", "ghost batch normalization is not supported");
        r.NoteTrainingOnly("beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint");
        var bn = new BatchNormalization(r.Double("momentum", 0.99), r.Double("epsilon", 1e-3), input, name);
        // The engine normalises the last axis; whether the file's axis is the last one is known once the input rank is.
        int axis = r.Axis();
        r.Context.AfterBuild.Add(() =>
        {
            int rank = bn.InputShape.Length + 1;
            if ((axis < 0 ? axis + rank : axis) != rank - 1) throw r.Unsupported("axis", $"axis {axis} of a rank-{rank} input is not the channels (last) axis");
        });
        return bn;
    }

    static Padding ReadPadding(KerasConfigReader r) => r.String("padding", "valid").ToLowerInvariant() switch
    {
        "valid" => Padding.Valid,
        "same" => Padding.Same,
        var p => throw r.Unsupported("padding", $"padding '{p}' is not supported (valid or same)"),
    };
}
